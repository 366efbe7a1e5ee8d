"""The service contract (договор за ползване на социална услуга, ЗСУ чл. 85) and its annexes.

Services are provided after a contract signed after the ИОП (чл. 85, ал. 1–2); general-access
services have none (ал. 3). The draft is made from the plan in force; extension, change and
termination are annexes.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models.functions import Length
from django.utils import timezone

from opora.audit.domain import record
from opora.cases.domain.capacity import lock_centre
from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus
from opora.cases.models import Case, CasePerson
from opora.core.errors import DomainError
from opora.deadlines.domain import cancel_deadlines, fulfil_deadlines, set_deadline
from opora.deadlines.enums import DeadlineKind
from opora.plans.domain.checks import (
    duration_label,
    format_day,
    latest_end,
    lock_case,
    require_manager,
    require_specialised,
    today,
)
from opora.plans.domain.queries import plan_in_force
from opora.plans.enums import (
    OPEN_CONTRACT_STATUSES,
    AnnexKind,
    ContractStatus,
    SignatoryCapacity,
)
from opora.plans.models import Activity, Annex, Contract, PlanVersion

CONTRACT_STATUSES = frozenset({CaseStatus.CONTRACTING, CaseStatus.ACTIVE, CaseStatus.UNDER_REVIEW})
END_WARNING_DAYS = 30
ADULT_SIGNATORY_AGE = 14
ONLY_MANAGER_SIGNS = "Само управителят на центъра сключва, изменя и прекратява договори."
CHILD_CANNOT_SIGN = (
    "Дете под 14 години не подписва договора: подписва родител, настойник или приемен родител."
)


@dataclass(frozen=True)
class ContractData:
    signatory: CasePerson
    capacity: str
    start_on: date
    end_on: date
    fee_note: str = ""


def draft_contract(case: Case, *, actor, data: ContractData) -> Contract:
    """A draft contract for the plan in force, to be agreed with the person before signing."""
    require_specialised(case)
    require_manager(actor, case.centre_id, ONLY_MANAGER_SIGNS)
    with transaction.atomic():
        case = lock_case(case)
        plan = _plan_for_contract(case)
        _expire_ended(case, actor)
        _require_no_open_contract(case)
        _check_terms(case, plan, data)
        contract = Contract.objects.create(
            centre_id=case.centre_id,
            case=case,
            number=_next_number(case),
            plan_version=plan,
            services=services_of(plan),
            created_by=actor,
            **_term_fields(data),
        )
        record(
            actor=actor,
            action="contract.draft",
            obj=contract,
            changes={"number": contract.number, "plan": plan.number},
        )
    return contract


def update_contract(contract: Contract, *, actor, data: ContractData) -> Contract:
    """Change a draft before it is signed; the services follow the plan in force."""
    require_manager(actor, contract.centre_id, ONLY_MANAGER_SIGNS)
    with transaction.atomic():
        case = lock_case(contract.case)
        contract.refresh_from_db()
        if contract.status != ContractStatus.DRAFT:
            raise DomainError("Подписан договор се променя само с анекс.")
        plan = _plan_for_contract(case)
        _check_terms(case, plan, data)
        for name, value in _term_fields(data).items():
            setattr(contract, name, value)
        contract.plan_version, contract.services = plan, services_of(plan)
        contract.save()
        record(actor=actor, action="contract.update", obj=contract, changes=_plain(data))
    return contract


def sign_contract(contract: Contract, *, actor, signed_on: date) -> Contract:
    """The signed contract is in force; the first one starts the support (case → active)."""
    require_manager(actor, contract.centre_id, ONLY_MANAGER_SIGNS)
    with transaction.atomic():
        case = lock_case(contract.case)
        contract.refresh_from_db()
        if contract.status != ContractStatus.DRAFT:
            raise DomainError(f"Договорът е „{contract.get_status_display()}“.")
        _check_signing_day(case, contract, signed_on)
        contract.status, contract.signed_on = ContractStatus.SIGNED, signed_on
        contract.signed_by = actor
        contract.save(update_fields=["status", "signed_on", "signed_by"])
        fulfil_deadlines(case=case, kind=DeadlineKind.CONTRACT, actor=actor)
        _set_end_deadline(case, contract, actor)
        record(
            actor=actor,
            action="contract.sign",
            obj=contract,
            changes={"signed_on": signed_on.isoformat()},
        )
        if case.status == CaseStatus.CONTRACTING:
            change_status(
                case,
                to_status=CaseStatus.ACTIVE,
                actor=actor,
                note=f"Подписан договор № {contract.number} от {format_day(signed_on)}.",
            )
            # The service starts: a case referred by ОЗД/ДСП now owes periodic progress reports.
            from opora.closure.domain.reports import schedule_referrer_reports

            schedule_referrer_reports(case, actor=actor)
    return contract


# Annexes


def extend_contract(
    contract: Contract, *, actor, signed_on: date, new_end_on: date | None, reason: str = ""
) -> Annex:
    """Анекс за продължаване: a later end, within the duration class of the plan in force."""
    with transaction.atomic():
        contract = _annex_subject(contract, actor, signed_on)
        _check_extension(contract, signed_on, new_end_on)
        annex = _annex(contract, AnnexKind.EXTEND, actor, signed_on, reason, new_end_on)
        contract.end_on = new_end_on
        contract.save(update_fields=["end_on"])
        _set_end_deadline(contract.case, contract, actor)
    return annex


def change_contract(contract: Contract, *, actor, signed_on: date, changes: str) -> Annex:
    """Анекс за промяна: any other agreed change, described in words."""
    if not (changes or "").strip():
        raise DomainError("Опишете промените в договора.", field="changes")
    with transaction.atomic():
        contract = _annex_subject(contract, actor, signed_on)
        return _annex(contract, AnnexKind.CHANGE, actor, signed_on, changes)


def terminate_contract(contract: Contract, *, actor, signed_on: date, reason: str) -> Annex:
    """Анекс за прекратяване: the contract ends on `signed_on`; its end deadline no longer applies."""
    if not (reason or "").strip():
        raise DomainError("Посочете основанието за прекратяване.", field="changes")
    with transaction.atomic():
        contract = _annex_subject(contract, actor, signed_on)
        annex = _annex(contract, AnnexKind.TERMINATE, actor, signed_on, reason)
        contract.status, contract.terminated_on = ContractStatus.TERMINATED, signed_on
        contract.save(update_fields=["status", "terminated_on"])
        cancel_deadlines(
            case=contract.case, actor=actor, kind=DeadlineKind.CONTRACT_END, source=contract
        )
    return annex


def add_annex(
    contract: Contract,
    *,
    actor,
    kind: str,
    signed_on: date,
    new_end_on: date | None = None,
    changes: str = "",
) -> Annex:
    """One entry point for the annex form: the kind chooses the rule."""
    if kind == AnnexKind.EXTEND:
        return extend_contract(
            contract, actor=actor, signed_on=signed_on, new_end_on=new_end_on, reason=changes
        )
    if kind == AnnexKind.CHANGE:
        return change_contract(contract, actor=actor, signed_on=signed_on, changes=changes)
    if kind == AnnexKind.TERMINATE:
        return terminate_contract(contract, actor=actor, signed_on=signed_on, reason=changes)
    raise DomainError("Изберете вида на анекса.", field="kind")


# Helpers


def services_of(plan: PlanVersion) -> list[str]:
    """The services of the plan's activities, each once, in the order of the plan."""
    codes = Activity.objects.filter(goal__version=plan).order_by("goal__order", "goal_id", "id")
    return list(dict.fromkeys(codes.values_list("service", flat=True)))


def _plan_for_contract(case: Case) -> PlanVersion:
    plan = plan_in_force(case)
    if plan is None:
        raise DomainError("Договорът се изготвя по одобрен ИПП: първо одобрете плана.")
    if case.status not in CONTRACT_STATUSES:
        raise DomainError(
            f"В статус „{case.get_status_display()}“ не се изготвя договор по случая."
        )
    return plan


def _expire_ended(case: Case, actor) -> None:
    """Signed contracts whose term has run out are marked expired before a new one is made."""
    for ended in case.contracts.filter(status=ContractStatus.SIGNED, end_on__lt=today()):
        ended.status = ContractStatus.EXPIRED
        ended.save(update_fields=["status"])
        fulfil_deadlines(case=case, kind=DeadlineKind.CONTRACT_END, actor=actor, source=ended)
        record(actor=actor, action="contract.expire", obj=ended)


def _require_no_open_contract(case: Case) -> None:
    current = case.contracts.filter(status__in=OPEN_CONTRACT_STATUSES).first()
    if current is None:
        return
    if current.status == ContractStatus.DRAFT:
        raise DomainError(f"Вече има проект на договор № {current.number}: продължете с него.")
    raise DomainError(
        f"Договор № {current.number} е в сила до {format_day(current.end_on)}: "
        "промените се правят с анекс."
    )


def _check_terms(case: Case, plan: PlanVersion, data: ContractData) -> None:
    _check_signatory(case, data)
    if data.end_on <= data.start_on:
        raise DomainError("Краят на договора трябва да е след началото му.", field="end_on")
    last = latest_end(data.start_on, plan.duration_class)
    if data.end_on > last:
        raise DomainError(
            f"Срокът на договора трябва да отговаря на ИПП (версия {plan.number}): "
            f"{duration_label(plan.duration_class)}, т.е. край най-късно {format_day(last)} "
            "(чл. 16, ал. 2 ЗСУ).",
            field="end_on",
        )


def _check_signatory(case: Case, data: ContractData) -> None:
    link = data.signatory
    if link is None or link.case_id != case.pk:
        raise DomainError("Изберете подписващия измежду лицата по случая.", field="signatory")
    if data.capacity not in SignatoryCapacity.values:
        raise DomainError("Изберете в какво качество подписва.", field="capacity")
    age = link.person.age_on(today())
    if age is not None and age < ADULT_SIGNATORY_AGE:
        raise DomainError(CHILD_CANNOT_SIGN, field="signatory")
    personally = link.person_id == case.primary_person_id
    if personally != (data.capacity == SignatoryCapacity.YOUNG_PERSON):
        raise DomainError(
            "Качеството „лично“ се избира, когато подписва самият потребител, и само тогава.",
            field="capacity",
        )


def _check_signing_day(case: Case, contract: Contract, signed_on: date) -> None:
    if signed_on > today():
        raise DomainError("Датата на подписване не може да е в бъдеще.", field="signed_on")
    approved = _plan_approval_day(contract)
    if approved is not None and signed_on < approved:
        raise DomainError(
            f"Договорът не може да е подписан преди одобряването на ИПП ({format_day(approved)}), "
            "който следва оценката на потребностите (чл. 85, ал. 2 ЗСУ).",
            field="signed_on",
        )
    if signed_on > contract.end_on:
        raise DomainError(
            "Договорът не може да е подписан след края на срока си.", field="signed_on"
        )
    if case.status not in CONTRACT_STATUSES:
        raise DomainError(f"В статус „{case.get_status_display()}“ не се подписва договор.")


def _plan_approval_day(contract: Contract) -> date | None:
    plan = contract.plan_version
    return timezone.localdate(plan.decided_at) if plan and plan.decided_at else None


def _annex_subject(contract: Contract, actor, signed_on: date) -> Contract:
    """The locked, signed contract an annex is made to, on a valid day."""
    require_manager(actor, contract.centre_id, ONLY_MANAGER_SIGNS)
    lock_case(contract.case)
    contract.refresh_from_db()
    if contract.status != ContractStatus.SIGNED:
        raise DomainError(
            f"Анекс се сключва само към подписан договор в сила "
            f"(договор № {contract.number} е „{contract.get_status_display()}“)."
        )
    if signed_on is None:
        raise DomainError("Въведете датата на подписване на анекса.", field="signed_on")
    if signed_on > today():
        raise DomainError("Датата на подписване не може да е в бъдеще.", field="signed_on")
    if signed_on < contract.signed_on:
        raise DomainError(
            f"Анексът не може да е подписан преди договора ({format_day(contract.signed_on)}).",
            field="signed_on",
        )
    if signed_on > contract.end_on:
        raise DomainError(
            f"Договорът е изтекъл на {format_day(contract.end_on)}: анекс не може да се сключи "
            "след края му; изгответе нов договор.",
            field="signed_on",
        )
    return contract


def _check_extension(contract: Contract, signed_on: date, new_end_on: date | None) -> None:
    if new_end_on is None:
        raise DomainError("Въведете новия край на договора.", field="new_end_on")
    if new_end_on <= contract.end_on:
        raise DomainError(
            f"Новият край трябва да е след сегашния край на договора "
            f"({format_day(contract.end_on)}).",
            field="new_end_on",
        )
    plan = plan_in_force(contract.case)
    duration_class = plan.duration_class if plan else contract.plan_version.duration_class
    last = latest_end(contract.start_on, duration_class)
    if new_end_on > last:
        raise DomainError(
            f"Общият срок трябва да отговаря на ИПП в сила: {duration_label(duration_class)}, "
            f"т.е. край най-късно {format_day(last)}. За по-дълъг срок първо актуализирайте ИПП "
            "(чл. 16, ал. 2 ЗСУ).",
            field="new_end_on",
        )


def _annex(contract, kind, actor, signed_on, changes, new_end_on=None) -> Annex:
    annex = Annex.objects.create(
        contract=contract,
        kind=kind,
        signed_on=signed_on,
        new_end_on=new_end_on,
        changes=(changes or "").strip() or AnnexKind(kind).label,
        created_by=actor,
    )
    record(
        actor=actor,
        action=f"contract.annex_{kind}",
        obj=contract,
        centre_id=contract.centre_id,
        changes={
            "annex": annex.pk,
            "signed_on": signed_on.isoformat(),
            "new_end_on": new_end_on.isoformat() if new_end_on else None,
        },
    )
    return annex


def _set_end_deadline(case: Case, contract: Contract, actor) -> None:
    set_deadline(
        case=case,
        kind=DeadlineKind.CONTRACT_END,
        title=f"Изтича договор № {contract.number} по случай {case.number}",
        due_on=contract.end_on,
        warn_from=contract.end_on - timedelta(days=END_WARNING_DAYS),
        actor=actor,
        responsible=case.case_manager,
        source=contract,
    )


def _next_number(case: Case) -> str:
    """Д-YYYY-NNN per centre and year, with the centre row locked so two drafts never share one."""
    centre = lock_centre(case.centre)
    prefix = f"Д-{today().year}-"
    last = (
        Contract.objects.filter(centre=centre, number__startswith=prefix)
        .order_by(Length("number").desc(), "-number")
        .values_list("number", flat=True)
        .first()
    )
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{sequence:03d}"


def _term_fields(data: ContractData) -> dict:
    return {
        "signatory": data.signatory.person,
        "signatory_name": data.signatory.person.full_name,
        "signatory_capacity": data.capacity,
        "start_on": data.start_on,
        "end_on": data.end_on,
        "fee_note": data.fee_note.strip(),
    }


def _plain(data: ContractData) -> dict:
    return {
        "signatory": data.signatory.person_id,
        "capacity": data.capacity,
        "start_on": data.start_on.isoformat(),
        "end_on": data.end_on.isoformat(),
    }
