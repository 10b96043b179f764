"""The `dtlib` command: validate and add deliveries, build the reporting layer, run reports.

Subcommands owned by other modules register themselves (`register(subparsers)`), so this file
only wires them; each subcommand returns a process exit code and prints problems, never a
traceback, for errors dtlib raised on purpose.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from dtlib.errors import DtlibError, ValidationError

PLUGGED_COMMANDS: tuple[str, ...] = (
    "dtlib.reporting.cli",
    "dtlib.records.cli",
    "dtlib.sources_cli",
    "dtlib.workbench.kernel",
)
"""Modules that add their own subcommands (skipped if not installed in this checkout)."""

GEOGRAPHY_HELP = ("default geography of the rows: 63 (provinces before 1 July 2025) or 34 (units "
                  "from 1 July 2025); a row's geography column overrides it")


def _validate(args: argparse.Namespace) -> int:
    from dtlib.data.datasets import check_delivery, load_reference
    from dtlib.i18n import t

    language = args.language
    reference = load_reference()
    status = 0
    for file in args.files:
        result, _ = check_delivery(Path(file), args.locale, reference, geography=args.geography, sheet=args.sheet)
        if result.header_row not in (None, 0, 1) or result.sheet:
            sheet = t("validate_sheet", language, sheet=result.sheet) if result.sheet else ""
            print(t("validate_header", language, file=file, row=result.header_row, sheet=sheet))
        if result.ok:
            print(t("validate_ok", language, file=file, n=len(result.observations), locale=args.locale))
        else:
            status = 1
            print(t("validate_failed", language, file=file, n=len(result.problems), rejected=len(result.rejects)))
            for problem in result.problems:
                print(f"  - {problem.render(language)}")
    return status


def _add(args: argparse.Namespace) -> int:
    from dtlib import paths
    from dtlib.data.datasets import add_delivery
    from dtlib.data.sources import load_sources
    from dtlib.i18n import t

    sources_file = paths.data_dir() / "sources.csv"
    known = set(load_sources(sources_file).index)
    result = add_delivery(Path(args.file), name=args.name, locale=args.locale,
                          description=args.description or "", geography=args.geography,
                          sheet=args.sheet)
    language = args.language
    if not result.ok:
        print(t("add_failed", language, file=args.file, n=len(result.problems)))
        for problem in result.problems:
            print(f"  - {problem.render(language)}")
        return 1
    print(t("add_ok", language, file=args.file, path=f"data/observations/{args.name}{Path(args.file).suffix.lower()}",
            n=len(result.observations)))
    new = sorted(set(load_sources(sources_file).index) - known)
    if new:
        print(t("add_new_sources", language, sources=", ".join(new)))
    return 0


def _build(args: argparse.Namespace) -> int:
    from dtlib.dashboard.prerender import ensure_views
    from dtlib.layer import build_reporting_layer

    folder = build_reporting_layer()
    print(f"reporting layer written to {folder}")
    print(f"dashboard views written to {ensure_views(folder)}")
    return 0


def _resolve(args: argparse.Namespace) -> int:
    from datetime import date

    from dtlib.data.geography import place
    from dtlib.data.units import resolve

    if args.geography:
        unit = place(args.name, args.geography, None).unit
    else:
        unit = resolve(args.name, on=date.fromisoformat(args.on) if args.on else None)
    print(f"{unit.id}\t{unit.label('vi')}\t{unit.full_name_vi}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dtlib", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check delivery files without adding them")
    p.add_argument("files", nargs="+")
    p.add_argument("--locale", choices=["vi", "en"], required=True,
                   help="how numbers are written: vi (1.586; 86,3%%) or en (1,586; 86.3%%)")
    p.add_argument("--geography", choices=["63", "34"], help=GEOGRAPHY_HELP)
    p.add_argument("--sheet", help="Excel sheet to read (default: the only sheet with observation columns)")
    p.add_argument("--language", choices=["vi", "en"], default="vi",
                   help="language of the messages (default vi)")
    p.set_defaults(func=_validate)
    p = sub.add_parser("add", help="validate a delivery and register it in data/datasets.yaml")
    p.add_argument("file")
    p.add_argument("--name", required=True, help="dataset name, e.g. binh_duong_2025q1")
    p.add_argument("--locale", choices=["vi", "en"], required=True)
    p.add_argument("--description")
    p.add_argument("--geography", choices=["63", "34"], help=GEOGRAPHY_HELP)
    p.add_argument("--sheet", help="Excel sheet to read (default: the only sheet with observation columns)")
    p.add_argument("--language", choices=["vi", "en"], default="vi",
                   help="language of the messages (default vi)")
    p.set_defaults(func=_add)
    p = sub.add_parser("build", help="validate data/ and write the reporting layer (reports/_data)")
    p.set_defaults(func=_build)
    p = sub.add_parser("resolve", help="resolve a unit name or code")
    p.add_argument("name")
    p.add_argument("--on", help="date (YYYY-MM-DD) to choose between units that share a name")
    p.add_argument("--geography", choices=["63", "34"], help="the unit generation: 63 (before 1 July 2025) or 34")
    p.set_defaults(func=_resolve)
    for module_name in PLUGGED_COMMANDS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; no traceback reaches the user (see `_unexpected`)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    language = getattr(args, "language", None) or "vi"
    language = language if language in ("vi", "en") else "vi"
    try:
        return int(args.func(args) or 0)
    except ValidationError as exc:
        print(exc.render(language), file=sys.stderr)
        return 1
    except DtlibError as exc:
        from dtlib.i18n import t

        print(t("cli_error", language, message=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place that turns a bug into a sentence
        return _unexpected(exc, language)


def _unexpected(exc: Exception, language: str) -> int:
    """Write the traceback to a log file and print one sentence naming it; exit code 2."""
    import tempfile
    import traceback
    from datetime import datetime

    from dtlib import paths
    from dtlib.i18n import t

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    text = "".join(traceback.format_exception(exc))
    log = None
    for folder in (paths.reports_dir() / "_logs", Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            log = folder / f"dtlib-error-{stamp}.log"
            log.write_text(f"dtlib {' '.join(sys.argv[1:])}\n{text}", encoding="utf-8")
            break
        except OSError:
            log = None
    print(t("cli_unexpected", language, error=type(exc).__name__, log=log or "-"), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
