from django.urls import path

from opora.documents import views
from opora.documents.kinds.base import REGISTRY

app_name = "documents"
urlpatterns = [
    path("documents/", views.register, name="register"),
    path("documents/layouts/", views.layouts, name="layouts"),
    path("documents/layouts/edit/", views.edit_layout, name="edit_layout"),
    # One page per kind, named after it (documents:session…), keyed by its subject's id.
    *(
        path(
            f"documents/{kind.code}/<int:{kind.url_kwarg}>/",
            views.document,
            {"kind_code": kind.code},
            name=kind.code,
        )
        for kind in REGISTRY.values()
    ),
]
