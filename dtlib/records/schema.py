"""The dossier record: one row per hồ sơ TTHC, as a province syncs it to the national portal.

The national sync payload (HoSoDongBoDVC) nests fee lines, results and documents in lists. The
engine works on one flat row per dossier, so each list arrives reduced to the counts and sums
the Decision 766 indicators need (e.g. `DanhSachLePhi[].Gia` → `fee_total`). This module only
names columns, their sync aliases, types and code lists; it reads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["str", "int", "float", "timestamp"]


@dataclass(frozen=True)
class Column:
    """One column of the flat dossier record."""

    name: str
    sync_name: str
    type: ColumnType
    required: bool
    doc: str


COLUMNS: tuple[Column, ...] = (
    Column("dossier_id", "MaHoSo", "str", True, "dossier code, unique per province system"),
    Column("procedure_code", "MaTTHC", "str", True, "national procedure (TTHC) code"),
    Column("agency_code", "DonViXuLy", "str", False, "handling agency identifier"),
    Column("province_code", "MaTinh", "str", True, "GSO code of the agency's province"),
    Column("district_code", "MaHuyen", "str", False, "GSO district code (before 2025-07-01)"),
    Column("commune_code", "MaXa", "str", False, "GSO commune code (commune-level agencies)"),
    Column("channel", "KenhThucHien", "int", False, "1 in person, 2 online, 3 post; null = 1"),
    Column("submitted_at", "NgayNopHoSo", "timestamp", False, "submission time"),
    Column("received_at", "NgayTiepNhan", "timestamp", False, "reception time: the period key"),
    Column("due_at", "NgayHenTra", "timestamp", False, "promised return time"),
    Column("finished_at", "NgayKetThucXuLy", "timestamp", False, "end of processing"),
    Column("status", "TrangThaiHoSo", "int", True, "1–10, see STATUS"),
    Column("online_payment", "DuocThanhToanTrucTuyen", "int", False, "1 DVCQG, 2 local gateway"),
    Column("fee_lines", "SoDongLePhi", "int", False, "number of DanhSachLePhi lines"),
    Column("fee_total", "TongLePhi", "float", False, "Σ DanhSachLePhi[].Gia (VND)"),
    Column("results_total", "SoGiayToKetQua", "int", False, "DanhSachGiayToKetQua lines"),
    Column(
        "results_electronic", "SoKetQuaDienTu", "int", False,
        "result lines with a DuongDanTepTinKetQua link",
    ),
    Column("documents_total", "SoTaiLieuNop", "int", False, "TaiLieuNop lines"),
    Column("documents_digitised", "SoTaiLieuSoHoa", "int", False, "TaiLieuNop with DuocSoHoa=1"),
    Column(
        "documents_reused", "SoTaiLieuTaiSuDung", "int", False, "TaiLieuNop with DuocTaiSuDung=1"
    ),
    Column(
        "documents_from_store", "SoTaiLieuTuKhoDMQG", "int", False,
        "TaiLieuNop with DuocLayTuKhoDMQG=1",
    ),
    Column(
        "has_digitised_component", "HoSoCoThanhPhanSoHoa", "int", False, "0/1 flag (4.3)"
    ),
    Column("vneid_authenticated", "TaiKhoanDuocXacThucVoiVNeID", "int", False, "0/1 flag"),
    Column("supplement_count", "SoLanYeuCauBoSung", "int", False, "DanhSachHoSoBoSung lines"),
    Column(
        "supplement_requested_at", "NgayYeuCauBoSung", "timestamp", False,
        "first supplement request (DanhSachHoSoBoSung[0].NgayBoSung)",
    ),
    Column(
        "supplement_received_at", "NgayTiepNhanBoSung", "timestamp", False,
        "supplement handed in (DanhSachHoSoBoSung[0].NgayTiepNhanBoSung); null = pending",
    ),
)

NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
SYNC_TO_NAME: dict[str, str] = {c.sync_name: c.name for c in COLUMNS}

CHANNEL_IN_PERSON, CHANNEL_ONLINE, CHANNEL_POST = 1, 2, 3
CHANNELS = frozenset({CHANNEL_IN_PERSON, CHANNEL_ONLINE, CHANNEL_POST})

STATUS: dict[int, str] = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}
STATUS_NOT_RECEIVED = frozenset({1, 3})
"""Dossiers never received (registered only, or refused at reception): outside every 766 ratio."""
STATUS_TERMINAL = frozenset({7, 8, 9, 10})
"""End states: withdrawn, stopped, processed, returned — NgayKetThucXuLy must be set."""
STATUS_COMPLETED = frozenset({9, 10})
"""Processed or returned: the dossiers that have (or should have) a result."""
STATUS_WITHDRAWN = 7

ONLINE_PAYMENT_CODES = frozenset({0, 1, 2, 3})
ONLINE_PAYMENT_PAID = frozenset({1, 2})
"""DuocThanhToanTrucTuyen values that count as paid online (1 DVCQG, 2 ministry/provincial)."""

COUNT_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in COLUMNS if c.type == "int" and c.name.endswith(("_count", "_total", "_lines"))
    or c.name.startswith(("documents_", "results_"))
)
FLAG_COLUMNS: tuple[str, ...] = ("has_digitised_component", "vneid_authenticated")

CATALOG_COLUMNS: tuple[str, ...] = (
    "procedure_code", "valid_from", "valid_to", "service_level", "fee_bearing", "paper_result",
    "statutory_days",
)
SERVICE_LEVELS = frozenset({"full_online", "partly_online", "none"})
