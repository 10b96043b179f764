"""Keep errors on the server: log them there, show the visitor one plain sentence.

In a Voila kernel, `sys.stderr` and even file descriptor 2 are forwarded to the browser. A widget
callback that raises, or a forged widget message that traitlets rejects, is logged by the comm machinery with a full
traceback (server paths, source lines) to a logger without handlers, which Python prints on
`sys.stderr`, i.e. over the websocket. `route_logs_to_server` sends those loggers to the
copy of the original fd 2 that ipykernel keeps (the Voila server console) instead, and
`guarded` wraps every callback so that an error becomes a message on the page.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from typing import Any

LOGGER_NAMES: tuple[str, ...] = ("", "Comm", "ipykernel.comm", "traitlets", "ipywidgets", "dtlib")
"""Loggers that may carry tracebacks: the root one (lastResort) and the comm/widget machinery."""

log = logging.getLogger("dtlib.dashboard")


def server_stderr_fd() -> int:
    """The file descriptor of the server's console.

    ipykernel redirects fd 2 into a pipe whose content it forwards to the browser (and echoes to a
    copy of the original fd). Writing to that copy reaches only the server's console.
    """
    for stream in (sys.stderr, sys.__stderr__):
        fd = getattr(stream, "_original_stdstream_copy", None)
        if isinstance(fd, int):
            return fd
    return 2


class _ServerStderrHandler(logging.Handler):
    """A logging handler that writes to the server console, never through the kernel's streams."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            os.write(server_stderr_fd(), (self.format(record) + "\n").encode("utf-8", errors="replace"))
        except Exception:
            self.handleError(record)


def in_kernel() -> bool:
    """Whether this code runs inside a Jupyter kernel (where stderr reaches the browser)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def route_logs_to_server(force: bool = False) -> None:
    """Send every dashboard-relevant logger to the server console, never to the browser.

    Only inside a kernel (or with `force`): elsewhere (tests, scripts) logging stays as it is.
    """
    if not (force or in_kernel()):
        return
    handler = _ServerStderrHandler()
    handler.setFormatter(logging.Formatter("[dtlib.dashboard kernel] %(levelname)s %(name)s: %(message)s"))
    for name in LOGGER_NAMES:
        logger = logging.getLogger(name)
        for old in list(logger.handlers):
            if isinstance(old, logging.StreamHandler):
                logger.removeHandler(old)
        if not any(isinstance(h, _ServerStderrHandler) for h in logger.handlers):
            logger.addHandler(handler)
        logger.propagate = name == ""
    logging.getLogger().setLevel(logging.INFO)
    logging.getLogger("Comm").propagate = False
    quiet_ipython_tracebacks()


def quiet_ipython_tracebacks() -> None:
    """Make IPython's `showtraceback` (used by ipywidgets' button/message dispatchers) log instead."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return

    def showtraceback(*_args: Any, **_kwargs: Any) -> None:
        log.error("exception in a widget callback", exc_info=sys.exc_info())

    shell.showtraceback = showtraceback


def guarded(on_error: Callable[[], None]) -> Callable[[Callable[..., Any]], Callable[..., None]]:
    """Decorate a widget callback: any exception is logged server-side and `on_error()` is called."""

    def decorate(func: Callable[..., Any]) -> Callable[..., None]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> None:
            try:
                func(*args, **kwargs)
            except Exception:
                log.exception("dashboard callback %s failed", func.__name__)
                try:
                    on_error()
                except Exception:
                    log.exception("dashboard error display failed")

        return wrapper

    return decorate
