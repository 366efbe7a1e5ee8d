"""Registering an incoming referral: the case file starts here, in status „Входящ“."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models.functions import Length
from django.utils import timezone

from opora.audit.domain import record
from opora.cases.domain.capacity import lock_centre
from opora.cases.enums import CasePersonRole, Track, Urgency
from opora.cases.models import (
    Case,
    CasePerson,
    CaseService,
    CaseStatus,
    CaseTargetGroup,
    StatusChange,
)
from opora.centres.domain import settings_for
from opora.centres.enums import Service, TargetGroup
from opora.core.errors import DomainError
from opora.people.models import Person
from opora.referrals.enums import SourceType
from opora.referrals.models import Referral
from opora.tasks.domain import create_task
from opora.tasks.enums import TaskKind


@dataclass(frozen=True)
class ReferralData:
    source_type: str
    institution: str = ""
    officer_name: str = ""
    officer_phone: str = ""
    officer_email: str = ""
    document_number: str = ""
    document_date: date | None = None
    wish_declared_on: date | None = None
    needs_summary: str = ""
    proposed_services: str = ""
    chosen_services: list[str] = field(default_factory=list)
    notes: str = ""
    target_groups: list[str] = field(default_factory=list)
    urgency: str = ""
    family: list[tuple[Person, str]] = field(default_factory=list)


def register_referral(*, centre, actor, person: Person, data: ReferralData) -> Case:
    """Register the referral, open the case file (status „Входящ“) and raise the legal duties."""
    _check(centre, person, data)
    with transaction.atomic():
        locked_centre = lock_centre(centre)
        now = timezone.now()
        case = Case.objects.create(
            centre=locked_centre,
            number=next_case_number(locked_centre),
            track=Track.SPECIALISED,
            primary_person=person,
            status=CaseStatus.INTAKE,
            urgency=data.urgency,
            registered_at=now,
        )
        StatusChange.objects.create(
            case=case,
            from_status="",
            to_status=CaseStatus.INTAKE,
            changed_at=now,
            changed_by=actor,
            changed_by_name=str(actor),
            note="Регистрирано насочване",
        )
        referral = Referral.objects.create(
            centre=locked_centre,
            case=case,
            received_at=now,
            registered_by=actor,
            **_referral_fields(data),
        )
        _link_people(case, person, data.family)
        CaseTargetGroup.objects.bulk_create(
            CaseTargetGroup(case=case, group=g) for g in data.target_groups
        )
        CaseService.objects.bulk_create(
            CaseService(case=case, service=s) for s in data.chosen_services
        )
        record(
            actor=actor,
            action="referral.register",
            obj=case,
            changes={
                "source_type": data.source_type,
                "urgency": data.urgency,
                "referral": referral.pk,
            },
        )
        _raise_duties(case, referral, actor)
    return case


def _check(centre, person: Person, data: ReferralData) -> None:
    if person.centre_id != centre.pk:
        raise DomainError("Лицето не е от този център.", field="person")
    if data.source_type not in SourceType.values:
        raise DomainError("Изберете кой насочва.", field="source_type")
    if data.urgency not in Urgency.values:
        raise DomainError("Невалидна спешност.", field="urgency")
    if len(set(data.target_groups)) != len(data.target_groups):
        raise DomainError("Всяка целева група се посочва само веднъж.", field="target_groups")
    if len(set(data.chosen_services)) != len(data.chosen_services):
        raise DomainError("Всяка услуга се посочва само веднъж.", field="chosen_services")
    if not data.target_groups:
        raise DomainError("Изберете поне една целева група.", field="target_groups")
    if set(data.target_groups) - set(TargetGroup.values):
        raise DomainError("Невалидна целева група.", field="target_groups")
    if set(data.chosen_services) - set(Service.values):
        raise DomainError("Невалидна услуга.", field="chosen_services")
    today = timezone.localdate()
    for name, value, label in (
        ("document_date", data.document_date, "Датата на документа"),
        ("wish_declared_on", data.wish_declared_on, "Датата на заявяване на желанието"),
    ):
        if value and value > today:
            raise DomainError(f"{label} не може да е в бъдещето.", field=name)
    for relative, _role in data.family:
        if relative.centre_id != centre.pk:
            raise DomainError("Член на семейството не е от този център.", field="family")
        if relative.pk == person.pk:
            raise DomainError(
                "Детето не може да е и член на семейството си в случая.", field="family"
            )


def _referral_fields(data: ReferralData) -> dict:
    skip = {"target_groups", "urgency", "family"}
    return {k: getattr(data, k) for k in data.__dataclass_fields__ if k not in skip}


def next_case_number(centre) -> str:
    """YYYY-NNNN per centre and year; call with the centre row locked (lock_centre)."""
    return _next_number(centre, timezone.localdate().year)


def _next_number(centre, year: int) -> str:
    prefix = f"{year}-"
    last = (
        Case.objects.filter(centre=centre, number__startswith=prefix)
        .order_by(Length("number").desc(), "-number")
        .values_list("number", flat=True)
        .first()
    )
    sequence = int(last.split("-")[1]) + 1 if last else 1
    return f"{prefix}{sequence:04d}"


def _link_people(case: Case, person: Person, family: list[tuple[Person, str]]) -> None:
    main_role = CasePersonRole.CHILD if person.is_child else CasePersonRole.CLIENT
    CasePerson.objects.create(case=case, person=person, role=main_role)
    seen = {person.pk}
    for relative, role in family:
        if relative.pk not in seen:
            CasePerson.objects.create(case=case, person=relative, role=role)
            seen.add(relative.pk)


def _raise_duties(case: Case, referral: Referral, actor) -> None:
    hours = settings_for(case.centre).notification_deadline_hours
    if referral.is_self_referred_child:
        create_task(
            centre=case.centre,
            actor=actor,
            case=case,
            kind=TaskKind.NOTIFY_CHILD_SELF_REFERRAL,
            title=f"Уведомете незабавно ДСП и родителите/настойника: дете потърси помощ (случай {case.number})",
            due_in=timedelta(hours=hours),
        )
    if case.urgency:
        create_task(
            centre=case.centre,
            actor=actor,
            case=case,
            kind=TaskKind.NOTIFY_URGENT,
            title=f"Уведомете незабавно ДСП: {Urgency(case.urgency).label.lower()} (случай {case.number})",
            due_in=timedelta(hours=hours),
        )


def register_referral_for_new_person(
    *, centre, actor, person_data, confirmed: bool, data: ReferralData
) -> Case:
    """Create the child (or adult client) and register the referral, all or nothing."""
    from opora.people.domain.person import create_person

    with transaction.atomic():
        person = create_person(centre=centre, actor=actor, data=person_data, confirmed=confirmed)
        return register_referral(centre=centre, actor=actor, person=person, data=data)
