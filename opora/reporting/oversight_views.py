"""The same report pages over the centres an official oversees (roll-ups, small counts hidden).

Anyone else — the centres' own staff included — gets a 404: the pages do not exist for them.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_POST

from opora.oversight.domain.scope import may_oversee
from opora.reporting import views
from opora.reporting.domain.queries import oversight_scope


def oversight_view(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_oversee(request.user):
            raise Http404("Няма такава страница.")
        place = views.Place(None, oversight_scope(request.user), "rollups")
        return view(request, place, *args, **kwargs)

    return wrapped


statistics = oversight_view(views.statistics_page)
export = oversight_view(views.export_page)
download = oversight_view(views.download_page)
take = oversight_view(require_POST(views.take_page))
snapshots = oversight_view(views.snapshots_page)
