from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from opora.core import views as core_views

admin.site.site_header = "Опора — администрация на системата"
admin.site.site_title = "Опора"
admin.site.index_title = "Центрове и потребители"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/", include("opora.accounts.urls")),
    path("system/", admin.site.urls),
    # The centres' public pages and the request form: no sign-in, outside the staff area.
    path("centres/", include("opora.public.urls")),
    path("c/<slug:centre>/", include("opora.centres.urls")),
    path("c/<slug:centre>/people/", include("opora.people.urls")),
    path("c/<slug:centre>/cases/", include("opora.cases.urls")),
    path("c/<slug:centre>/referrals/", include("opora.referrals.urls")),
    path("c/<slug:centre>/tasks/", include("opora.tasks.urls")),
    path("c/<slug:centre>/staff/", include("opora.accounts.staff_urls")),
    # Casework: each app declares its own paths under the centre (cases/<id>/…, my-work/, calendar/…).
    path("c/<slug:centre>/", include("opora.deadlines.urls")),
    path("c/<slug:centre>/", include("opora.assessments.urls")),
    path("c/<slug:centre>/", include("opora.plans.urls")),
    path("c/<slug:centre>/", include("opora.consultations.urls")),
    path("c/<slug:centre>/", include("opora.reviews.urls")),
    path("c/<slug:centre>/", include("opora.closure.urls")),
    path("c/<slug:centre>/privacy/", include("opora.privacy.urls")),
    path("c/<slug:centre>/", include("opora.audit.urls")),
    path("c/<slug:centre>/groups/", include("opora.groups.urls")),
    path("c/<slug:centre>/fostering/", include("opora.fostering.urls")),
    path("c/<slug:centre>/", include("opora.documents.urls")),
    path("c/<slug:centre>/", include("opora.attachments.urls")),
    path("c/<slug:centre>/reports/", include("opora.reporting.urls")),
    path("c/<slug:centre>/statutory/", include("opora.statutory.urls")),
    # Municipal and national officials: aggregated figures of the centres they oversee, no names.
    path("oversight/reports/", include("opora.reporting.oversight_urls")),
    path("oversight/", include("opora.oversight.urls")),
]

# Benchmark runs only (OPORA_BENCH=1, bench/run.py): the floor view and the admin peer.
if settings.OPORA_BENCH:
    from opora.perf.bench import urlpatterns as bench_urlpatterns

    urlpatterns += bench_urlpatterns

handler400 = "opora.core.views.bad_request"
handler403 = "opora.core.views.permission_denied"
handler404 = "opora.core.views.page_not_found"
handler500 = "opora.core.views.server_error"
