from django.urls import path

from opora.plans import views

app_name = "plans"
_PLAN = "cases/<int:case_id>/plan/"
_VERSION = "plan-versions/<int:version_id>/"
_CONTRACT = "contracts/<int:contract_id>/"

urlpatterns = [
    path(_PLAN, views.plan_page, name="plan"),
    path(_PLAN + "new/", views.start, name="start"),
    path(_VERSION, views.version_page, name="version"),
    path(_VERSION + "edit/", views.edit, name="edit"),
    path(_VERSION + "submit/", views.submit, name="submit"),
    path(_VERSION + "approve/", views.approve, name="approve"),
    path(_VERSION + "return/", views.return_plan, name="return_plan"),
    path(_VERSION + "print/", views.print_plan, name="print_plan"),
    path("cases/<int:case_id>/contracts/new/", views.new_contract, name="new_contract"),
    path(_CONTRACT, views.contract_page, name="contract"),
    path(_CONTRACT + "edit/", views.edit_contract, name="edit_contract"),
    path(_CONTRACT + "sign/", views.sign, name="sign"),
    path(_CONTRACT + "annex/", views.annex, name="annex"),
    path(_CONTRACT + "print/", views.print_contract, name="print_contract"),
]
