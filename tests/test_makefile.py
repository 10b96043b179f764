"""The Makefile works on a fresh machine: the browser target's command lines, the lock and setup."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

STUB = """#!/bin/sh
echo "$(basename "$0") DEBIAN_FRONTEND=${DEBIAN_FRONTEND:-unset} $*" >> "$STUB_LOG"
{tail}
"""


def _stub(folder: Path, name: str, tail: str = "") -> None:
    path = folder / name
    path.write_text(STUB.replace("{tail}", tail))
    path.chmod(0o755)


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_browser_target_runs_apt_get_with_a_valid_command_line(tmp_path):
    """Root or not, `make browser` without chromium calls apt-get twice, non-interactively."""
    stubs = tmp_path / "bin"
    stubs.mkdir()
    _stub(stubs, "apt-get")
    _stub(stubs, "sudo", tail='exec "$@"')  # used only when the test does not run as root
    log = tmp_path / "calls.log"
    env = {**os.environ, "PATH": f"{stubs}:{os.environ['PATH']}", "STUB_LOG": str(log)}
    env.pop("DEBIAN_FRONTEND", None)
    done = subprocess.run(["make", "-s", "-C", str(ROOT), "browser", "CHROMIUM=/nonexistent/chromium"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "not found" not in done.stderr
    calls = [line for line in log.read_text().splitlines() if line.startswith("apt-get")]
    assert calls == ["apt-get DEBIAN_FRONTEND=unset update -qq",
                     "apt-get DEBIAN_FRONTEND=noninteractive install -y -qq chromium"]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_browser_target_does_nothing_when_chromium_exists(tmp_path):
    stubs = tmp_path / "bin"
    stubs.mkdir()
    _stub(stubs, "apt-get")
    log = tmp_path / "calls.log"
    env = {**os.environ, "PATH": f"{stubs}:{os.environ['PATH']}", "STUB_LOG": str(log)}
    done = subprocess.run(["make", "-s", "-C", str(ROOT), "browser", "CHROMIUM=/bin/sh"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert not log.exists()


def _lock_names() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line)
        if match:
            pins[re.sub(r"[-_.]+", "-", match.group(1).lower())] = match.group(2)
    return pins


def test_lock_pins_every_declared_dependency():
    """A dependency added to pyproject.toml without `make lock` would install unpinned."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = _lock_names()
    for requirement in project["dependencies"] + project["optional-dependencies"]["dev"]:
        name = re.sub(r"[-_.]+", "-", re.match(r"^([A-Za-z0-9_.-]+)", requirement).group(1).lower())
        assert name in pins, f"{name} is not in requirements.lock: run `make lock`"


def test_setup_installs_from_the_lock():
    makefile = (ROOT / "Makefile").read_text()
    stamp = re.search(r"^\$\(STAMP\):(.*)$", makefile, re.M)
    assert stamp and "$(LOCK)" in stamp.group(1), "setup must re-run when the lock changes"
    recipe = makefile[stamp.end():].split("\n\n")[0]
    assert "-r $(LOCK)" in recipe
    assert re.search(r"^lock:.*uv.*pip compile|^lock:", makefile, re.M)
    assert "pip compile" in makefile
