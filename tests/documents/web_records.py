"""The document routes for tests/web/routes.py: the register, the layouts and one page per kind
(`documents:<code>`, whatever helper wrote the kind), keyed by the kind's subject."""

from opora.documents.kinds.base import REGISTRY

# Every kind's page (GET preview, POST issue → the file), the register, the list of layouts.
DOCUMENT_PAGES = frozenset(
    {
        "documents:register",
        "documents:layouts",
        *(f"documents:{code}" for code in REGISTRY),
    }
)
# The manager's layout of the acknowledgement, saved (a POST that redirects).
DOCUMENT_WRITES = {
    "documents:edit_layout": (
        lambda w: {"action": "save", "body": "<h1>{{ title }}</h1><p>{{ case_number }}</p>"},
        "kind=acknowledgement",
    ),
}
# Subject keywords of the kinds that no other route uses.
DOCUMENT_OBJECT_KWARGS = frozenset({"referral_id", "assessment_id", "annex_id"})
