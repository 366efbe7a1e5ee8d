from django.urls import path

from opora.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("waiting-list/", views.waiting_list_page, name="waiting_list"),
    path("<int:case_id>/", views.detail, name="detail"),
    path("<int:case_id>/accept/", views.accept, name="accept"),
    path("<int:case_id>/waitlist/", views.waitlist, name="waitlist"),
    path("<int:case_id>/refuse/", views.refuse, name="refuse"),
    path("<int:case_id>/leave-waiting-list/", views.leave_waiting_list, name="leave_waiting_list"),
    path("<int:case_id>/case-manager/", views.assign, name="assign"),
    path("<int:case_id>/team/", views.add_team, name="add_team"),
    path("<int:case_id>/people/", views.add_person, name="add_person"),
]
