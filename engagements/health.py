"""What /healthz checks: each check says whether one thing the site needs is working.

``CHECKS`` names them; the site is healthy only when every check is. A background worker's
check (say, the age of its last heartbeat) is one more entry here when the project has one.
Results say only "ok" or "unavailable" and, on failure, the kind of error: the drivers' messages
name hosts, ports and users, and stay in the log.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import Error as DatabaseError
from django.db import connection

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Result:
    ok: bool
    error: str = ""

    def as_json(self) -> dict[str, str]:
        if self.ok:
            return {"status": "ok"}
        return {"status": "unavailable", "error": self.error}


def database() -> Result:
    """A trivial query: the connection (or the pool) works and the server answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: database unavailable: %s", error)
        return Result(ok=False, error=type(error).__name__)
    return Result(ok=True)


CHECKS: dict[str, Callable[[], Result]] = {"database": database}


def report() -> tuple[bool, dict]:
    """Run every check; return whether all passed and the JSON body that says so."""
    results = {name: check() for name, check in CHECKS.items()}
    healthy = all(result.ok for result in results.values())
    return healthy, {
        "status": "ok" if healthy else "unavailable",
        "checks": {name: result.as_json() for name, result in results.items()},
    }
