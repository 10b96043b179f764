"""A loop of page requests cannot pile up kernels beyond the cap (`CappedKernelManager`).

Each GET of the page starts a kernel (~200 MB) that stays alive when no browser connects to it.
Localhost only, bounded loop; no timing assertions.
"""

from __future__ import annotations

import pytest
from dashboard_support import ARTIFACTS, fetch, kernel_processes

from dtlib.dashboard.serve import LocalServer

pytestmark = pytest.mark.slow

CAP = 3
REQUESTS = 8


def test_a_loop_of_requests_never_holds_more_kernels_than_the_cap():
    extra = [f"--CappedKernelManager.max_kernels={CAP}", "--CappedKernelManager.unconnected_grace_s=0",
             "--VoilaConfiguration.preheat_kernel=False"]
    with LocalServer(ARTIFACTS / "voila_kernel_cap.log", extra=extra) as server:
        counts, statuses = [], []
        for _ in range(REQUESTS):
            statuses.append(fetch(server.url + "?unit=74")[0])
            counts.append(len(kernel_processes(server.process.pid)))
        log = server.log_text()
    assert max(counts) <= CAP, counts
    # The oldest unconnected kernels made room: pages are still served once the cap is reached
    # (a rare Voila hang, status -1, is a failure of that one page, not of the cap).
    assert 200 in statuses[CAP:], statuses
    assert "kernel cap 3 reached" in log


def test_when_every_kernel_is_young_the_visitor_is_told_to_come_back():
    extra = [f"--CappedKernelManager.max_kernels={CAP}", "--CappedKernelManager.unconnected_grace_s=3600",
             "--VoilaConfiguration.preheat_kernel=False"]
    with LocalServer(ARTIFACTS / "voila_kernel_cap_busy.log", extra=extra) as server:
        counts, statuses = [], []
        for _ in range(CAP + 2):
            statuses.append(fetch(server.url)[0])
            counts.append(len(kernel_processes(server.process.pid)))
        log = server.log_text()
    assert max(counts) <= CAP, counts
    assert 503 in statuses and "every kernel is in use: refusing" in log
