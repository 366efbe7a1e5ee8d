from django.urls import path

from opora.statutory import views

app_name = "statutory"
urlpatterns = [
    path("", views.index, name="index"),
    # Месечна справка за заетостта (for the municipality's funding)
    path("occupancy/", views.occupancy, name="occupancy"),
    path("occupancy/pdf/", views.occupancy_pdf, name="occupancy_pdf"),
    path("occupancy/export/", views.occupancy_export, name="occupancy_export"),
    path("occupancy/submit/", views.occupancy_submit, name="occupancy_submit"),
    # Данни за ИИС на АСП (ЗСУ чл. 86)
    path("asp/", views.asp, name="asp"),
    path("asp/export/", views.asp_export, name="asp_export"),
    path("asp/submit/", views.asp_submit, name="asp_submit"),
    # Годишен отчет за дейността на услугата (ЗСУ чл. 112)
    path("annual/", views.annual, name="annual"),
    path("annual/docx/", views.annual_docx, name="annual_docx"),
    path("annual/pdf/", views.annual_pdf, name="annual_pdf"),
    # Submitted reports, re-run and compared
    path("snapshots/", views.snapshots, name="snapshots"),
    path("download/", views.download, name="download"),
]
