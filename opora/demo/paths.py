"""The routes a demo case takes through the status table (opora.cases.enums.TRANSITIONS).

Each step is one piece of casework that moves the case on (the ИОП completed, the plan approved,
the contract signed …). `gap` is the usual number of days since the previous step, used to spread
the history over the past months; `lands` pins a story's last step to so many days before today,
for work that is under way now (a review in progress, a closure waiting for the manager).
"""

from dataclasses import dataclass, replace

from opora.cases.enums import CaseStatus as S


@dataclass(frozen=True)
class Step:
    action: str  # see opora.demo.casework.STEP_ACTIONS
    to_status: str
    gap: tuple[float, float]
    note: str = ""
    lands: tuple[float, float] | None = None


ACCEPT = Step("accept", S.ASSESSMENT, (1, 4))
# The legal term for the ИОП and the ИПП together is 20 days from the wish to use the service.
PLAN = Step(
    "assess", S.PLANNING, (7, 11), "Изготвена е индивидуална оценка на потребностите (ИОП)."
)
CONTRACT = Step("approve_plan", S.CONTRACTING, (2, 5), "Утвърден е индивидуален план (ИПП).")
ACTIVATE = Step("sign", S.ACTIVE, (2, 6), "Сключен е договор за ползване на услугата.")
# A review at about six months, completed a week or so later with an updated plan.
REVIEW = Step("review", S.UNDER_REVIEW, (140, 160), "Планов преглед на изпълнението на ИПП.")
RESUME = Step(
    "resume", S.ACTIVE, (3, 7), "Прегледът приключи; ИПП е актуализиран за следващия период."
)
# An extraordinary review that is still going on.
REVIEWING = replace(REVIEW, gap=(150, 185), lands=(1, 7), note="Извънреден преглед на ИПП.")
SUSPEND = Step(
    "suspend", S.SUSPENDED, (20, 90),
    "Временно преустановяване по молба на родителя: "
    "семейството отсъства от общината за два месеца.",
    lands=(12, 40),
)  # fmt: skip
START_CLOSING = Step(
    "propose",
    S.CLOSING,
    (40, 150),
    "Целите по ИПП са постигнати в голяма степен; подготовка за приключване.",
)
# A proposal the manager has not decided yet (3 working days to do so).
PROPOSING = replace(START_CLOSING, lands=(0.2, 3))
CLOSE = Step("approve_closure", S.CLOSED, (1, 3))
# Proposed and approved together: a family that withdrew, a contract that ran out.
CLOSE_EARLY = Step("close", S.CLOSED, (5, 15))
CLOSE_AT_CONTRACT_END = Step("close", S.CLOSED, (170, 178))
FOLLOW_UP = Step("follow_up", S.FOLLOW_UP, (1, 3), "Проследяване след приключване на случая.")
ARCHIVE = Step("archive", S.ARCHIVED, (60, 120), "Досието е предадено в архива на центъра.")
WAIT = Step(
    "waitlist", S.WAITLISTED, (0, 2), "Няма свободно място; семейството е съгласно да изчака."
)
LEAVE_LIST = Step("remove", S.CLOSED, (10, 40), "Семейството се премести в друга община.")
REFUSE = Step("refuse", S.REFUSED, (2, 8))
REOPEN = Step(
    "reopen", S.ASSESSMENT, (30, 90), "Ново насочване от ОЗД; случаят се отваря отново.",
    lands=(4, 9),
)  # fmt: skip

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
    "under_review": (*_WORKING, REVIEWING),
    "suspended": (*_WORKING, SUSPEND),
    "closing": (*_WORKING, PROPOSING),
    "closed": (*_WORKING, START_CLOSING, CLOSE),
    "closed_early": (ACCEPT, CLOSE_EARLY),
    "follow_up": (*_WORKING, START_CLOSING, CLOSE, FOLLOW_UP),
    "archived": (*_WORKING, START_CLOSING, CLOSE, ARCHIVE),
    "reopened": (*_WORKING, CLOSE_AT_CONTRACT_END, REOPEN),
    "refused": (REFUSE,),
    "refused_after_assessment": (ACCEPT, REFUSE),
    "refused_archived": (REFUSE, ARCHIVE),
    "left_waiting_list": (WAIT, LEAVE_LIST),
}


def statuses_of(path: str) -> list[str]:
    """Every status the case passes through, starting with „Входящ“."""
    return [S.INTAKE, *(step.to_status for step in PATHS[path])]
