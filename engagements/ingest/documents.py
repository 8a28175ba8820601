"""Receive a readout document — pasted text, an uploaded file, a path or a URL — and refuse,
with one sentence an editor can act on, anything that is not readable text.

No Django imports: the size cap is passed in by the caller (settings.INGEST_MAX_BYTES).
"""

import datetime
import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
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
FETCH_TIMEOUT_SECONDS = 10
USER_AGENT = "AllianceTracker/1.0 (readout importer)"


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
    if b"\x00" in data[:8192]:
        raise IngestError(f"{label} is a binary file, not text: upload a .txt, .md or .html file.")
    try:
        text = data.decode(charset or "utf-8")
    except (UnicodeDecodeError, LookupError):
        raise IngestError(
            f"{label} is not valid {charset.upper()} text; save it as UTF-8 and try again."
        ) from None
    return check_text(text, label=label, max_bytes=max_bytes)


def check_text(text: str, *, label: str, max_bytes: int) -> str:
    text = text.removeprefix("\ufeff")
    if len(text.encode("utf-8")) > max_bytes:
        raise IngestError(f"{label} is longer than the limit of {max_bytes:,} bytes.")
    if not text.strip():
        raise IngestError(f"{label} is empty: there is no text to read.")
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > 0.01 * min(len(text), 8192):
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
    if not path.is_file():
        raise IngestError(f"{path} does not exist or is not a file.")
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(f"{path} is {size:,} bytes; the limit is {max_bytes:,} bytes.")
    document = from_upload(path.read_bytes(), name=str(path), max_bytes=max_bytes)
    document.name = path.name
    return document


def check_url(url: str) -> str:
    url = url.strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise IngestError(f"Only http:// and https:// addresses can be fetched, not {url!r}.")
    if not parts.hostname:
        raise IngestError(f"{url!r} names no host.")
    return url


def check_public_host(url: str) -> None:
    """Refuse an address that resolves to this machine or a private network: the server fetches
    on an editor's behalf and must not become a way into what only it can reach."""
    host = urllib.parse.urlsplit(url).hostname or ""
    port = urllib.parse.urlsplit(url).port or 80
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port)}
    except (socket.gaierror, UnicodeError):
        raise IngestError(f"{url} could not be reached (its host name does not resolve).") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise IngestError(
                f"{url} points at a private or local address ({ip}); only public web pages "
                "are fetched."
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s) addresses that pass the same checks as the first."""

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(newurl)
        if not self.allow_private:
            check_public_host(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(
    url: str,
    *,
    max_bytes: int,
    timeout: float = FETCH_TIMEOUT_SECONDS,
    allow_private: bool = False,
) -> RawDocument:
    """GET ``url`` with a timeout, a size cap and a content-type check. Addresses on this
    machine or a private network are refused unless ``allow_private`` (tests, intranets)."""
    url = check_url(url)
    if not allow_private:
        check_public_host(url)
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain, text/markdown"}
    )
    opener = urllib.request.build_opener(_CheckedRedirects(allow_private))
    try:
        with opener.open(request, timeout=timeout) as response:
            final_url = check_url(response.geturl())
            content_type, charset = _content_type(response.headers)
            if content_type not in ACCEPTED_TYPES:
                raise IngestError(
                    f"{url} answered with {content_type or 'no content type'}, not a text or "
                    "HTML page."
                )
            data = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        raise IngestError(f"{url} answered {error.code} {error.reason}.") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        reason = getattr(error, "reason", error)
        raise IngestError(f"{url} could not be reached ({reason}).") from None
    text = decode(data, label=url, max_bytes=max_bytes, charset=charset)
    return RawDocument(
        text=text,
        content_type=ACCEPTED_TYPES[content_type],
        url=final_url,
        retrieved_at=datetime.datetime.now(datetime.UTC),
    )


def _content_type(headers: Message) -> tuple[str, str]:
    content_type = (headers.get_content_type() or "").lower()
    charset = headers.get_content_charset() or "utf-8"
    return content_type, charset


def load(path_or_url: str, *, max_bytes: int, allow_private: bool = False) -> RawDocument:
    """The command line's argument: a URL when it has a scheme, a file path otherwise."""
    if "://" in path_or_url or path_or_url.lower().startswith(("http:", "https:", "ftp:")):
        return fetch_url(path_or_url, max_bytes=max_bytes, allow_private=allow_private)
    if ":" in path_or_url.split("/")[0] and not Path(path_or_url).exists():
        raise IngestError(
            f"Only http:// and https:// addresses can be fetched, not {path_or_url!r}."
        )
    return from_path(path_or_url, max_bytes=max_bytes)
