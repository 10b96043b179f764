"""`dtlib report`: render quarterly reports for units and quarters (registered by `dtlib.cli`).

    dtlib report                  # TP. Hồ Chí Minh, Đồng Nai (latest quarter with data) and their
                                  # former areas Bình Dương, Bình Phước (last quarter before the reform)
    dtlib report --unit 74 --quarter 2024Q2 --language en
    dtlib report --unit 79        # the TP. Hồ Chí Minh with data; both have data: today's (--on to choose)
    dtlib report --unit "Bình Phước" --unit BD --quarter 2024Q1 --quarter 2024Q2 --jobs 2
    dtlib report --unit 74 --quarter 2024Q1 --pdf  # report.pdf beside report.html

Every unit × quarter pair is one report; the command prints one line per report, rewrites
reports/index.html (every report on disk, grouped by today's units) and exits 1 if any failed
(the others are still written).
"""

from __future__ import annotations

import argparse
import os
import sys

from dtlib.reporting.params import DEFAULT_JOBS


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `report` subcommand to the `dtlib` parser."""
    p = subparsers.add_parser(
        "report", help="render quarterly reports (papermill) to reports/<unit>/<quarter>/",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--unit", action="append", dest="units", metavar="UNIT",
                   help="code, name or id (repeatable); default: P34-79 (TP. Hồ Chí Minh), P34-75 (Đồng Nai), "
                        "and their former areas 74 (Bình Dương) and 70 (Bình Phước)")
    p.add_argument("--quarter", action="append", dest="quarters", metavar="QUARTER",
                   help="e.g. 2024Q2 or 'Quý II/2024' (repeatable); default: latest with data per unit")
    p.add_argument("--language", choices=["vi", "en"], default="vi", help="report language (default vi)")
    p.add_argument("--on", default="", metavar="DATE",
                   help="YYYY-MM-DD: for a code of both generations (79) without --quarter, the unit "
                        "existing on DATE (default: today's unit when both have data)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="reports run in parallel (default: number of cores)")
    p.add_argument("--pdf", action="store_true",
                   help="also write report.pdf beside report.html (headless chromium: $CHROMIUM, "
                        "/usr/bin/chromium, or chromium on PATH)")
    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    p.add_argument("--known-at", default="", metavar="DATE",
                   help="YYYY-MM-DD: only figures published by then, as the report read on that date "
                        "(default: as known at the end of the quarter, or today for the current one)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dtlib.reporting.runner import ReportJob, run_batch, summarize

    if args.jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return 2
    if args.pdf:
        from dtlib.reporting.pdf import find_chromium

        find_chromium()  # a clear DtlibError before any report runs

    def job(unit: str, quarter: str) -> ReportJob:
        return ReportJob(unit, quarter, args.language, known_at=args.known_at, on=args.on, pdf=args.pdf)

    if args.units:
        jobs = [job(unit, quarter) for unit in args.units for quarter in (args.quarters or [""])]
    elif args.quarters:
        jobs = [job(unit, quarter) for unit, _ in DEFAULT_JOBS for quarter in args.quarters]
    else:
        jobs = [job(unit, quarter) for unit, quarter in DEFAULT_JOBS]
    results = run_batch(jobs, workers=args.jobs, progress=not args.no_progress)
    print(summarize(results))
    if any(r.ok for r in results):
        from dtlib.data.datasets import load_bundle
        from dtlib.reporting.index import write_index

        print(f"index: {write_index(load_bundle(), language=args.language)}")
    return 0 if all(r.ok for r in results) else 1


def main(argv: list[str] | None = None) -> int:
    """Run `report` on its own (`python -m dtlib.reporting.cli ...`)."""
    parser = argparse.ArgumentParser(prog="dtlib")
    register(parser.add_subparsers(dest="command", required=True))
    return run(parser.parse_args(["report", *(argv if argv is not None else sys.argv[1:])]))


if __name__ == "__main__":
    sys.exit(main())
