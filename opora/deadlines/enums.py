from django.db import models


class DeadlineKind(models.TextChoices):
    """Deadlines the system carries for the staff (domain-bg.md §11)."""

    ASSESSMENT = "assessment", "ИОП и ИПП"
    PLAN_APPROVAL = "plan_approval", "Одобряване на ИПП"
    CONTRACT = "contract", "Подписване на договор"
    PLAN_REVIEW = "plan_review", "Преглед на ИПП"
    GENERAL_ACCESS_LIMIT = "general_limit", "Край на общодостъпната услуга (2 месеца)"
    INFO_REQUEST = "info_request", "Отговор на искане за информация"
    REFERRER_REPORT = "referrer_report", "Доклад до насочващия орган"
    CONTRACT_END = "contract_end", "Изтичане на договора"
    CLOSURE_APPROVAL = "closure_approval", "Одобряване на приключването"
    FOLLOW_UP = "follow_up", "Проследяване след приключване"
    NOTIFY = "notify", "Уведомяване"
    # Foster care and adoption (opora.fostering): deadlines of a candidate or an adopter family.
    CANDIDATE_ASSESSMENT = (
        "candidate_assessment",
        "Край на оценката на кандидат за приемно семейство",
    )
    PLACEMENT_REVIEW = "placement_review", "Преглед на дългосрочно настаняване"
    ADOPTER_FOLLOW_UP = "adopter_follow_up", "Подкрепа след осиновяване"


# Deadlines that wait for the centre's manager: created with no responsible user, they belong to
# every manager of the centre rather than to the case manager.
APPROVAL_KINDS = frozenset({DeadlineKind.PLAN_APPROVAL, DeadlineKind.CLOSURE_APPROVAL})
