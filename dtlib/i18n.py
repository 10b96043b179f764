"""Words the reports print, in Vietnamese (the default) and English.

Only labels live here: numbers are formatted by `dtlib.numbers.format_number` and unit names by
`dtlib.units`. A missing key or language is an error, so a report never shows a raw key.

>>> t("indicator_table", "vi")
'Bảng chỉ tiêu'
>>> t("report_title", "en", unit="Binh Duong", quarter="2024Q2")
'Digital transformation report: Binh Duong, 2024Q2'
"""

from __future__ import annotations

from dtlib.errors import DtlibError

LANGUAGES: tuple[str, ...] = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

LABELS: dict[str, dict[str, str]] = {
    "report_title": {
        "vi": "Báo cáo chuyển đổi số: {unit}, {quarter}",
        "en": "Digital transformation report: {unit}, {quarter}",
    },
    "as_of": {"vi": "Số liệu đến ngày {date}", "en": "Data up to {date}"},
    "synthetic_banner": {
        "vi": "⚠ Báo cáo có dữ liệu GIẢ LẬP (synthetic), chỉ dùng để thử nghiệm: {datasets}",
        "en": "⚠ This report contains SYNTHETIC data, for testing only: {datasets}",
    },
    "synthetic_mark": {"vi": "giả lập", "en": "synthetic"},
    "reform_heading": {"vi": "Đơn vị hành chính và cải cách 2025",
                       "en": "The unit and the 2025 reform"},
    "reform_merged": {
        "vi": "{unit} tồn tại đến {last}. Từ {date}, theo {basis}, đơn vị này hợp nhất với "
              "{others} thành {new}.",
        "en": "{unit} existed until {last}. From {date} ({basis}) it merged with {others} "
              "into {new}.",
    },
    "reform_kept": {
        "vi": "{unit} tồn tại đến {last}. Từ {date}, theo {basis}, đơn vị này trở thành {new}.",
        "en": "{unit} existed until {last}. From {date} ({basis}) it became {new}.",
    },
    "reform_new": {
        "vi": "{unit} được thành lập từ {date} ({basis}), từ: {others}.",
        "en": "{unit} was formed on {date} ({basis}) from: {others}.",
    },
    "reform_districts": {
        "vi": "Cấp huyện ({n} đơn vị) chấm dứt hoạt động từ {date}.",
        "en": "The district level ({n} units) ceased to exist on {date}.",
    },
    "indicator_table": {"vi": "Bảng chỉ tiêu", "en": "Indicators"},
    "col_indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "col_value": {"vi": "Giá trị mới nhất", "en": "Latest value"},
    "col_date": {"vi": "Kỳ / ngày", "en": "Period / date"},
    "col_source": {"vi": "Nguồn", "en": "Source"},
    "col_target": {"vi": "Mục tiêu", "en": "Target"},
    "col_gap": {"vi": "Khoảng cách", "en": "Gap"},
    "no_data": {"vi": "Không có số liệu.", "en": "No data."},
    "trends_heading": {"vi": "Xu hướng và mục tiêu", "en": "Trends and targets"},
    "trend_value": {"vi": "Giá trị", "en": "Value"},
    "target_line": {"vi": "Mục tiêu {year} ({scope})", "en": "Target {year} ({scope})"},
    "scope_national": {"vi": "quốc gia", "en": "national"},
    "scope_unit": {"vi": "tỉnh", "en": "province"},
    "dti_heading": {"vi": "Lịch sử xếp hạng DTI", "en": "DTI rank history"},
    "dti_rank": {"vi": "Hạng DTI (1 = tốt nhất)", "en": "DTI rank (1 = best)"},
    "year": {"vi": "Năm", "en": "Year"},
    "date": {"vi": "Ngày", "en": "Date"},
    "map_heading": {"vi": "Bản đồ xếp hạng DTI {year} của 63 tỉnh, thành phố",
                    "en": "DTI {year} rank of the 63 provinces"},
    "map_rank_tooltip": {"vi": "Hạng DTI {year}", "en": "DTI {year} rank"},
    "map_no_rank": {"vi": "chưa có hạng", "en": "no rank"},
    "map_legend": {"vi": "Hạng DTI {year} (đậm = tốt hơn)", "en": "DTI {year} rank (darker = better)"},
    "district_heading": {"vi": "Bản đồ cấp huyện (trước 01/7/2025)",
                         "en": "District-level units (before 1 July 2025)"},
    "district_none": {"vi": "Không có ranh giới cấp huyện cho đơn vị này.",
                      "en": "No district boundaries for this unit."},
    "sources_heading": {"vi": "Nguồn số liệu", "en": "Sources"},
    "conflicts_heading": {"vi": "Số liệu không thống nhất giữa các nguồn",
                          "en": "Figures on which sources disagree"},
    "conflict_row": {"vi": "{indicator}: {a} ({pa}, nguồn {sa}) và {b} ({pb}, nguồn {sb})",
                     "en": "{indicator}: {a} ({pa}, source {sa}) vs {b} ({pb}, source {sb})"},
    "unparsed_heading": {"vi": "Số liệu nguồn in sai định dạng (không sử dụng)",
                         "en": "Malformed figures in sources (not used)"},
    "unparsed_row": {"vi": "{indicator}, {period}: «{raw}» (nguồn {source})",
                     "en": "{indicator}, {period}: “{raw}” (source {source})"},
    "none": {"vi": "Không có.", "en": "None."},
}
"""Every label by key, then language."""

UNIT_SUFFIX: dict[str, dict[str, str]] = {
    "percent": {"vi": "%", "en": "%"},
    "count": {"vi": "", "en": ""},
    "points": {"vi": "điểm", "en": "points"},
    "rank": {"vi": "hạng", "en": "rank"},
    "index_0_1": {"vi": "", "en": ""},
    "people": {"vi": "người", "en": "people"},
    "vnd": {"vi": "đồng", "en": "VND"},
}
"""How the catalog's measurement units are printed after a figure."""


class LanguageError(DtlibError, ValueError):
    """A language other than `vi` or `en`."""


def check_language(language: str) -> str:
    """Return `language` if supported, else raise `LanguageError`."""
    if language not in LANGUAGES:
        raise LanguageError(f"language {language!r} is not supported; use one of {LANGUAGES}")
    return language


def t(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The label `key` in `language`, with `{placeholders}` filled from `values`."""
    check_language(language)
    try:
        text = LABELS[key][language]
    except KeyError:
        raise KeyError(f"no label {key!r} for language {language!r} in dtlib.i18n") from None
    return text.format(**values) if values else text


def unit_suffix(unit: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The printed unit for a catalog unit (`percent` → `%`)."""
    check_language(language)
    return UNIT_SUFFIX.get(unit, {}).get(language, "")


def format_date(day: object, language: str = DEFAULT_LANGUAGE) -> str:
    """`30/06/2024` in vi, `2024-06-30` in en (accepts date, datetime or Timestamp)."""
    check_language(language)
    fmt = "%d/%m/%Y" if language == "vi" else "%Y-%m-%d"
    return day.strftime(fmt)  # type: ignore[attr-defined]
