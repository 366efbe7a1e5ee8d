"""Benchmark-only pieces, mounted only when OPORA_BENCH=1 (bench/run.py sets it for gunicorn).

- `/bench/floor/`: the bare Django view, the floor every page is compared with;
- `/bench/admin/`: a Django admin site with the person table searchable the way the admin does it
  (the naive peer a small NGO would run); the normal `/system/` admin has no person model;
- `QueryCountMiddleware`: every response says how many SQL queries it took (`X-Queries`).
"""

from django.contrib import admin
from django.db import connection
from django.http import HttpResponse
from django.urls import path

from opora.people.models import Person


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-Queries"] = str(count)
        return response


class PeerPersonAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "middle_name", "identifier", "birth_date", "centre")
    search_fields = ("first_name", "middle_name", "last_name", "identifier")
    list_select_related = ("centre",)

    # Opora's own rules govern "people.view_person" (per centre); the peer is a plain admin that
    # lets its superuser read the table, as a small NGO's admin would.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


peer_site = admin.AdminSite(name="bench_admin")
peer_site.register(Person, PeerPersonAdmin)

urlpatterns = [
    path("bench/floor/", floor, name="bench_floor"),
    path("bench/admin/", peer_site.urls),
]
