"""`report.pdf` beside `report.html`: the page printed by headless chromium (A4, print CSS).

Chromium is found in this order: the `CHROMIUM` environment variable, `/usr/bin/chromium`
(Debian's package, also the browser tests' executable), then `chromium` or `chromium-browser`
on PATH. It prints the offline HTML file itself, so the PDF shows exactly the page: the brief on
page 1, charts as vector graphics, Vietnamese text selectable (fonts: DejaVu, Debian
`fonts-dejavu-core`). Printing runs with no network (`--no-proxy-server` and a blocked proxy).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from dtlib import atomic
from dtlib.errors import ReportError

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
PRINT_TIMEOUT_S = 120
VIRTUAL_TIME_MS = 8000
"""Time the page gets to draw its charts before printing (virtual time: no real wait)."""


class ChromiumMissingError(ReportError):
    """No chromium to print the PDF with; says where it was looked for."""


def find_chromium() -> Path:
    """The chromium executable: $CHROMIUM, then /usr/bin/chromium, then PATH."""
    env = os.environ.get("CHROMIUM", "").strip()
    if env:
        path = Path(env)
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise ChromiumMissingError(f"CHROMIUM={env} is not an executable file; point it at chromium "
                                   f"or unset it to use {DEBIAN_CHROMIUM}")
    if DEBIAN_CHROMIUM.is_file():
        return DEBIAN_CHROMIUM
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return Path(found)
    raise ChromiumMissingError("--pdf needs chromium: install it (Debian: apt-get install chromium "
                               "fonts-dejavu-core) or set CHROMIUM=/path/to/chromium")


def print_pdf(html_path: Path, pdf_path: Path | None = None, chromium: Path | None = None) -> Path:
    """Print `html_path` to `pdf_path` (default: `report.pdf` beside it) atomically."""
    html_path = Path(html_path).resolve()
    pdf_path = Path(pdf_path) if pdf_path else html_path.with_name("report.pdf")
    exe = chromium or find_chromium()
    with tempfile.TemporaryDirectory(prefix="dtlib-pdf-") as tmp:
        out = Path(tmp) / "report.pdf"
        command = [str(exe), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-extensions", "--no-proxy-server", "--proxy-server=127.0.0.1:9",
                   f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
                   f"--virtual-time-budget={VIRTUAL_TIME_MS}", f"--print-to-pdf={out}",
                   html_path.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=PRINT_TIMEOUT_S,
                                  check=False)
        except subprocess.TimeoutExpired:
            raise ReportError(f"chromium did not print {html_path.name} within {PRINT_TIMEOUT_S} s") from None
        except OSError as exc:
            raise ChromiumMissingError(f"cannot run {exe}: {exc}") from None
        if not out.exists() or out.stat().st_size == 0:
            tail = (done.stderr or "").strip().splitlines()[-3:]
            raise ReportError(f"chromium wrote no PDF for {html_path.name} (exit {done.returncode}): "
                              + " | ".join(tail))
        atomic.write_bytes(pdf_path, out.read_bytes())
    return pdf_path
