"""Helpers shared by the dashboard's server tests and its benchmark: Chromium launch, kernel count.

Not a test module. The Voila server itself is `dtlib.dashboard.serve.LocalServer`.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "reports" / "test-artifacts"


def launch_chromium(playwright):
    """Debian's chromium, headless (never `playwright install`)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


INTERACTIVE = "body.dt-interactive"
"""Set by the dtlib template once the widgets replaced the first paint (before, both can be in the page)."""


def wait_until_interactive(page, timeout_ms: int) -> None:
    """Block until the page's widgets are shown (tests of the widgets start here)."""
    page.locator(INTERACTIVE).wait_for(state="attached", timeout=timeout_ms)


HUNG = -1
"""`fetch` status of a page that Voila never finished sending (voila #1428)."""


def fetch(url: str, total_timeout_s: float = 60.0) -> tuple[int, str]:
    """GET `url` with a deadline on the whole response.

    Voila keeps a stuck response alive with heartbeats, so a per-read timeout never fires; this
    returns `(HUNG, partial body)` instead of waiting forever.
    """
    import time
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + total_timeout_s
    try:
        response = urllib.request.urlopen(url, timeout=total_timeout_s)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")
    chunks = []
    with response:
        while True:
            if time.monotonic() > deadline:
                return HUNG, b"".join(chunks).decode("utf-8", errors="replace")
            chunk = response.read1(65536)
            if not chunk:
                return response.status, b"".join(chunks).decode("utf-8", errors="replace")
            chunks.append(chunk)


def fetch_page(url: str, attempts: int = 3) -> tuple[int, str]:
    """`fetch`, reloading a hung page like the dtlib template's watchdog does in a browser."""
    for _ in range(attempts):
        status, body = fetch(url)
        if status != HUNG:
            return status, body
    return status, body


def kernel_processes(server_pid: int) -> list:
    """Live kernel processes started by the Voila server."""
    import psutil

    try:
        children = psutil.Process(server_pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    kernels = []
    for child in children:
        try:
            if child.is_running() and child.status() != psutil.STATUS_ZOMBIE and \
                    "ipykernel_launcher" in " ".join(child.cmdline()):
                kernels.append(child)
        except psutil.NoSuchProcess:
            continue
    return kernels


def fetch_session(url: str, headers: dict[str, str] | None = None,
                  total_timeout_s: float = 60.0) -> tuple[int, str, str | None]:
    """GET the page like a new browser: (status, body, `name=value` of the session cookie or None)."""
    import http.cookiejar
    import urllib.error
    import urllib.request

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=total_timeout_s) as response:
            status, body = response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode("utf-8", errors="replace")
    cookie = next((f"{c.name}={c.value}" for c in jar if c.name == "dtlib_session"), None)
    return status, body, cookie


def request(url: str, method: str = "GET", headers: dict[str, str] | None = None,
            data: bytes | None = None) -> int:
    """The HTTP status of one request (errors are statuses, not exceptions)."""
    import urllib.error
    import urllib.request

    req = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def kernel_id_of(page_html: str) -> str:
    """The kernel id Voila wrote into the page's config."""
    match = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', page_html)
    assert match, "no kernelId in the page"
    return match.group(1)


class KernelSocket:
    """A raw client of the page's kernel websocket (Jupyter's JSON message format)."""

    def __init__(self, base_url: str, kernel_id: str, cookie: str | None = None,
                 origin: str | None = None, timeout: float = 60) -> None:
        import websocket

        url = base_url.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels?session_id={uuid.uuid4()}"
        options = {"cookie": cookie} if cookie else {}
        if origin is not None:
            options["origin"] = origin
        self.ws = websocket.create_connection(url, timeout=timeout, **options)
        self.session = str(uuid.uuid4())
        self.received: list[dict] = []

    def send(self, channel: str, msg_type: str, content: dict, metadata: dict | None = None) -> str:
        msg_id = str(uuid.uuid4())
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": "visitor", "session": self.session,
                       "date": "2026-01-01T00:00:00Z", "version": "5.3"},
            "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": channel,
            "buffers": []}))
        return msg_id

    def sync(self) -> list[dict]:
        """Send `kernel_info_request` and read until the kernel is idle after it.

        Shell messages are handled in order, and the kernel flushes output before going idle, so
        everything caused by earlier messages has arrived when this returns (no sleeping).
        """
        msg_id = self.send("shell", "kernel_info_request", {})
        start = len(self.received)
        while True:
            msg = json.loads(self.ws.recv())
            self.received.append(msg)
            if msg.get("msg_type") == "status" and msg["parent_header"].get("msg_id") == msg_id \
                    and msg["content"].get("execution_state") == "idle":
                return self.received[start:]

    def close(self) -> None:
        self.ws.close()
