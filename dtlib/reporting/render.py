"""Render report sections from Jinja2 templates (`dtlib/templates/report/*.html.j2`) with autoescape.

Templates get `t(key, **values)` bound to the report's language (a missing key raises, never
prints a raw key), `StrictUndefined` (a misspelt variable is an error, not an empty cell) and a
few formatting filters, so that every word on the page comes from `dtlib.i18n` and every
figure from `dtlib.tables.format_value`. Sections return `IPython.display.HTML`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from IPython.display import HTML
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from dtlib.i18n import format_date, t

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "report"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja environment of the report sections (autoescape on for .j2 HTML)."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=select_autoescape(enabled_extensions=("html", "j2", "html.j2"),
                                     default_for_string=True, default=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
    )
    env.filters["date"] = format_date
    return env


def render_text(name: str, language: str, **values: Any) -> str:
    """The template `name` rendered as an HTML string in `language`."""
    template = environment().get_template(name)

    def label(key: str, **fill: object) -> str:
        return t(key, language, **fill)

    return template.render(t=label, lang=language, **values)


def render(name: str, language: str, **values: Any) -> HTML:
    """`render_text` as a displayable notebook output."""
    return HTML(render_text(name, language, **values))
