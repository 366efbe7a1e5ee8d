from django.urls import path

from opora.reviews import views

app_name = "reviews"
_REVIEWS = "cases/<int:case_id>/reviews/"
_REVIEW = "reviews/<int:review_id>/"

urlpatterns = [
    path(_REVIEWS, views.review_list, name="list"),
    path(_REVIEWS + "start/", views.start, name="start"),
    path(_REVIEW, views.detail, name="detail"),
    path(_REVIEW + "record/", views.record_sheet, name="record"),
    path(_REVIEW + "complete/", views.complete, name="complete"),
]
