from django.urls import path

from opora.cases import access_views, views

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
    # Need-to-know: asking for access to a case outside one's team, and the manager's decisions
    path("<int:case_id>/access/", access_views.request_access, name="request_access"),
    path("access-requests/", access_views.access_requests_page, name="access_requests"),
    path(
        "access-requests/<int:access_request_id>/grant/",
        access_views.grant_access,
        name="grant_access",
    ),
    path(
        "access-requests/<int:access_request_id>/refuse/",
        access_views.refuse_access,
        name="refuse_access",
    ),
    path(
        "access-requests/<int:access_request_id>/revoke/",
        access_views.revoke_access,
        name="revoke_access",
    ),
]
