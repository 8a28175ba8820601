"""Bad input is refused with a sentence an editor can act on: empty, binary, wrongly encoded,
oversized, unreachable, or not http(s)."""

import http.server
import ipaddress
import socket
import threading

import pytest

from engagements.ingest import documents
from engagements.ingest.documents import IngestError

LIMIT = 10_000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"   \n\t  \n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("Réunion des ministres".encode("latin-1"), "not valid UTF-8"),
        (b"x" * (LIMIT + 1), "the limit is 10,000 bytes"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 100, "binary data"),
    ],
)
def test_bad_upload_is_refused_with_a_sentence(data, message):
    with pytest.raises(IngestError, match=message):
        documents.from_upload(data, name="readout.txt", max_bytes=LIMIT)


def test_upload_of_an_unsupported_file_type_is_refused():
    with pytest.raises(IngestError, match=r"upload a \.txt, \.md or \.html file"):
        documents.from_upload(b"%PDF-1.7", name="readout.pdf", max_bytes=LIMIT)


def test_upload_type_follows_the_extension_or_the_content():
    assert documents.from_upload(b"# Title", name="a.md", max_bytes=LIMIT).content_type == (
        "text/markdown"
    )
    html = documents.from_upload(b"<!DOCTYPE html><p>x</p>", name="a.txt", max_bytes=LIMIT)
    assert html.content_type == "text/plain"
    pasted = documents.from_text("<html><body><p>Readout</p></body></html>", max_bytes=LIMIT)
    assert pasted.content_type == "text/html"


def test_byte_order_mark_is_dropped():
    document = documents.from_upload(b"\xef\xbb\xbfReadout", name="a.txt", max_bytes=LIMIT)
    assert document.text == "Readout"


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/readout.txt", "javascript:alert(1)"]
)
def test_only_http_addresses_are_fetched(url):
    with pytest.raises(IngestError, match="Only http:// and https:// addresses"):
        documents.load(url, max_bytes=LIMIT)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(IngestError, match="does not exist"):
        documents.load(str(tmp_path / "nope.txt"), max_bytes=LIMIT)


class Handler(http.server.BaseHTTPRequestHandler):
    routes = {
        "/readout.html": (
            200,
            "text/html; charset=utf-8",
            b"<html><body><p>Met.</p></body></html>",
        ),
        "/readout.txt": (200, "text/plain", b"Secretary Rubio met Foreign Minister Cho."),
        "/image.png": (200, "image/png", b"\x89PNG\r\n"),
        "/big.txt": (200, "text/plain", b"a" * (LIMIT + 50)),
        "/missing": (404, "text/html", b"Not found"),
        "/euc-kr.txt": (200, "text/plain; charset=euc-kr", "한미 외교장관".encode("euc-kr")),
    }
    redirects = {
        "/moved": "/readout.txt",
        "/to-private": "http://10.0.0.8/admin/",
        "/to-metadata": "http://metadata.example/latest/meta-data/",
        "/to-file": "file:///etc/passwd",
        "/loop": "/loop",
    }

    def do_GET(self):
        if self.path in self.redirects:
            self.send_response(302)
            self.send_header("Location", self.redirects[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b""))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def fetch(url, **options):
    # The test server is on loopback, which a real import refuses (see below).
    return documents.fetch_url(url, max_bytes=LIMIT, allow_private=True, **options)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/readout",
        "http://localhost/readout",
        "http://[::1]/readout",
        "http://10.0.0.8/readout",
        "http://192.168.1.20/readout",
        "http://169.254.169.254/latest/meta-data/",
    ],
)
def test_local_and_private_addresses_are_refused(url):
    with pytest.raises(IngestError, match="private or local address"):
        documents.fetch_url(url, max_bytes=LIMIT)


@pytest.fixture
def public_stand_in(monkeypatch, server):
    """The test server as a public host: "readouts.example" resolves to it, and its loopback
    address passes the check that refuses every other local or private address."""
    real_getaddrinfo, real_is_public = socket.getaddrinfo, documents.is_public_address
    names = {"readouts.example": "127.0.0.1", "metadata.example": "169.254.169.254"}

    def getaddrinfo(host, port, *args, **kwargs):
        return real_getaddrinfo(names.get(host, host), port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(
        documents,
        "is_public_address",
        lambda ip: ip == ipaddress.ip_address("127.0.0.1") or real_is_public(ip),
    )
    return server.replace("127.0.0.1", "readouts.example")


def test_redirects_are_followed_to_the_final_address(public_stand_in):
    document = documents.fetch_url(f"{public_stand_in}/moved", max_bytes=LIMIT)
    assert document.text == "Secretary Rubio met Foreign Minister Cho."
    assert document.url == f"{public_stand_in}/readout.txt"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/to-private", r"http://10\.0\.0\.8/admin/ points at a private or local address"),
        ("/to-metadata", r"points at a private or local address \(169\.254\.169\.254\)"),
        ("/to-file", "Only http:// and https:// addresses"),
        ("/loop", "redirected more than 10 times"),
    ],
)
def test_every_redirect_is_checked_like_the_first_address(public_stand_in, path, message):
    with pytest.raises(IngestError, match=message):
        documents.fetch_url(f"{public_stand_in}{path}", max_bytes=LIMIT)


def test_fetches_an_html_page(server):
    document = fetch(f"{server}/readout.html")
    assert document.content_type == "text/html"
    assert document.url == f"{server}/readout.html"
    assert document.retrieved_at is not None


def test_fetch_honours_the_declared_charset(server):
    assert fetch(f"{server}/euc-kr.txt").text == "한미 외교장관"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/image.png", "answered with image/png, not a text or HTML page"),
        ("/big.txt", "the limit is 10,000 bytes"),
        ("/missing", "answered 404"),
    ],
)
def test_fetch_refuses_what_is_not_a_readout(server, path, message):
    with pytest.raises(IngestError, match=message):
        fetch(f"{server}{path}")


def test_unreachable_address_is_a_sentence():
    with pytest.raises(IngestError, match="could not be reached"):
        # Port 9 (discard) on loopback: nothing listens there.
        fetch("http://127.0.0.1:9/readout", timeout=2)
