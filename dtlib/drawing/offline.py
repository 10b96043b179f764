"""Make a folium map a self-contained HTML snippet that renders with no network.

folium's default page pulls Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; a report opened
offline then shows nothing (`L is not defined`). Here every `<script src=http…>` and
`<link href=http…>` is removed and Leaflet 1.9.4 (vendored in `dtlib/drawing/assets`, BSD-2-Clause, see
`LICENSE-leaflet.txt`) is inlined, with its images as data URIs. Maps must be built with
`tiles=None`: base tiles always need a tile server. Plugins that need their own JS (awesome
markers, branca legends with d3) are not supported.
"""

from __future__ import annotations

import base64
import html
import re
from functools import lru_cache
from pathlib import Path

import folium

ASSETS = Path(__file__).resolve().parent / "assets"
"""Vendored Leaflet files (from `npm pack leaflet@1.9.4`)."""

_REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>", re.I)
_REMOTE_LINK = re.compile(r"<link[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I)
REMOTE_REFERENCE = re.compile(r"<(?:script|link|img|iframe)[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//",
                              re.I)
"""Any tag that would make the browser fetch something from the network (used by the tests)."""


def _data_uri(name: str) -> str:
    return "data:image/png;base64," + base64.b64encode((ASSETS / name).read_bytes()).decode("ascii")


@lru_cache(maxsize=1)
def leaflet_inline() -> str:
    """`<style>` and `<script>` blocks carrying Leaflet, its images as data URIs."""
    css = (ASSETS / "leaflet.css").read_text(encoding="utf-8")
    css = re.sub(r"images/([a-z0-9-]+\.png)", lambda m: _data_uri(m.group(1)), css)
    js = (ASSETS / "leaflet.js").read_text(encoding="utf-8")
    icon_fix = (
        "L.Icon.Default.prototype.options.imagePath='';"
        f"L.Icon.Default.mergeOptions({{iconUrl:'{_data_uri('marker-icon.png')}',"
        f"iconRetinaUrl:'{_data_uri('marker-icon-2x.png')}',"
        f"shadowUrl:'{_data_uri('marker-shadow.png')}'}});"
    )
    return f"<style>{css}</style>\n<script>{js}</script>\n<script>{icon_fix}</script>"


def offline_document(m: folium.Map) -> str:
    """The map as a full HTML document with no remote script or stylesheet."""
    page = m.get_root().render()
    page = _REMOTE_SCRIPT.sub("", page)
    page = _REMOTE_LINK.sub("", page)
    return page.replace("<head>", "<head>\n" + leaflet_inline(), 1)


class OfflineMap:
    """A folium map that displays in a notebook (and its HTML export) without any CDN."""

    def __init__(self, m: folium.Map, height: int = 560) -> None:
        self.map = m
        self.height = height

    def document(self) -> str:
        return offline_document(self.map)

    def _repr_html_(self) -> str:
        # A <div> wrapper: a bare <iframe> makes IPython warn into the report's stderr.
        srcdoc = html.escape(self.document(), quote=True)
        return (f'<div class="dt-map"><iframe srcdoc="{srcdoc}" style="width:100%;'
                f'height:{self.height}px;border:none" loading="eager"></iframe></div>')
