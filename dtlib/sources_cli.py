"""`dtlib sources add` and `dtlib sources check`: the only ways `data/sources.csv` changes.

A source can also arrive with a delivery (`dtlib add`, see `dtlib.data.sources.read_delivery_sources`);
either way the rules are those of `dtlib.data.sources.check_new_sources`, so no one edits the table by hand.
"""

from __future__ import annotations

import argparse

import pandas as pd

from dtlib import paths

DEFAULT_LICENCE = "© publisher; figures cited as facts, no text reproduced"
"""What the project records for press and portal articles (figures are facts; no text is copied)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `sources` subcommand (with `add` and `check`) to the `dtlib` parser."""
    from dtlib.data.sources import SOURCE_KINDS

    parser = subparsers.add_parser("sources", help="add a source to data/sources.csv, or check the table")
    sub = parser.add_subparsers(dest="sources_command", required=True)
    p = sub.add_parser("add", help="validate one source and append it to data/sources.csv")
    p.add_argument("--id", required=True, dest="source_id", help="new source id, e.g. news-bdo-2025-03")
    p.add_argument("--outlet", required=True, help="publisher, e.g. 'Báo Bình Dương (baobinhduong.vn)'")
    p.add_argument("--title", required=True, help="title as printed")
    p.add_argument("--published", required=True, help="publication date YYYY-MM-DD")
    p.add_argument("--url", required=True, dest="locator", help="URL (or seed file) of the source")
    p.add_argument("--kind", choices=SOURCE_KINDS, default="news", help="default: news")
    p.add_argument("--licence", default=DEFAULT_LICENCE, help=f"default: {DEFAULT_LICENCE!r}")
    p.add_argument("--author", default="")
    p.add_argument("--note", default="")
    p.set_defaults(func=_add)
    p = sub.add_parser("check", help="validate data/sources.csv and list sources without a publication date")
    p.set_defaults(func=_check)


def _add(args: argparse.Namespace) -> int:
    from dtlib.data.sources import SOURCE_COLUMNS, add_sources

    row = {column: str(getattr(args, column, "") or "") for column in SOURCE_COLUMNS}
    added = add_sources(pd.DataFrame([row]), paths.data_dir() / "sources.csv")
    verb = "added to" if len(added) else "already in"
    print(f"source {args.source_id} {verb} data/sources.csv")
    return 0


def _check(args: argparse.Namespace) -> int:
    from dtlib.data.sources import load_sources, undated_sources

    sources = load_sources(paths.data_dir() / "sources.csv")
    undated = undated_sources(sources)
    print(f"data/sources.csv: {len(sources)} source(s) valid")
    if undated:
        print(f"{len(undated)} source(s) without a publication date (a known-at view places their figures "
              f"by reference date and counts them; add `published`, or a row's own date, where it is known):")
        for source_id in undated:
            print(f"  - {source_id}")
        return 1
    return 0
