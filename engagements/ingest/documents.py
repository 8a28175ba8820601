"""Receive a readout document — pasted text, an uploaded file, a path or a URL — and refuse,
with one sentence an editor can act on, anything that is not readable text.

No Django imports at module level: the size cap is passed in by the caller
(settings.INGEST_MAX_BYTES). Only the fetch's overall time limit is looked up in the settings
(INGEST_FETCH_DEADLINE), when Django is configured, so that callers need not pass it.
"""

import codecs
import datetime
import http.client
import io
import ipaddress
import re
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ACCEPTED_TYPES = {
    "text/plain": "text/plain",
    "text/markdown": "text/markdown",
    "text/x-markdown": "text/markdown",
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
}
EXTENSION_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}
# The longest any one wait of a fetch may take (connecting, or one read), and the longest the
# whole fetch may take — resolving, connecting, every redirect, headers and body — however the
# server paces its bytes.
FETCH_TIMEOUT_SECONDS = 10
FETCH_DEADLINE_SECONDS = 15
MAX_REDIRECTS = 10
USER_AGENT = "AllianceTracker/1.0 (readout importer)"
# Text is checked for binary content in slices of this many characters: a slice with more than
# 1% control characters is binary data, wherever it is in the file.
_BINARY_CHECK_CHARS = 8192
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_READ_CHUNK = 64 * 1024


class IngestError(Exception):
    """Input that cannot be imported; the message is shown to the editor as it is."""


@dataclass
class RawDocument:
    text: str
    content_type: str
    url: str = ""
    name: str = ""
    retrieved_at: datetime.datetime | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.url or self.name or "pasted text"


def guess_type(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in EXTENSION_TYPES:
        return EXTENSION_TYPES[suffix]
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "text/html"
    return "text/plain"


def decode(data: bytes, *, label: str, max_bytes: int, charset: str = "utf-8") -> str:
    """Bytes → text, refusing empty, oversized, binary and wrongly encoded input."""
    if len(data) > max_bytes:
        raise IngestError(
            f"{label} is {len(data):,} bytes; the limit is {max_bytes:,} bytes. "
            "Paste the readout's text instead of the whole page."
        )
    # Anywhere in the file: a NUL past the first few kilobytes is as binary as one at the start
    # (and the database refuses to store it).
    if b"\x00" in data:
        raise IngestError(f"{label} is a binary file, not text: upload a .txt, .md or .html file.")
    charset = charset or "utf-8"
    try:
        # bytes.decode accepts only text encodings, but a name with a NUL raises ValueError.
        text = data.decode(codecs.lookup(charset).name)
    except UnicodeDecodeError:
        raise IngestError(
            f"{label} is not valid {charset.upper()} text; save it as UTF-8 and try again."
        ) from None
    except (LookupError, ValueError):
        raise IngestError(
            f"{label} declares the character set {charset!r}, which is not a text encoding "
            "this importer knows; save it as UTF-8 and try again."
        ) from None
    return check_text(text, label=label, max_bytes=max_bytes)


def check_text(text: str, *, label: str, max_bytes: int) -> str:
    text = text.removeprefix("\ufeff")
    if len(text.encode("utf-8")) > max_bytes:
        raise IngestError(f"{label} is longer than the limit of {max_bytes:,} bytes.")
    if not text.strip():
        raise IngestError(f"{label} is empty: there is no text to read.")
    if "\x00" in text:
        raise IngestError(f"{label} contains NUL characters: it is binary data, not text.")
    # Every slice is looked at, so that binary data after a text preamble is found too; a text
    # shorter than one slice is judged by its own length.
    allowed = 0.01 * min(len(text), _BINARY_CHECK_CHARS)
    for start in range(0, len(text), _BINARY_CHECK_CHARS):
        chunk = text[start : start + _BINARY_CHECK_CHARS]
        if len(_CONTROL_CHARS.findall(chunk)) > allowed:
            raise IngestError(f"{label} looks like binary data, not text.")
    return text


def from_text(text: str, *, max_bytes: int) -> RawDocument:
    text = check_text(text, label="The pasted text", max_bytes=max_bytes)
    return RawDocument(text=text, content_type=guess_type("", text))


def from_upload(data: bytes, *, name: str, max_bytes: int) -> RawDocument:
    suffix = Path(name).suffix.lower()
    if suffix and suffix not in EXTENSION_TYPES:
        raise IngestError(
            f"{name} is a {suffix} file; upload a .txt, .md or .html file, or paste the text."
        )
    text = decode(data, label=name, max_bytes=max_bytes)
    return RawDocument(text=text, content_type=guess_type(name, text), name=name)


def from_path(path: str | Path, *, max_bytes: int) -> RawDocument:
    path = Path(path)
    try:
        if not path.is_file():
            raise IngestError(f"{path} does not exist or is not a file.")
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(f"{path} is {size:,} bytes; the limit is {max_bytes:,} bytes.")
        data = path.read_bytes()
    except (OSError, ValueError) as error:
        # A name too long for the system, a NUL in it, a file that may not be read.
        reason = getattr(error, "strerror", None) or error
        raise IngestError(f"{path} could not be read ({reason}).") from None
    document = from_upload(data, name=str(path), max_bytes=max_bytes)
    document.name = path.name
    return document


# --- Fetching ------------------------------------------------------------------------------


def check_url(url: str) -> str:
    """``url`` if it is an http(s) address naming a host and a usable port."""
    url = url.strip()
    try:
        parts = urllib.parse.urlsplit(url)
        scheme, host, port = parts.scheme.lower(), parts.hostname, parts.port
    except ValueError as error:
        # "Port out of range 0-65535", "Port could not be cast to integer value as 'abc'",
        # "Invalid IPv6 URL" (an unclosed bracket).
        raise IngestError(f"{url!r} is not a valid address: {error}.") from None
    if scheme not in {"http", "https"}:
        raise IngestError(f"Only http:// and https:// addresses can be fetched, not {url!r}.")
    if not host:
        raise IngestError(f"{url!r} names no host.")
    if port == 0:
        raise IngestError(f"{url!r} is not a valid address: port 0 cannot be connected to.")
    return url


# NAT64 (RFC 6052) and the deprecated IPv4-compatible form carry an IPv4 address in their last
# 32 bits, where the packets end up.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def is_public_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether ``ip`` is a public unicast address: not this machine, a private or shared
    network, link-local, multicast, unspecified, reserved or documentation space.

    An IPv6 address that carries an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4,
    Teredo) is judged by that IPv4 address as well, since the Python versions disagree on
    whether such forms are global, and the IPv4 address is where a connection would land."""
    if isinstance(ip, ipaddress.IPv6Address):
        ip = ipaddress.IPv6Address(int(ip))  # without a %scope
        if ip.ipv4_mapped is not None:
            return is_public_address(ip.ipv4_mapped)
        if ip in _NAT64 or ip in _IPV4_COMPATIBLE:
            return is_public_address(ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF))
        carried = [ip.sixtofour, *(ip.teredo or ())]
        if any(v4 is not None and not is_public_address(v4) for v4 in carried):
            return False
        if ip.is_site_local:
            return False
    return ip.is_global and not (
        ip.is_multicast
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_unspecified
    )


def fetch_deadline() -> float:
    """The whole fetch's time limit in seconds: settings.INGEST_FETCH_DEADLINE when Django is
    configured, else FETCH_DEADLINE_SECONDS."""
    try:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured
    except ImportError:
        return FETCH_DEADLINE_SECONDS
    try:
        value = getattr(settings, "INGEST_FETCH_DEADLINE", FETCH_DEADLINE_SECONDS)
    except ImproperlyConfigured:
        return FETCH_DEADLINE_SECONDS
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ImproperlyConfigured(
            f"INGEST_FETCH_DEADLINE must be a positive number of seconds, not {value!r}."
        )
    return float(value)


class _DeadlinePassed(Exception):
    pass


class _Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise _DeadlinePassed
        return left

    def passed(self) -> bool:
        return time.monotonic() >= self.end


def _resolve(host: str, port: int, deadline: _Deadline) -> list[tuple]:
    """``getaddrinfo`` bounded by the deadline: the call itself cannot be interrupted, so it
    runs in a thread that is abandoned (it ends with the resolver's own timeout) if too slow."""
    answer: dict = {}

    def work():
        try:
            answer["addresses"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except Exception as error:  # handed to the caller below
            answer["error"] = error

    worker = threading.Thread(target=work, name="readout-fetch-resolve", daemon=True)
    worker.start()
    worker.join(deadline.remaining())
    if worker.is_alive():
        raise _DeadlinePassed
    if "error" in answer:
        raise answer["error"]
    return answer["addresses"]


def _checked_addresses(
    url: str, host: str, port: int, *, deadline: _Deadline, allow_private: bool
) -> list[tuple]:
    """Resolve ``host`` once and refuse it if any address is not public (unless
    ``allow_private``). The connection is then made to these very addresses, so that a second
    DNS answer (rebinding) cannot point the request at something the check never saw."""
    try:
        addresses = _resolve(host, port, deadline)
    except (OSError, UnicodeError, ValueError):
        addresses = []
    if not addresses:
        raise IngestError(f"{url} could not be reached (its host name does not resolve).")
    if not allow_private:
        for address in addresses:
            ip = ipaddress.ip_address(address[4][0].split("%")[0])
            if not is_public_address(ip):
                raise IngestError(
                    f"{url} points at a private or local address ({ip}); only public web "
                    "pages are fetched."
                )
    return addresses


def _connect(addresses: list[tuple], *, deadline: _Deadline, timeout: float) -> socket.socket:
    error: OSError | None = None
    for family, kind, proto, _, sockaddr in addresses:
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(min(timeout, deadline.remaining()))
            sock.connect(sockaddr)
            return sock
        except OSError as failure:
            sock.close()
            error = failure
        except BaseException:
            sock.close()
            raise
    raise error or OSError("no address to connect to")


class _DeadlineReader(io.RawIOBase):
    """The response stream http.client reads status, headers and body from; each read waits no
    longer than what is left of the fetch's deadline."""

    def __init__(self, sock: "_DeadlineSocket"):
        self._sock = sock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        self._sock.arm()
        return self._sock.raw.recv_into(buffer)


class _DeadlineSocket:
    """A connected socket as http.client uses it (sendall, makefile, close), with every send
    and receive limited by the deadline, so that a server trickling one byte at a time cannot
    hold the fetch beyond it."""

    def __init__(self, raw: socket.socket, *, deadline: _Deadline, timeout: float):
        self.raw = raw
        self._deadline = deadline
        self._timeout = timeout

    def arm(self) -> None:
        self.raw.settimeout(min(self._timeout, self._deadline.remaining()))

    def sendall(self, data) -> None:
        self.arm()
        self.raw.sendall(data)

    def makefile(self, mode="rb", *args, **kwargs):
        return io.BufferedReader(_DeadlineReader(self))

    def close(self) -> None:
        # http.client closes its side as soon as a response says the connection will close,
        # before the body is read; the socket is closed when the fetch is done with it.
        pass


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to addresses resolved and checked beforehand. The name in the URL
    still goes in the Host header and, over TLS, in SNI and the certificate check."""

    def __init__(self, host, port, *, addresses, deadline, timeout, tls):
        super().__init__(host, port, timeout=timeout)
        self._addresses = addresses
        self._deadline = deadline
        self._per_wait = timeout
        self._tls = tls
        self._raw: socket.socket | None = None
        if tls:
            self.default_port = http.client.HTTPS_PORT  # no ":443" in the Host header

    def connect(self) -> None:
        raw = _connect(self._addresses, deadline=self._deadline, timeout=self._per_wait)
        self._raw = raw
        if self._tls:
            raw.settimeout(min(self._per_wait, self._deadline.remaining()))
            raw = _tls_context().wrap_socket(raw, server_hostname=self.host)
            self._raw = raw
        self.sock = _DeadlineSocket(raw, deadline=self._deadline, timeout=self._per_wait)

    def discard(self) -> None:
        self.close()
        if self._raw is not None:
            self._raw.close()


def _tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


def _request_target(parts: urllib.parse.SplitResult) -> str:
    # Percent-encode what may not appear in a request line (spaces, control and non-ASCII
    # characters); existing escapes and reserved characters stay as they are.
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return urllib.parse.quote(target, safe="!$%&'()*+,/:;=?@[]~")


def _ascii_host(url: str, host: str) -> str:
    try:
        return host if host.isascii() else host.encode("idna").decode("ascii")
    except UnicodeError:
        raise IngestError(f"{url!r} is not a valid address: its host name is malformed.") from None


def _get(url: str, *, deadline: _Deadline, timeout: float, allow_private: bool):
    """One GET of ``url``, connected to the addresses checked for it: (connection, response)."""
    parts = urllib.parse.urlsplit(url)
    tls = parts.scheme.lower() == "https"
    host = _ascii_host(url, parts.hostname)
    port = parts.port or (443 if tls else 80)
    addresses = _checked_addresses(url, host, port, deadline=deadline, allow_private=allow_private)
    connection = _PinnedConnection(
        host, port, addresses=addresses, deadline=deadline, timeout=timeout, tls=tls
    )
    try:
        connection.request(
            "GET",
            _request_target(parts),
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html, text/plain, text/markdown",
                "Connection": "close",
            },
        )
        return connection, connection.getresponse()
    except BaseException:
        connection.discard()
        raise


def fetch_url(
    url: str,
    *,
    max_bytes: int,
    timeout: float = FETCH_TIMEOUT_SECONDS,
    allow_private: bool = False,
    deadline: float | None = None,
) -> RawDocument:
    """GET ``url`` with a size cap, a content-type check, ``timeout`` seconds at most for any
    one wait and ``deadline`` seconds (default: fetch_deadline()) for the whole fetch, redirects
    included. Every host on the way is resolved once, refused if it is on this machine or a
    private network (unless ``allow_private``: tests, intranets), and connected to at the
    addresses checked."""
    url = check_url(url)
    seconds = fetch_deadline() if deadline is None else deadline
    clock = _Deadline(seconds)
    try:
        final_url, content_type, charset, data = _fetch(
            url, max_bytes=max_bytes, deadline=clock, timeout=timeout, allow_private=allow_private
        )
    except _DeadlinePassed:
        raise _too_slow(url, seconds) from None
    except TimeoutError:
        if clock.passed():
            raise _too_slow(url, seconds) from None
        raise IngestError(f"{url} could not be reached (no answer within {timeout:g} s).") from None
    except http.client.HTTPException as error:
        # More than 100 headers, an over-long line, a malformed status line, a body cut short.
        detail = str(error)[:100] or type(error).__name__
        raise IngestError(f"{url} sent a response that cannot be read ({detail}).") from None
    except OSError as error:
        # Refused or reset connections, TLS and certificate failures.
        reason = getattr(error, "verify_message", None) or error.strerror or error
        raise IngestError(f"{url} could not be reached ({reason}).") from None
    except (ValueError, UnicodeError) as error:
        # Whatever else the address or the answer holds that the HTTP client will not take:
        # the editor gets a sentence, not a server error.
        raise IngestError(f"{url} could not be fetched ({error}).") from None
    text = decode(data, label=url, max_bytes=max_bytes, charset=charset)
    return RawDocument(
        text=text,
        content_type=ACCEPTED_TYPES[content_type],
        url=final_url,
        retrieved_at=datetime.datetime.now(datetime.UTC),
    )


def _too_slow(url: str, seconds: float) -> IngestError:
    return IngestError(
        f"{url} took longer than {seconds:g} s to send the page, so the fetch was stopped; "
        "try again later, or paste the readout's text."
    )


def _fetch(
    url: str, *, max_bytes: int, deadline: _Deadline, timeout: float, allow_private: bool
) -> tuple[str, str, str, bytes]:
    """Follow redirects from ``url``: (final address, content type, charset, body)."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        connection, response = _get(
            current, deadline=deadline, timeout=timeout, allow_private=allow_private
        )
        try:
            if response.status in {301, 302, 303, 307, 308}:
                location = (response.getheader("Location") or "").strip()
                if not location:
                    raise IngestError(f"{current} redirected without saying where to.")
                try:
                    current = urllib.parse.urljoin(current, location)
                except ValueError:
                    raise IngestError(
                        f"{current} redirected to an invalid address ({location[:200]!r})."
                    ) from None
                current = check_url(current)
                continue
            if not 200 <= response.status < 300:
                reason = (response.reason or "").strip()[:100]
                raise IngestError(f"{url} answered {response.status} {reason}.".rstrip())
            if "Content-Type" not in response.headers:
                raise IngestError(
                    f"{url} answered without saying what kind of document it is (no "
                    "Content-Type), so it is not read; paste the readout's text instead."
                )
            content_type = response.headers.get_content_type().lower()
            if content_type not in ACCEPTED_TYPES:
                raise IngestError(f"{url} answered with {content_type}, not a text or HTML page.")
            if response.length is not None and response.length > max_bytes:
                raise IngestError(
                    f"{url} is {response.length:,} bytes; the limit is {max_bytes:,} bytes. "
                    "Paste the readout's text instead of the whole page."
                )
            charset = response.headers.get_content_charset() or "utf-8"
            return current, content_type, charset, _read_body(response, max_bytes)
        finally:
            response.close()
            connection.discard()
    raise IngestError(f"{url} redirected more than {MAX_REDIRECTS} times.")


def _read_body(response: http.client.HTTPResponse, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes: one more than the cap is enough to refuse the page."""
    chunks, size = [], 0
    while size <= max_bytes:
        chunk = response.read(min(_READ_CHUNK, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def load(path_or_url: str, *, max_bytes: int, allow_private: bool = False) -> RawDocument:
    """The command line's argument: a URL when it has a scheme, a file path otherwise."""
    if "://" in path_or_url or path_or_url.lower().startswith(("http:", "https:", "ftp:")):
        return fetch_url(path_or_url, max_bytes=max_bytes, allow_private=allow_private)
    if ":" in path_or_url.split("/")[0] and not _exists(path_or_url):
        raise IngestError(
            f"Only http:// and https:// addresses can be fetched, not {path_or_url!r}."
        )
    return from_path(path_or_url, max_bytes=max_bytes)


def _exists(path: str) -> bool:
    try:
        return Path(path).exists()
    except (OSError, ValueError):
        return False
