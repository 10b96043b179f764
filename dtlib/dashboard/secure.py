"""The hardened Voila application: a kernel belongs to the browser session whose page started it.

Plain Voila trusts anyone who knows a kernel id: a second websocket to a visitor's kernel can forge
widget state, and `DELETE /api/kernels/<id>` (with a self-made `_xsrf` pair) shuts it down. Kernel
ids are printed in the log and in proxy logs. `DtlibVoila` changes the handlers Voila registers:

* the page handler sets a signed, HttpOnly, SameSite=Strict session cookie and binds the kernel id
  it writes into the page to that session before a single byte reaches the browser;
* the kernel websocket and the `beforeunload` shutdown endpoint refuse any other session (403);
* the kernel REST endpoints are not served (404): no list, no `DELETE`, no restart/interrupt;
  only `GET /api/kernels/<id>` answers, to the kernel's own session (the page reads its status);
* requests are served only for the host names in `DtlibVoila.allowed_hosts` (DNS rebinding: a
  foreign `Host` gets 421), and websockets only from the same or an allow-listed `Origin`;
* incoming websocket messages are capped at `max_message_bytes` (tornado closes with 1009);
* log lines are truncated to `log_max_chars` and kernel ids are logged as a hash prefix (`k-1a2b3c4d`);
* a full server (kernel cap) answers with a short page in the visitor's language (`busy.html`);
* one static file is added: plotly-basic.min.js at `/dtlib/static/`, for the page's charts.

Run as `python -m dtlib.dashboard.secure NOTEBOOK [voila options]` (`dtlib.dashboard.serve` does).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import time
from pathlib import Path
from urllib.parse import urlparse

from tornado import web
from traitlets import Int, List, Unicode
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

SESSION_COOKIE = "dtlib_session"
SESSION_MAX_AGE_DAYS = 1
KERNEL_ID_IN_PAGE = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
LOCAL_HOSTS: tuple[str, ...] = ("localhost", "127.0.0.1", "::1")
"""Always allowed: the kernels reach the server on 127.0.0.1, and a rebinding attacker's page
is never sent with these names in `Host`."""

PAGES = Path(__file__).resolve().parent / "pages"


def kernel_tag(kernel_id: str) -> str:
    """What the log shows instead of a kernel id: enough to correlate lines, useless to connect."""
    return "k-" + hashlib.sha256(kernel_id.encode("ascii", errors="replace")).hexdigest()[:8]


def scrub(text: str, max_chars: int) -> str:
    """A log line with every UUID replaced by its tag and cut to `max_chars`."""
    text = UUID.sub(lambda m: kernel_tag(m.group(0).lower()), text)
    if len(text) > max_chars:
        text = f"{text[:max_chars]}… [{len(text) - max_chars} more characters dropped]"
    return text


class LogScrubber(logging.Filter):
    """A handler filter that masks kernel ids and truncates every record it lets through."""

    def __init__(self, max_chars: int) -> None:
        super().__init__()
        self.max_chars = max_chars

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the line
            message = str(record.msg)
        record.msg, record.args = scrub(message, self.max_chars), ()
        if record.exc_text:
            record.exc_text = scrub(record.exc_text, 20 * self.max_chars)
        return True


class KernelOwners:
    """Kernel id → session token of the page that was given that kernel, and when."""

    def __init__(self) -> None:
        self._owners: dict[str, tuple[str, float]] = {}

    def bind(self, kernel_id: str, token: str, alive: list[str]) -> None:
        for stale in [k for k in self._owners if k not in alive]:
            del self._owners[stale]
        self._owners[kernel_id] = (token, time.monotonic())

    def owns(self, kernel_id: str, token: str | None) -> bool:
        entry = self._owners.get(kernel_id)
        return entry is not None and token is not None and hmac.compare_digest(entry[0], token)

    def forget(self, kernel_id: str) -> None:
        self._owners.pop(kernel_id, None)


def session_token(handler: web.RequestHandler) -> str | None:
    """The visitor's session token from the signed cookie (None if missing, forged or expired)."""
    raw = handler.get_secure_cookie(SESSION_COOKIE, max_age_days=SESSION_MAX_AGE_DAYS)
    return raw.decode("ascii", errors="replace") if raw else None


def origin_allowed(handler: web.RequestHandler, origin: str | None) -> bool:
    """No Origin (not a browser), the page's own origin on an allowed host, or an allow-listed one."""
    if origin is None:
        return True
    app: DtlibVoila = handler.settings["dtlib_voila"]
    origin = origin.lower().rstrip("/")
    if origin in app.allowed_origin_set():
        return True
    parsed = urlparse(origin)
    return parsed.hostname in app.allowed_host_set() and parsed.netloc == handler.request.host.lower()


def visitor_language(handler: web.RequestHandler) -> str:
    """`?lang=` of the link if valid, else the browser's first language if English, else vi."""
    wanted = handler.get_query_argument("lang", "") or handler.get_query_argument("language", "")
    if wanted in ("vi", "en"):
        return wanted
    accept = handler.request.headers.get("Accept-Language", "").strip().lower()
    return "en" if accept.startswith("en") else "vi"


def busy_page(language: str, base_url: str) -> str:
    """The short page a visitor sees when every kernel is in use (HTTP 503)."""
    import jinja2

    from dtlib.i18n import t

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(PAGES), autoescape=True)
    return env.get_template("busy.html").render(
        lang=language, title=t("dash_busy_title", language), message=t("dash_busy", language),
        retry=t("dash_retry", language), href=base_url)


class OwnedPageHandler(TornadoVoilaHandler):
    """The page: hands out the session cookie and binds the page's kernel to it."""

    @web.authenticated
    async def get(self, path=None):
        token = session_token(self)
        if token is None:
            token = secrets.token_urlsafe(24)
            self.set_secure_cookie(SESSION_COOKIE, token, expires_days=None, httponly=True,
                                   samesite="Strict", path=self.base_url,
                                   secure=self.request.protocol == "https")
        owners: KernelOwners = self.settings["dtlib_owners"]
        bound = False
        async for html in self.get_generator(path=path):
            if not bound:
                match = KERNEL_ID_IN_PAGE.search(html)
                if match:  # before the id leaves the server: nobody else can have connected yet
                    kernel_id = match.group(1)
                    owners.bind(kernel_id, token, self.kernel_manager.list_kernel_ids())
                    mark = getattr(self.kernel_manager, "mark_assigned", None)
                    if mark is not None:
                        mark(kernel_id)
                    bound = True
            self.write(html)
            self.flush()

    def write_error(self, status_code: int, **kwargs) -> None:
        if status_code != 503:
            return super().write_error(status_code, **kwargs)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Retry-After", "60")
        self.finish(busy_page(visitor_language(self), self.base_url))


class OwnedKernelWebsocketHandler(VoilaKernelWebsocketHandler):
    """The kernel websocket, for the kernel's own session only, from an allowed origin."""

    def check_origin(self, origin: str | None = None) -> bool:
        return origin_allowed(self, origin if origin is not None else self.get_origin())

    async def get(self, kernel_id):
        owners: KernelOwners = self.settings["dtlib_owners"]
        if not owners.owns(kernel_id, session_token(self)):
            self.log.warning("refused a websocket to kernel %s: not the session of its page",
                             kernel_tag(kernel_id))
            self.set_status(403)
            self.finish("Forbidden\n")
            return
        await super().get(kernel_id)


class OwnedShutdownHandler(VoilaShutdownKernelHandler):
    """The page's `beforeunload` shutdown: only the kernel's own session may use it."""

    def check_xsrf_cookie(self) -> None:
        """The signed SameSite=Strict session cookie, checked below, is the CSRF protection."""

    @web.authenticated
    async def post(self, kernel_id):
        owners: KernelOwners = self.settings["dtlib_owners"]
        if not origin_allowed(self, self.request.headers.get("Origin")) or \
                not owners.owns(kernel_id, session_token(self)):
            self.log.warning("refused a shutdown of kernel %s: not the session of its page",
                             kernel_tag(kernel_id))
            raise web.HTTPError(403)
        owners.forget(kernel_id)
        await super().post(kernel_id)


class KernelOnlyRequestInfoHandler(RequestInfoSocketHandler):
    """`/voila/query/<id>`: the pre-heated kernel fetches its visitor's request here; no browser may."""

    def check_origin(self, origin: str) -> bool:
        return False  # browsers always send Origin; the kernel's client sends none

    def open(self, kernel_id: str) -> None:
        if self.request.headers.get("Origin") is not None:
            self.close(1008)
            return
        super().open(kernel_id)
        RequestInfoSocketHandler._cache.pop(kernel_id, None)  # delivered: do not keep it forever

    def on_close(self) -> None:
        """Forget only this socket (Voila's own `on_close` can delete another kernel's waiter)."""
        waiters = RequestInfoSocketHandler._waiters
        for kernel_id in [k for k, waiter in waiters.items() if waiter is self]:
            del waiters[kernel_id]


class OwnKernelModelHandler(web.RequestHandler):
    """`GET /api/kernels/<id>`: the page reads its own kernel's model (status) before connecting.

    Only for the kernel's own session (anyone else gets 404, as if it did not exist); `DELETE`,
    `PATCH`, `POST` are never served, not even to the owner (the page never needs them).
    """

    def check_xsrf_cookie(self) -> None:
        """Only GET is served, and GET changes nothing."""

    def prepare(self) -> None:
        if self.request.method != "GET":
            raise web.HTTPError(404)

    async def get(self, kernel_id: str) -> None:
        import json

        owners: KernelOwners = self.settings["dtlib_owners"]
        manager = self.settings["kernel_manager"]
        if not owners.owns(kernel_id, session_token(self)) or kernel_id not in manager:
            raise web.HTTPError(404)
        model = manager.kernel_model(kernel_id)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps({"id": model["id"], "name": model["name"],
                                "execution_state": model.get("execution_state"),
                                "connections": model.get("connections", 0)}))


class NotServed(web.RequestHandler):
    """Kernel REST endpoints and anything under /api/: not exposed to visitors."""

    def prepare(self) -> None:
        raise web.HTTPError(404)

    def check_xsrf_cookie(self) -> None:
        """Nothing is served, so there is nothing to protect."""


class WrongHost(web.RequestHandler):
    """A request whose `Host` is not one of ours (DNS rebinding, a misrouted proxy): 421."""

    def prepare(self) -> None:
        self.set_status(421)
        self.finish("Misdirected request\n")

    def check_xsrf_cookie(self) -> None:
        """Nothing is served."""


REPLACED = {TornadoVoilaHandler: OwnedPageHandler, VoilaKernelWebsocketHandler: OwnedKernelWebsocketHandler,
            VoilaShutdownKernelHandler: OwnedShutdownHandler, RequestInfoSocketHandler: KernelOnlyRequestInfoHandler}


CHART_SCRIPT = "plotly-basic.min.js"
"""The one static file `DtlibVoila` adds to Voila's: plotly.js (basic traces) for the page's charts."""


class DtlibVoila(Voila):
    """Voila with session-bound kernels, host/origin allow-lists, capped messages and scrubbed logs."""

    allowed_hosts = List(Unicode(), [], config=True,
                         help="Host names (without port) the server answers for, besides localhost; "
                              "put the reverse proxy's public name here.")
    allowed_origins = List(Unicode(), [], config=True,
                           help="Extra websocket origins (scheme://host[:port]) besides the page's own.")
    max_message_bytes = Int(256 * 1024, config=True,
                            help="Largest websocket message accepted from a browser (bytes).")
    log_max_chars = Int(400, config=True, help="Longest log line written (characters).")

    def allowed_host_set(self) -> set[str]:
        return {h.lower().strip("[]") for h in (*LOCAL_HOSTS, *self.allowed_hosts)}

    def allowed_origin_set(self) -> set[str]:
        return {o.lower().rstrip("/") for o in self.allowed_origins}

    def init_settings(self) -> dict:
        settings = super().init_settings()
        settings["dtlib_voila"] = self
        settings["dtlib_owners"] = KernelOwners()
        settings["websocket_max_message_size"] = self.max_message_bytes
        settings["log_function"] = self._log_request
        return settings

    def _log_request(self, handler: web.RequestHandler) -> None:
        status = handler.get_status()
        level = self.log.info if status < 400 else self.log.warning
        level("%d %s %s %.1fms", status, handler.request.method, handler.request.uri,
              1000.0 * handler.request.request_time())

    def init_handlers(self) -> list:
        handlers = []
        for spec in super().init_handlers():
            pattern, handler_class, *rest = spec
            if handler_class.__name__ == "KernelHandler":
                handlers.append((pattern, OwnKernelModelHandler))
                continue
            handlers.append((pattern, REPLACED.get(handler_class, handler_class), *rest))
        api = self.server_url.rstrip("/") + "/api/.*"
        kernel = [h for h in handlers if h[1] in (OwnedKernelWebsocketHandler, OwnKernelModelHandler)]
        return [*kernel, (api, NotServed), self.chart_script_handler(), *[h for h in handlers if h not in kernel]]

    def chart_script_handler(self) -> tuple:
        """plotly-basic.min.js from `dtlib/drawing/assets` (the one vendored copy), and no other file.

        The `dtlib` template loads it to draw the charts (`dtlib.dashboard.prerender.chart_html`).
        """
        from dtlib.drawing.offline import ASSETS

        pattern = self.server_url.rstrip("/") + "/dtlib/static/(" + re.escape(CHART_SCRIPT) + ")"
        return (pattern, web.StaticFileHandler, {"path": str(ASSETS)})

    def scrub_logs(self) -> None:
        scrubber = LogScrubber(self.log_max_chars)
        loggers = [self.log, logging.getLogger(), *(logging.getLogger(n) for n in (
            "tornado.access", "tornado.application", "tornado.general", "Voila", "traitlets"))]
        for logger in loggers:
            for handler in logger.handlers:
                if not any(isinstance(f, LogScrubber) for f in handler.filters):
                    handler.addFilter(scrubber)

    def start(self) -> None:
        import tempfile

        import tornado.web

        self.scrub_logs()
        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        settings = self.init_settings()
        self.app = tornado.web.Application(**settings)
        self.app.settings.update(self.tornado_settings)
        self.app.settings["websocket_max_message_size"] = self.max_message_bytes
        hosts = "|".join(re.escape(h) for h in sorted(self.allowed_host_set()))
        self.app.add_handlers(f"^({hosts})$", self.init_handlers())
        self.app.add_handlers(".*$", [(r".*", WrongHost)])
        self.listen()


main = DtlibVoila.launch_instance

if __name__ == "__main__":
    main()
