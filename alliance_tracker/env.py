"""Read typed settings from the environment, refusing bad values with one clear sentence.

Every failure raises ImproperlyConfigured naming the variable, so a typo in a deployment stops
start-up with a message an operator can act on instead of a traceback from deep inside Django.
"""

import os
import re
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


HEADER_NAME = re.compile(r"[A-Za-z0-9_-]+")


def env_proxy_ssl_header(name: str) -> tuple[str, str] | None:
    """Read the header a TLS-terminating proxy sets on HTTPS requests, as ``HEADER,value``
    (``X-Forwarded-Proto,https``), in the form Django's SECURE_PROXY_SSL_HEADER takes.

    Unset means no proxy is trusted: a client could otherwise claim HTTPS by sending the header.
    """
    if os.environ.get(name) is None:
        return None
    parts = env_list(name, default=[])
    if len(parts) != 2 or not HEADER_NAME.fullmatch(parts[0]):
        raise ImproperlyConfigured(
            f"{name} must be a header name and the value meaning HTTPS, separated by a comma, "
            f"such as 'X-Forwarded-Proto,https', not {os.environ[name]!r}."
        )
    header, value = parts
    header = header.upper().replace("-", "_")
    if not header.startswith("HTTP_"):
        header = f"HTTP_{header}"
    return header, value


SUPPORTED_ENGINES = {
    "django.db.backends.postgresql",
    "django.db.backends.sqlite3",
}


def env_database(name: str, default_url: str, *, pool: bool, timeout: int = 3) -> dict:
    """Parse DATABASE_URL. PostgreSQL connections come from psycopg's pool when ``pool`` is on,
    and are kept open between requests otherwise.

    ``timeout`` (seconds) bounds how long a request waits for a connection, from the pool or a
    new one, so that an outage answers 503 quickly instead of holding every worker.
    """
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
        options = config.setdefault("OPTIONS", {})
        # libpq's own limit on opening a connection: without it a host that drops packets holds
        # the request (or the pool's worker) for the kernel's TCP timeout, minutes.
        options.setdefault("connect_timeout", timeout)
        if pool:
            options["pool"] = {
                "min_size": 1,
                "max_size": 8,
                "timeout": timeout,
            }
        else:
            config["CONN_MAX_AGE"] = 60
        # Checked before reuse (from the pool, Django has psycopg check each connection it hands
        # out): after the database restarts, the broken connections are replaced instead of
        # failing the next requests, so the site recovers by itself.
        config["CONN_HEALTH_CHECKS"] = True
    return config
