"""What a visitor sees when the server cannot serve them: an expired session, a full server.

Short, configurable timeouts stand in for the production ones (`voila.json`): a session age of a
few seconds, a kernel cap of one. Browser: Debian chromium through Playwright.
"""

from __future__ import annotations

import pytest
from dashboard_support import ARTIFACTS, fetch_session, kernel_processes, wait_until_interactive

from dtlib.dashboard.serve import LocalServer
from dtlib.i18n import t

pytestmark = [pytest.mark.slow, pytest.mark.browser]
UI_TIMEOUT_MS = 120_000


CHATTY_TAB = """() => { window.dtChatty = setInterval(() => {
  const tabs = document.querySelectorAll('.dt-tabs .lm-TabBar-tab');
  if (tabs.length) { tabs[Math.floor(Math.random() * 2)].click(); }   // a widget message per second
}, 1000); }"""


def test_a_chatty_tab_is_culled_at_its_session_age_and_the_page_says_so_and_recovers(chromium):
    from playwright.sync_api import expect

    extra = ["--CappedKernelManager.max_session_age_s=25", "--MappingKernelManager.cull_interval=2",
             "--MappingKernelManager.cull_idle_timeout=3600"]
    with LocalServer(ARTIFACTS / "voila_session_age.log", extra=extra) as server:
        page = chromium.new_page(viewport={"width": 1200, "height": 900})
        page.goto(server.url + "?unit=74", wait_until="commit", timeout=UI_TIMEOUT_MS)
        wait_until_interactive(page, UI_TIMEOUT_MS)
        expect(page.locator(".dt-card").first).to_be_visible(timeout=UI_TIMEOUT_MS)
        box = page.locator(".dt-expired-box")
        expect(box).to_be_hidden()
        page.evaluate(CHATTY_TAB)  # activity that idle culling alone would count as "in use"
        expect(box).to_be_visible(timeout=UI_TIMEOUT_MS)
        expect(box).to_contain_text(t("dash_expired", "vi"))
        assert "dt-expired" in page.evaluate("document.body.className")  # stale figures greyed out
        assert page.evaluate("getComputedStyle(document.querySelector('.dt-root')).opacity") != "1"
        page.screenshot(path=str(ARTIFACTS / "dashboard_expired.png"), full_page=True)
        expect(box.locator("button.dt-reload")).to_be_focused()
        page.keyboard.press("Enter")  # the reload button works from the keyboard
        page.wait_for_load_state("domcontentloaded")
        wait_until_interactive(page, UI_TIMEOUT_MS)
        expect(page.locator(".dt-card").first).to_be_visible(timeout=UI_TIMEOUT_MS)
        assert "dt-expired" not in page.evaluate("document.body.className")
        log = server.log_text()
        page.close()
    assert "older than 25 s: shutting it down" in log


def test_a_full_server_answers_with_a_short_page_in_the_visitors_language(chromium):
    extra = ["--CappedKernelManager.max_kernels=1", "--CappedKernelManager.unconnected_grace_s=3600",
             "--VoilaConfiguration.preheat_kernel=False"]
    with LocalServer(ARTIFACTS / "voila_busy.log", extra=extra) as server:
        status, _, _ = fetch_session(server.url)  # takes the only kernel
        assert status == 200 and len(kernel_processes(server.process.pid)) == 1
        for language, link, accept in (("vi", "", "vi-VN,vi"), ("en", "", "en-GB,en"), ("en", "?lang=en", "vi")):
            context = chromium.new_context(extra_http_headers={"Accept-Language": accept})
            page = context.new_page()
            response = page.goto(server.url + link, wait_until="domcontentloaded")
            assert response.status == 503 and response.headers.get("retry-after") == "60"
            body = page.locator("body").inner_text()
            assert t("dash_busy", language) in body
            assert "Service Unavailable" not in body and "503" not in body
            assert page.evaluate("document.documentElement.lang") == language
            if language == "vi":
                page.screenshot(path=str(ARTIFACTS / "dashboard_busy.png"))
            context.close()
