from django.db import models


class ExportKind(models.TextChoices):
    CASE_LIST = "case_list", "Списък на случаите"
    PERSON_DATA = "person_data", "Справка за лични данни (GDPR)"
    STATISTICS = "statistics", "Статистически отчет"
    STATUTORY = "statutory", "Отчет към институция"


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", "Excel (XLSX), защитен с парола"
    CSV = "csv", "CSV в ZIP архив, защитен с парола"
    PDF = "pdf", "PDF в ZIP архив, защитен с парола"


class RecordType(models.TextChoices):
    """What a retention period is set for; the years are counted from the closure."""

    CLOSED_CASES = "closed_cases", "Приключени случаи с цялото им съдържание"
    REFUSED_REFERRALS = "refused_referrals", "Отказани или оттеглени насочвания"
    GENERAL_CONSULTATIONS = "general_consultations", "Общодостъпни консултации"
    AUDIT_ENTRIES = "audit_entries", "Записи в одита (само отчет, не се изтриват)"


# No act fixes these periods (domain-bg.md §12: „NOT FOUND [?]“); the centre sets its own from its
# file plan (номенклатура на делата със срокове за съхранение, Закон за Националния архивен фонд).
DEFAULT_YEARS = {
    RecordType.CLOSED_CASES: 10,
    RecordType.REFUSED_REFERRALS: 3,
    RecordType.GENERAL_CONSULTATIONS: 3,
    RecordType.AUDIT_ENTRIES: 10,
}
MAX_YEARS = 100

# The record types whose content the retention run erases; the audit is only reported.
ERASABLE_TYPES = (
    RecordType.CLOSED_CASES,
    RecordType.REFUSED_REFERRALS,
    RecordType.GENERAL_CONSULTATIONS,
)
