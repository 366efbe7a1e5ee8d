"""Play demo stories in the past.

The domain functions take the current moment from `django.utils.timezone.now()` — directly, through
`timezone.localdate()`, or through `auto_now` fields. Running each step of a story while that
function returns the moment the step happened lets every rule hold as it did then (a contract before
the first session, nothing recorded in the future, a deadline counted from the day the case was
accepted) and makes every date the domain writes follow from it: deadlines and their fulfilment,
plan reviews, contract terms, sessions, reports, audit entries.

Only the demo seed uses this, in one thread and inside one transaction; the real clock is back when
the block ends, whatever happens in it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from itertools import count

from django.utils import timezone

# Each reading moves on a little, so rows written by one step keep the order they were written in.
TICK = timedelta(milliseconds=1)


@contextmanager
def played_at(moment: datetime) -> Iterator[None]:
    real_now = timezone.now
    ticks = count()
    timezone.now = lambda: moment + TICK * next(ticks)
    try:
        yield
    finally:
        timezone.now = real_now
