"""Insert drafted cases with bulk_create: people, relations, cases and all that hangs off them."""

from dataclasses import asdict

from opora.cases.enums import CasePersonRole, CaseStatus, ClosureReason
from opora.cases.models import (
    Case,
    CasePerson,
    CaseService,
    CaseTargetGroup,
    CaseTeamMember,
    StatusChange,
    WaitingListEntry,
)
from opora.demo.drafts import Draft
from opora.demo.families import relation_pairs
from opora.demo.numbering import year_sequence
from opora.demo.paths import PATHS
from opora.people.models import Person, Relation
from opora.referrals.models import Referral

BATCH = 1000
INTAKE_ACTIONS = frozenset({"accept", "waitlist", "remove", "refuse", "reopen"})
NOT_ON_REFERRAL = frozenset({"target_groups", "urgency", "family"})


def save_drafts(drafts: list[Draft], *, centre, manager) -> int:
    """Returns the number of people saved."""
    people = _save_people(drafts, centre, manager)
    Relation.objects.bulk_create(
        [
            Relation(centre=centre, person=group[a], relative=group[b], kind=kind)
            for draft, group in zip(drafts, people, strict=True)
            for a, b, kind in relation_pairs(draft.plan)
        ],
        batch_size=BATCH,
    )
    cases = _save_cases(drafts, people, centre)
    for model, rows in _case_rows(drafts, people, cases, manager).items():
        model.objects.bulk_create(rows, batch_size=BATCH)
    return sum(len(group) for group in people)


def _save_people(drafts: list[Draft], centre, actor) -> list[list[Person]]:
    groups = []
    for draft in drafts:
        datas = [draft.plan.primary, *(m.data for m in draft.plan.members)]
        groups.append([Person(centre=centre, created_by=actor, **asdict(d)) for d in datas])
    for person in (p for group in groups for p in group):
        person.refresh_search_name()
    Person.objects.bulk_create([p for group in groups for p in group], batch_size=BATCH)
    return groups


def _save_cases(drafts: list[Draft], people: list[list[Person]], centre) -> list[Case]:
    numbers = year_sequence([d.times[0] for d in drafts])
    cases = [
        _case(d, centre=centre, person=group[0], number=number)
        for d, group, number in zip(drafts, people, numbers, strict=True)
    ]
    return Case.objects.bulk_create(cases, batch_size=BATCH)


def _case(draft: Draft, *, centre, person: Person, number: str) -> Case:
    return Case(
        centre=centre,
        number=number,
        primary_person=person,
        status=draft.status,
        case_manager=draft.lead,
        registered_at=draft.times[0],
        opened_at=draft.first_time(CaseStatus.ASSESSMENT),
        closed_at=draft.closed_time(),
        closure_reason=draft.closure if draft.ended_by() == CaseStatus.CLOSED else "",
        refusal_ground=draft.refusal if draft.ended_by() == CaseStatus.REFUSED else "",
    )


def _case_rows(drafts, people, cases, manager) -> dict:
    rows: dict = {model: [] for model in (CasePerson, CaseTargetGroup, CaseService, CaseTeamMember,
                                          StatusChange, Referral, WaitingListEntry)}  # fmt: skip
    for draft, group, case in zip(drafts, people, cases, strict=True):
        rows[CasePerson] += _case_people(draft, group, case)
        rows[CaseTargetGroup] += [
            CaseTargetGroup(case=case, group=g) for g in draft.referral.target_groups
        ]
        rows[CaseService] += [
            CaseService(case=case, service=s) for s in draft.referral.chosen_services
        ]
        rows[CaseTeamMember] += [CaseTeamMember(case=case, user=draft.lead)] if draft.lead else []
        rows[StatusChange] += _history(draft, case, manager)
        rows[Referral].append(_referral(draft, case, manager))
        rows[WaitingListEntry] += _waiting(draft, case)
    return rows


def _case_people(draft: Draft, group: list[Person], case: Case) -> list[CasePerson]:
    main_role = CasePersonRole.CHILD if group[0].is_child else CasePersonRole.CLIENT
    links = [CasePerson(case=case, person=group[0], role=main_role)]
    links += [
        CasePerson(case=case, person=p, role=m.case_role)
        for p, m in zip(group[1:], draft.plan.members, strict=True)
    ]
    return links


def _history(draft: Draft, case: Case, manager) -> list[StatusChange]:
    """One row per status, as change_status() writes them."""
    rows = [_change(case, "", CaseStatus.INTAKE, draft.times[0], manager, "Регистрирано насочване")]
    moves = zip(draft.statuses[:-1], PATHS[draft.path], draft.times[1:], strict=True)
    for before, step, moment in moves:
        actor = manager if step.action in INTAKE_ACTIONS or draft.lead is None else draft.lead
        closing = step.action in ("close", "approve_closure")
        note = ClosureReason(draft.closure).label if closing else step.note
        rows.append(_change(case, before, step.to_status, moment, actor, note))
    return rows


def _change(case: Case, before: str, after: str, moment, actor, note: str) -> StatusChange:
    return StatusChange(
        case=case,
        from_status=before,
        to_status=after,
        changed_at=moment,
        changed_by=actor,
        changed_by_name=str(actor),
        note=note,
    )


def _referral(draft: Draft, case: Case, manager) -> Referral:
    data = asdict(draft.referral)
    fields = {k: v for k, v in data.items() if k not in NOT_ON_REFERRAL}
    return Referral(
        centre=case.centre, case=case, received_at=draft.times[0], registered_by=manager, **fields
    )


def _waiting(draft: Draft, case: Case) -> list[WaitingListEntry]:
    statuses = draft.statuses
    if CaseStatus.WAITLISTED not in statuses:
        return []
    index = statuses.index(CaseStatus.WAITLISTED)
    left = draft.times[index + 1] if index + 1 < len(statuses) else None
    reason = ""
    if left is not None:
        following = PATHS[draft.path][index]
        reason = "Приет в услугата" if following.action == "accept" else following.note
    return [
        WaitingListEntry(
            centre=case.centre,
            case=case,
            entered_at=draft.times[index],
            left_at=left,
            left_reason=reason,
        )
    ]
