"""`dtlib kernel install`: register the Python that has dtlib as the Jupyter kernel `dtlib`.

Where the kernelspec goes decides who sees it: `--sys-prefix` (the default, what `make setup`
does) only for Jupyter run from this environment; `--user` for every Jupyter this account runs,
including a JupyterHub single-user server; `--prefix P` for a shared place such as a department
hub's `/opt/jupyterhub` (then `P/share/jupyter/kernels/dtlib`). The kernel always runs the
interpreter that ran this command, so dtlib must be installed there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dtlib.errors import DtlibError

KERNEL_NAME = "dtlib"
DISPLAY_NAME = "dtlib (Python 3)"


def install_kernel(*, user: bool = False, prefix: str | Path | None = None, name: str = KERNEL_NAME,
                   display_name: str = DISPLAY_NAME, env: dict[str, str] | None = None) -> Path:
    """Write the kernelspec and return its folder. Without `user` or `prefix`: this sys.prefix."""
    from ipykernel.kernelspec import install

    if user and prefix is not None:
        raise DtlibError("choose one of --user, --sys-prefix or --prefix, not several")
    target = None if user else str(prefix if prefix is not None else sys.prefix)
    try:
        path = install(user=user, prefix=target, kernel_name=name, display_name=display_name, env=env or None)
    except OSError as exc:
        raise DtlibError(f"cannot write the kernelspec ({exc}); use --user, or a --prefix you can write to") \
            from None
    return Path(path)


def _parse_env(pairs: list[str]) -> dict[str, str]:
    env = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise DtlibError(f"--env {pair!r}: write NAME=VALUE, e.g. DTLIB_DATA_DIR=/srv/dtlib/data")
        env[name] = value
    return env


def _install(args: argparse.Namespace) -> int:
    path = install_kernel(user=args.user, prefix=args.prefix, name=args.name, display_name=args.display_name,
                          env=_parse_env(args.env))
    print(f"kernel {args.name!r} installed in {path} (runs {sys.executable})")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `dtlib kernel install` to the command line."""
    kernel = sub.add_parser("kernel", help="install the `dtlib` Jupyter kernel (for a user or a JupyterHub)")
    actions = kernel.add_subparsers(dest="kernel_command", required=True)
    p = actions.add_parser("install", help="register this Python as the kernel `dtlib`",
                           description=__doc__.splitlines()[0])
    where = p.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true", help="for this account (~/.local/share/jupyter)")
    where.add_argument("--sys-prefix", action="store_true", help="for this environment (default)")
    where.add_argument("--prefix", help="under PREFIX/share/jupyter/kernels (a shared JupyterHub folder)")
    p.add_argument("--name", default=KERNEL_NAME, help="kernel name (notebooks ask for 'dtlib')")
    p.add_argument("--display-name", default=DISPLAY_NAME)
    p.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                   help="environment of the kernel, e.g. DTLIB_DATA_DIR=/srv/dtlib/data (repeatable)")
    p.set_defaults(func=_install)
