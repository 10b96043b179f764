"""`make dashboard`: serve the leadership page with Voila, locked down by the repo's `voila.json`.

    python -m dtlib.dashboard.serve [--host 127.0.0.1] [--port 8866] [--base-url /dash/] [-- VOILA ARGS]

Host and port also come from `DTLIB_DASHBOARD_HOST` / `DTLIB_DASHBOARD_PORT`; the reverse proxy's
public name(s) from `--public-name` or `DTLIB_DASHBOARD_PUBLIC_NAMES` (any other `Host` is refused). The reporting layer
is built first if it is missing (the page reads nothing else). Voila runs from the repository root
so that it loads `voila.json` (see `voila.md` for every setting), with an environment reduced to
`KERNEL_ENV_ALLOWLIST`: kernels inherit the server's environment, and a visitor's page must not
carry the operator's secrets.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from dtlib import paths

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8866
NOTEBOOK = "notebooks/dashboard.ipynb"
CONFIG_FILE = "voila.json"

KERNEL_ENV_ALLOWLIST: tuple[str, ...] = (
    "PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "VIRTUAL_ENV", "PYTHONPATH",
    "DTLIB_DATA_DIR", "DTLIB_REPORTS_DIR", "JUPYTER_PATH", "JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR",
    "JUPYTER_RUNTIME_DIR",
)
"""Environment variables passed to Voila and so to every kernel; everything else is dropped."""


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m dtlib.dashboard.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default=os.environ.get("DTLIB_DASHBOARD_HOST", DEFAULT_HOST),
                        help="interface to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("DTLIB_DASHBOARD_PORT", DEFAULT_PORT)))
    parser.add_argument("--base-url", default="/", help="path prefix when served behind a reverse proxy")
    parser.add_argument("--public-name", action="append", default=None,
                        help="host name the reverse proxy forwards (repeatable; also DTLIB_DASHBOARD_PUBLIC_NAMES, "
                             "comma-separated); any other Host header is refused")
    parser.add_argument("--no-build", action="store_true", help="do not build a missing reporting layer")
    parser.add_argument("voila_args", nargs="*", help="extra Voila options, after `--`")
    return parser.parse_args(argv)


def ensure_reporting_layer() -> Path:
    """Build `reports/_data` from `data/` if it is missing, and its dashboard views if they are
    missing or outdated (`dtlib.dashboard.prerender.ensure_views`); return the folder."""
    folder = paths.processed_dir()
    if not (folder / "observations.parquet").exists():
        from dtlib.layer import build_reporting_layer

        print(f"reporting layer missing: building {folder} from {paths.data_dir()}", flush=True)
        build_reporting_layer()
    from dtlib.dashboard.prerender import ensure_views

    ensure_views(folder)
    return folder


def voila_command(host: str, port: int, base_url: str = "/", extra: Sequence[str] = (),
                  notebook: Path | None = None) -> list[str]:
    """The Voila command line (run from the repository root): Voila hardened by `dtlib.dashboard.secure`."""
    root = paths.PROJECT_ROOT
    return [sys.executable, "-m", "dtlib.dashboard.secure", str(notebook or root / NOTEBOOK), "--no-browser",
            f"--Voila.ip={host}", f"--port={port}", f"--Voila.base_url={base_url}",
            f"--Voila.config_file_paths={root}", *extra]


TEMPLATE_ROOT = Path(__file__).resolve().parent / "jupyter"
"""A Jupyter data folder holding the `dtlib` Voila template (put first on `JUPYTER_PATH`)."""


def server_env(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The allow-listed part of the environment, with the dtlib template on `JUPYTER_PATH`."""
    environ = dict(os.environ if environ is None else environ)
    env = {k: v for k, v in environ.items() if k in KERNEL_ENV_ALLOWLIST}
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(TEMPLATE_ROOT), env.get("JUPYTER_PATH")) if p)
    return env


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalServer:
    """A Voila server on 127.0.0.1 for tests and benchmarks (`with LocalServer(...) as srv:`).

    `extra` adds Voila options (e.g. `--CappedKernelManager.max_kernels=3`); the log goes to
    `log_path`. Entering waits until the page answers and, with preheat, the pool is filled.
    """

    def __init__(self, log_path: Path, extra: Sequence[str] = (), port: int | None = None,
                 startup_timeout_s: float = 90.0, notebook: Path | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = log_path
        self.extra = list(extra)
        self.startup_timeout_s = startup_timeout_s
        self.process = None
        self.notebook = notebook

    def __enter__(self) -> LocalServer:
        import subprocess
        import time
        import urllib.request

        ensure_reporting_layer()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(voila_command("127.0.0.1", self.port, "/", self.extra, self.notebook),
                                        cwd=paths.PROJECT_ROOT, env=server_env(), stdout=self._log,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.startup_timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"voila exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + "voila/static/voila.js", timeout=2):
                    pass
                if "--VoilaConfiguration.preheat_kernel=False" in self.extra or self.pool_filled():
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.__exit__(None, None, None)
        raise TimeoutError(f"voila did not start within {self.startup_timeout_s} s; see {self.log_path}")

    def pool_filled(self) -> bool:
        return "is filled with" in self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except Exception:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.no_build:
        ensure_reporting_layer()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: listening on {args.host} without authentication; put the department's "
              "reverse proxy with login in front (docs/dashboard.md)", file=sys.stderr)
    names = args.public_name or [n for n in os.environ.get("DTLIB_DASHBOARD_PUBLIC_NAMES", "").split(",") if n]
    extra = [*args.voila_args]
    if names:
        extra.insert(0, f"--DtlibVoila.allowed_hosts={[n.strip() for n in names]!r}")
    command = voila_command(args.host, args.port, args.base_url, extra)
    print(f"serving http://{args.host}:{args.port}{args.base_url}  (Ctrl-C to stop)", flush=True)
    os.chdir(paths.PROJECT_ROOT)
    os.execve(sys.executable, command, server_env())
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
