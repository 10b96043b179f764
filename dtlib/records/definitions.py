"""Decision 766 definitions: versions by period, the options where sources conflict, indicators.

The live portal method drifted from the 2022 text without a published amendment, so every
result names the version it was computed with. Versions are data here (which rule applies
from when); the expressions that read them live in `dtlib.records.indicators`.
Nothing here computes; these are the policy constants, each with its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal


@dataclass(frozen=True)
class Version:
    """One method of computing the 766 indicators, applied to periods starting in its window."""

    id: str
    valid_from: date
    valid_to: date | None
    online_requires_e_result: bool
    """3.3: an online dossier of a procedure returning a paper result counts only with an e-result."""
    payment_full_at: float | None
    """3.6: ratio at which the 6 points are full (None = linear)."""
    source: str


VERSIONS: tuple[Version, ...] = (
    Version(
        "qd766_2022", date(2022, 6, 23), date(2023, 1, 1),
        online_requires_e_result=False, payment_full_at=0.30,
        source="QĐ 766/QĐ-TTg summaries; Thanh Hóa-derived provincial code (notes.md §2, [S13])",
    ),
    Version(
        "dvcqg_live_2023", date(2023, 1, 1), None,
        online_requires_e_result=True, payment_full_at=None,
        source="Government Office spec 'Mô tả công thức tính chỉ số 766' + METRICS sheet "
        "(notes.md §2, [S6][S7][S10])",
    ),
)
EARLIEST_VERSION = VERSIONS[0]
"""Periods starting before 23/6/2022 predate the decision; they get the 2022 method, noted."""


def version_for(period_start: date) -> Version:
    """The version whose window holds the first day of the period."""
    for v in VERSIONS:
        if v.valid_from <= period_start and (v.valid_to is None or period_start < v.valid_to):
            return v
    return EARLIEST_VERSION


@dataclass(frozen=True)
class Options:
    """Rules on which the sources conflict; the defaults follow the live portal spec [S7]."""

    on_time_granularity: Literal["second", "day"] = "second"
    """'second' (portal spec) or 'day' (provincial systems compare dates, [S13])."""
    withdrawn_on_time: bool = False
    """Count withdrawn dossiers (status 7) as on time, as the Thanh Hóa-derived code does."""
    max_supplement_requests: int = 1
    """More supplement requests than this make a dossier overdue (portal spec 2.1)."""
    digitisation_full_at: float | None = None
    """4.2 points: None = linear (reverse-engineered [S10]); 0.8 = DOCX threshold [S7]."""

    def describe(self) -> str:
        """A short text recorded with every result so a number can be reproduced."""
        return (
            f"on_time={self.on_time_granularity}; withdrawn_on_time={self.withdrawn_on_time}; "
            f"max_supplements={self.max_supplement_requests}; "
            f"digitisation_full_at={self.digitisation_full_at}"
        )


SECONDS_PER_DAY = 86_400

COUNT_COLUMNS: tuple[str, ...] = (
    "n_active", "n_on_time", "n_received", "n_online", "n_full_eligible", "n_full_online",
    "n_pay_due", "n_paid_online", "n_completed", "processing_seconds", "n_eresult_due",
    "n_eresult", "n_digitised", "n_reused", "n_from_store", "n_population_db",
)
"""Additive per-(unit, period) sums every indicator is a ratio of; roll-ups add these."""


@dataclass(frozen=True)
class Indicator:
    """One published indicator: a ratio of two sums, optionally scored into points."""

    code: str
    ref: str
    name_vi: str
    name_en: str
    numerator: str
    denominator: str
    unit: Literal["percent", "days", "count"]
    points: float = 0.0
    full_at: float | None = None
    """Ratio at which points are full (None = linear: points × ratio)."""
    group: str = ""
    extra: dict[str, str] = field(default_factory=dict)


INDICATORS: tuple[Indicator, ...] = (
    Indicator("hs766_tiep_nhan", "—", "Số hồ sơ tiếp nhận", "Dossiers received",
              "n_received", "", "count"),
    Indicator("hs766_dung_han_ty_le", "2.1", "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn",
              "On-time processing rate (completed + in progress within due date)",
              "n_on_time", "n_active", "percent", 20, None, "TDGQ"),
    Indicator("hs766_thoi_gian_tb", "2.2", "Thời gian giải quyết trung bình",
              "Average processing time of completed dossiers (days, supplement time excluded)",
              "processing_seconds", "n_completed", "days"),
    Indicator("hs766_truc_tuyen_ty_le", "3.3", "Tỷ lệ hồ sơ nộp trực tuyến",
              "Online submission rate", "n_online", "n_received", "percent"),
    Indicator("hs766_toan_trinh_ty_le", "METRICS 7", "Tỷ lệ hồ sơ DVCTT toàn trình",
              "Full-process online rate (dossiers of procedures eligible for full-online)",
              "n_full_online", "n_full_eligible", "percent"),
    Indicator("hs766_thanh_toan_truc_tuyen_ty_le", "3.6", "Tỷ lệ hồ sơ thanh toán trực tuyến",
              "Online payment rate (fee-bearing dossiers, zero fees excluded)",
              "n_paid_online", "n_pay_due", "percent", 6, None, "TTTT"),
    Indicator("hs766_ket_qua_dien_tu_ty_le", "4.1", "Tỷ lệ hồ sơ có cấp kết quả điện tử",
              "Electronic result rate", "n_eresult", "n_eresult_due", "percent", 6, None, "MDSH"),
    Indicator("hs766_so_hoa_ty_le", "4.2", "Tỷ lệ hồ sơ TTHC thực hiện số hóa hồ sơ",
              "Digitised dossier rate", "n_digitised", "n_received", "percent", 4, None, "MDSH"),
    Indicator("hs766_tai_su_dung_ty_le", "4.3",
              "Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa",
              "Re-use of digitised data", "n_reused", "n_received", "percent", 2, 0.80, "MDSH"),
    Indicator("hs766_kho_du_lieu_ty_le", "4.4",
              "Tỷ lệ hồ sơ số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng",
              "Dossiers linked to the citizen document store", "n_from_store", "n_received",
              "percent", 4, None, "MDSH"),
    Indicator("hs766_csdl_dan_cu_ty_le", "4.5b",
              "Tỷ lệ hồ sơ sử dụng dữ liệu từ CSDL quốc gia về dân cư",
              "Dossiers using population-database data", "n_population_db", "n_received",
              "percent", 2, None, "MDSH"),
)
BY_CODE = {i.code: i for i in INDICATORS}

POINTS_CODE = "diem766_tinh_duoc"
"""Points earned on the indicators computable from records (out of `COMPUTABLE_POINTS`)."""
POINTS_SHARE_CODE = "diem766_tinh_duoc_ty_le"
"""Those points as a percentage of the computable maximum: the basis of the indicative band."""
COMPUTABLE_POINTS = sum(i.points for i in INDICATORS)

RATING_BANDS: tuple[tuple[float, str], ...] = (
    (90.0, "Xuất sắc"),
    (80.0, "Tốt"),
    (70.0, "Khá"),
    (50.0, "Trung bình"),
    (0.0, "Yếu"),
)
"""Lower bounds (inclusive) of the 766 rating bands [S2][S12]; boundary inclusivity unverified."""


def rating_band(score: float) -> str:
    """Name the 766 rating band of a score out of 100.

    >>> rating_band(90.0), rating_band(89.99), rating_band(49.9)
    ('Xuất sắc', 'Tốt', 'Yếu')
    """
    for lower, name in RATING_BANDS:
        if score >= lower:
            return name
    return RATING_BANDS[-1][1]


def indicator_points(ind: Indicator, ratio: float, version: Version, options: Options) -> float:
    """Points for one ratio (0–1) under the version's and options' scoring rules."""
    full_at = ind.full_at
    if ind.ref == "3.6":
        full_at = version.payment_full_at
    elif ind.ref == "4.2":
        full_at = options.digitisation_full_at
    if full_at is None:
        return ind.points * min(ratio, 1.0)
    return ind.points if ratio >= full_at else ratio * ind.points / full_at
