"""Read typed settings from the environment, refusing bad values with one clear sentence.

Every failure raises ImproperlyConfigured naming the variable, so a typo in a deployment stops
start-up with a message an operator can act on instead of a traceback from deep inside Django.
"""

import os
import zoneinfo

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no or on/off, not {raw!r}."
    )


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name} is set but lists nothing; give comma-separated values.")
    return items


def env_time_zone(name: str, default: str) -> str:
    value = os.environ.get(name, default).strip()
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"{name} must be an IANA time zone such as 'UTC' or 'Asia/Seoul', not {value!r}."
        ) from None
    return value


SUPPORTED_ENGINES = {
    "django.db.backends.postgresql",
    "django.db.backends.sqlite3",
}


def env_database(name: str, default_url: str, *, pool: bool) -> dict:
    """Parse DATABASE_URL. PostgreSQL connections come from psycopg's pool when ``pool`` is on,
    and are kept open between requests otherwise."""
    url = os.environ.get(name, "").strip() or default_url
    try:
        config = dj_database_url.parse(url)
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(
            f"{name} is not a database URL Django understands: {error}"
        ) from None
    if config.get("ENGINE") not in SUPPORTED_ENGINES:
        raise ImproperlyConfigured(
            f"{name} must point at PostgreSQL (postgres://…) or SQLite (sqlite:///…), not {url!r}."
        )
    if config["ENGINE"] == "django.db.backends.postgresql":
        if not config.get("NAME"):
            raise ImproperlyConfigured(f"{name} names no database: add /dbname to {url!r}.")
        if pool:
            config.setdefault("OPTIONS", {})["pool"] = {"min_size": 1, "max_size": 8, "timeout": 10}
        else:
            config["CONN_MAX_AGE"] = 60
            config["CONN_HEALTH_CHECKS"] = True
    return config
