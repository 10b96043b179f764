"""A kernel belongs to the page session that got it; nothing else reaches it (dtlib.dashboard.secure).

One hardened Voila server on 127.0.0.1 (the repo's voila.json, pre-heated kernels as in production)
and raw HTTP/websocket clients playing the attacker: someone who learnt a visitor's kernel id.
"""

from __future__ import annotations

import re

import pytest
from dashboard_support import ARTIFACTS, KernelSocket, fetch_session, kernel_id_of, request

from dtlib.dashboard.secure import SESSION_COOKIE, kernel_tag
from dtlib.dashboard.serve import LocalServer

pytestmark = pytest.mark.slow

PROXY_NAME = "dash.example.gov.vn"
LOG_MAX = 400


@pytest.fixture(scope="module")
def server():
    extra = [f"--DtlibVoila.allowed_hosts=['{PROXY_NAME}']", f"--DtlibVoila.log_max_chars={LOG_MAX}",
             "--DtlibVoila.max_message_bytes=65536", "--CappedKernelManager.max_kernels=4"]
    with LocalServer(ARTIFACTS / "voila_security.log", extra=extra) as srv:
        yield srv


@pytest.fixture(scope="module")
def visitor(server):
    """A visitor's page: its kernel id and its session cookie."""
    status, body, cookie = fetch_session(server.url + "?unit=74")
    assert status == 200 and cookie is not None
    return kernel_id_of(body), cookie


def test_the_page_hands_out_a_signed_httponly_strict_session_cookie(server):
    import urllib.request

    with urllib.request.urlopen(server.url, timeout=60) as response:
        headers = response.headers.get_all("Set-Cookie") or []
        response.read()
    header = next((h for h in headers if h.startswith(f"{SESSION_COOKIE}=")), "")
    assert header.startswith(f"{SESSION_COOKIE}=") and "HttpOnly" in header and "SameSite=Strict" in header
    assert "|" in header.split(";")[0]  # tornado's signed value (version|timestamp|...|signature)


def test_the_owner_session_can_talk_to_its_kernel(server, visitor):
    kernel_id, cookie = visitor
    ws = KernelSocket(server.url, kernel_id, cookie=cookie)
    try:
        replies = ws.sync()
    finally:
        ws.close()
    assert any(m.get("msg_type") == "kernel_info_reply" for m in replies)


@pytest.mark.parametrize("who", ["no cookie", "forged cookie", "another visitor"])
def test_a_second_websocket_from_another_session_is_refused(server, visitor, who):
    import websocket

    kernel_id, _ = visitor
    if who == "no cookie":
        cookie = None
    elif who == "forged cookie":
        cookie = f"{SESSION_COOKIE}=2|1:0|10:1700000000|13:dtlib_session|8:YWJjZA==|deadbeef"
    else:
        status, _, cookie = fetch_session(server.url + "?unit=70")
        assert status == 200 and cookie
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        KernelSocket(server.url, kernel_id, cookie=cookie, timeout=20)
    assert refused.value.status_code == 403


def test_a_websocket_from_a_foreign_origin_is_refused_even_with_the_cookie(server, visitor):
    import websocket

    kernel_id, cookie = visitor
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        KernelSocket(server.url, kernel_id, cookie=cookie, origin="http://evil.example", timeout=20)
    assert refused.value.status_code == 403


def test_kernel_rest_endpoints_are_not_exposed(server, visitor):
    kernel_id, cookie = visitor
    xsrf = {"Cookie": f"_xsrf=abc; {cookie}", "X-XSRFToken": "abc"}
    assert request(server.url + f"api/kernels/{kernel_id}", "DELETE", xsrf) == 404
    assert request(server.url + f"api/kernels/{kernel_id}", "DELETE", {"Cookie": cookie}) == 404
    assert request(server.url + f"api/kernels/{kernel_id}", "GET") == 404  # another session
    assert request(server.url + f"api/kernels/{kernel_id}", "GET", {"Cookie": cookie}) == 200  # its page
    assert request(server.url + "api/kernels", "GET") == 404
    assert request(server.url + f"api/kernels/{kernel_id}/restart", "POST", xsrf, b"") == 404
    # The page's own beforeunload shutdown refuses another session (a self-made _xsrf pair too).
    other = fetch_session(server.url + "?unit=70")[2]
    forged = {"Cookie": f"_xsrf=abc; {other}", "X-XSRFToken": "abc"}
    assert request(server.url + f"voila/api/shutdown/{kernel_id}", "POST", forged, b"") == 403
    # ...and the kernel is still alive for its owner.
    ws = KernelSocket(server.url, kernel_id, cookie=cookie)
    try:
        assert ws.sync()
    finally:
        ws.close()


def test_a_foreign_host_is_refused_and_the_proxy_name_is_served(server):
    assert request(server.url, headers={"Host": "attacker.example"}) == 421
    assert request(server.url + "voila/static/voila.js", headers={"Host": "rebind.attacker.example:8866"}) == 421
    assert request(server.url + "voila/static/voila.js", headers={"Host": f"{PROXY_NAME}"}) == 200


def test_an_oversized_message_is_refused_and_the_log_stays_short_and_without_kernel_ids(server, visitor):
    import websocket

    kernel_id, cookie = visitor
    ws = KernelSocket(server.url, kernel_id, cookie=cookie)
    try:
        ws.send("shell", "x" * 200_000, {})  # a 200 kB msg_type, over the 64 KiB cap
        with pytest.raises((websocket.WebSocketConnectionClosedException, ConnectionError, OSError)):
            for _ in range(50):
                ws.ws.recv()
    finally:
        ws.close()
    # A message under the cap with a long forged type is logged, cut short.
    ws = KernelSocket(server.url, kernel_id, cookie=cookie)
    try:
        ws.send("shell", "y" * 30_000, {})
        ws.sync()
    finally:
        ws.close()
    log = server.log_text()
    assert kernel_id not in log and kernel_tag(kernel_id) in log
    longest = max(len(line) for line in log.splitlines())
    assert longest < LOG_MAX + 200, longest
    assert "yyyyyyyyyy" in log and "y" * 1000 not in log
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", log)
