"""A kernel manager for Voila with a hard cap on live kernels.

Every page view starts a kernel (~200 MB here), and a kernel whose page never opens its websocket
(a `curl` loop, a crawler) stays alive until culled. Culling alone lets a fast loop pile up
kernels between two culler passes; this manager also refuses to hold more than `max_kernels`.
When full, it first shuts down the oldest kernel that has no websocket connection and is older
than `unconnected_grace_s` (a page whose browser never connected); if none qualifies, the new
visitor gets HTTP 503 ("busy, try again") instead of the machine running out of memory.
Connected visitors are never evicted. Pre-heated pool kernels (`preheat_kernel`) are not
evicted; a pool refill waits for room instead of failing.

Idle culling alone is defeated by a tab that keeps talking (a widget `request_state` every 15 s
counts as activity), so a kernel given to a page is also shut down `max_session_age_s` after the
page got it, whatever it does; the page then says its session expired and offers a reload.

Voila is told to use it with `VoilaConfiguration.multi_kernel_manager_class` (see `voila.json`).
"""

from __future__ import annotations

import asyncio
import time

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Float, Int

VOILA_PREHEAT_ENV = "VOILA_PREHEAT"


class CappedKernelManager(AsyncMappingKernelManager):
    """`AsyncMappingKernelManager` that never holds more than `max_kernels` kernels."""

    max_kernels = Int(6, config=True, help="Most kernels alive at once (each ~200 MB).")
    unconnected_grace_s = Float(
        20.0, config=True,
        help="A kernel without a websocket connection may be evicted once it is this old (s).")
    pool_wait_s = Float(
        120.0, config=True, help="How long a pre-heat pool refill waits for room before giving up (s).")
    max_session_age_s = Float(
        4 * 3600.0, config=True,
        help="A page's kernel is shut down this long after the page got it, busy or not (s; 0 = never).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._started_at: dict[str, float] = {}
        self._assigned_at: dict[str, float] = {}
        self._cap_lock = asyncio.Lock()

    def _pooled_ids(self) -> set[str]:
        """Kernels waiting in Voila's pre-heat pool (only exists when preheat is on)."""
        ids: set[str] = set()
        for pool in getattr(self, "_pools", {}).values():
            for task in pool:
                try:
                    if task.done() and not task.cancelled() and task.exception() is None:
                        ids.add(task.result()["kernel_id"])
                except Exception:  # a failed pool task holds no kernel
                    continue
        return ids

    def evictable(self, now: float | None = None) -> list[str]:
        """Unconnected, non-pooled kernels past the grace period, oldest first."""
        now = time.monotonic() if now is None else now
        pooled = self._pooled_ids()
        candidates = [
            kid for kid in self.list_kernel_ids()
            if kid not in pooled and self._kernel_connections.get(kid, 0) == 0
            and now - self._started_at.get(kid, 0.0) >= self.unconnected_grace_s
        ]
        return sorted(candidates, key=lambda kid: self._started_at.get(kid, 0.0))

    async def _make_room(self) -> bool:
        while len(self.list_kernel_ids()) >= self.max_kernels:
            victims = self.evictable()
            if not victims:
                return False
            self.log.warning("kernel cap %s reached: shutting down unconnected kernel %s",
                             self.max_kernels, victims[0])
            await self.shutdown_kernel(victims[0], now=True)
        return True

    async def start_kernel(self, *args, **kwargs) -> str:
        env = kwargs.get("env") or {}
        pool_fill = env.get(VOILA_PREHEAT_ENV) == "True"
        deadline = time.monotonic() + (self.pool_wait_s if pool_fill else 0.0)
        while True:
            async with self._cap_lock:
                if await self._make_room():
                    kernel_id = await super().start_kernel(*args, **kwargs)
                    self._started_at[kernel_id] = time.monotonic()
                    return kernel_id
            if time.monotonic() >= deadline:
                self.log.warning("kernel cap %s reached and every kernel is in use: refusing",
                                 self.max_kernels)
                raise web.HTTPError(503, "The dashboard is busy; please try again in a minute.")
            await asyncio.sleep(2.0)

    def mark_assigned(self, kernel_id: str) -> None:
        """A page was given this kernel (called by `dtlib.dashboard.secure.OwnedPageHandler`)."""
        self._assigned_at[kernel_id] = time.monotonic()

    def expired(self, now: float | None = None) -> list[str]:
        """Kernels whose page got them more than `max_session_age_s` ago and that are not mid-work."""
        if self.max_session_age_s <= 0:
            return []
        now = time.monotonic() if now is None else now
        return [kid for kid, at in self._assigned_at.items()
                if kid in self._kernels and now - at >= self.max_session_age_s
                and getattr(self._kernels[kid], "execution_state", None) != "busy"]

    async def cull_kernels(self):
        """The idle culler's pass, preceded by the session-age cull (activity does not count)."""
        for kernel_id in self.expired():
            self.log.warning("session of kernel %s is older than %.0f s: shutting it down",
                             kernel_id, self.max_session_age_s)
            try:
                await self.shutdown_kernel(kernel_id, now=True)
            except Exception:
                self.log.exception("could not shut down expired kernel %s", kernel_id)
        await super().cull_kernels()

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs):
        self._started_at.pop(kernel_id, None)
        self._assigned_at.pop(kernel_id, None)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)
