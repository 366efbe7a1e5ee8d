from django.urls import path

from opora.tasks import views

app_name = "tasks"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("<int:task_id>/done/", views.complete, name="complete"),
]
