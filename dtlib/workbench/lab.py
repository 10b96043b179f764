"""`make lab`: JupyterLab on 127.0.0.1 with a token, the `dtlib` kernel and the Vietnamese UI.

The token is random per start and passed through the environment (`JUPYTER_TOKEN`), not the
command line, so other accounts on the machine cannot read it from the process list. The Lab
opens the first exploration notebook. With `--language vi` (the default) the Lab's settings live
in `.lab/settings` of the repository (git-ignored) and start in Vietnamese
(`jupyterlab-language-pack-vi-VN`); your own JupyterLab settings are then not used.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

HOST = "127.0.0.1"
DEFAULT_PORT = 8899
FIRST_NOTEBOOK = Path("notebooks") / "explore" / "01_getting_started.ipynb"
TRANSLATION_SETTINGS = Path("@jupyterlab") / "translation-extension" / "plugin.jupyterlab-settings"
NOTEBOOK_SETTINGS = Path("@jupyterlab") / "notebook-extension" / "tracker.jupyterlab-settings"
"""`autoStartDefaultKernel`: open a notebook straight on its `dtlib` kernel, without the
"Select Kernel" dialog the Lab shows when it lists kernelspecs after opening the notebook."""
LOCALES = {"vi": "vi_VN", "en": "en"}
"""`--language` → JupyterLab locale (`en` is Lab's built-in default)."""


def seed_settings(settings_dir: Path, language: str) -> Path:
    """Create a Lab settings folder whose UI language is `language` (kept if already chosen).

    `seed_settings(Path(".lab/settings"), "vi")` writes
    `.lab/settings/@jupyterlab/translation-extension/plugin.jupyterlab-settings` = `{"locale": "vi_VN"}`.
    """
    for name, value in ((TRANSLATION_SETTINGS, {"locale": LOCALES[language]}),
                        (NOTEBOOK_SETTINGS, {"autoStartDefaultKernel": True})):
        file = settings_dir / name
        if not file.exists():
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(json.dumps(value), encoding="utf-8")
    return settings_dir


def lab_command(root: Path, notebook: Path | None, *, port: int, token: str, settings_dir: Path | None,
                open_browser: bool = True) -> tuple[list[str], dict[str, str]]:
    """The `jupyter lab` argv and environment serving `root`, opening `notebook` (relative to root)."""
    argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.ip={HOST}", f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0", f"--ServerApp.root_dir={root}",
            f"--ServerApp.open_browser={open_browser}", "--MappingKernelManager.default_kernel_name=dtlib",
            "--LabApp.extension_manager=readonly"]  # no extension search on PyPI from the Lab
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers often run as root; Jupyter refuses
        argv.append("--ServerApp.allow_root=True")
    if settings_dir is not None:  # the Lab's own state next to its settings, not in ~/.jupyter
        argv += [f"--LabApp.user_settings_dir={settings_dir}",
                 f"--LabApp.workspaces_dir={settings_dir.parent / 'workspaces'}"]
    if notebook is not None:
        argv.append(str(notebook))
    env = dict(os.environ, JUPYTER_TOKEN=token)
    return argv, env


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dtlib.workbench.lab", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("DTLIB_LAB_PORT", DEFAULT_PORT)))
    parser.add_argument("--language", choices=sorted(LOCALES), default="vi",
                        help="UI language: vi (Tiếng Việt) or en (use your own Lab settings)")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    root = Path.cwd()
    settings = seed_settings(root / ".lab" / "settings", "vi") if args.language == "vi" else None
    token = secrets.token_urlsafe(24)
    command, env = lab_command(root, FIRST_NOTEBOOK, port=args.port, token=token, settings_dir=settings,
                               open_browser=not args.no_browser)
    print(f"JupyterLab: http://{HOST}:{args.port}/lab/tree/{FIRST_NOTEBOOK.as_posix()}?token={token}", flush=True)
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
