"""Documents and servers built to hurt: each is refused with a sentence, or read, in bounded
time — never a server error, a hang or a request to an address the check did not see.

Every test here stays on loopback: resolvers are stubbed, and any connection to another address
is recorded and refused before it is attempted.
"""

import contextlib
import html
import http.server
import ipaddress
import shutil
import socket
import socketserver
import ssl
import subprocess
import threading
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.urls import reverse

from engagements.ingest import clean, documents
from engagements.ingest.clean import clean_document, html_to_text
from engagements.ingest.documents import IngestError

LIMIT = 10_000
MB = 1_000_000
# Generous: the work measured here takes well under a second; before it was made linear, the
# same inputs took minutes.
BOUND = 2.0


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


@pytest.fixture(autouse=True)
def connections(monkeypatch):
    """Connections attempted to anything but loopback: recorded and refused, never made."""
    attempted = []
    real_connect = socket.socket.connect

    def connect(sock, address):
        if ipaddress.ip_address(address[0].split("%")[0]).is_loopback:
            return real_connect(sock, address)
        attempted.append(address[:2])
        raise ConnectionRefusedError(111, "Connection refused (test: not loopback)")

    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempted


def answers(monkeypatch, *addresses_per_call, port_of=None):
    """Stub the resolver: its n-th call answers the n-th list of addresses (the last list from
    then on). Returns the list of names it was asked for."""
    asked = []

    def getaddrinfo(host, port, *args, **kwargs):
        asked.append(host)
        addresses = addresses_per_call[min(len(asked), len(addresses_per_call)) - 1]
        result = []
        for address in addresses:
            ip = ipaddress.ip_address(address)
            target = port_of(ip) if port_of else port
            if ip.version == 6:
                result.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, target, 0, 0)))
            else:
                result.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, target)))
        return result

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


@contextlib.contextmanager
def raw_server(respond):
    """A loopback TCP server that reads each request and hands the socket to ``respond``."""

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            request = b""
            with contextlib.suppress(OSError):
                while b"\r\n\r\n" not in request:
                    chunk = self.request.recv(4096)
                    if not chunk:
                        return
                    request += chunk
                respond(self.request)

    class Server(socketserver.ThreadingTCPServer):
        daemon_threads = True
        block_on_close = False

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def trickle(sock, head: bytes, byte: bytes = b"a", pause: float = 0.1, seconds: float = 10):
    sock.sendall(head)
    for _ in range(int(seconds / pause)):
        sock.sendall(byte)
        time.sleep(pause)


# --- 1. Cleaning is linear ------------------------------------------------------------------

SIZE = 2 * MB
# Each builds a line of about ``n`` characters.
HOSTILE_LINES = {
    "asterisks": lambda n: "*" * n,
    "unclosed emphasis": lambda n: "*a " * (n // 3),
    "unclosed strong emphasis": lambda n: "**a " * (n // 4),
    "underscores": lambda n: "_" * n,
    "unclosed underscore emphasis": lambda n: "_a " * (n // 3),
    "opening brackets": lambda n: "[" * n,
    "unclosed links": lambda n: "[a](" * (n // 4),
    "unclosed images": lambda n: "![" * (n // 2),
    "opening parentheses": lambda n: "(" * n,
    "backticks": lambda n: "`" * n,
    "hashes": lambda n: "#" * n,
    "unclosed inline tags": lambda n: "<b" * (n // 2),
    "a run of spaces": lambda n: "a" + " " * n + "b",
    "prose": lambda n: (
        (
            "The ministers met in Seoul and said that they would [work](https://example.org) "
            "**together** on *supply chains*. "
        )
        * (n // 120)
    ),
}


@pytest.mark.parametrize("line", HOSTILE_LINES.values(), ids=HOSTILE_LINES.keys())
def test_markdown_stripping_of_a_2mb_line_takes_linear_time(line):
    _, elapsed = timed(clean._strip_markdown, line(SIZE))
    assert elapsed < BOUND


@pytest.mark.parametrize("line", HOSTILE_LINES.values(), ids=HOSTILE_LINES.keys())
def test_cleaning_a_200kb_hostile_line_is_fast(line):
    # The size of the line that once took 112 seconds.
    _, elapsed = timed(clean_document, line(SIZE // 10))
    assert elapsed < BOUND


def test_cleaning_time_grows_in_proportion_to_the_line():
    line = HOSTILE_LINES["unclosed emphasis"]
    _, small = timed(clean_document, line(SIZE // 20))
    _, large = timed(clean_document, line(SIZE // 2))
    # Ten times the text: about ten times the time, not a hundred.
    assert large < 25 * max(small, 0.01)


def test_emphasis_links_and_images_are_still_stripped():
    line = (
        "![Photo](a.png) The **Secretary** met *Minister* Cho and __Deputy__ _Kim_ to discuss "
        "[the treaty](https://example.org/wiki/Alliance_(treaty)) and snake_case_names."
    )
    assert clean._strip_markdown(line) == (
        " The Secretary met Minister Cho and Deputy Kim to discuss the treaty and snake_case_names."
    )


# --- 2. Deep HTML ---------------------------------------------------------------------------

DEPTH = 100_000


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("<div>", "</div>"), ("<span>", "</span>"), ("<ul><li>", ""), ("<em><div>", "")],
    ids=["divs", "spans", "lists", "formatting and blocks"],
)
def test_deeply_nested_html_is_read_without_recursion(opening, closing):
    page = (
        "<html><body>"
        + opening * DEPTH
        + "The ministers met in Seoul."
        + closing * DEPTH
        + "</body></html>"
    )
    (text, _), elapsed = timed(html_to_text, page)
    assert text.endswith("The ministers met in Seoul.")
    assert elapsed < BOUND


def test_nesting_hidden_in_a_noscript_or_behind_odd_attributes_is_limited_too():
    # A <noscript> is dropped with what it holds; the odd attributes keep their text.
    for opening, expected in [('<noscript><div title="<">', ""), ('<div title="<">', "met.")]:
        page = "<body>" + opening * DEPTH + "The ministers met."
        (text, _), elapsed = timed(html_to_text, page)
        assert text.endswith(expected)
        assert elapsed < BOUND


def test_a_deep_page_keeps_all_its_text_and_a_normal_one_is_untouched():
    deep = "<body>" + "".join(f"<div>Level {i}." for i in range(400)) + "</div>" * 400
    text, _ = html_to_text(deep)
    assert text.split() == [word for i in range(400) for word in ("Level", f"{i}.")]
    normal = "<body>" + "<div><p>Text</p>" * 200 + "</div>" * 200
    assert clean._limit_nesting(normal) is normal


def test_a_deep_html_document_is_cleaned():
    page = "<html><body>" + "<div>" * DEPTH + "The ministers met in Seoul." + "</div>" * DEPTH
    document, elapsed = timed(clean_document, page, content_type="text/html")
    assert "The ministers met in Seoul." in document.text
    assert elapsed < BOUND


# --- 3. A fetch has one deadline ------------------------------------------------------------

TEXT_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\r\n"


def test_a_server_trickling_the_body_is_cut_off_at_the_deadline(settings):
    settings.INGEST_FETCH_DEADLINE = 1
    with raw_server(lambda sock: trickle(sock, TEXT_HEAD)) as server:
        start = time.monotonic()
        with pytest.raises(IngestError, match=r"took longer than 1 s to send the page"):
            documents.fetch_url(f"{server}/readout.txt", max_bytes=LIMIT, allow_private=True)
        assert time.monotonic() - start < 2


def test_a_server_trickling_its_headers_is_cut_off_at_the_deadline():
    head = b"HTTP/1.1 200 OK\r\nX-Padding: "
    with raw_server(lambda sock: trickle(sock, head)) as server:
        start = time.monotonic()
        with pytest.raises(IngestError, match=r"took longer than 1 s"):
            documents.fetch_url(server, max_bytes=LIMIT, allow_private=True, deadline=1)
        assert time.monotonic() - start < 2


def test_a_server_that_never_answers_is_cut_off_at_the_deadline():
    with raw_server(lambda sock: time.sleep(10)) as server:
        start = time.monotonic()
        with pytest.raises(IngestError, match=r"took longer than 1 s"):
            documents.fetch_url(server, max_bytes=LIMIT, allow_private=True, deadline=1)
        assert time.monotonic() - start < 2


def test_the_deadline_has_a_default_and_refuses_nonsense(settings):
    del settings.INGEST_FETCH_DEADLINE
    assert documents.fetch_deadline() == documents.FETCH_DEADLINE_SECONDS == 15
    settings.INGEST_FETCH_DEADLINE = "soon"
    with pytest.raises(ImproperlyConfigured, match="INGEST_FETCH_DEADLINE"):
        documents.fetch_deadline()


# --- 4. One resolution, checked, is the one connected to ------------------------------------

PUBLIC = "93.184.215.14"


def test_a_second_dns_answer_cannot_redirect_the_connection(monkeypatch, connections):
    with raw_server(lambda sock: sock.sendall(TEXT_HEAD)) as server:
        port = int(server.rsplit(":", 1)[1])
        # A rebinding resolver: public for the check, this machine for any later question.
        asked = answers(monkeypatch, [PUBLIC], ["127.0.0.1"], port_of=lambda ip: port)
        with pytest.raises(IngestError, match="could not be reached"):
            documents.fetch_url(f"http://rebind.example:{port}/", max_bytes=LIMIT)
    assert asked == ["rebind.example"]
    assert connections == [(PUBLIC, port)]


class EchoHost(http.server.BaseHTTPRequestHandler):
    seen: list = []

    def do_GET(self):
        self.seen.append(self.headers["Host"])
        body = b"Secretary Rubio met Foreign Minister Cho."
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def http_server(context=None):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), EchoHost)
    if context is not None:
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_pinned_connection_keeps_the_host_name_in_the_host_header(monkeypatch):
    EchoHost.seen = []
    with http_server() as port:
        answers(monkeypatch, ["127.0.0.1"])
        url = f"http://readouts.example:{port}/readout.txt"
        document = documents.fetch_url(url, max_bytes=LIMIT, allow_private=True)
    assert document.text == "Secretary Rubio met Foreign Minister Cho."
    assert EchoHost.seen == [f"readouts.example:{port}"]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", "/CN=readouts.example", "-addext",
         "subjectAltName=DNS:readouts.example", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def test_tls_uses_the_host_name_for_sni_and_the_certificate(monkeypatch, certificate):
    cert, key = certificate
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    names = []
    server_context.sni_callback = lambda sock, name, context: names.append(name)
    monkeypatch.setattr(documents, "_tls_context", lambda: ssl.create_default_context(cafile=cert))
    EchoHost.seen = []
    with http_server(server_context) as port:
        answers(monkeypatch, ["127.0.0.1"])
        url = f"https://readouts.example:{port}/readout.txt"
        document = documents.fetch_url(url, max_bytes=LIMIT, allow_private=True)
        # The same server by its address: the certificate does not name it.
        with pytest.raises(IngestError, match="could not be reached"):
            documents.fetch_url(
                f"https://127.0.0.1:{port}/readout.txt", max_bytes=LIMIT, allow_private=True
            )
    assert document.text == "Secretary Rubio met Foreign Minister Cho."
    assert names[0] == "readouts.example"
    assert EchoHost.seen == [f"readouts.example:{port}"]


NON_PUBLIC = [
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "64:ff9b::a00:8",  # NAT64 of 10.0.0.8
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:10.0.0.8",
    "::ffff:169.254.169.254",
    "::127.0.0.1",  # IPv4-compatible
    "::10.0.0.8",
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "2002:c0a8:114::1",  # 6to4 of 192.168.1.20
    "2001:0:4136:e378:8000:63bf:f5ff:fff7",  # Teredo, client 10.0.0.8
    "::1",
    "127.0.0.2",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.0.1",
    "100.64.0.1",  # shared address space (carrier-grade NAT)
    "169.254.169.254",  # link-local: cloud metadata
    "fe80::1",
    "fec0::1",  # site-local
    "fd00::1",  # unique local
    "224.0.0.1",  # multicast
    "224.0.1.1",
    "239.255.255.250",
    "ff02::1",
    "ff0e::1",
    "0.0.0.0",  # unspecified
    "::",
    "240.0.0.1",  # reserved
    "255.255.255.255",
    "192.0.2.1",  # documentation
    "2001:db8::1",
    "198.18.0.1",  # benchmarking
]


@pytest.mark.parametrize("address", NON_PUBLIC)
def test_a_name_resolving_to_a_non_public_address_is_refused(monkeypatch, connections, address):
    answers(monkeypatch, [PUBLIC, address])  # one bad address among good ones is enough
    with pytest.raises(IngestError, match=r"points at a private or local address \(.+\)"):
        documents.fetch_url("http://readouts.example/readout", max_bytes=LIMIT)
    assert connections == []


@pytest.mark.parametrize(
    "url",
    [
        "http://[::ffff:127.0.0.1]/",
        "http://[64:ff9b::7f00:1]/",
        "http://[::127.0.0.1]/",
        "http://[2002:7f00:1::1]/",
        "http://[fe80::1]/",
        "http://0.0.0.0/",
        "http://[::]/",
        "http://2130706433/",  # 127.0.0.1 as one number
        "http://127.1/",
    ],
)
def test_addresses_written_in_unusual_forms_are_refused(connections, url):
    with pytest.raises(IngestError, match="private or local address"):
        documents.fetch_url(url, max_bytes=LIMIT)
    assert connections == []


@pytest.mark.parametrize(
    "address", [PUBLIC, "2606:4700::1111", f"::ffff:{PUBLIC}", "64:ff9b::5db8:d70e"]
)
def test_public_addresses_in_any_form_are_allowed(address):
    assert documents.is_public_address(ipaddress.ip_address(address))


# --- 5. Odd input is a sentence -------------------------------------------------------------

BAD_ADDRESSES = [
    "http://example.org:99999/readout",
    "http://example.org:abc/readout",
    "http://[::1",
    "http://[::1]:0/",
]


@pytest.mark.parametrize("url", BAD_ADDRESSES)
@pytest.mark.parametrize("allow_private", [False, True])
def test_malformed_addresses_are_refused_with_a_sentence(connections, url, allow_private):
    with pytest.raises(IngestError, match="is not a valid address"):
        documents.fetch_url(url, max_bytes=LIMIT, allow_private=allow_private)
    with pytest.raises(IngestError, match="is not a valid address"):
        documents.load(url, max_bytes=LIMIT)
    assert connections == []


def headers(*lines: str, body: bytes = b"Secretary Rubio met Foreign Minister Cho.") -> bytes:
    head = "HTTP/1.1 200 OK\r\n" + "".join(f"{line}\r\n" for line in lines)
    return head.encode("latin-1") + f"Content-Length: {len(body)}\r\n\r\n".encode() + body


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (
            headers("Content-Type: text/plain", *(f"X-Header-{i}: x" for i in range(101))),
            r"sent a response that cannot be read \(got more than 100 headers\)",
        ),
        (
            headers("Content-Type: text/plain; charset=utf\x00-8"),
            r"declares the character set 'utf\\x00-8', which is not a text encoding",
        ),
        (headers("Content-Type: text/plain; charset=base64"), "not a text encoding"),
        (headers(), r"without saying what kind of document it is \(no Content-Type\)"),
        (headers("Content-Type: text/plain", body=b"a" * 9000 + b"\x00"), "binary file"),
        (b"HTTP/1.1 200 OK\r\n" + b"X" * 70_000 + b"\r\n\r\n", "cannot be read"),
        (b"SSH-2.0-OpenSSH_9.6\r\n\r\n", "cannot be read"),
        (b"HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n", "redirected without saying"),
        (b"HTTP/1.1 302 Found\r\nLocation: http://[::1\r\n\r\n", "to an invalid address"),
    ],
    ids=[
        "101 headers",
        "NUL in charset",
        "binary charset",
        "no content type",
        "NUL in body",
        "long header line",
        "not HTTP",
        "redirect nowhere",
        "redirect to a malformed address",
    ],
)
def test_a_malformed_response_is_refused_with_a_sentence(response, message):
    with (
        raw_server(lambda sock: sock.sendall(response)) as server,
        pytest.raises(IngestError, match=message),
    ):
        documents.fetch_url(f"{server}/readout", max_bytes=LIMIT, allow_private=True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"a" * 9000 + b"\x00" + b"tail", "binary file"),
        (b"Readout text. " * 1000 + b"\x01\x02\x03" * 100, "binary data"),
    ],
    ids=["NUL after 8 KB", "control characters after 8 KB"],
)
def test_binary_content_anywhere_in_a_file_is_refused(tmp_path, data, message):
    with pytest.raises(IngestError, match=message):
        documents.from_upload(data, name="readout.txt", max_bytes=1_000_000)
    path = tmp_path / "readout.txt"
    path.write_bytes(data)
    with pytest.raises(IngestError, match=message):
        documents.load(str(path), max_bytes=1_000_000)


def test_nul_anywhere_in_pasted_text_is_refused():
    with pytest.raises(IngestError, match="NUL characters"):
        documents.from_text("a" * 9000 + "\x00", max_bytes=1_000_000)


def test_a_stray_control_character_in_a_long_text_is_not_binary():
    # Old editors end files with Ctrl-Z; one such character is not binary data.
    text = documents.from_upload(b"Readout. " * 1000 + b"\x1a", name="a.txt", max_bytes=LIMIT)
    assert text.text.endswith("\x1a")


@pytest.mark.parametrize("argument", ["x" * 5000, "readout\x00.txt", "a:" + "x" * 5000])
def test_an_unusable_path_is_a_sentence(argument):
    with pytest.raises(IngestError):
        documents.load(argument, max_bytes=LIMIT)


@pytest.mark.django_db
def test_the_command_exits_with_the_sentence(connections):
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError, match="1 of 1 document could not be imported"):
        call_command("ingest_readout", "http://example.org:99999/readout", stderr=err)
    assert "is not a valid address: Port out of range 0-65535." in err.getvalue()


def test_the_import_screen_shows_the_sentence_as_a_form_error(editor_client, connections):
    response = editor_client.post(
        reverse("admin:engagements_meeting_import"), {"step": "read", "url": "http://[::1"}
    )
    assert response.status_code == 200
    assert "'http://[::1' is not a valid address: Invalid IPv6 URL." in html.unescape(
        response.content.decode()
    )
