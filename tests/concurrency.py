"""Run calls at the same moment in threads, each with its own database connection (PostgreSQL)."""

import threading

from django.core.exceptions import ValidationError
from django.db import connections


def race(*calls):
    """Run the calls in threads released together; the outcome of each: "won" or "refused"."""
    barrier, outcomes = threading.Barrier(len(calls)), []

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("won")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)
