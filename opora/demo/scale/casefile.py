"""All the rows of one generated case, from the referral to the last deadline.

What exists follows the statuses the case went through: an ИОП once it was accepted, an ИПП once
assessed, a signed contract once active, a review for each review step, a closure proposal for
each closing, and the deadlines still open for its present status.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from random import Random

from django.utils import timezone

from opora.assessments.enums import AssessmentStatus
from opora.cases.enums import CasePersonRole, ClosureReason, RefusalGround, Track
from opora.cases.enums import CaseStatus as S
from opora.centres.enums import Service, TargetGroup
from opora.closure.enums import ProposalStatus
from opora.deadlines.enums import DeadlineKind
from opora.demo.scale.families import PersonRow
from opora.demo.scale.stories import Story
from opora.plans.enums import ContractStatus, DurationClass, PlanEventKind, PlanStatus, Setting
from opora.plans.enums import SignatoryCapacity as Cap
from opora.referrals.enums import SourceType
from opora.reviews.enums import ReviewKind, ReviewStatus

UNDER_CONTRACT = frozenset({S.ACTIVE, S.UNDER_REVIEW, S.SUSPENDED, S.CLOSING})
SPECIALISED_SERVICES = sorted(set(Service.values) - Service.general_access())
GENERAL_SERVICES = sorted(Service.general_access())
GOALS = (
    ("Стабилни грижи в семейството", "Родителите прилагат нови умения в грижата за детето."),
    ("Редовно посещение на училище", "Детето посещава училище без неизвинени отсъствия."),
    ("Справяне с емоциите", "Детето назовава чувствата си и намира начин да се успокои."),
    ("Подкрепа за родителите", "Родителите познават правата си и ползват услугите в общината."),
    ("Безопасна среда у дома", "Няма нови сигнали за насилие; семейството има план за безопасност."),
    ("Умения за самостоятелен живот", "Младежът управлява бюджета си и търси работа."),
)  # fmt: skip
ACTIVITIES = (
    ("Индивидуални психологически консултации", "веднъж седмично"),
    ("Семейни консултации", "два пъти месечно"),
    ("Посещения в дома", "веднъж месечно"),
    ("Група за родители", "веднъж седмично"),
    ("Среща с класния ръководител", "веднъж на тримесечие"),
)
CLOSING_REASONS = (ClosureReason.GOALS_ACHIEVED,) * 5 + (
    ClosureReason.CONTRACT_EXPIRED, ClosureReason.WITHDRAWN, ClosureReason.MOVED,
    ClosureReason.REINTEGRATION, ClosureReason.REFERRED_ON,
)  # fmt: skip
EARLY_REASONS = (ClosureReason.WITHDRAWN, ClosureReason.MOVED, ClosureReason.LOST_CONTACT)
SOURCES = (SourceType.OZD,) * 6 + (
    SourceType.SCHOOL, SourceType.SELF_ADULT, SourceType.MUNICIPALITY, SourceType.DPS,
    SourceType.HOSPITAL, SourceType.GP, SourceType.NGO, SourceType.MKBPPMN,
)  # fmt: skip
INSTITUTION = {
    SourceType.OZD: "Отдел „Закрила на детето“ – ДСП {town}",
    SourceType.SCHOOL: "СУ „Христо Ботев“, {town}",
    SourceType.MUNICIPALITY: "Община {town}",
    SourceType.DPS: "Детска педагогическа стая – РУ {town}",
    SourceType.HOSPITAL: "МБАЛ {town}",
    SourceType.MKBPPMN: "МКБППМН – община {town}",
}


@dataclass
class Staff:
    id: int
    username: str
    name: str

    @property
    def audit_name(self) -> str:
        return f"{self.name} ({self.username})"


@dataclass
class SessionPlan:
    """What the session generator needs to know of a case."""

    case_id: int
    primary_link: int
    leads: list[int]
    windows: list[
        tuple[date, date, str]
    ]  # (from, to, phase): "assessment", "contract", "general", "follow_up"
    goals: list[tuple[int, str]] = field(default_factory=list)
    weight: float = 0.0


class CaseFile:
    """Writes one case's rows through `emit(table_name, row)`; ids come from `ids`."""

    def __init__(self, ctx, story: Story, people: list[PersonRow], case_id: int, number: str):
        self.ctx, self.story, self.people = ctx, story, people
        self.case_id, self.number = case_id, number
        self.rng: Random = ctx.rng
        self.lead: Staff | None = None
        self.plan_id: int | None = None
        self.goals: list[tuple[int, str]] = []
        self.contract = None  # (id, start, end, terminated_on)
        self.second: Staff | None = None
        self.proposal_id: int | None = None
        self.closure_reason = ""

    # ------------------------------------------------------------------ case and people
    def write(self) -> SessionPlan | None:
        story, ctx = self.story, self.ctx
        accepted = story.general or S.ASSESSMENT in story.statuses
        self.lead = self.rng.choice(ctx.specialists) if accepted else None
        self._case_row()
        links = self._people()
        self._groups_and_services()
        self._history()
        if not story.general:
            self._referral()
            self._waiting()
            self._assessments()
            self._plans()
            self._contract()
            self._reviews()
            self._closure()
        self._deadlines()
        return self._session_plan(links) if self.lead else None

    def _case_row(self) -> None:
        story = self.story
        ended_at = self._ended_at()
        reason = refusal = ""
        if ended_at and story.statuses[-1] != S.REFUSED and S.REFUSED not in story.statuses:
            if story.general:
                reason = ""
            elif story.path == "left_waiting_list":
                reason = ClosureReason.LEFT_WAITING_LIST
            elif story.path == "closed_early":
                reason = self.rng.choice(EARLY_REASONS)
            else:
                reason = self.rng.choice(CLOSING_REASONS)
        if S.REFUSED in story.statuses:
            refusal = (RefusalGround.NEEDS_NOT_MET if S.ASSESSMENT in story.statuses
                       else RefusalGround.NOT_OFFERED)  # fmt: skip
        self.closure_reason = reason
        opened = story.entered(S.CONSULTATION_OPEN if story.general else S.ASSESSMENT)
        urgency = "crisis" if self.rng.random() < 0.03 else ""
        self.ctx.emit("case", (
            self.case_id, self.ctx.centre_id, self.number,
            Track.GENERAL if story.general else Track.SPECIALISED, self.people[0].id, story.status,
            urgency, self.lead.id if self.lead else None, story.times[0], opened, ended_at,
            reason, refusal,
        ))  # fmt: skip

    def _ended_at(self) -> datetime | None:
        """When the work ended, for cases that ended (closed, refused, archived, followed up)."""
        story = self.story
        if story.status not in (
            S.CLOSED,
            S.REFUSED,
            S.ARCHIVED,
            S.FOLLOW_UP,
            S.CONSULTATION_CLOSED,
        ):
            return None
        for status, moment in zip(reversed(story.statuses), reversed(story.times), strict=True):
            if status in (S.CLOSED, S.REFUSED, S.CONSULTATION_CLOSED):
                return moment
        return None

    def _people(self) -> list[int]:
        ctx, primary = self.ctx, self.people[0]
        links = []
        for person in self.people:
            if not person.reused:
                ctx.emit("person", person.row(ctx.centre_id, ctx.manager.id, self.story.times[0]))
            link = ctx.ids.take("case_person")
            role = person.role
            if person is primary:
                child = (self.story.times[0].date() - primary.born).days < 18 * 365
                role = CasePersonRole.CHILD if child else CasePersonRole.CLIENT
            ctx.emit("case_person", (link, self.case_id, person.id, role))
            links.append(link)
            if person.kind and not person.reused:
                ctx.emit("relation", (ctx.centre_id, primary.id, person.id, person.kind))
        return links

    def _groups_and_services(self) -> None:
        rng, child = self.rng, self.people[0].role == CasePersonRole.CHILD
        groups = ["risk_child", "family_risk", "risk_school", "behaviour", "risk_victim",
                  "prevention"] if child else ["pregnant_parent", "care_leaver", "family_risk"]  # fmt: skip
        for group in rng.sample(groups, rng.randint(1, 2)):
            self.ctx.emit("target_group", (self.case_id, TargetGroup(group).value))
        pool = GENERAL_SERVICES if self.story.general else SPECIALISED_SERVICES
        self.services = rng.sample(pool, min(len(pool), rng.randint(1, 2)))
        for service in self.services:
            self.ctx.emit("service", (self.case_id, service))
        if self.lead:
            added = self.story.entered(S.CONSULTATION_OPEN if self.story.general else S.ASSESSMENT)
            self.ctx.emit("team", (self.case_id, self.lead.id, added))
            others = [s for s in self.ctx.specialists if s.id != self.lead.id]
            if others and rng.random() < 0.4:
                self.second = rng.choice(others)
                self.ctx.emit("team", (self.case_id, self.second.id, added))

    def _history(self) -> None:
        ctx, story, before = self.ctx, self.story, ""
        for index, (status, moment) in enumerate(zip(story.statuses, story.times, strict=True)):
            intake_step = status in (S.INTAKE, S.WAITLISTED, S.REFUSED) or self.lead is None
            actor = ctx.manager if intake_step else self.lead
            note = story.notes[index]
            if status == S.CLOSED and self.closure_reason:
                note = ClosureReason(self.closure_reason).label
            ctx.emit(
                "status_change", (self.case_id, before, status, moment, actor.id, actor.name, note)
            )
            ctx.audit(moment, actor, "case.change_status", "cases.case", self.case_id,
                      f"Случай {self.number}", {"from": before, "to": status}, self.case_id)  # fmt: skip
            before = status

    # ------------------------------------------------------------------ intake
    def _referral(self) -> None:
        ctx, rng, story = self.ctx, self.rng, self.story
        source = rng.choice(SOURCES)
        received = story.times[0]
        day = timezone.localtime(received).date()
        institution = INSTITUTION.get(source, "").format(town=ctx.town)
        officer = ctx.officer_name() if institution else ""
        ctx.emit("referral", (
            ctx.centre_id, self.case_id, source, institution, officer,
            f"{rng.randint(10, 9999)}/{day:%d.%m.%Y}" if institution else "",
            day - timedelta(days=rng.randint(0, 5)) if institution else None,
            day, "Нужда от подкрепа на семейството и детето.", self.services, received,
            ctx.manager.id,
        ))  # fmt: skip

    def _waiting(self) -> None:
        story = self.story
        if S.WAITLISTED not in story.statuses:
            return
        index = story.statuses.index(S.WAITLISTED)
        left = story.left(index)
        reason = ""
        if left is not None:
            reason = "Приет в услугата" if story.statuses[index + 1] == S.ASSESSMENT else "Отпаднал"
        self.ctx.emit("waiting", (self.ctx.centre_id, self.case_id, story.times[index], False,
                                  left, reason))  # fmt: skip

    # ------------------------------------------------------------------ casework
    def _assessments(self) -> None:
        story, number = self.story, 0
        for index, status in enumerate(story.statuses):
            if status != S.ASSESSMENT:
                continue
            number += 1
            started, finished = story.times[index], story.left(index)
            draft = finished is None
            self.ctx.emit("assessment", (
                self.ctx.centre_id, self.case_id, number,
                AssessmentStatus.DRAFT if draft else AssessmentStatus.COMPLETED,
                "Първоначална оценка" if number == 1 else "Повторна оценка при ново насочване",
                None if draft else timezone.localtime(finished).date(),
                "Нужда от подкрепа в грижата за детето и в училище.",
                "" if draft else "Препоръчва се подкрепа по индивидуален план.",
                started, self.lead.id, finished or started, self.lead.id,
                finished, None if draft else self.lead.id,
            ))  # fmt: skip
            if not draft:
                self.ctx.audit(finished, self.lead, "assessment.complete", "assessments.assessment",
                               "", f"ИОП № {number}", {}, self.case_id)  # fmt: skip

    def _plans(self) -> None:
        story = self.story
        planning = story.entered(S.PLANNING)
        if planning is None:
            return
        rows = [self._plan(1, planning, story.entered(S.CONTRACTING))]
        resumed = [
            moment
            for (before, status), moment in zip(
                pairwise(story.statuses), story.times[1:], strict=True
            )
            if before == S.UNDER_REVIEW and status == S.ACTIVE
        ]
        if resumed:
            rows[0][4] = PlanStatus.SUPERSEDED
            rows.append(self._plan(2, resumed[0], resumed[0]))
        for row in rows:
            self.ctx.emit("plan", tuple(row))

    def _plan(self, number: int, created: datetime, approved: datetime | None) -> list:
        ctx, rng = self.ctx, self.rng
        plan_id = ctx.ids.take("plan")
        start = timezone.localtime(approved or created).date()
        status = PlanStatus.APPROVED if approved else PlanStatus.DRAFT
        duration = rng.choice((DurationClass.SHORT, DurationClass.MEDIUM, DurationClass.MEDIUM))
        submitted = approved - timedelta(hours=rng.randint(2, 40)) if approved else None
        row = [
            plan_id, ctx.centre_id, self.case_id, number, status, start, start + timedelta(days=182),
            duration, self.lead.id, created, submitted, self.lead.id if approved else None,
            approved, ctx.manager.id if approved else None,
        ]  # fmt: skip
        ctx.emit(
            "plan_event", (plan_id, PlanEventKind.CREATED, created, self.lead.id, self.lead.name)
        )
        if approved:
            ctx.emit("plan_event", (plan_id, PlanEventKind.SUBMITTED, submitted, self.lead.id,
                                    self.lead.name))  # fmt: skip
            ctx.emit("plan_event", (plan_id, PlanEventKind.APPROVED, approved, ctx.manager.id,
                                    ctx.manager.name))  # fmt: skip
            ctx.audit(approved, ctx.manager, "plan.approve", "plans.planversion", plan_id,
                      f"ИПП v{number}", {}, self.case_id)  # fmt: skip
        self.goals = []
        for order, (title, result) in enumerate(rng.sample(GOALS, rng.randint(2, 3)), start=1):
            goal_id = ctx.ids.take("goal")
            ctx.emit(
                "goal", (goal_id, plan_id, order, "Потребност, установена в ИОП.", title, result)
            )
            what, how_often = rng.choice(ACTIVITIES)
            ctx.emit("activity", (goal_id, rng.choice(self.services), what, how_often,
                                  Setting.CENTRE, self.lead.id))  # fmt: skip
            self.goals.append((goal_id, title))
        self.plan_id = plan_id
        return row

    def _contract(self) -> None:
        story, ctx = self.story, self.ctx
        signed = story.entered(S.ACTIVE)
        if signed is None:
            return
        start = timezone.localtime(signed).date()
        end = start + timedelta(days=365)
        status, terminated = ContractStatus.SIGNED, None
        if story.status not in UNDER_CONTRACT:
            ended = self._ended_at() or story.times[-1]
            ended_on = timezone.localtime(ended).date()
            if ended_on >= end:
                status = ContractStatus.EXPIRED
            else:
                status, terminated = ContractStatus.TERMINATED, ended_on
        primary = self.people[0]
        parents = [p for p in self.people[1:] if p.role in (CasePersonRole.PARENT,
                                                            CasePersonRole.FOSTER_PARENT)]  # fmt: skip
        if primary.role == CasePersonRole.CHILD and parents:
            signatory = parents[0]
            capacity = (
                Cap.FOSTER_PARENT if signatory.role == CasePersonRole.FOSTER_PARENT else Cap.PARENT
            )
        else:
            signatory, capacity = primary, Cap.YOUNG_PERSON
        contract_id = ctx.ids.take("contract")
        ctx.emit("contract", (
            contract_id, ctx.centre_id, self.case_id, f"{self.number}/Д", status, signatory.id,
            f"{signatory.first} {signatory.last}", capacity, self.plan_id, self.services, start,
            end, start, ctx.manager.id, terminated, self.lead.id, signed,
        ))  # fmt: skip
        ctx.audit(signed, ctx.manager, "contract.sign", "plans.contract", contract_id,
                  f"Договор № {self.number}/Д", {}, self.case_id)  # fmt: skip
        self.contract = (contract_id, start, end, terminated)

    def _reviews(self) -> None:
        story, ctx = self.story, self.ctx
        for index, status in enumerate(story.statuses):
            if status != S.UNDER_REVIEW:
                continue
            started, finished = story.times[index], story.left(index)
            kind = ReviewKind.SCHEDULED if finished else ReviewKind.NEEDS_CHANGE
            held = timezone.localtime(started).date()
            ctx.emit("review", (
                ctx.centre_id, self.case_id, self.plan_id, kind, story.notes[index],
                ReviewStatus.COMPLETED if finished else ReviewStatus.IN_PROGRESS, held,
                "ИПП се актуализира за следващия период." if finished else "",
                held + timedelta(days=182) if finished else None, self.lead.id, started,
                self.lead.id if finished else None, finished,
            ))  # fmt: skip

    def _closure(self) -> None:
        story, ctx = self.story, self.ctx
        if S.CLOSING not in story.statuses:
            return
        index = story.statuses.index(S.CLOSING)
        proposed, decided = story.times[index], story.left(index)
        self.proposal_id = ctx.ids.take("proposal")
        ctx.emit("proposal", (
            self.proposal_id, ctx.centre_id, self.case_id, self.plan_id,
            ProposalStatus.APPROVED if decided else ProposalStatus.PENDING,
            self.closure_reason or ClosureReason.GOALS_ACHIEVED,
            "Целите по ИПП са постигнати в голяма степен.", self.lead.id, proposed,
            ctx.manager.id if decided else None, decided,
        ))  # fmt: skip

    # ------------------------------------------------------------------ deadlines
    def _deadlines(self) -> None:
        story = self.story
        status, lead = story.status, self.lead
        entered = timezone.localtime(story.times[-1]).date()
        opened = story.entered(S.ASSESSMENT)
        if opened is not None and story.entered(S.CONTRACTING) is not None:
            due = timezone.localtime(opened).date() + timedelta(days=20)
            self._deadline(DeadlineKind.ASSESSMENT, "", "ИОП и ИПП", due, lead, opened,
                           done=story.entered(S.CONTRACTING))  # fmt: skip
        if status in (S.ASSESSMENT, S.PLANNING):
            due = timezone.localtime(story.entered(S.ASSESSMENT)).date() + timedelta(days=20)
            self._deadline(DeadlineKind.ASSESSMENT, "", "ИОП и ИПП", due, lead, story.times[-1])
        elif status == S.CONTRACTING:
            self._deadline(DeadlineKind.CONTRACT, "", "Подписване на договор",
                           entered + timedelta(days=14), lead, story.times[-1])  # fmt: skip
        elif status in UNDER_CONTRACT and self.contract:
            contract_id, _start, end, _t = self.contract
            if self.plan_id and status != S.UNDER_REVIEW:
                review_on = timezone.localtime(story.times[-1]).date() + timedelta(days=182)
                self._deadline(DeadlineKind.PLAN_REVIEW, f"plans.planversion:{self.plan_id}",
                               "Преглед на ИПП", review_on, lead, story.times[-1])  # fmt: skip
            self._deadline(DeadlineKind.CONTRACT_END, f"plans.contract:{contract_id}",
                           "Изтичане на договора", end, lead, story.times[-1])  # fmt: skip
            if status == S.CLOSING:
                self._deadline(DeadlineKind.CLOSURE_APPROVAL,
                               f"closure.closureproposal:{self.proposal_id}",
                               "Одобряване на приключването", entered + timedelta(days=3), None,
                               story.times[-1])  # fmt: skip
        elif status == S.FOLLOW_UP:
            self._deadline(DeadlineKind.FOLLOW_UP, "", "Проследяване след приключване",
                           entered + timedelta(days=90), lead, story.times[-1])  # fmt: skip
        elif status == S.CONSULTATION_OPEN:
            self._deadline(DeadlineKind.GENERAL_ACCESS_LIMIT, "", "Край на общодостъпната услуга",
                           entered + timedelta(days=61), lead, story.times[-1])  # fmt: skip

    def _deadline(self, kind, source, title, due: date, responsible, created, done=None) -> None:
        warn = due - timedelta(days=5)
        self.ctx.emit("deadline", (
            self.ctx.centre_id, self.case_id, kind, source, title, due, warn,
            responsible.id if responsible else None, created, done,
            (responsible or self.ctx.manager).id if done else None,
        ))  # fmt: skip

    # ------------------------------------------------------------------ sessions
    def _session_plan(self, links: list[int]) -> SessionPlan | None:
        story = self.story
        today = self.ctx.today
        local = lambda moment: timezone.localtime(moment).date()  # noqa: E731
        windows = []
        leads = [self.lead.id] + ([self.second.id] if self.second else [])
        if story.general:
            start = local(story.times[0])
            end = local(story.times[1]) if len(story.times) > 1 else today + timedelta(days=10)
            windows.append((start, end, "general"))
        else:
            assessing = story.entered(S.ASSESSMENT)
            until = story.entered(S.PLANNING) or (self._ended_at() or None)
            if assessing:
                windows.append((local(assessing), local(until) if until else today, "assessment"))
            if self.contract:
                _id, start, end, terminated = self.contract
                last = terminated or end
                if story.status in UNDER_CONTRACT:
                    last = min(end, today + timedelta(days=14))
                elif self._ended_at():
                    last = min(last, local(self._ended_at()))
                windows.append((start, last, "contract"))
            if story.status == S.FOLLOW_UP:
                windows.append((local(story.times[-1]), today, "follow_up"))
        windows = [w for w in windows if w[1] >= w[0]]
        if not windows:
            return None
        plan = SessionPlan(self.case_id, links[0], leads, windows, list(self.goals))
        plan.weight = sum((b - a).days + 1 for a, b, phase in windows if phase != "follow_up")
        plan.weight += sum(
            ((b - a).days + 1) / 10 for a, b, phase in windows if phase == "follow_up"
        )
        return plan
