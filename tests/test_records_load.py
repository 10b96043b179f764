"""Loading dossier records: sync names, CSV/Parquet/folders, and every reject rule.

A reject names file, row, column, value and rule; valid + rejected = read, always.
"""

from __future__ import annotations

import pandas as pd
import pytest
import records_handmade as h

from dtlib.errors import ValidationError
from dtlib.records.catalog import check_catalog
from dtlib.records.engine import compute
from dtlib.records.schema import COLUMNS


def rejects_of(tmp_path, rows):
    path = h.write(rows, tmp_path / "records.parquet")
    result = compute(path, h.catalog())
    assert result.n_valid + result.n_rejected == result.n_input == len(rows)
    return result, result.rejects.set_index("dossier_id")


@pytest.mark.parametrize(("overrides", "column", "rule"), [
    ({"finished_at": "2024-01-31 08:00:00"}, "finished_at (NgayKetThucXuLy)",
     "NgayKetThucXuLy is before NgayTiepNhan"),
    ({"submitted_at": "2024-02-02 08:00:00"}, "submitted_at (NgayNopHoSo)",
     "NgayNopHoSo is after NgayTiepNhan"),
    ({"due_at": "2024-01-30 08:00:00"}, "due_at (NgayHenTra)", "NgayHenTra is before"),
    ({"supplement_count": 1, "supplement_requested_at": "2024-02-03 08:00:00",
      "supplement_received_at": "2024-02-02 08:00:00"},
     "supplement_received_at (NgayTiepNhanBoSung)", "received before requested"),
    ({"status": 12}, "status (TrangThaiHoSo)", "not a TrangThaiHoSo code"),
    ({"channel": 5}, "channel (KenhThucHien)", "not a KenhThucHien code"),
    ({"online_payment": 9}, "online_payment (DuocThanhToanTrucTuyen)", "DuocThanhToanTrucTuyen"),
    ({"procedure_code": "NO.SUCH"}, "procedure_code (MaTTHC)", "unknown MaTTHC"),
    ({"province_code": "99", "district_code": None}, "province_code (MaTinh)",
     "unknown province code '99'"),
    ({"district_code": "688"}, "province_code (MaTinh)", "is not in province 74"),
    ({"status": 10, "finished_at": None}, "finished_at (NgayKetThucXuLy)", "end state"),
    ({"fee_total": -5.0}, "fee_total (TongLePhi)", "is negative"),
    ({"documents_digitised": 3, "documents_total": 2}, "documents_digitised (SoTaiLieuSoHoa)",
     "exceeds documents_total"),
    ({"received_at": None}, "received_at (NgayTiepNhan)", "required for a received dossier"),
    ({"procedure_code": None}, "procedure_code (MaTTHC)", "is required"),
])
def test_each_rule_rejects_the_row_and_names_it(tmp_path, overrides, column, rule):
    result, rejects = rejects_of(tmp_path, [h.record(dossier_id="good"),
                                            h.record(dossier_id="bad", **overrides)])
    assert result.n_rejected == 1
    bad = rejects.loc["bad"]
    assert bad.column == column
    assert rule in bad.rule
    assert bad.file.endswith("records.parquet") and bad.row == 1  # 0-based Parquet row


def test_duplicate_dossier_codes_reject_every_copy(tmp_path):
    result, rejects = rejects_of(tmp_path, [
        h.record(dossier_id="dup"), h.record(dossier_id="dup", channel=2), h.record(dossier_id="x"),
    ])
    assert result.n_rejected == 2
    assert rejects.loc["dup"].rule.str.contains("duplicate MaHoSo").all()
    assert result.sums.n_received.sum() == 1


def test_csv_with_national_sync_names_and_sync_dates(tmp_path):
    sync = {c.name: c.sync_name for c in COLUMNS}
    df = h.frame([h.record(dossier_id="a"), h.record(dossier_id="b"),
                  h.record(dossier_id="c")]).rename(columns=sync)
    for col in ("NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy"):
        df[col] = df[col].dt.strftime("%Y%m%d%H%M%S")
    df.loc[1, "NgayHenTra"] = "2024-02-10 17:00:00"  # ISO also accepted
    df.loc[2, "NgayTiepNhan"] = "31/02/2024"  # not a date
    path = tmp_path / "records.csv"
    df.to_csv(path, index=False)
    result = compute(path, h.catalog())
    assert (result.n_input, result.n_valid) == (3, 2)
    bad = result.rejects.iloc[0]
    assert (bad.row, bad.column, bad.value) == (4, "received_at (NgayTiepNhan)", "31/02/2024")
    assert "is not a date-time" in bad.rule


def test_partitioned_folder_is_read_whole(tmp_path):
    h.write([h.record(dossier_id="a")], tmp_path / "ds" / "province=74" / "part-0.parquet")
    h.write([h.record(dossier_id="b", province_code="70", district_code="689")],
            tmp_path / "ds" / "province=70" / "part-0.parquet")
    result = compute(tmp_path / "ds", h.catalog())
    assert result.n_input == 2 and result.n_rejected == 0
    assert {"P63-74", "P63-70", "D-718", "D-689"} <= set(result.indicators.unit)


def test_missing_required_column_is_an_error_naming_it(tmp_path):
    path = tmp_path / "records.csv"
    h.frame([h.record()]).drop(columns=["status"]).to_csv(path, index=False)
    with pytest.raises(ValidationError, match=r"status \(TrangThaiHoSo\).*required column"):
        compute(path, h.catalog())


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(ValidationError, match="does not exist"):
        compute(tmp_path / "nothing", h.catalog())


def test_catalog_problems_are_all_reported_at_once():
    raw = pd.DataFrame([
        ["A", "2022-01-01", "", "full_online", "1", "1", "10"],
        ["B", "not a date", "", "sometimes", "yes", "1", "-3"],
        ["A", "2023-01-01", "", "none", "0", "0", "5"],
    ], columns=["procedure_code", "valid_from", "valid_to", "service_level", "fee_bearing",
                "paper_result", "statutory_days"])
    with pytest.raises(ValidationError) as err:
        check_catalog(raw, "procedures.csv")
    rules = {(p.row, p.column) for p in err.value.problems}
    assert {(3, "valid_from"), (3, "service_level"), (3, "fee_bearing"),
            (3, "statutory_days"), (4, "valid_from")} <= rules
    assert "procedures.csv row 3, column service_level: 'sometimes'" in str(err.value)
