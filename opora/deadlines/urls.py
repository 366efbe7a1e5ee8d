from django.urls import path

from opora.deadlines import views

app_name = "deadlines"
urlpatterns = [
    path("my-work/", views.my_work_page, name="my_work"),
    path("deadlines/overdue/", views.overdue_page, name="overdue"),
]
