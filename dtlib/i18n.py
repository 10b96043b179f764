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
    "successor_heading": {"vi": "Đơn vị hiện nay", "en": "Today's unit"},
    "former_heading": {"vi": "Địa bàn cũ", "en": "Former areas"},
    "former_intro": {
        "vi": "{unit} được hình thành từ {date} từ {n} đơn vị: {others}. Số liệu trước ngày này "
              "thuộc các đơn vị khi đó và được trình bày song song, không nối thành một chuỗi.",
        "en": "{unit} was formed on {date} from {n} units: {others}. Figures before that day belong "
              "to those units and are shown side by side, never joined into one series.",
    },
    "former_history_heading": {"vi": "Xếp hạng và điểm DTI của các địa bàn cũ",
                               "en": "DTI rank and score of the former areas"},
    "former_own_column": {"vi": "{unit} (34 đơn vị)", "en": "{unit} (34 units)"},
    "former_history_none": {"vi": "Chưa có xếp hạng hay điểm DTI của các địa bàn cũ.",
                            "en": "No DTI rank or score of the former areas yet."},
    "reagg_heading": {"vi": "Chuỗi tính lại theo địa giới hiện nay",
                      "en": "Series re-computed on today's boundaries"},
    "reagg_mark": {"vi": "tính lại bởi dtlib", "en": "re-computed by dtlib"},
    "reagg_note": {
        "vi": "Cộng số đếm, gộp tử số và mẫu số của tỷ lệ của các địa bàn cũ; không phải số công bố.",
        "en": "Counts added up, rates pooled from their numerators and denominators; not a published figure.",
    },
    "reagg_none": {"vi": "Không có chỉ tiêu nào tính lại được.", "en": "No indicator can be re-computed."},
    "reagg_reasons_heading": {"vi": "Không tính lại được", "en": "Cannot be re-computed"},
    "reason_not_additive": {
        "vi": "{n} chỉ tiêu là xếp hạng, chỉ số hoặc điểm: không cộng hay lấy trung bình được thành điểm "
              "của đơn vị mới.",
        "en": "{n} indicators are ranks, indices or scores: they cannot be added or averaged into the new "
              "unit's score.",
    },
    "reason_no_parts": {
        "vi": "{n} tỷ lệ được công bố không kèm tử số và mẫu số nên không gộp được.",
        "en": "{n} rates were published without numerator and denominator, so they cannot be pooled.",
    },
    "reason_incomplete": {
        "vi": "{n} chỉ tiêu thiếu số liệu của {missing}; cộng một phần sẽ trông như số liệu thật.",
        "en": "{n} indicators have no figure for {missing}; a partial sum would look like data.",
    },
    "col_from_units": {"vi": "Từ các đơn vị", "en": "From units"},
    "now_part_of": {
        "vi": "{unit} không còn tồn tại từ {date}; nay thuộc {new}.",
        "en": "{unit} ceased to exist on {date}; it is now part of {new}.",
    },
    "now_part_of_link": {"vi": "Xem báo cáo của {new}", "en": "See the report of {new}"},
    "data_ends_at_reform": {
        "vi": "Số liệu của {unit} kết thúc tại thời điểm sáp nhập ({last}); số liệu mới thuộc {new}.",
        "en": "{unit}'s data end at the merger ({last}); newer figures belong to {new}.",
    },
    "last_figure": {"vi": "số liệu cuối: {date}", "en": "last figure: {date}"},
    "unit_gone": {
        "vi": "{unit} không còn tồn tại từ {date}; nay thuộc {new}: dtlib report --unit {id} --quarter {quarter}",
        "en": "{unit} no longer exists from {date}; it is now part of {new}: "
              "dtlib report --unit {id} --quarter {quarter}",
    },
    "unit_not_yet": {
        "vi": "{unit} chỉ tồn tại từ {date}; trong {quarter} là các đơn vị {old}: dtlib report --unit {id} "
              "--quarter {quarter}",
        "en": "{unit} exists only from {date}; in {quarter} the units were {old}: dtlib report --unit {id} "
              "--quarter {quarter}",
    },
    "unit_no_data": {
        "vi": "{unit} chưa có số liệu thực tế trong data/ nên không có quý mới nhất; hãy ghi rõ --quarter "
              "hoặc bổ sung số liệu",
        "en": "{unit} has no actual figures in data/, so there is no latest quarter; pass a quarter "
              "explicitly or add data",
    },
    "unit_choose": {
        "vi": "{text!r} khớp nhiều đơn vị có số liệu: {units}; hãy ghi --quarter, --on NGÀY hoặc mã đơn vị",
        "en": "{text!r} matches several units with data: {units}; pass --quarter, --on DATE or the unit id",
    },
    "index_title": {"vi": "Báo cáo chuyển đổi số", "en": "Digital transformation reports"},
    "index_intro": {
        "vi": "Các báo cáo đã tạo, theo đơn vị hành chính hiện nay; địa bàn cũ (trước 01/07/2025) ở bên dưới.",
        "en": "Reports written, by today's administrative units; former areas (before 2025-07-01) beneath.",
    },
    "index_former": {"vi": "Địa bàn cũ", "en": "Former areas"},
    "index_other": {"vi": "Đơn vị khác", "en": "Other units"},
    "col_quarter": {"vi": "Quý", "en": "Quarter"},
    "col_language": {"vi": "Ngôn ngữ", "en": "Language"},
    "index_col_status": {"vi": "Tình trạng", "en": "Status"},
    "index_status_ok": {"vi": "{n} chỉ tiêu, số liệu đến {date}", "en": "{n} indicators, data up to {date}"},
    "index_status_former": {"vi": "chưa có số liệu riêng; có lịch sử của {n} địa bàn cũ",
                            "en": "no own figures yet; history of {n} former areas"},
    "index_status_empty": {"vi": "chưa có chỉ tiêu nào có số liệu", "en": "no indicator with data yet"},
    "index_status_ended": {"vi": "đơn vị đã sáp nhập, số liệu đến {date}", "en": "merged unit, data up to {date}"},
    "index_synthetic": {"vi": "có dữ liệu giả lập", "en": "contains synthetic data"},
    "language_vi": {"vi": "Tiếng Việt", "en": "Vietnamese"},
    "language_en": {"vi": "Tiếng Anh", "en": "English"},
    "bad_on_date": {"vi": "--on {value!r} không phải ngày dạng YYYY-MM-DD",
                    "en": "--on {value!r} is not a date written YYYY-MM-DD"},
    "invalid_params": {"vi": "tham số báo cáo không hợp lệ: ", "en": "invalid report parameters: "},
    "rank_of": {"vi": "hạng {rank}", "en": "rank {rank}"},
    "rank_group": {"vi": "Xếp hạng trong {n} đơn vị", "en": "Rank among {n} units"},
    "rank_group_unknown": {"vi": "Xếp hạng (chưa rõ số đơn vị)", "en": "Rank (group size unknown)"},
    "as_of": {"vi": "Số liệu đến ngày {date}", "en": "Figures up to {date}"},
    "published_by": {"vi": "Theo số liệu đã công bố đến ngày {date}", "en": "As published by {date}"},
    "undated_left_out": {"vi": "{n} số liệu không rõ ngày công bố không được đưa vào",
                         "en": "{n} figures without a publication date are left out"},
    "synthetic_banner": {
        "vi": "⚠ Báo cáo có dữ liệu GIẢ LẬP, chỉ dùng để thử nghiệm ({n} bộ dữ liệu).",
        "en": "⚠ This report contains SYNTHETIC data, for testing only ({n} dataset(s)).",
    },
    "synthetic_mark": {"vi": "giả lập", "en": "synthetic"},
    "records_heading": {"vi": "Bộ chỉ số 766 tính từ dữ liệu hồ sơ",
                        "en": "Decision 766 indicators from dossier records"},
    "records_missing": {"vi": "Chưa có dữ liệu hồ sơ.",
                        "en": "No dossier records available."},
    "records_none": {"vi": "Không có hồ sơ của đơn vị trong quý này.",
                     "en": "No dossier records of this unit in this quarter."},
    "records_synthetic_banner": {
        "vi": "⚠ DỮ LIỆU GIẢ LẬP: các số dưới đây tính từ hồ sơ mô phỏng, "
              "không phải số liệu thật của tỉnh; chỉ minh họa cách tính.",
        "en": "⚠ SYNTHETIC DATA: the figures below are computed from simulated dossier records, "
              "not the province's real figures; they only illustrate the method.",
    },
    "records_col_parts": {"vi": "Tử số / mẫu số", "en": "Numerator / denominator"},
    "records_col_points": {"vi": "Điểm", "en": "Points"},
    "records_points": {
        "vi": "Điểm tính được từ hồ sơ: {points}/44 ({share}), xếp loại tham khảo: {band}.",
        "en": "Points computable from records: {points}/44 ({share}); indicative band: {band}.",
    },
    "records_method": {"vi": "Phương pháp: phiên bản định nghĩa {version}.",
                       "en": "Method: definition version {version}."},
    "reform_basis": {"vi": "Nghị quyết 202/2025/QH15 (12/06/2025), có hiệu lực từ 01/07/2025",
                     "en": "Resolution 202/2025/QH15 (2025-06-12), in force from 2025-07-01"},
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
    "district_heading": {"vi": "Bản đồ cấp huyện (trước 01/07/2025)",
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
    "unparsed_row": {"vi": "{indicator}, {period} (nguồn {source}):",
                     "en": "{indicator}, {period} (source {source}):"},
    "none": {"vi": "Không có.", "en": "None."},
    # analysis sections (dtlib.reporting.analysis_sections)
    "col_status": {"vi": "Đánh giá tiến độ", "en": "Progress status"},
    "col_method": {"vi": "Phương pháp", "en": "Method"},
    "methods_note": {"vi": "Phương pháp đánh giá", "en": "Assessment methods"},
    "method_cagr_ratio": {
        "vi": "Biểu đồ tiến độ SDG (UNSD 2022): tăng trưởng bình quân năm (CAGR) thực tế / CAGR "
              "cần đạt để tới mục tiêu",
        "en": "UNSD SDG progress chart 2022: observed CAGR / CAGR required to reach the target"},
    "method_absolute_pace": {
        "vi": "Tốc độ tuyệt đối có xét trần 100 %: mức tăng thực tế mỗi năm / mức tăng cần "
              "thiết mỗi năm đến hạn mục tiêu",
        "en": "ceiling-aware absolute pace: observed change per year / change per year still "
              "required by the target date"},
    "method_logit_pace": {
        "vi": "Đường cong chữ S: tốc độ thực tế / tốc độ cần thiết trên thang logit",
        "en": "S-curve: observed / required pace on the logit scale"},
    "method_cagr_trend": {
        "vi": "Biểu đồ tiến độ SDG (UNSD 2022), không có mục tiêu: CAGR thực tế theo chiều tốt "
              "của chỉ tiêu",
        "en": "UNSD SDG progress chart 2022, no target: direction-adjusted observed CAGR"},
    "method_none": {"vi": "không đánh giá", "en": "not assessed"},
    "method_short_cagr_ratio": {"vi": "CAGR so với cần đạt", "en": "CAGR vs required"},
    "method_short_absolute_pace": {"vi": "tốc độ tuyệt đối", "en": "absolute pace"},
    "method_short_logit_pace": {"vi": "đường cong chữ S", "en": "S-curve"},
    "method_short_cagr_trend": {"vi": "xu hướng CAGR", "en": "CAGR trend"},
    "status_too_few": {"vi": "chỉ có {n} ngày có số liệu, cần ít nhất {need}",
                       "en": "only {n} observation date(s), at least {need} needed"},
    "summary_heading": {"vi": "Tóm tắt theo trụ cột", "en": "Summary by pillar"},
    "forecast_heading": {"vi": "Dự báo", "en": "Forecasts"},
    "forecast_intro": {
        "vi": "Dự báo đến năm mục tiêu với khoảng dự báo 80 % và 95 %, chỉ dùng số liệu đến "
              "{date}. Chỉ tiêu cần mục tiêu và ít nhất {need} ngày có số liệu.",
        "en": "Forecasts to the target year with 80 % and 95 % prediction intervals, from figures "
              "up to {date} only. An indicator needs a target and at least {need} observation "
              "dates."},
    "forecast_none": {"vi": "Chưa chỉ tiêu nào đủ dữ liệu để dự báo.",
                      "en": "No indicator has enough data for a forecast yet."},
    "forecast_caption": {
        "vi": "Mục tiêu {target} năm {year} ({scope}). Xác suất đạt mục tiêu: {p}. Mô hình: "
              "{model}, {n} điểm số liệu.",
        "en": "Target {target} by {year} ({scope}). P(target met): {p}. Model: {model}, {n} "
              "data points."},
    "forecast_p": {"vi": "Xác suất đạt mục tiêu năm {year}: {p}",
                   "en": "P(target met by {year}): {p}"},
    "forecast_indicative": {"vi": "Tầm dự báo dài hơn 2 lần khoảng thời gian có số liệu: chỉ "
                                  "mang tính tham khảo.",
                            "en": "The horizon is more than twice the observed span: indicative "
                                  "only."},
    "insufficient_heading": {"vi": "Chỉ tiêu chưa đủ dữ liệu để dự báo",
                             "en": "Indicators without enough data for a forecast"},
    "col_dates": {"vi": "Số ngày có số liệu", "en": "Observation dates"},
    "col_reason": {"vi": "Lý do", "en": "Reason"},
    "reason_no_target": {"vi": "không có mục tiêu để dự báo tới",
                         "en": "no target to forecast to"},
    "reason_too_few": {
        "vi": "chỉ có {n} ngày có số liệu, dự báo cần ít nhất {need} (hai điểm luôn nằm trên "
              "một đường thẳng, không còn gì để ước lượng độ bất định)",
        "en": "only {n} observation date(s), a forecast needs at least {need} (two points fit a "
              "line exactly and leave nothing to estimate the uncertainty from)"},
    "reason_horizon": {"vi": "mục tiêu năm {year} không nằm sau số liệu mới nhất",
                       "en": "the target year {year} is not after the latest figure"},
    "rankings_heading": {"vi": "Xếp hạng", "en": "Rankings"},
    "rank_table_heading": {"vi": "Xếp hạng DTI {year} và khoảng hạng",
                           "en": "DTI {year} ranks with rank intervals"},
    "col_unit": {"vi": "Tỉnh, thành phố", "en": "Province"},
    "col_published_rank": {"vi": "Hạng công bố", "en": "Published rank"},
    "col_score": {"vi": "Điểm DTI (tính lại)", "en": "DTI score (recomputed)"},
    "col_group_rank": {"vi": "Hạng trong nhóm", "en": "Rank in group"},
    "col_rank_interval": {"vi": "Khoảng hạng (P5–P95)", "en": "Rank interval (P5–P95)"},
    "col_rank_shift": {"vi": "Dịch chuyển hạng TB", "en": "Mean rank shift"},
    "rank_interval_note": {
        "vi": "Điểm tính lại từ {k} chỉ số thành phần với trọng số Quyết định 922/QĐ-BTTTT. "
              "Khoảng hạng: phân vị 5–95 của hạng trong nhóm {n} tỉnh có công bố chỉ số thành "
              "phần, qua {draws} lần tính lại (Monte Carlo, seed {seed}) với trọng số ±25 %, cách "
              "chuẩn hoá và cách tổng hợp khác (OECD/JRC 2008, bước 8).",
        "en": "Scores recomputed from the {k} sub-indices with the Decision 922/QĐ-BTTTT weights. "
              "Rank interval: 5th–95th percentile of the rank within the {n} provinces with "
              "published sub-indices, over {draws} recomputations (Monte Carlo, seed {seed}) with "
              "weights ±25 %, other normalisations and aggregations (OECD/JRC 2008, step 8)."},
    "rank_unit_in_group": {
        "vi": "{unit} đứng thứ {rank} trong nhóm {n} tỉnh; khoảng hạng {low}–{high}.",
        "en": "{unit} ranks {rank} of the {n} provinces; rank interval {low}–{high}."},
    "rank_unit_missing": {
        "vi": "Các chỉ số thành phần DTI {year} của {unit} không được công bố (chỉ có của {n} "
              "tỉnh trong bảng), nên không tính được khoảng hạng cho {unit}.",
        "en": "The DTI {year} sub-indices of {unit} are not published (only those of the {n} "
              "provinces in the table), so no rank interval can be computed for {unit}."},
    "rank_no_components": {
        "vi": "Không có năm DTI nào công bố chỉ số thành phần của ít nhất hai tỉnh đến {date}, "
              "nên không tính được khoảng hạng.",
        "en": "No DTI edition up to {date} published the sub-indices of at least two provinces, "
              "so no rank interval can be computed."},
    "rank_history_heading": {"vi": "Hạng DTI của {unit} qua các năm",
                             "en": "DTI rank of {unit} by year"},
    "col_change": {"vi": "Thay đổi so với năm trước", "en": "Change from the year before"},
    "rank_up": {"vi": "tăng {n} bậc", "en": "up {n}"},
    "rank_down": {"vi": "giảm {n} bậc", "en": "down {n}"},
    "rank_same": {"vi": "giữ nguyên", "en": "unchanged"},

    # one-page brief (dtlib.reporting.brief)
    "brief_heading": {"vi": "Tóm tắt một trang", "en": "One-page brief"},
    "brief_unit": {"vi": "Đơn vị", "en": "Unit"},
    "brief_geography": {"vi": "Địa giới", "en": "Geography"},
    "brief_geography_63": {"vi": "63 tỉnh, thành phố (trước 01/07/2025)",
                           "en": "63 provinces (before 1 July 2025)"},
    "brief_geography_34": {"vi": "34 tỉnh, thành phố (từ 01/07/2025)",
                           "en": "34 provinces (from 1 July 2025)"},
    "brief_geography_national": {"vi": "toàn quốc", "en": "the whole country"},
    "brief_former": {"vi": "gồm địa bàn cũ: {names}", "en": "including the former {names}"},
    "brief_quarter": {"vi": "Kỳ báo cáo", "en": "Quarter"},
    "brief_dates": {"vi": "Thời điểm số liệu", "en": "Figures as of"},
    "brief_headline": {"vi": "Chỉ tiêu chính", "en": "Headline indicators"},
    "col_change_quarter": {"vi": "So với quý trước", "en": "Since last quarter"},
    "col_change_year": {"vi": "So với cùng kỳ năm trước", "en": "Since a year earlier"},
    "brief_new": {"vi": "Mới trong quý", "en": "New this quarter"},
    "brief_new_none": {"vi": "Không có số liệu mới trong quý này.",
                       "en": "No new figures this quarter."},
    "brief_new_row": {"vi": "{indicator}: {value} ({date})", "en": "{indicator}: {value} ({date})"},
    "brief_due": {"vi": "Chậm tiến độ hoặc đến hạn", "en": "Off track or due"},
    "brief_due_none": {"vi": "Không có chỉ tiêu chậm tiến độ hoặc mục tiêu đến hạn.",
                       "en": "No indicator off track and no target due."},
    "brief_due_more": {"vi": "… và {n} mục tiêu khác (xem phụ lục).",
                       "en": "… and {n} more target(s) (see the appendix)."},
    "brief_pillars": {"vi": "Theo trụ cột", "en": "By pillar"},
    "due_met": {"vi": "đã đạt", "en": "met"},
    "due_not_met": {"vi": "chưa đạt", "en": "not met"},
    "due_no_evidence": {"vi": "chưa có số liệu", "en": "no evidence"},
    "due_off_track": {"vi": "chậm tiến độ", "en": "off track"},
    "due_row": {"vi": "{indicator}: mục tiêu {target} năm {year}: {verdict}",
                "en": "{indicator}: target {target} by {year}: {verdict}"},
    "offtrack_row": {"vi": "{indicator}: {status}", "en": "{indicator}: {status}"},
    "no_figure": {"vi": "chưa có số liệu", "en": "no figure"},
    "status_none": {"vi": "không đánh giá", "en": "not assessed"},
    "change_pp": {"vi": "{sign}{n} điểm %", "en": "{sign}{n} pp"},
    "change_rank_up": {"vi": "tăng {n} bậc", "en": "up {n}"},
    "change_rank_down": {"vi": "giảm {n} bậc", "en": "down {n}"},
    "change_same": {"vi": "không đổi", "en": "unchanged"},
    "pillar_chinh_quyen_so": {"vi": "Chính quyền số", "en": "Digital government"},
    "pillar_kinh_te_so": {"vi": "Kinh tế số", "en": "Digital economy"},
    "pillar_xa_hoi_so": {"vi": "Xã hội số", "en": "Digital society"},
    "pillar_ha_tang_so": {"vi": "Hạ tầng số", "en": "Digital infrastructure"},
    "pillar_nhan_luc_so": {"vi": "Nhân lực số", "en": "Digital workforce"},
    "pillar_tong_hop": {"vi": "Tổng hợp", "en": "Overall"},
    # detail, appendix and footnotes
    "detail_heading": {"vi": "Chỉ tiêu theo trụ cột", "en": "Indicators by pillar"},
    "appendix_heading": {"vi": "Phụ lục", "en": "Appendix"},
    "appendix_single": {"vi": "Chỉ tiêu chỉ có một số liệu, chưa có mục tiêu",
                        "en": "Indicators with a single figure and no target"},
    "appendix_due": {"vi": "Mục tiêu đến hạn", "en": "Targets due"},
    "col_verdict": {"vi": "Kết quả", "en": "Result"},
    "col_year_target": {"vi": "Năm mục tiêu", "en": "Target year"},
    "footnote_ref": {"vi": "nguồn {n}", "en": "source {n}"},
    "forecast_summary": {
        "vi": "{n} chỉ tiêu chưa dự báo được: {no_target} chưa có mục tiêu, {too_few} có ít hơn "
              "{need} ngày có số liệu, {other} vì lý do khác (chi tiết ở phụ lục).",
        "en": "{n} indicator(s) have no forecast: {no_target} without a target, {too_few} with "
              "fewer than {need} observation dates, {other} for other reasons (details in the "
              "appendix)."},
    "forecast_count": {"vi": "{n} chỉ tiêu có dự báo.", "en": "{n} indicator(s) with a forecast."},
    "model_ols": {"vi": "hồi quy tuyến tính", "en": "linear regression"},
    "model_local_linear_trend": {"vi": "xu hướng tuyến tính cục bộ", "en": "local linear trend"},
    "reason_other": {"vi": "mô hình không ước lượng được", "en": "the model could not be fitted"},
    # maps (dtlib.maps svg maps)
    "map_indicator_heading": {"vi": "Bản đồ: {indicator} ({year}, {n} tỉnh, thành phố)",
                              "en": "Map: {indicator} ({year}, {n} provinces)"},
    "map_alt": {"vi": "Bản đồ {n} tỉnh, thành phố tô màu theo {indicator} năm {year}; {unit}: {value}. "
                      "Số liệu từng tỉnh ở bảng bên dưới.",
                "en": "Map of {n} provinces coloured by {indicator} in {year}; {unit}: {value}. "
                      "The figure of every province is in the table below."},
    "map_none": {"vi": "Chưa có chỉ tiêu nào có số liệu của đủ {n} tỉnh, thành phố để vẽ bản đồ.",
                 "en": "No indicator has figures for at least {n} provinces to map."},
    "map_table": {"vi": "Số liệu trên bản đồ", "en": "Figures on the map"},
    "map_highlight": {"vi": "viền đỏ: {unit}", "en": "red outline: {unit}"},
    "map_legend_better": {"vi": "đậm hơn = tốt hơn", "en": "darker = better"},
    "map_no_value": {"vi": "không có số liệu", "en": "no figure"},
    "district_score_heading": {"vi": "{indicator} cấp huyện năm {year}",
                               "en": "District {indicator}, {year}"},
    "district_alt": {"vi": "Bản đồ {n} đơn vị cấp huyện của {unit}; {detail}",
                     "en": "Map of the {n} district-level units of {unit}; {detail}"},
    "district_alt_plain": {"vi": "mỗi đơn vị một màu, không có số liệu cấp huyện.",
                           "en": "one colour per unit, no district figures."},
    "district_alt_values": {"vi": "tô màu theo {indicator}, số liệu ở bảng bên dưới.",
                            "en": "coloured by {indicator}, figures in the table below."},
    "chart_alt": {"vi": "Biểu đồ {title}. Số liệu ở bảng chỉ tiêu.",
                  "en": "Chart: {title}. The figures are in the indicator table."},
    "maps_heading": {"vi": "Bản đồ", "en": "Maps"},
    "brief_new_more": {"vi": "… và {n} số liệu mới khác (xem bảng chỉ tiêu).",
                       "en": "… and {n} more new figure(s) (see the indicator tables)."},
    "source_unnamed": {"vi": "nguồn không rõ tên", "en": "unnamed source"},
    "print_button": {"vi": "In báo cáo", "en": "Print"},
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
    """`30/06/2024` in vi, `2024-06-30` in en; an en dash when missing (date, Timestamp or ISO text)."""
    import pandas as pd

    check_language(language)
    if day is None or (not isinstance(day, str) and pd.isna(day)):
        return "–"
    fmt = "%d/%m/%Y" if language == "vi" else "%Y-%m-%d"
    return pd.Timestamp(day).strftime(fmt)
