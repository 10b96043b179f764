"""The pre-rendered page as a visitor's kernel reads it: JSON and HTML files, no pandas.

`dtlib build` writes `reports/_data/views/` (`dtlib.dashboard.prerender`). A kernel keeps the
small `page.json` and the last few units and maps it was asked for; everything else stays on disk,
so a kernel costs little more than Python, ipykernel and ipywidgets.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path

from dtlib.dashboard.selection import Choices

FORMAT = 1
"""Layout version of `views/`: `dtlib build` writes it, a kernel refuses any other (rebuild)."""
VIEWS_DIR = "views"
"""Sub-folder of the reporting layer that holds the pre-rendered page."""
KEEP_UNITS = 6
"""Units kept in memory per kernel (the largest, today's TP. Hồ Chí Minh, is about 2 MB per language)."""
KEEP_MAPS = 4
"""Maps kept in memory per kernel (about 60 kB each)."""


class ViewsMissing(RuntimeError):
    """The reporting layer has no (or outdated) pre-rendered views: run `dtlib build`."""


class _Recent(OrderedDict):
    """A small least-recently-used cache."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get_or_load(self, key, load):
        if key in self:
            self.move_to_end(key)
            return self[key]
        value = self[key] = load()
        while len(self) > self.size:
            self.popitem(last=False)
        return value


class ViewStore:
    """Read access to one `views/` folder; unit ids and indicators must come from `choices`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            page = json.loads((folder / "page.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ViewsMissing(f"{folder}: no readable page.json ({error})") from error
        if page.get("format") != FORMAT:
            raise ViewsMissing(f"{folder}: views of format {page.get('format')}, this dtlib reads {FORMAT}")
        data = page["choices"]
        self.choices = Choices(units=tuple(data["units"]),
                               indicators={u: tuple(c) for u, c in data["indicators"].items()},
                               codes=dict(data["codes"]), default_unit=data["default_unit"],
                               levels=dict(data["levels"]))
        self.built: str = page["built"]
        self._labels: dict[str, list[tuple[str, str]]] = {
            lang: [(label, unit) for label, unit in pairs] for lang, pairs in page["labels"].items()}
        self._outlines: dict[str, list[str]] = page["outlines"]
        self._map_numbers: dict[str, int] = page["maps"]
        self._unit_numbers = {unit: n for n, unit in enumerate(self.choices.units)}
        self._units = _Recent(KEEP_UNITS)
        self._maps = _Recent(KEEP_MAPS)

    def unit_options(self, language: str) -> list[tuple[str, str]]:
        """(label, unit id) pairs of the grouped unit list in `language`."""
        return self._labels[language]

    def unit(self, unit_id: str, language: str) -> dict:
        """Everything the page shows for one unit in one language (`prerender.UnitRenderer.unit_view`)."""
        number = self._unit_numbers[unit_id]
        path = self.folder / "units" / f"{number}.{language}.json"
        return self._units.get_or_load((unit_id, language), lambda: json.loads(path.read_text(encoding="utf-8")))

    def view(self, unit_id: str, indicator: str | None, language: str) -> dict:
        """The cards, former areas, chart, table and sources of one selection."""
        views = self.unit(unit_id, language)["views"]
        return views.get(indicator or "") or views[next(iter(views))]

    def map_html(self, indicator: str, language: str) -> str:
        """The Map tab of `indicator` (the outlines of every unit hidden; see `outline_css`)."""
        path = self.folder / "maps" / f"{self._map_numbers[indicator]}.{language}.html"
        return self._maps.get_or_load((indicator, language), lambda: path.read_text(encoding="utf-8"))

    def outline_css(self, unit_id: str) -> str:
        """The style that outlines the unit's province(s) on whichever map is shown."""
        codes = [c for c in self._outlines.get(unit_id, []) if c.isalnum()]
        if not codes:
            return ""
        rules = ",".join(f'.dt-map .dt-outline[data-code="{c}"]' for c in codes)
        return f"<style>{rules}{{display:inline}}</style>"
