"""The dashboard's languages; its words live in the one catalog, `dtlib.i18n.LABELS`.

Dashboard-only labels are the `dash_` keys there; shared concepts (the synthetic mark, reform
sentences, dates) use the shared keys. `text` has no fallback: a missing key or language raises,
so a page never shows a raw key or the other language (`tests/test_dashboard_i18n.py`).
"""

from __future__ import annotations

from dtlib.i18n import LANGUAGES, format_date, t

__all__ = ["LANGUAGES", "LANGUAGE_LABELS", "format_date", "text"]

LANGUAGE_LABELS: dict[str, str] = {"vi": "Tiếng Việt", "en": "English"}
"""The language switch shows each language in itself (names, not translations)."""


def text(key: str, language: str, **values: object) -> str:
    """The label `key` of `dtlib.i18n.LABELS` in `language` (KeyError/LanguageError if missing)."""
    return t(key, language, **values)
