"""The reporting routes for the web tests (tests/web): pages, the writes the manager makes, who
opens what. No record of the world is needed: the period is in the form."""

from django.utils import timezone


def _period(_world) -> dict:
    year = timezone.localdate().year
    return {"start": f"01.01.{year}", "end": f"31.12.{year}"}


# The export is a page (its form); its POST answers with the password page, not a redirect.
REPORTING_PAGES = frozenset(
    {"reporting:statistics", "reporting:snapshots", "reporting:download", "reporting:export"}
)
# name -> (data(world), query): each one succeeds (302) for the centre's manager.
REPORTING_WRITES = {
    "reporting:take": (lambda w: {**_period(w), "submitted_to": "Община Харманли"}, ""),
}
REPORTING_POST_ONLY = frozenset({"reporting:take"})
# The manager and the accountant: figures without names; the manager submits them.
REPORTING_ACCOUNTANT_PAGES = REPORTING_PAGES
REPORTING_MANAGER_PAGES = REPORTING_PAGES
REPORTING_MANAGER_WRITES = frozenset(REPORTING_WRITES)
