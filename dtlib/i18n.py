"""Words the reports print, in Vietnamese (the default) and English.

Only labels live here: numbers are formatted by `dtlib.data.numbers.format_number` and unit names by
`dtlib.data.units`. A missing key or language is an error, so a report never shows a raw key.

>>> t("indicator_table", "vi")
'Bảng chỉ tiêu'
>>> t("report_title", "en", unit="Binh Duong", quarter="2024Q2")
'Digital transformation report: Binh Duong, 2024Q2'
"""

from __future__ import annotations

from dtlib.errors import DtlibError

LANGUAGES: tuple[str, ...] = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
LANGUAGE_LABELS: dict[str, str] = {"vi": "Tiếng Việt", "en": "English"}
"""A language switch shows each language in itself (names, not translations)."""

LABELS: dict[str, dict[str, str]] = {
    # -- validation messages (dtlib.data.loaders, dtlib.data.reading, dtlib.data.numbers, dtlib.data.periods, CLI) --
    # A rule is `rule_<key>`; {placeholders} come from Problem.params. English is also the rule text.
    "problem_row": {"vi": "dòng", "en": "row"},
    "problem_column": {"vi": "cột", "en": "column"},
    "problems_found": {"vi": "Có {n} lỗi:", "en": "{n} problem(s) found:"},
    "problems_more": {"vi": "và {n} lỗi khác", "en": "and {n} more"},
    "did_you_mean": {"vi": "; có phải là {hint}?", "en": "; did you mean {hint}?"},
    "validate_ok": {"vi": "{file}: HỢP LỆ, {n} số liệu (cách viết số {locale})",
                    "en": "{file}: OK, {n} observation(s) valid ({locale} locale)"},
    "validate_failed": {"vi": "{file}: {n} lỗi, {rejected} dòng bị từ chối",
                        "en": "{file}: {n} problem(s), {rejected} row(s) rejected"},
    "add_failed": {"vi": "{file}: không thêm, {n} lỗi:", "en": "{file}: not added, {n} problem(s):"},
    "add_ok": {"vi": "{file}: đã thêm thành {path} ({n} số liệu); lần `make report` tới sẽ dùng",
               "en": "{file}: added as {path} ({n} observations); the next `make report` uses it"},
    "add_new_sources": {"vi": "  nguồn mới đã thêm vào data/sources.csv: {sources}",
                        "en": "  new source(s) added to data/sources.csv: {sources}"},
    "validate_header": {"vi": "{file}: dùng dòng tiêu đề {row}{sheet}",
                        "en": "{file}: header taken from row {row}{sheet}"},
    "validate_sheet": {"vi": " của trang tính {sheet}", "en": " of sheet {sheet}"},
    "cli_unexpected": {
        "vi": "Lỗi ngoài dự kiến ({error}); chi tiết kỹ thuật đã ghi vào {log}. Hãy gửi tệp này cho nhóm dữ liệu.",
        "en": "Unexpected error ({error}); the technical details are in {log}. Please send that file to the data team.",
    },
    "cli_error": {"vi": "lỗi: {message}", "en": "error: {message}"},
    "rule_column_missing_parquet": {
        "vi": "thiếu cột: tệp có các cột {found}; cần có {expected}",
        "en": "column is missing: the file has the columns {found}; expected {expected}",
    },
    "rule_no_sheet": {
        "vi": "không có trang tính nào có dòng tiêu đề chứa các cột số liệu (các trang: {sheets})",
        "en": "has no sheet with a header of observation columns (sheets: {sheets})",
    },
    "rule_registry_entry": {"vi": "cần có ít nhất name và path", "en": "needs at least name and path"},
    "rule_registry_locale": {"vi": "phải là một trong {locales}: mỗi tệp phải khai báo cách viết số",
                             "en": "must be one of {locales}: every file declares its locale"},
    "rule_registry_twice": {"vi": "được đăng ký hai lần", "en": "is registered twice"},
    "rule_required": {"vi": "là bắt buộc", "en": "is required"},
    "rule_geography_values": {"vi": "phải là 63 (các tỉnh trước 01/07/2025) hoặc 34 (các đơn vị từ 01/07/2025)",
                              "en": "must be 63 (provinces before 1 July 2025) or 34 (units from 1 July 2025)"},
    "rule_geography_not_on": {
        "vi": "không phải đơn vị của địa giới {geography} đơn vị (đó là {found}); hãy sửa đơn vị hoặc ghi "
              "geography {other}",
        "en": "is not a unit of the {geography}-unit geography (it is {found}); correct the unit or state "
              "geography {other}",
    },
    "rule_geography_both": {
        "vi": "có ở cả địa giới 63 và 34 đơn vị ({found}); hãy ghi geography 63 hoặc 34 (cột geography, hoặc "
              "geography: trong data/datasets.yaml)",
        "en": "exists in both the 63-unit and the 34-unit geography ({found}); state geography 63 or 34 "
              "(column geography, or geography: in data/datasets.yaml)",
    },
    "rule_geography_after_reform": {
        "vi": "nằm ngoài thời gian tồn tại của {unit} trên địa giới 63 đơn vị; số liệu {period} thuộc "
              "{successors} với geography 34",
        "en": "is outside the existence of {unit} on the 63-unit geography; figures for {period} belong to "
              "{successors} with geography 34",
    },
    "rule_group_size_invalid": {
        "vi": "không phải số đơn vị được xếp hạng (số nguyên từ 1, ví dụ 63 cho 'xếp 8/63')",
        "en": "is not a group size (a whole number from 1, e.g. 63 for 'xếp 8/63')",
    },
    "rule_group_size_not_rank": {"vi": "chỉ dùng cho xếp hạng, nhưng {code} đo bằng {unit}",
                                 "en": "is only for ranks, but {code} is measured in {unit}"},
    "rule_rank_beyond_group": {"vi": "là hạng vượt quá nhóm {n} đơn vị (cột group_size)",
                               "en": "is a rank beyond its group of {n} (column group_size)"},
    "rule_rank_beyond_geography": {
        "vi": "là hạng vượt quá {n} đơn vị của địa giới {geography}; hãy ghi geography hoặc group_size đã "
              "dùng để xếp hạng",
        "en": "is a rank beyond the {n} units of geography {geography}; state the geography or the group_size "
              "it was ranked in",
    },
    "rule_required_value": {
        "vi": "là bắt buộc (hạng được công bố mà không kèm giá trị là một dòng của chỉ tiêu xếp hạng, "
              "ví dụ dti_rank; xem docs/architecture.md, mục Status)",
        "en": "is required (a rank printed without its value is a row of the rank indicator, e.g. dti_rank;"
              " see docs/architecture.md, Status)",
    },
    "rule_source_unknown_rows": {
        "vi": "không có trong data/sources.csv (các dòng {rows}); hãy thêm nguồn cùng đợt giao số liệu "
              "(trang tính sources hoặc tệp <tên>.sources.csv) hoặc dùng `dtlib sources add`",
        "en": "is not in data/sources.csv (rows {rows}); add the source with the delivery (a sources sheet "
              "or <name>.sources.csv) or `dtlib sources add`",
    },
    "rule_status_values": {"vi": "phải là một trong {allowed} (để trống là ok)",
                           "en": "must be one of {allowed} (empty means ok)"},
    "rule_kind_values": {"vi": "phải là một trong {allowed}", "en": "must be one of {allowed}"},
    "rule_status_list_order": {
        "vi": "chỉ dùng cho chỉ tiêu thứ hạng (vị trí trong một danh sách công bố), "
              "không dùng cho chỉ tiêu đo bằng {unit}",
        "en": "is only for rank indicators (a position in a published list), not {unit}"},
    "rule_range_form": {"vi": "không phải một khoảng: khi status là range hãy ghi thấp–cao (ví dụ 32–34)",
                        "en": "is not a range: write low–high (e.g. 32–34) when status is range"},
    "rule_range_end_number": {"vi": "có một đầu không phải là số: {rule}",
                              "en": "has an end that is not a number: {rule}"},
    "rule_range_plain": {"vi": "phải là hai số đơn thuần (không có 'trên', không phải tỷ số) khi status là range",
                         "en": "must be two plain numbers (no 'trên', no ratio) when status is range"},
    "rule_range_order": {"vi": "có đầu thấp lớn hơn đầu cao: hãy ghi thấp–cao",
                         "en": "starts above its end: write low–high"},
    "rule_range_end": {"vi": "có một đầu {rule}", "en": "has an end that {rule}"},
    "rule_source_unknown": {"vi": "không có trong data/sources.csv (hãy thêm nguồn trước)",
                            "en": "is not in data/sources.csv (add the source first)"},
    "rule_indicator_unknown": {"vi": "không có trong danh mục chỉ tiêu (data/catalog/indicators.yaml){hint}",
                               "en": "is not in the indicator catalog (data/catalog/indicators.yaml){hint}"},
    "rule_unit_unknown": {"vi": "không phải đơn vị hành chính đã biết{hint}",
                          "en": "unknown administrative unit{hint}"},
    "rule_unit_ambiguous": {"vi": "khớp với nhiều đơn vị: {listing}; hãy ghi mã đơn vị (P63-…/P34-…)",
                            "en": "matches several units: {listing}; use the unit id (P63-…/P34-…)"},
    "rule_period_outside_unit": {"vi": "nằm ngoài thời gian tồn tại của {unit}{became}",
                                 "en": "is outside the existence of {unit}{became}"},
    "rule_became": {"vi": "; số liệu thuộc về {units}", "en": "; figures for it belong to {units}"},
    "rule_period_invalid": {"vi": "không phải kỳ số liệu (các dạng được chấp nhận: {forms})",
                            "en": "is not a period (accepted forms: {forms})"},
    "rule_period_invalid_kind": {
        "vi": "không phải kỳ hợp lệ (kiểu {kind}: {detail})",
        "en": "is not a valid {kind}: {detail}",
    },
    "rule_period_time": {
        "vi": "là ngày có kèm giờ; chỉ ghi ngày",
        "en": "is a date with a time of day; give the day only",
    },
    "rule_unparsed_raw": {"vi": "phải giữ nguyên văn bản của nguồn khi status là unparsed",
                          "en": "must keep the source's raw text when status is unparsed"},
    "rule_value_percent_sign": {"vi": "có dấu % nhưng {code} đo bằng {unit}",
                                "en": "has a % sign but {code} is measured in {unit}"},
    "rule_value_ratio_unit": {"vi": "là một tỷ số nhưng {code} đo bằng {unit}",
                              "en": "is a ratio but {code} is measured in {unit}"},
    "rule_ratio_column_disagrees": {"vi": "không khớp với tỷ số ghi trong cột value",
                                    "en": "disagrees with the ratio written in value"},
    "rule_ratio_pair": {"vi": "bị thiếu: phải ghi cả tử số và mẫu số",
                        "en": "is missing: give numerator and denominator together"},
    "rule_denominator_positive": {"vi": "phải lớn hơn 0", "en": "must be positive"},
    "rule_numerator_negative": {"vi": "không được âm", "en": "must not be negative"},
    "rule_ratio_precision": {
        "vi": "không khớp với tử số/mẫu số ({implied} %), làm tròn đến {decimals} chữ số thập phân đã ghi là {rounded}",
        "en": "disagrees with numerator/denominator ({implied} %), which rounds to {rounded} at the {decimals} "
              "decimal(s) printed",
    },
    "rule_value_percent_range": {"vi": "nằm ngoài 0–100 cho chỉ tiêu tỷ lệ %",
                                 "en": "is outside 0–100 for a percent indicator"},
    "rule_value_index_range": {"vi": "nằm ngoài 0–1 cho chỉ số thang 0–1",
                               "en": "is outside 0–1 for an index scaled 0–1"},
    "rule_value_rank": {"vi": "không phải thứ hạng (số nguyên từ 1)", "en": "is not a rank (a whole number from 1)"},
    "rule_value_negative": {"vi": "là số âm cho chỉ tiêu đo bằng {unit}", "en": "is negative for a {unit} indicator"},
    "rule_value_whole": {"vi": "không phải số nguyên cho chỉ tiêu đo bằng {unit}",
                         "en": "is not a whole number for a {unit} indicator"},
    "rule_value_whole_en_style": {
        "vi": "không phải số nguyên cho chỉ tiêu đo bằng {unit} (theo cách viết vi, ',' là dấu thập phân; "
              "nếu là số hàng nghìn hãy viết {fixed})",
        "en": "is not a whole number for a {unit} indicator (in the vi locale ',' is the decimal mark; "
              "write {fixed} for a thousands figure)",
    },
    "rule_duplicate_row": {"vi": "trùng với dòng {other} (cùng đơn vị, chỉ tiêu, kỳ, loại và nguồn)",
                           "en": "duplicates row {other} (same unit, indicator, period, kind and source)"},
    "rule_column_missing": {
        "vi": "thiếu cột: dòng tiêu đề {header_row} có {found}; cần có {expected}",
        "en": "column is missing: the header (row {header_row}) has {found}; expected {expected}",
    },
    "rule_column_unknown": {"vi": "không phải cột số liệu (được phép: {allowed}){hint}",
                            "en": "is not an observation column (allowed: {allowed}){hint}"},
    "rule_file_missing": {"vi": "không tồn tại", "en": "does not exist"},
    "rule_file_unreadable": {"vi": "không đọc được: {error}", "en": "cannot be read: {error}"},
    "rule_locale": {"vi": "không phải cách viết số được hỗ trợ ({locales})",
                    "en": "is not a supported locale ({locales})"},
    "rule_ragged_row": {
        "vi": "có {cells} ô nhưng dòng tiêu đề (dòng {header_row}) có {width}: trong tệp phân cách bằng dấu phẩy, "
              "số có dấu phẩy thập phân phải đặt trong ngoặc kép (\"86,3%\"), hoặc lưu tệp với dấu ';'",
        "en": "has {cells} cells but the header (row {header_row}) has {width}: in a comma-separated file a decimal "
              "comma must be quoted (\"86,3%\"), or save the file with ';' as delimiter",
    },
    "rule_no_header": {"vi": "có dữ liệu nhưng không có tên cột ở dòng {header_row} (ô tiêu đề gộp hoặc trống?)",
                       "en": "has data but no header in row {header_row} (merged or empty header cell?)"},
    "rule_duplicate_header": {"vi": "xuất hiện hai lần ở dòng tiêu đề {header_row} (cột {first} và {second})",
                              "en": "appears twice in the header row {header_row} (columns {first} and {second})"},
    "rule_xlsx_named_csv": {"vi": "là sổ tính Excel (zip) nhưng mang đuôi .csv; hãy đổi tên thành .xlsx",
                            "en": "is an Excel workbook (zip) with a .csv name; rename it to .xlsx"},
    "rule_not_utf8": {
        "vi": "không phải văn bản UTF-8 (có thể là {guess}); bảng mã cũ như Windows-1258 hay TCVN3 (ABC) không đọc "
              "được an toàn: mở tệp trong Excel, chọn Tệp › Lưu thành › 'CSV UTF-8 (Comma delimited)', hoặc trong "
              "LibreOffice chọn 'Edit filter settings' rồi 'Unicode (UTF-8)'",
        "en": "is not UTF-8 text (it may be {guess}); legacy Vietnamese encodings such as Windows-1258 or TCVN3 "
              "(ABC) cannot be read without risking wrong letters: open it in Excel and choose File › Save As › 'CSV "
              "UTF-8 (Comma delimited)', or in LibreOffice tick 'Edit filter settings' and pick 'Unicode (UTF-8)'",
    },
    "rule_no_header_row": {
        "vi": "không có dòng tiêu đề chứa các cột số liệu ({expected}) trong {rows} dòng đầu, "
              "với dấu phân cách ',' ';' hoặc tab",
        "en": "has no header row with the observation columns ({expected}) in its first {rows} rows, with ',', ';' "
              "or tab as delimiter",
    },
    "rule_no_header_row_sheet": {
        "vi": "trang tính {sheet} không có dòng tiêu đề chứa các cột số liệu trong {rows} dòng đầu",
        "en": "sheet {sheet} has no header row with the observation columns in its first {rows} rows",
    },
    "rule_csv_error": {
        "vi": "không tách được thành ô gần dòng {line} ({error})",
        "en": "cannot be split into cells near line {line} ({error})",
    },
    "rule_bad_xlsx": {
        "vi": "không phải sổ tính .xlsx đọc được (hỏng, hoặc định dạng khác bị đổi tên thành .xlsx: {error}); mở "
              "trong Excel và lưu thành 'Excel Workbook (.xlsx)'",
        "en": "is not a readable .xlsx workbook (damaged, or another format renamed to .xlsx: {error}); open it in "
              "Excel and save it as 'Excel Workbook (.xlsx)'",
    },
    "rule_no_such_sheet": {"vi": "không có trang tính {sheet} (các trang: {sheets})",
                           "en": "has no sheet {sheet} (sheets: {sheets})"},
    "rule_which_sheet": {
        "vi": "có cột số liệu ở nhiều trang tính ({chosen}; các trang: {sheets}); ghi tên trang cần đọc bằng khóa "
              "`sheet:` trong data/datasets.yaml",
        "en": "has observation columns on several sheets ({chosen}; sheets: {sheets}); name the sheet to read with "
              "`sheet:` in data/datasets.yaml",
    },
    "rule_bad_parquet": {
        "vi": "không phải tệp Parquet đọc được ({error}); hãy xuất lại",
        "en": "is not a readable Parquet file ({error}); export it again",
    },
    "rule_suffix": {"vi": "không phải loại tệp được hỗ trợ (.csv, .xlsx, .parquet)",
                    "en": "is not a supported file type (use .csv, .xlsx or .parquet)"},
    "rule_number_empty": {"vi": "trống ở chỗ cần một số", "en": "is empty where a number is expected"},
    "rule_number_invalid": {"vi": "không phải số theo cách viết {locale}",
                            "en": "is not a number in the {locale} locale"},
    "rule_number_decimal_marks": {"vi": "có hơn một dấu thập phân {mark} theo cách viết {locale}",
                                  "en": "has more than one decimal mark {mark} for the {locale} locale"},
    "rule_number_separator_after_decimal": {"vi": "có dấu phân cách hàng nghìn {sep} sau dấu thập phân",
                                            "en": "has a thousands separator {sep} after the decimal mark"},
    "rule_number_groups": {
        "vi": "không phải số theo cách viết {locale}: các nhóm chữ số sau {sep} phải có đúng 3 chữ số "
              "(ví dụ {example})",
        "en": "is not a number in the {locale} locale: digit groups after {sep} must have exactly 3 digits "
              "(expected e.g. {example})",
    },
    "rule_number_zero_group": {
        "vi": "bắt đầu bằng nhóm 0: theo cách viết {locale}, {sep} phân cách hàng nghìn nên số này sẽ thành {read}; "
              "nếu là số thập phân hãy viết {fraction}",
        "en": "starts with a zero group: in the {locale} locale {sep} separates thousands, so this would read as "
              "{read}; write {fraction} for a fraction",
    },
    "rule_number_too_large": {"vi": "quá lớn để là một số liệu", "en": "is too large to be a figure"},
    "rule_number_not_finite": {"vi": "không phải số hữu hạn", "en": "is not a finite number"},
    "rule_number_type": {"vi": "là {type}, không phải số", "en": "is a {type}, not a number"},
    "rule_number_boolean": {"vi": "là giá trị đúng/sai, không phải số", "en": "is a boolean, not a number"},
    "rule_number_percent_position": {"vi": "có dấu % không nằm ở cuối",
                                     "en": "has a percent sign that is not at the end"},
    "rule_number_ratio_slashes": {"vi": "có hơn một dấu '/'; tỷ số ghi là a/b",
                                  "en": "has more than one '/'; a ratio is written a/b"},
    "rule_number_ratio_zero": {"vi": "là tỷ số có mẫu số bằng 0", "en": "is a ratio with a zero denominator"},
    "rule_number_ratio_negative": {"vi": "là tỷ số có phần âm", "en": "is a ratio with a negative part"},
    "report_title": {
        "vi": "Báo cáo chuyển đổi số: {unit}, {quarter}",
        "en": "Digital transformation report: {unit}, {quarter}",
    },
    "as_of": {"vi": "Số liệu đến ngày {date}", "en": "Figures up to {date}"},
    "published_by": {"vi": "Theo số liệu đã công bố đến ngày {date}", "en": "As published by {date}"},
    "undated_shown": {"vi": "{n} số liệu không rõ ngày công bố được đưa vào theo kỳ của số liệu",
                      "en": "{n} figures without a known publication date are shown by their reference date"},
    "published_after_quarter": {
        "vi": "Có cả số liệu công bố sau khi kết thúc quý, đến ngày {date}",
        "en": "Includes figures published after the quarter, up to {date}",
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
    "chart_source_n": {"vi": "số {n}", "en": "no. {n}"},
    "method_version": {"vi": "phương pháp {version}", "en": "method {version}"},
    "rank_group": {"vi": "Xếp hạng trong {n} đơn vị", "en": "Rank among {n} units"},
    "rank_group_unknown": {"vi": "Xếp hạng (chưa rõ số đơn vị)", "en": "Rank (group size unknown)"},
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
    "col_year": {"vi": "Năm", "en": "Year"},
    "col_scope": {"vi": "Phạm vi", "en": "Scope"},
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
    # -- exploring in JupyterLab (dtlib.explore) --
    "explore_no_figure": {"vi": "không có số liệu", "en": "no figure"},
    "explore_no_figure_by": {"vi": "không có số liệu đến ngày {date}", "en": "no figure up to {date}"},
    "reagg_incomplete": {
        "vi": "{unit}, {indicator}, {period}: chưa tính được vì thiếu số liệu của {missing} (chỉ có {present})",
        "en": "{unit}, {indicator}, {period}: incomplete, no figure for {missing} (only {present})",
    },
    "reagg_refused": {"vi": "{unit}, {indicator}, {period}: không thể gộp, {reason}",
                      "en": "{unit}, {indicator}, {period}: cannot be re-aggregated, {reason}"},
    "reagg_reason_none": {
        "vi": "hạng, chỉ số và điểm của các tỉnh cũ không cộng hay lấy trung bình được",
        "en": "ranks, indices and scores of former provinces cannot be added or averaged",
    },
    "reagg_reason_no_parts": {
        "vi": "tỉ lệ được công bố không kèm tử số và mẫu số",
        "en": "the rate was published without its numerator and denominator",
    },
    "table_yours": {"vi": "bảng của bạn", "en": "your table"},
    "table_not_frame": {"vi": "cần một pandas DataFrame, không phải {kind}",
                        "en": "expected a pandas DataFrame, not {kind}"},
    "table_missing_column": {"vi": "là cột bắt buộc nhưng bảng không có (tên được chấp nhận: {names}; bảng có: {have})",
                             "en": "is a required column the table lacks (accepted names: {names}; it has: {have})"},
    "table_not_number": {"vi": "không phải là số (dùng locale='vi' để đọc dạng 86,3%)",
                         "en": "is not a number (pass locale='vi' or 'en' to read text such as 86,3%)"},
    "table_not_date": {"vi": "không phải là ngày (viết 2024-06-30 hoặc 30/06/2024)",
                       "en": "is not a date (write 2024-06-30 or 30/06/2024)"},
    "table_unknown_indicator": {"vi": "không có trong danh mục chỉ tiêu (tìm bằng dtlib.find)",
                                "en": "is not in the indicator catalog (search with dtlib.find)"},
    "table_bad_kind": {"vi": "phải là một trong: {kinds}", "en": "must be one of: {kinds}"},
    "table_more": {"vi": "… và {n} ô lỗi khác trong cột này", "en": "… and {n} more bad cells in this column"},
    "table_nothing_to_assess": {"vi": "không có chuỗi số liệu nào để đánh giá với lựa chọn này",
                                "en": "no series to assess with this selection"},
    "repr_more_rows": {"vi": "… và {n} dòng nữa", "en": "… and {n} more rows"},
    "repr_indicators": {"vi": "Chỉ tiêu", "en": "Indicators"},
    "repr_figures": {"vi": "Số liệu", "en": "Figures"},
    "repr_figures_split": {"vi": "{actual} thực tế, {target} mục tiêu", "en": "{actual} actual, {target} target"},
    "repr_units_with_data": {"vi": "Đơn vị có số liệu", "en": "Units with figures"},
    "repr_dates": {"vi": "Khoảng thời gian", "en": "Dates"},
    "repr_unparsed": {"vi": "Số liệu chưa đọc được", "en": "Unparsed figures"},
    "repr_bundle": {"vi": "Bộ dữ liệu dtlib", "en": "dtlib bundle"},
    "repr_dataset": {"vi": "Tập dữ liệu", "en": "Dataset"},
    "repr_file": {"vi": "Tệp", "en": "File"},
    "repr_bundle_hint": {"vi": "Tìm chỉ tiêu: dtlib.find(\"…\", b); chuỗi số liệu: dtlib.series(b, chỉ_tiêu, đơn_vị)",
                         "en": "Search: dtlib.find(\"…\", b); figures: dtlib.series(b, indicator, units)"},
    "repr_catalog": {"vi": "Danh mục {n} chỉ tiêu", "en": "Catalog of {n} indicators"},
    "repr_pillar": {"vi": "Trụ cột", "en": "Pillar"},
    "repr_catalog_hint": {"vi": "Tìm: catalog.find(\"hồ sơ trực tuyến\"); một chỉ tiêu: catalog[\"mã\"]",
                          "en": "Search: catalog.find(\"online dossiers\"); one entry: catalog[\"code\"]"},
    "repr_name_other": {"vi": "Tên tiếng Anh", "en": "Vietnamese name"},
    "repr_unit": {"vi": "Đơn vị đo", "en": "Unit of measure"},
    "repr_direction": {"vi": "Chiều tốt", "en": "Better when"},
    "repr_higher_better": {"vi": "cao hơn là tốt hơn", "en": "higher"},
    "repr_lower_better": {"vi": "thấp hơn là tốt hơn", "en": "lower"},
    "repr_aggregation": {"vi": "Cách gộp", "en": "Aggregation"},
    "repr_definition": {"vi": "Định nghĩa", "en": "Definition"},
    "repr_scope": {"vi": "Phạm vi", "en": "Scope"},
    "repr_full_name": {"vi": "Tên đầy đủ", "en": "Full name"},
    "repr_level": {"vi": "Cấp", "en": "Level"},
    "repr_level_province": {"vi": "tỉnh", "en": "province"},
    "repr_level_district": {"vi": "huyện", "en": "district"},
    "repr_valid": {"vi": "Thời gian tồn tại", "en": "Existed"},
    "repr_parent": {"vi": "Thuộc", "en": "Part of"},
    "repr_aliases": {"vi": "Tên khác", "en": "Other names"},
    "repr_note": {"vi": "Ghi chú", "en": "Note"},
    "repr_assessment": {"vi": "Đánh giá tiến độ: {n} chuỗi", "en": "Progress assessment: {n} series"},
    "repr_table_hint": {"vi": "Bảng đầy đủ: .table", "en": "Full table: .table"},
    "repr_forecasts": {"vi": "Dự báo: {n} chuỗi", "en": "Forecasts: {n} series"},
    "repr_model": {"vi": "Mô hình", "en": "Model"},
    "repr_p_met": {"vi": "Khả năng đạt", "en": "P(target met)"},
    "repr_short_series": {
        "vi": "Chuỗi dưới 3 mốc thời gian không được dự báo: hai điểm luôn nằm trên một đường thẳng, "
              "không đo được sai số; khoảng dự báo từ 3–5 điểm rất rộng, đó là câu trả lời trung thực.",
        "en": "Series with fewer than 3 dates get no forecast: two points always fit a line and leave no "
              "error to measure; intervals from 3–5 points are very wide, which is the honest answer.",
    },
    "repr_reaggregation": {"vi": "Gộp sang 34 đơn vị mới", "en": "Re-expressed on the 34 new units"},
    "repr_reagg_values": {"vi": "Giá trị đã gộp", "en": "Values re-expressed"},
    "repr_reagg_incomplete": {"vi": "Chưa đủ thành phần", "en": "Incomplete"},
    "repr_reagg_refused": {"vi": "Không gộp được", "en": "Cannot be re-aggregated"},
    "repr_reagg_hint": {"vi": "Bảng: .values, .incomplete, .refused; giải thích: .explain()",
                        "en": "Tables: .values, .incomplete, .refused; reasons: .explain()"},
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
    # -- leadership dashboard (dtlib.dashboard): keys prefixed dash_ are used only there --
    "dash_targets_due": {"vi": "Mục tiêu đã đến hạn ({n})", "en": "Targets that came due ({n})"},
    "dash_targets_ahead": {"vi": "Mục tiêu đang có hiệu lực cho các năm tới ({n})",
                           "en": "Targets in force for the years ahead ({n})"},
    "dash_former_areas": {"vi": "Các địa bàn cũ (trước 01/07/2025)", "en": "Former areas (before 2025-07-01)"},
    "dash_source_unnamed": {"vi": "nguồn không ghi tên", "en": "unnamed source"},
    "dash_no_date": {"vi": "không ghi ngày", "en": "date not stated"},
    "dash_published": {"vi": "Ngày công bố", "en": "Published"},
    "dash_geography": {"vi": "Địa giới", "en": "Geography"},
    "dash_geo_63": {"vi": "63 tỉnh (trước 01/07/2025)", "en": "63 provinces (before 2025-07-01)"},
    "dash_geo_34": {"vi": "34 đơn vị (từ 01/07/2025)", "en": "34 units (from 2025-07-01)"},
    "dash_download_csv": {"vi": "Tải về CSV", "en": "Download CSV"},
    "dash_download_xlsx": {"vi": "Tải về Excel (.xlsx)", "en": "Download Excel (.xlsx)"},
    "dash_map_none": {"vi": "Chưa có bản đồ cho chỉ tiêu này: số liệu chỉ có ở {n} đơn vị.",
                      "en": "No map for this indicator: figures exist for only {n} units."},
    "dash_map_alt": {"vi": "Bản đồ 63 tỉnh, thành phố (trước 1/7/2025) tô màu theo {indicator} năm {year}; "
                            "có số liệu cho {n} tỉnh. Rê chuột lên một tỉnh để xem số liệu; bảng số liệu ở thẻ Bảng.",
                     "en": "Map of the 63 provinces (before 1 July 2025) coloured by {indicator} in {year}; "
                           "figures for {n} provinces. Hover over a province for its figure; the figures are in "
                           "the Table tab."},
    "dash_map_heading": {"vi": "{indicator}, {period} ({geography})", "en": "{indicator}, {period} ({geography})"},
    "dash_title": {"vi": 'Chuyển đổi số: bảng điều hành',
        "en": 'Digital transformation: leadership dashboard'},
    "dash_unit": {"vi": 'Đơn vị', "en": 'Unit'},
    "dash_indicator": {"vi": 'Chỉ tiêu', "en": 'Indicator'},
    "dash_tab_chart": {"vi": 'Biểu đồ', "en": 'Chart'},
    "dash_tab_map": {"vi": 'Bản đồ', "en": 'Map'},
    "dash_tab_table": {"vi": 'Bảng', "en": 'Table'},
    "dash_tab_sources": {"vi": 'Nguồn', "en": 'Sources'},
    "dash_date": {"vi": 'Ngày số liệu', "en": 'Data date'},
    "dash_target": {"vi": 'Mục tiêu', "en": 'Target'},
    "dash_gap": {"vi": 'Khoảng cách', "en": 'Gap'},
    "dash_status": {"vi": 'Tiến độ', "en": 'Progress'},
    "dash_source": {"vi": 'Nguồn', "en": 'Source'},
    "dash_period": {"vi": 'Kỳ', "en": 'Period'},
    "dash_value": {"vi": 'Giá trị', "en": 'Value'},
    "dash_kind": {"vi": 'Loại', "en": 'Kind'},
    "dash_note": {"vi": 'Ghi chú', "en": 'Note'},
    "dash_actual": {"vi": 'thực hiện', "en": 'actual'},
    "dash_target_kind": {"vi": 'mục tiêu', "en": 'target'},
    "dash_synthetic": {"vi": 'DỮ LIỆU GIẢ LẬP (không phải số liệu thật)',
        "en": 'SYNTHETIC DATA (not real figures)'},
    "dash_no_data": {"vi": 'Chưa có số liệu cho đơn vị này.', "en": 'No figures for this unit yet.'},
    "dash_no_indicator": {"vi": 'Chưa có số liệu cho chỉ tiêu này.',
        "en": 'No figures for this indicator yet.'},
    "dash_error": {"vi": 'Không hiển thị được phần này. Lỗi đã được ghi lại; vui lòng thử lại sau.',
        "en": 'This part could not be shown. The error was logged; please try again later.'},
    "dash_load_error": {"vi": 'Không tải được dữ liệu của bảng điều hành. Bộ phận dữ liệu đã được ghi nhận lỗi.',
        "en": 'The dashboard data could not be loaded. The error was logged for the data team.'},
    "dash_bad_link": {"vi": 'Liên kết có tham số không hợp lệ ({names}); đang hiển thị mặc định.',
        "en": 'The link had invalid parameters ({names}); showing the default view.'},
    "dash_citations": {"vi": 'Trích dẫn', "en": 'Citations'},
    "dash_conflicts": {"vi": 'Các nguồn không khớp nhau', "en": 'Sources that disagree'},
    "dash_no_conflicts": {"vi": 'Không có nguồn nào mâu thuẫn.', "en": 'No conflicting sources.'},
    "dash_unparsed": {"vi": 'Số liệu in sai định dạng (giữ nguyên văn, không dùng)',
        "en": 'Malformed figures (kept verbatim, not used)'},
    "dash_no_unparsed": {"vi": 'Không có số liệu sai định dạng.', "en": 'No malformed figures.'},
    "dash_definition": {"vi": 'Định nghĩa', "en": 'Definition'},
    "dash_map_unavailable": {"vi": 'Chưa có bản đồ cho chỉ tiêu này.',
        "en": 'No map for this indicator yet.'},
    "dash_reform_district": {"vi": 'Cấp huyện bị bãi bỏ từ {date}; địa bàn {unit} nay thuộc {new} ({basis}).',
        "en": 'The district level was abolished on {date}; {unit} is now part of {new} ({basis}).'},
    "dash_reform_new_single": {"vi": '{unit} (từ {date}) tiếp nối {old} ({basis}).',
        "en": '{unit} (from {date}) continues {old} ({basis}).'},
    "dash_conflict_row": {"vi": '{a} ({pa}, {sa}) và {b} ({pb}, {sb}): lệch {pct}',
        "en": '{a} ({pa}, {sa}) vs {b} ({pb}, {sb}): {pct} apart'},
    "dash_busy_title": {"vi": 'Hệ thống đang bận', "en": 'The system is busy'},
    "dash_busy": {"vi": 'Hệ thống đang bận, vui lòng thử lại sau ít phút.',
        "en": 'The system is busy; please try again in a few minutes.'},
    "dash_retry": {"vi": 'Thử lại', "en": 'Try again'},
    "dash_expired": {"vi": 'Phiên làm việc đã hết hạn — tải lại trang',
        "en": 'Your session has expired — reload the page'},
    "dash_expired_detail": {"vi": 'Các số liệu trên trang có thể không còn cập nhật.',
        "en": 'The figures on this page may be out of date.'},
    "dash_reload": {"vi": 'Tải lại trang', "en": 'Reload the page'},
    "dash_loading_controls": {"vi": 'Đang tải bộ chọn đơn vị và chỉ tiêu…',
        "en": 'Loading the unit and indicator selectors…'},

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
    "appendix_ahead": {"vi": "Mục tiêu đang có hiệu lực cho các năm tới", "en": "Targets in force for the years ahead"},
    "target_scope_national": {"vi": "cả nước", "en": "national"},
    "target_scope_unit": {"vi": "của đơn vị", "en": "the unit's own"},
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
    # maps (dtlib.drawing.maps svg maps)
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
    "qualifier_gt": {"vi": "trên", "en": "over"},
    "qualifier_lt": {"vi": "dưới", "en": "under"},
    "qualifier_approx": {"vi": "khoảng", "en": "about"},
    "gap_met": {"vi": "đã đạt", "en": "met"},
    "gap_at": {"vi": "bằng mức mục tiêu, chưa vượt", "en": "at the target level, not above it"},
    "gap_pp": {"vi": "{gap} điểm %", "en": "{gap} pp"},
    "gap_to_go": {"vi": "còn {gap}", "en": "{gap} to go"},
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


def problem_words(language: str = "en") -> dict[str, str]:
    """The words around a validation problem (`row`, `column`, the count line) in `language`."""
    check_language(language)
    return {"row": LABELS["problem_row"][language], "column": LABELS["problem_column"][language],
            "found": LABELS["problems_found"][language], "and_more": LABELS["problems_more"][language]}


def rule_text(key: str | None, params: dict[str, object], language: str = "en") -> str | None:
    """A validation rule (`rule_<key>`) in `language`; None when the rule has no catalog entry.

    `hint` (a did-you-mean list) and `became` (successor units) are optional clauses: empty, they
    leave no trace in the sentence. A parameter given per language (`{"vi": …, "en": …}`) is taken
    in `language` (unit labels).
    """
    check_language(language)
    entry = LABELS.get(f"rule_{key}") if key else None
    if entry is None:
        return None
    values = {k: ("" if v is None else v.get(language, "") if isinstance(v, dict) else v) for k, v in params.items()}
    values["hint"] = LABELS["did_you_mean"][language].format(hint=values["hint"]) if values.get("hint") else ""
    values["became"] = LABELS["rule_became"][language].format(units=values["became"]) if values.get("became") else ""
    try:
        return entry[language].format(**values)
    except (KeyError, IndexError):
        return None
