"""Export an executed report notebook to one self-contained HTML file without code.

The `dtreport` nbconvert template (`dtlib/templates/dtreport`) inlines plotly.js (its basic partial
bundle) once and renders
the plotly mimetype that a headless kernel emits; it drops the lab template's require.js, MathJax
and mermaid CDN scripts. Inputs, prompts, stderr streams (warnings) and glued scraps are removed,
so the file opens offline and shows only the report.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from traitlets.config import Config

from dtlib import atomic
from dtlib.reporting.glue import SCRAP_MIME

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE_NAME = "dtreport"


PLOTLY_BASIC = Path(__file__).resolve().parent.parent / "drawing" / "assets" / "plotly-basic.min.js"
"""plotly.js 4.1.1 "basic" partial bundle (scatter, bar, pie; `npm pack plotly.js-basic-dist-min@4.1.1`,
MIT, see dtlib/drawing/assets/LICENSE-plotly.txt): 1.2 MB instead of the full 4.8 MB bundle. Every report chart
is a scatter trace; the version matches the plotly wheel's full bundle."""


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The plotly.js bundle the report inlines once (no network)."""
    return PLOTLY_BASIC.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def report_css() -> str:
    """The report stylesheet (screen and print) in the page head, as well as in the brief's output:
    a report exported from an older run still prints with the current print rules."""
    from dtlib.reporting.render import render_text

    return render_text("style.html.j2", "vi")


def _exporter() -> HTMLExporter:
    c = Config()
    c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES)]
    c.HTMLExporter.template_name = TEMPLATE_NAME
    c.TemplateExporter.exclude_input = True
    c.TemplateExporter.exclude_input_prompt = True
    c.TemplateExporter.exclude_output_prompt = True
    c.HTMLExporter.exclude_anchor_links = True
    c.HTMLExporter.embed_images = True
    return HTMLExporter(config=c)


REMOVE_TAG = "remove_cell"
"""Cells tagged so (the template's own explanation) are left out of the HTML page."""


def clean_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop `remove_cell` cells, stderr streams and scrapbook scraps (returns the same node)."""
    nb.cells = [c for c in nb.cells if REMOVE_TAG not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs = [
            o for o in cell.outputs
            if not (o.output_type == "stream" and o.get("name") == "stderr")
            and SCRAP_MIME not in o.get("data", {})
        ]
    return nb


def to_html(nb: nbformat.NotebookNode, title: str) -> str:
    """The report page for an executed notebook."""
    nb = clean_outputs(nbformat.from_dict(nb))
    nb.metadata["title"] = title
    body, _ = _exporter().from_notebook_node(
        nb, resources={"plotly_js": plotly_js(), "report_css": report_css(), "metadata": {"name": title}})
    return body


def export_html(ipynb: Path, html_path: Path, title: str) -> Path:
    """Read `ipynb`, write its HTML page to `html_path` atomically and return the path."""
    nb = nbformat.read(ipynb, as_version=4)
    atomic.write_text(html_path, to_html(nb, title))
    return html_path
