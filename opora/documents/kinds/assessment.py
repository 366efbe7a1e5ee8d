"""The individual needs assessment (ИОП, ЗСУ чл. 80–81) as a document, with its team, its
sections, the child's view and the requests for information."""

from django.http import Http404

from opora.assessments.enums import AssessmentStatus
from opora.assessments.models import Assessment
from opora.cases.enums import CasePersonRole
from opora.documents.kinds.base import (
    Audience,
    DocumentKind,
    DocumentRequest,
    Signatory,
    case_facts,
    head_of_service,
    people_of_case,
    plain_date,
    readable_case_or_404,
    register,
    user_name,
)

# The sections in the order of the assessment form (ЗСУ чл. 6: life situation, psycho-social
# state, needs; then strengths, risks, conclusions and recommendations).
SECTIONS = (
    ("characteristics", "Възраст, пол, история и други характеристики"),
    ("needs", "Потребности"),
    ("child_wishes", "Желания и чувства на детето"),
    ("family_environment", "Семейство и среда"),
    ("parenting_capacity", "Способност на родителите да полагат грижи"),
    ("harm", "Опасност или вреда"),
    ("risks", "Рискове"),
    ("changed_circumstances", "Последици от промяна в обстоятелствата"),
    ("strengths", "Силни страни и ресурси"),
    ("sources", "Източници на информация"),
)


def _load(request: DocumentRequest) -> Assessment:
    assessment = Assessment.objects.filter(centre=request.centre, pk=request.subject_id).first()
    if assessment is None:
        raise Http404("Няма такава оценка.")
    assessment.case = readable_case_or_404(request, assessment.case_id)
    return assessment


def _unavailable(assessment: Assessment) -> str:
    if assessment.status == AssessmentStatus.DRAFT:
        return "ИОП е чернова: документът се издава след като оценката бъде завършена."
    return ""


def _build(assessment: Assessment, request: DocumentRequest) -> dict:
    case = assessment.case
    return {
        **case_facts(case),
        "assessment_number": assessment.number,
        "occasion": assessment.occasion,
        "status": assessment.get_status_display(),
        "assessed_on": assessment.assessed_on,
        "started_on": plain_date(assessment.started_at),
        "completed_on": plain_date(assessment.completed_at),
        "team": [user_name(u) for u in assessment.team.order_by("last_name", "first_name")],
        "sections": [
            {"title": title, "text": getattr(assessment, name)}
            for name, title in SECTIONS
            if getattr(assessment, name)
        ],
        "child_view": assessment.child_view,
        "child_heard_on": assessment.child_heard_on,
        "hearing_method": assessment.get_hearing_method_display()
        if assessment.hearing_method
        else "",
        "child_not_heard_reason": assessment.child_not_heard_reason,
        "parent_view": assessment.parent_view,
        "conclusions": assessment.conclusions,
        "recommendations": assessment.recommendations,
        "requests": [_request_row(r) for r in assessment.info_requests.order_by("sent_on", "pk")],
        "parents": people_of_case(case, (CasePersonRole.PARENT, CasePersonRole.GUARDIAN)),
    }


def _request_row(info) -> dict:
    return {
        "addressee": info.addressee,
        "addressee_kind": info.get_addressee_kind_display(),
        "question": info.question,
        "sent_on": info.sent_on,
        "due_on": info.due_on,
        "replied_on": info.replied_on,
        "reply": info.reply,
    }


def _signatories(assessment: Assessment, request: DocumentRequest) -> list[Signatory]:
    team = [
        Signatory(name=user_name(u), role="Член на екипа")
        for u in assessment.team.order_by("last_name", "first_name")
    ]
    parent = Signatory(name="", role="Запознат/а (родител / законен представител)")
    return [
        *team,
        parent,
        Signatory(name=head_of_service(request.centre), role="Ръководител на услугата"),
    ]


register(
    DocumentKind(
        code="assessment",
        title="Индивидуална оценка на потребностите",
        subject="assessments.Assessment",
        audience=Audience.INTERNAL,
        permission="documents.issue_document",
        load=_load,
        build=_build,
        case_of=lambda assessment: assessment.case,
        signatories=_signatories,
        url_kwarg="assessment_id",
        unavailable=_unavailable,
        describe=lambda assessment: (
            f"ИОП № {assessment.number} ({assessment.get_status_display().lower()})"
        ),
    )
)
