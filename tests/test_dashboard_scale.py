"""Several Voila processes behind one proxy need sticky sessions (docs/dashboard.md).

Two hardened processes on 127.0.0.1 stand in for two upstreams. A visitor's kernel and session
live in the process that served the page: the same cookie works there and is refused by the other
one, which is why the proxy must hash on `dtlib_session` (or the client address).
"""

from __future__ import annotations

import pytest
from dashboard_support import ARTIFACTS, KernelSocket, fetch_session, kernel_id_of

from dtlib.dashboard.secure import SESSION_COOKIE
from dtlib.dashboard.serve import LocalServer

pytestmark = pytest.mark.slow


def test_a_session_works_on_its_own_process_and_is_refused_by_another():
    import websocket

    extra = ["--VoilaConfiguration.preheat_kernel=False", "--CappedKernelManager.max_kernels=2"]
    with LocalServer(ARTIFACTS / "voila_scale_a.log", extra=extra) as a, \
            LocalServer(ARTIFACTS / "voila_scale_b.log", extra=extra) as b:
        status, html, cookie = fetch_session(a.url + "?unit=74")
        assert status == 200 and cookie
        kernel_id = kernel_id_of(html)
        ws = KernelSocket(a.url, kernel_id, cookie=cookie)  # sticky: same process, same session
        try:
            assert ws.sync()
        finally:
            ws.close()
        with pytest.raises(websocket.WebSocketBadStatusException) as refused:  # routed elsewhere
            KernelSocket(b.url, kernel_id, cookie=cookie, timeout=20)
        assert refused.value.status_code == 403
        # The other process cannot verify the cookie (its own signing key) and starts a new session.
        status, _, other = fetch_session(b.url, headers={"Cookie": cookie})
        assert status == 200 and other and other != cookie and other.startswith(f"{SESSION_COOKIE}=")
