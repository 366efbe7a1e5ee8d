"""The routes a demo case takes through the status table (opora.cases.enums.TRANSITIONS).

Each step is one call of a domain function and writes exactly one StatusChange row; `gap` is the
usual number of days since the previous step, used to spread the history over the past months.
"""

from dataclasses import dataclass

from opora.cases.enums import CaseStatus as S


@dataclass(frozen=True)
class Step:
    action: str  # accept, status, close, waitlist, remove, refuse, reopen
    to_status: str
    gap: tuple[int, int]
    note: str = ""


ACCEPT = Step("accept", S.ASSESSMENT, (2, 7))
PLAN = Step(
    "status", S.PLANNING, (12, 20), "Изготвена е индивидуална оценка на потребностите (ИОП)."
)
CONTRACT = Step("status", S.CONTRACTING, (3, 8), "Утвърден е индивидуален план за подкрепа (ИПП).")
ACTIVATE = Step("status", S.ACTIVE, (2, 6), "Сключен е договор за ползване на услугата.")
REVIEW = Step("status", S.UNDER_REVIEW, (150, 185), "Планов преглед на изпълнението на ИПП.")
RESUME = Step(
    "status", S.ACTIVE, (5, 12), "Прегледът приключи; ИПП е актуализиран за следващия период."
)
SUSPEND = Step(
    "status", S.SUSPENDED, (20, 90),
    "Временно преустановяване по молба на родителя: "
    "семейството отсъства от общината за два месеца.",
)  # fmt: skip
START_CLOSING = Step(
    "status",
    S.CLOSING,
    (40, 150),
    "Целите по ИПП са постигнати в голяма степен; подготовка за приключване.",
)
CLOSE = Step("close", S.CLOSED, (7, 20))
CLOSE_EARLY = Step("close", S.CLOSED, (5, 15))
FOLLOW_UP = Step("status", S.FOLLOW_UP, (1, 3), "Проследяване след приключване на случая.")
ARCHIVE = Step("status", S.ARCHIVED, (60, 120), "Досието е предадено в архива на центъра.")
WAIT = Step(
    "waitlist", S.WAITLISTED, (0, 2), "Няма свободно място; семейството е съгласно да изчака."
)
LEAVE_LIST = Step("remove", S.CLOSED, (10, 40), "Семейството се премести в друга община.")
REFUSE = Step("refuse", S.REFUSED, (2, 8))
REOPEN = Step("reopen", S.ASSESSMENT, (30, 90), "Ново насочване от ОЗД; случаят се отваря отново.")

_WORKING = (ACCEPT, PLAN, CONTRACT, ACTIVATE)

PATHS: dict[str, tuple[Step, ...]] = {
    "intake": (),
    "waitlisted": (WAIT,),
    "assessment": (ACCEPT,),
    "planning": (ACCEPT, PLAN),
    "contracting": (ACCEPT, PLAN, CONTRACT),
    "active": _WORKING,
    "active_from_waitlist": (WAIT, *_WORKING),
    "active_after_review": (*_WORKING, REVIEW, RESUME),
    "under_review": (*_WORKING, REVIEW),
    "suspended": (*_WORKING, SUSPEND),
    "closing": (*_WORKING, START_CLOSING),
    "closed": (*_WORKING, START_CLOSING, CLOSE),
    "closed_early": (ACCEPT, CLOSE_EARLY),
    "follow_up": (*_WORKING, START_CLOSING, CLOSE, FOLLOW_UP),
    "archived": (*_WORKING, START_CLOSING, CLOSE, ARCHIVE),
    "reopened": (*_WORKING, CLOSE, REOPEN),
    "refused": (REFUSE,),
    "refused_after_assessment": (ACCEPT, REFUSE),
    "refused_archived": (REFUSE, ARCHIVE),
    "left_waiting_list": (WAIT, LEAVE_LIST),
}


def statuses_of(path: str) -> list[str]:
    """Every status the case passes through, starting with „Входящ“."""
    return [S.INTAKE, *(step.to_status for step in PATHS[path])]
