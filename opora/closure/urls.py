from django.urls import path

from opora.closure import report_views, views

app_name = "closure"
_CLOSURE = "cases/<int:case_id>/closure/"
_REPORTS = "cases/<int:case_id>/referrer-reports/"
_REPORT = "referrer-reports/<int:report_id>/"

urlpatterns = [
    # Closure: proposal → the manager's decision → follow-up; reopening a closed case
    path(_CLOSURE, views.closure_page, name="page"),
    path(_CLOSURE + "propose/", views.propose, name="propose"),
    path(_CLOSURE + "approve/", views.approve, name="approve"),
    path(_CLOSURE + "return/", views.return_closure, name="return_closure"),
    path(_CLOSURE + "follow-up/", views.start_follow_up, name="start_follow_up"),
    path(_CLOSURE + "follow-up/contact/", views.record_follow_up, name="record_follow_up"),
    path(_CLOSURE + "reopen/", views.reopen, name="reopen"),
    # Reports to the referrer (ОЗД): per case, and the centre's register
    path(_REPORTS, report_views.case_reports, name="reports"),
    path(_REPORTS + "add/", report_views.add_report, name="add_report"),
    path(_REPORT, report_views.report_page, name="report"),
    path(_REPORT + "edit/", report_views.edit_report, name="edit_report"),
    path(_REPORT + "send/", report_views.send_report, name="send_report"),
    path(_REPORT + "cancel/", report_views.cancel_report, name="cancel_report"),
    path(_REPORT + "print/", report_views.print_report, name="print_report"),
    path("referrer-reports/", report_views.register, name="register"),
]
