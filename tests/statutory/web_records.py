"""The statutory routes for the web tests (tests/web): pages, the writes the manager makes, who
opens what. The writes need no record of the world: the period is in the query or the form."""

from django.utils import timezone

STATUTORY_PAGES = frozenset(
    {
        "statutory:index",
        "statutory:occupancy",
        "statutory:occupancy_pdf",
        "statutory:occupancy_export",
        "statutory:asp",
        "statutory:asp_export",
        "statutory:annual_docx",
        "statutory:annual_pdf",
        "statutory:snapshots",
        "statutory:download",
    }
)


def _annual_submission(_world) -> dict:
    return {
        "year": str(timezone.localdate().year - 1),
        "results_text": "Подкрепени 40 деца и семействата им.",
        "quality_programme_text": "Обучения на екипа по програмата.",
        "monitoring_text": "Две вътрешни проверки, без нарушения.",
        "action": "submit",
    }


# name -> (data(world), query): each one succeeds (302) for the centre's manager.
STATUTORY_WRITES = {
    "statutory:occupancy_submit": (lambda w: {"submitted_to": "Община Харманли"}, ""),
    "statutory:asp_submit": (lambda w: {"submitted_to": "ИИС на АСП"}, ""),
    "statutory:annual": (_annual_submission, ""),
}
STATUTORY_POST_ONLY = frozenset({"statutory:occupancy_submit", "statutory:asp_submit"})
# The accountant opens the occupancy statement (no names) and its XLSX; the PDF to sign, the ASP
# data and the annual report are the manager's.
STATUTORY_ACCOUNTANT_PAGES = frozenset(
    {
        "statutory:index",
        "statutory:occupancy",
        "statutory:occupancy_export",
        "statutory:snapshots",
        "statutory:download",
    }
)
# Case workers other than the manager have no statutory page at all.
STATUTORY_MANAGER_PAGES = STATUTORY_PAGES | {"statutory:annual"}
STATUTORY_MANAGER_WRITES = frozenset(STATUTORY_WRITES)
