"""The casework documents: ИПП, contract, annex, review report, report to ОЗД, closing report.

Each kind loads its subject from the centre and then its case through the need-to-know rule
(`readable_case_or_404`), and builds plain data for its layout
(`documents/kinds/<code>.html`). What leaves the centre (the plan, the contract and the annex
go to the family; the reports go to ОЗД) is EXTERNAL: it quotes no session note at all, only
facts (dates, kinds, counts) and the text the team wrote for that document. The review report
stays in the case file (INTERNAL) and quotes the session notes of the levels the reader may read.
"""

from opora.documents.kinds import casework_plans as plans
from opora.documents.kinds import casework_reports as reports
from opora.documents.kinds.base import Audience, DocumentKind, register

register(
    DocumentKind(
        code="plan",
        title="Индивидуален план за подкрепа (ИПП)",
        subject="plans.PlanVersion",
        audience=Audience.EXTERNAL,
        permission="plans.view_plan",
        load=plans.load_plan,
        build=plans.build_plan,
        case_of=lambda version: version.case,
        signatories=plans.plan_signatories,
        url_kwarg="version_id",
        unavailable=plans.plan_unavailable,
        describe=lambda v: f"ИПП, версия {v.number} ({v.get_status_display().lower()})",
    )
)
register(
    DocumentKind(
        code="contract",
        title="Договор за ползване на социална услуга",
        subject="plans.Contract",
        audience=Audience.EXTERNAL,
        permission="plans.view_plan",
        load=plans.load_contract,
        build=plans.build_contract,
        case_of=lambda contract: contract.case,
        signatories=plans.contract_signatories,
        url_kwarg="contract_id",
        describe=lambda c: f"Договор № {c.number} ({c.get_status_display().lower()})",
    )
)
register(
    DocumentKind(
        code="annex",
        title="Анекс към договор",
        subject="plans.Annex",
        audience=Audience.EXTERNAL,
        permission="plans.view_plan",
        load=plans.load_annex,
        build=plans.build_annex,
        case_of=lambda annex: annex.contract.case,
        signatories=plans.annex_signatories,
        url_kwarg="annex_id",
        describe=lambda a: (
            f"{a.get_kind_display()} от {a.signed_on:%d.%m.%Y} към договор № {a.contract.number}"
        ),
    )
)
register(
    DocumentKind(
        code="review",
        title="Доклад от преглед на ИПП",
        subject="reviews.Review",
        audience=Audience.INTERNAL,
        permission="cases.view_case",
        load=reports.load_review,
        build=reports.build_review,
        case_of=lambda review: review.case,
        signatories=reports.review_signatories,
        url_kwarg="review_id",
        describe=str,
    )
)
register(
    DocumentKind(
        code="referrer_report",
        title="Доклад до насочващия орган (ОЗД)",
        subject="closure.ReferrerReport",
        audience=Audience.EXTERNAL,
        permission="cases.view_case",
        load=reports.load_report,
        build=reports.build_report,
        case_of=lambda report: report.case,
        signatories=reports.report_signatories,
        url_kwarg="report_id",
        unavailable=reports.report_unavailable,
        describe=lambda r: f"{r.get_kind_display()} (срок {r.due_on:%d.%m.%Y})",
    )
)
register(
    DocumentKind(
        code="closing",
        title="Заключителна оценка / доклад за приключване",
        # Keyed by the case: its closure (the proposal being decided, else the approved one).
        subject="cases.Case",
        audience=Audience.EXTERNAL,
        permission="cases.view_case",
        load=reports.load_closing,
        build=reports.build_closing,
        case_of=lambda case: case,
        signatories=reports.closing_signatories,
        url_kwarg="case_id",
        unavailable=reports.closing_unavailable,
        describe=reports.describe_closing,
    )
)
