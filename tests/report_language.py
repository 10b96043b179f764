"""Language check of a rendered report: no common English word on a vi page, no Vietnamese on an
en page, outside names and citations (elements with class `dt-cite`, `<cite>`, map tooltips).

Word lists are short lists of the commonest function words and report vocabulary of each
language: a sentence left in the other language almost always contains one of them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_ENGLISH_WORDS = (
    "the and of is are for with from not by at or this that these those it its "
    "data source sources target targets report indicator indicators rank ranks value values year years "
    "quarter province provinces figure figures only model method methods forecast forecasts synthetic "
    "points point none unknown missing between than more less under over about since until change"
)
ENGLISH = frozenset(_ENGLISH_WORDS.split())
_VIETNAMESE_WORDS = (
    "và của các có không chỉ tiêu số liệu năm quý tỉnh mục được đã theo trong người dân điểm hạng "
    "nguồn bản đồ tổng hợp báo cáo đạt chưa với từ này những một đến ngày khác giá trị"
)
VIETNAMESE = frozenset(_VIETNAMESE_WORDS.split())
SKIP_CLASSES = {"dt-cite"}
SKIP_TAGS = {"style", "script", "cite", "title", "desc", "head"}
VOID = {"br", "img", "meta", "link", "hr", "input", "col", "wbr", "source", "path", "rect", "circle",
        "line", "polyline", "polygon", "area", "base", "embed", "param", "track"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skip = tag in SKIP_TAGS or bool(classes & SKIP_CLASSES) or (self.stack and self.stack[-1])
        self.stack.append(bool(skip))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible_text(page: str) -> str:
    """The report's text a reader sees, minus names and citations marked `dt-cite`."""
    parser = _Text()
    parser.feed(page)
    return " ".join(parser.parts)


def foreign_words(page: str, language: str, names: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Words of the other language on the page (with 5 words of context), names excluded."""
    text = visible_text(page)
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    words = re.findall(r"[^\W\d_]+", text)
    other = ENGLISH if language == "vi" else VIETNAMESE
    hits = []
    for i, word in enumerate(words):
        if word.lower() in other:
            hits.append(" ".join(words[max(0, i - 3):i + 3]))
    return hits
