"""What happens to each demo case, centre by centre, in the order the cases were registered.

Stories run in that order, each to its end: the closed cases free their places, the centre fills
up, and only then does the waiting list form (accepting a case while others wait would break the
order of the list, ЗСУ чл. 79).

The cases still in assessment or planning were registered recently enough for the 20-day term of
the ИОП and ИПП to be running; the few deadlines overdue on purpose are named with `late`.
General-access consultations (paths starting with "general") hold no place and need no referral.
"""

from dataclasses import dataclass

from opora.cases.enums import ClosureReason as CR
from opora.cases.enums import RefusalGround, Urgency
from opora.deadlines.enums import DeadlineKind as DK
from opora.referrals.enums import SourceType as Src


@dataclass(frozen=True)
class Story:
    path: str
    days_ago: float
    pattern: str | None = None
    source: str | None = None
    urgency: str = ""
    closure: str = CR.GOALS_ACHIEVED
    closure_note: str = ""
    refusal: tuple[str, str] = ("", "")
    # Deadlines the team lets slip on this case (the overdue ones a real centre always has).
    late: tuple[str, ...] = ()
    # Where the latest plan version stands: "" (as the status implies), "submitted" (waiting for
    # the manager), "returned" (sent back once before it was approved).
    plan: str = ""


NOT_OFFERED = (
    RefusalGround.NOT_OFFERED,
    "Семейството търси дневна грижа за детето, каквато ЦОП не предоставя; "
    "насочено е към Д „СП“ за информация за подходяща услуга в общината.",
)
NEEDS_NOT_MET = (
    RefusalGround.NEEDS_NOT_MET,
    "Оценката показа нужда от специализирана рехабилитация, която екипът на центъра не може да "
    "осигури; предложено е насочване към център за социална рехабилитация и интеграция.",
)


HARMANLI = (
    Story("closed", 310, closure=CR.GOALS_ACHIEVED),
    Story("archived", 300, closure=CR.GOALS_ACHIEVED),
    Story("closed", 280, closure=CR.REINTEGRATION, source=Src.OZD),
    Story("reopened", 260, closure=CR.CONTRACT_EXPIRED),
    Story("active_after_review", 250),
    Story("follow_up", 240, closure=CR.GOALS_ACHIEVED),
    Story("under_review", 230, pattern="disability"),
    Story("closed_early", 220, closure=CR.WITHDRAWN),
    Story("under_review", 215),
    Story("closed", 200, closure=CR.MOVED),
    Story("under_review", 195),
    Story("active", 190, pattern="adoption_candidates", source=Src.OZD),
    Story("closing", 180),
    Story("closed", 170, pattern="teenager", source=Src.MKBPPMN, closure=CR.TURNED_18),
    Story("closing", 160, pattern="grandmother"),
    Story("refused", 150, source=Src.SELF_ADULT, refusal=NOT_OFFERED),
    Story("suspended", 150),
    Story("left_waiting_list", 140),
    Story("closing", 140, pattern="teenager", source=Src.DPS),
    Story("active", 130, pattern="disability", source=Src.GP),
    Story("closing", 125),
    Story("closed_early", 120, closure=CR.LOST_CONTACT),
    Story("suspended", 110, pattern="single_mother"),
    Story("active", 100, source=Src.SCHOOL, late=(DK.PLAN_REVIEW,)),
    Story("active", 90, pattern="asylum", source=Src.OZD),
    Story("active_from_waitlist", 85),
    Story("active", 75, pattern="teenager", source=Src.MKBPPMN),
    Story("active_from_waitlist", 70, pattern="single_mother"),
    Story("active", 60, source=Src.DPS, urgency=Urgency.VIOLENCE),
    Story("general_closed", 95, pattern="single_mother"),
    Story("general_open", 52, pattern="family"),
    Story("contracting", 31),
    Story("contracting", 29, pattern="foster_candidates", source=Src.OZD, plan="returned"),
    Story("contracting", 27),
    Story("assessment", 20, pattern="asylum", source=Src.NGO),
    Story("general_open", 20, pattern="teenager"),
    Story("planning", 19.5, source=Src.KINDERGARTEN, plan="submitted"),
    Story("assessment", 19, pattern="pregnant", source=Src.HOSPITAL, late=(DK.INFO_REQUEST,)),
    Story("planning", 19),
    Story("planning", 18.5, pattern="teenager", source=Src.SCHOOL),
    Story("planning", 18, source=Src.COURT),
    Story("assessment", 17.5),
    Story("assessment", 17, pattern="single_mother", source=Src.HOTLINE),
    Story("waitlisted", 16),
    Story("waitlisted", 11, pattern="disability"),
    Story("waitlisted", 7, source=Src.OZD, urgency=Urgency.CRISIS),
    Story("waitlisted", 4, pattern="single_mother", source=Src.MUNICIPALITY),
    Story("intake", 1.2, pattern="teenager", source=Src.SCHOOL),
    Story("intake", 0.2, pattern="teenager", source=Src.SELF_CHILD),
)  # fmt: skip

DRAGOMAN = (
    Story("closed", 280, pattern="foster_child", closure=CR.FOSTER),
    Story("under_review", 240),
    Story("follow_up", 230, closure=CR.REINTEGRATION),
    Story("under_review", 210, pattern="foster_child"),
    Story("refused_archived", 200, source=Src.SELF_ADULT, refusal=NOT_OFFERED),
    Story("active", 200, pattern="foster_candidates", source=Src.OZD),
    Story("active", 170, pattern="family"),
    Story("closing", 160, pattern="teenager", source=Src.MKBPPMN),
    Story("closed_early", 150, closure=CR.OTHER,
          closure_note="Семейството започна да ползва услуга в София по местоработата на майката."),
    Story("suspended", 140),
    Story("active", 130, pattern="care_leaver", source=Src.RESIDENTIAL),
    Story("closed", 120, closure=CR.REFERRED_ON),
    Story("active", 95, pattern="adoption_candidates"),
    Story("refused_after_assessment", 90, pattern="disability", refusal=NEEDS_NOT_MET),
    Story("active", 80),
    Story("active", 65, pattern="teenager", source=Src.SCHOOL),
    Story("general_open", 40, pattern="single_mother"),
    Story("contracting", 30),
    Story("planning", 23, pattern="grandmother", late=(DK.ASSESSMENT,)),
    Story("planning", 13, source=Src.KINDERGARTEN),
    Story("assessment", 13, pattern="foster_candidates", source=Src.OZD),
    Story("general_open", 10, pattern="teenager"),
    Story("assessment", 9, pattern="care_leaver", source=Src.OTHER_PROVIDER),
    Story("intake", 2, pattern="pregnant", source=Src.HOSPITAL),
    Story("intake", 0.5, source=Src.OZD, urgency=Urgency.VIOLENCE),
)  # fmt: skip
