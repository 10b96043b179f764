"""The words of the dashboard in Vietnamese and English.

Only display strings live here; which values are allowed is `dtlib.dashboard.selection`.
`text(key, language)` falls back to Vietnamese so that a missing English string never
breaks a page.
"""

from __future__ import annotations

from dtlib.i18n import format_date

__all__ = ["LANGUAGES", "LANGUAGE_LABELS", "STRINGS", "format_date", "text"]

LANGUAGES: tuple[str, ...] = ("vi", "en")
"""Languages a visitor can choose; anything else from the browser is refused."""

LANGUAGE_LABELS: dict[str, str] = {"vi": "Tiếng Việt", "en": "English"}

STRINGS: dict[str, dict[str, str]] = {
    "title": {"vi": "Chuyển đổi số: bảng điều hành", "en": "Digital transformation: leadership dashboard"},
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "language": {"vi": "Ngôn ngữ", "en": "Language"},
    "tab_chart": {"vi": "Biểu đồ", "en": "Chart"},
    "tab_map": {"vi": "Bản đồ", "en": "Map"},
    "tab_table": {"vi": "Bảng", "en": "Table"},
    "tab_sources": {"vi": "Nguồn", "en": "Sources"},
    "latest": {"vi": "Mới nhất", "en": "Latest"},
    "date": {"vi": "Ngày số liệu", "en": "Data date"},
    "target": {"vi": "Mục tiêu", "en": "Target"},
    "gap": {"vi": "Khoảng cách", "en": "Gap"},
    "status": {"vi": "Tiến độ", "en": "Progress"},
    "source": {"vi": "Nguồn", "en": "Source"},
    "period": {"vi": "Kỳ", "en": "Period"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "kind": {"vi": "Loại", "en": "Kind"},
    "note": {"vi": "Ghi chú", "en": "Note"},
    "actual": {"vi": "thực hiện", "en": "actual"},
    "target_kind": {"vi": "mục tiêu", "en": "target"},
    "synthetic": {"vi": "DỮ LIỆU MẪU (không phải số liệu thật)",
                  "en": "SAMPLE DATA (not real figures)"},
    "synthetic_short": {"vi": "dữ liệu mẫu", "en": "sample data"},
    "no_data": {"vi": "Chưa có số liệu cho đơn vị này.", "en": "No figures for this unit yet."},
    "no_indicator": {"vi": "Chưa có số liệu cho chỉ tiêu này.", "en": "No figures for this indicator yet."},
    "error": {"vi": "Không hiển thị được phần này. Lỗi đã được ghi lại; vui lòng thử lại sau.",
              "en": "This part could not be shown. The error was logged; please try again later."},
    "load_error": {"vi": "Không tải được dữ liệu của bảng điều hành. Bộ phận dữ liệu đã được ghi nhận lỗi.",
                   "en": "The dashboard data could not be loaded. The error was logged for the data team."},
    "bad_link": {"vi": "Liên kết có tham số không hợp lệ ({names}); đang hiển thị mặc định.",
                 "en": "The link had invalid parameters ({names}); showing the default view."},
    "citations": {"vi": "Trích dẫn", "en": "Citations"},
    "conflicts": {"vi": "Các nguồn không khớp nhau", "en": "Sources that disagree"},
    "no_conflicts": {"vi": "Không có nguồn nào mâu thuẫn.", "en": "No conflicting sources."},
    "unparsed": {"vi": "Số liệu in sai định dạng (giữ nguyên văn, không dùng)",
                 "en": "Malformed figures (kept verbatim, not used)"},
    "no_unparsed": {"vi": "Không có số liệu sai định dạng.", "en": "No malformed figures."},
    "definition": {"vi": "Định nghĩa", "en": "Definition"},
    "map_unavailable": {"vi": "Chưa có bản đồ cho chỉ tiêu này.", "en": "No map for this indicator yet."},
    "reform_merged": {"vi": "{unit} không còn tồn tại từ {date}: hợp nhất với {others} thành {new} ({basis}).",
                      "en": "{unit} no longer exists since {date}: merged with {others} into {new} ({basis})."},
    "reform_kept": {"vi": "{unit} từ {date} là {new} ({basis}).",
                    "en": "Since {date}, {unit} continues as {new} ({basis})."},
    "reform_district": {"vi": "Cấp huyện bị bãi bỏ từ {date}; địa bàn {unit} nay thuộc {new} ({basis}).",
                        "en": "The district level was abolished on {date}; {unit} is now part of {new} ({basis})."},
    "reform_new": {"vi": "{unit} được thành lập từ {date} do hợp nhất {old} ({basis}).",
                   "en": "{unit} was formed on {date} by merging {old} ({basis})."},
    "reform_new_single": {"vi": "{unit} (từ {date}) tiếp nối {old} ({basis}).",
                          "en": "{unit} (from {date}) continues {old} ({basis})."},
    "chart_target": {"vi": "Mục tiêu", "en": "Target"},
    "conflict_row": {"vi": "{a} ({pa}, {sa}) và {b} ({pb}, {sb}): lệch {pct}",
                     "en": "{a} ({pa}, {sa}) vs {b} ({pb}, {sb}): {pct} apart"},
}


def text(key: str, language: str) -> str:
    """The display string for `key` in `language` (Vietnamese if the language is unknown)."""
    entry = STRINGS[key]
    return entry.get(language) or entry["vi"]
