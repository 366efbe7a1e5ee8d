"""Run calls at the same moment in real threads, each on its own database connection."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection

TIMEOUT_SECONDS = 30


def run_together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Start every call together (a Barrier) and return each one's result or raised exception.

    Django gives each thread its own connection; it is closed when the thread ends so that the
    transactional test's flush is not blocked by an idle session.
    """
    barrier = threading.Barrier(len(calls))
    outcomes: list[Any] = [None] * len(calls)

    def worker(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=TIMEOUT_SECONDS)
            outcomes[index] = call()
        except Exception as exc:  # the outcome under test, inspected by the caller
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT_SECONDS)
    assert not any(t.is_alive() for t in threads), "a thread is still waiting (deadlock?)"
    return outcomes
