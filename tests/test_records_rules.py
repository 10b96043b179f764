"""Decision 766 rules on hand-written dossiers: one small record set per rule.

Each test writes a few records (records_handmade), computes on DuckDB and reads one
count or indicator. Periods are quarters unless said otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest
import records_handmade as h

from dtlib.records.definitions import Options
from dtlib.records.engine import RecordsResult, compute


def run(tmp_path, rows, **kw) -> RecordsResult:
    path = h.write(rows, tmp_path / "records.parquet")
    return compute(path, h.catalog(), **kw)


def sums(result: RecordsResult, period: str = "2024Q1", district: str | None = "718") -> dict:
    s = result.sums
    s = s[(s.period == period) & (s.district_code == district if district else s.district_code.isna())]
    assert len(s) == 1, s
    return s.iloc[0].to_dict()


def value(result: RecordsResult, unit: str, indicator: str, period: str = "2024Q1"):
    v = result.indicators
    row = v[(v.unit == unit) & (v.indicator == indicator) & (v.period == period)]
    assert len(row) == 1, row
    return row.iloc[0]


def test_finished_one_second_after_due_is_late(tmp_path):
    r = run(tmp_path, [
        h.record(dossier_id="on-time", finished_at="2024-02-10 17:00:00"),
        h.record(dossier_id="late", finished_at="2024-02-10 17:00:01"),
    ])
    assert sums(r)["n_on_time"] == 1
    assert sums(r)["n_active"] == 2


def test_day_granularity_option_forgives_the_second(tmp_path):
    r = run(tmp_path, [h.record(dossier_id="late", finished_at="2024-02-10 17:00:01")],
            options=Options(on_time_granularity="day"))
    assert sums(r)["n_on_time"] == 1


def test_in_progress_past_due_at_period_end_is_late_and_within_due_is_on_time(tmp_path):
    r = run(tmp_path, [
        h.record(dossier_id="overdue", status=4, finished_at=None, due_at="2024-03-20 17:00:00",
                 results_total=0),
        h.record(dossier_id="still-in-time", status=4, finished_at=None,
                 due_at="2024-04-15 17:00:00", results_total=0),
    ])
    s = sums(r)
    assert (s["n_active"], s["n_on_time"], s["n_completed"]) == (2, 1, 0)


def test_in_progress_dossier_is_carried_over_into_the_next_quarter(tmp_path):
    r = run(tmp_path, [
        h.record(dossier_id="long", received_at="2024-03-25 08:00:00",
                 submitted_at="2024-03-25 08:00:00", due_at="2024-04-20 17:00:00",
                 finished_at="2024-04-10 09:00:00"),
        h.record(dossier_id="anchor", received_at="2024-04-02 08:00:00",
                 submitted_at="2024-04-02 08:00:00", due_at="2024-04-20 17:00:00",
                 finished_at="2024-04-03 09:00:00"),
    ])
    q1, q2 = sums(r, "2024Q1"), sums(r, "2024Q2")
    assert (q1["n_active"], q1["n_received"], q1["n_on_time"]) == (1, 1, 1)
    assert (q2["n_active"], q2["n_received"], q2["n_completed"]) == (2, 1, 2)


def test_supplement_request_pauses_the_clock(tmp_path):
    # Finished 3 days after due, but the citizen held the dossier for 5 days: on time.
    paused = h.record(dossier_id="paused", finished_at="2024-02-13 17:00:00", supplement_count=1,
                      supplement_requested_at="2024-02-03 08:00:00",
                      supplement_received_at="2024-02-08 08:00:00")
    r = run(tmp_path, [paused])
    assert sums(r)["n_on_time"] == 1
    # Processing time excludes the 5 paused days: 12 d 9 h − 5 d = 7.375 days.
    days = value(r, "D-718", "hs766_thoi_gian_tb").value
    assert days == pytest.approx(7.375)


def test_pending_supplement_stops_the_clock_at_the_request(tmp_path):
    r = run(tmp_path, [h.record(
        dossier_id="waiting", status=5, finished_at=None, results_total=0,
        due_at="2024-02-10 17:00:00", supplement_count=1,
        supplement_requested_at="2024-02-05 08:00:00")])
    assert sums(r)["n_on_time"] == 1


def test_more_than_one_supplement_request_is_overdue(tmp_path):
    r = run(tmp_path, [h.record(
        dossier_id="twice", supplement_count=2, supplement_requested_at="2024-02-02 08:00:00",
        supplement_received_at="2024-02-03 08:00:00")])
    assert sums(r)["n_on_time"] == 0


def test_missing_due_date_falls_back_to_the_statutory_time(tmp_path):
    r = run(tmp_path, [
        h.record(dossier_id="ok", due_at=None, finished_at="2024-02-11 08:00:00"),  # 10 days
        h.record(dossier_id="late", due_at=None, finished_at="2024-02-11 08:00:01"),
    ])
    assert sums(r)["n_on_time"] == 1


def test_withdrawn_option_counts_withdrawn_dossiers_on_time(tmp_path):
    rows = [h.record(dossier_id="w", status=7, finished_at="2024-02-20 08:00:00",
                     results_total=0)]
    assert sums(run(tmp_path, rows))["n_on_time"] == 0
    assert sums(run(tmp_path, rows, options=Options(withdrawn_on_time=True)))["n_on_time"] == 1


def test_null_channel_counts_as_in_person(tmp_path):
    r = run(tmp_path, [
        h.record(dossier_id="online", channel=2, procedure_code="T.FREE"),
        h.record(dossier_id="blank", channel=None, procedure_code="T.FREE"),
        h.record(dossier_id="post", channel=3, procedure_code="T.FREE"),
    ])
    s = sums(r)
    assert (s["n_online"], s["n_received"]) == (1, 3)
    assert value(r, "D-718", "hs766_truc_tuyen_ty_le").value == pytest.approx(100 / 3)


def test_online_dossier_of_a_paper_result_procedure_needs_an_e_result(tmp_path):
    rows = [h.record(dossier_id="no-e", channel=2, results_electronic=0),
            h.record(dossier_id="e", channel=2, results_electronic=1)]
    assert sums(run(tmp_path, rows))["n_online"] == 1  # live method (2023 on)
    old = [{**row, "received_at": "2022-08-01 08:00:00", "submitted_at": "2022-08-01 08:00:00",
            "due_at": "2022-08-10 17:00:00", "finished_at": "2022-08-05 10:00:00"}
           for row in rows]
    r = run(tmp_path, old)
    assert sums(r, "2022Q3")["n_online"] == 2  # 2022 text: no e-result condition
    assert value(r, "D-718", "hs766_truc_tuyen_ty_le", "2022Q3").definition_version == "qd766_2022"


def test_fee_of_zero_leaves_the_payment_denominator(tmp_path):
    r = run(tmp_path, [
        h.record(dossier_id="paid", fee_lines=1, fee_total=50_000.0, online_payment=1),
        h.record(dossier_id="zero", fee_lines=1, fee_total=0.0, online_payment=0),
        h.record(dossier_id="no-lines", fee_lines=0, online_payment=0),
        h.record(dossier_id="free-procedure", procedure_code="T.FREE", online_payment=2),
    ])
    s = sums(r)
    assert (s["n_pay_due"], s["n_paid_online"]) == (2, 1)
    payment = value(r, "D-718", "hs766_thanh_toan_truc_tuyen_ty_le")
    assert payment.value == pytest.approx(50.0)
    assert payment.points == pytest.approx(3.0)  # live method: 6 × 0.5


def test_merged_unit_is_reported_through_its_successor(tmp_path):
    rows = [
        h.record(dossier_id="before", district_code="718"),
        h.record(dossier_id="after", district_code=None, received_at="2025-08-01 08:00:00",
                 submitted_at="2025-08-01 08:00:00", due_at="2025-08-10 17:00:00",
                 finished_at="2025-08-05 10:00:00"),
        h.record(dossier_id="bp-after", province_code="70", district_code=None,
                 received_at="2025-08-02 08:00:00", submitted_at="2025-08-02 08:00:00",
                 due_at="2025-08-10 17:00:00", finished_at="2025-08-20 10:00:00"),
    ]
    r = run(tmp_path, rows)
    units = set(r.indicators.unit)
    assert {"P63-74", "D-718", "P34-79", "P34-75"} <= units
    hcm = value(r, "P34-79", "hs766_tiep_nhan", "2025Q3")
    assert hcm.value == 1 and "P63-74" in hcm.unit_note
    dong_nai = value(r, "P34-75", "hs766_dung_han_ty_le", "2025Q3")
    assert (dong_nai.numerator, dong_nai.denominator) == (0, 1)
    assert not ((r.indicators.unit == "D-718") & (r.indicators.period == "2025Q3")).any()


def test_province_is_the_sum_of_its_parts(tmp_path):
    r = run(tmp_path, [
        h.record(dossier_id="a", district_code="718", channel=2, procedure_code="T.FREE"),
        h.record(dossier_id="b", district_code="724"),
        h.record(dossier_id="c", district_code=None, channel=2, procedure_code="T.FREE"),
    ])
    prov = value(r, "P63-74", "hs766_truc_tuyen_ty_le")
    assert (prov.numerator, prov.denominator) == (2, 3)


def test_results_carry_version_options_synthetic_flag_and_band(tmp_path):
    r = run(tmp_path, [h.record(dossier_id="a")], first=date(2024, 1, 1), last=date(2024, 3, 31))
    v = r.indicators
    assert set(v.definition_version) == {"dvcqg_live_2023"}
    assert v.options.str.contains("on_time=second").all()
    assert not v.synthetic.any()
    share = value(r, "P63-74", "diem766_tinh_duoc_ty_le")
    assert share.band in {"Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"}


def test_never_received_dossiers_are_in_no_ratio_but_accounted_for(tmp_path):
    r = run(tmp_path, [
        h.record(dossier_id="a"),
        h.record(dossier_id="registered-only", status=1, received_at=None, finished_at=None,
                 due_at=None, results_total=0),
    ])
    assert r.accounting == {"rejected": 0, "not_received": 1, "outside_periods": 0, "counted": 1}
    assert sums(r)["n_active"] == 1


def test_rating_band_boundaries():
    from dtlib.records.definitions import rating_band

    assert [rating_band(x) for x in (100, 90, 89.99, 80, 70, 50, 49.99, 0)] == [
        "Xuất sắc", "Xuất sắc", "Tốt", "Tốt", "Khá", "Trung bình", "Yếu", "Yếu"]


@pytest.mark.parametrize(("kind", "periods"), [
    ("month", {"2024-02": 1, "2024-03": 1, "2024-04": 1}),
    ("year", {"2024": 1}),
])
def test_months_and_years_count_active_dossiers_per_period(tmp_path, kind, periods):
    r = run(tmp_path, [h.record(dossier_id="spans", received_at="2024-02-20 08:00:00",
                                submitted_at="2024-02-20 08:00:00", due_at="2024-05-01 17:00:00",
                                finished_at="2024-04-03 09:00:00")], kind=kind)
    active = r.sums.groupby("period").n_active.sum().to_dict()
    assert active == periods


def test_narrowed_periods_account_for_dossiers_outside_them(tmp_path):
    r = run(tmp_path, [
        h.record(dossier_id="q1"),
        h.record(dossier_id="q3", received_at="2024-08-01 08:00:00",
                 submitted_at="2024-08-01 08:00:00", due_at="2024-08-10 17:00:00",
                 finished_at="2024-08-05 10:00:00"),
    ], first=date(2024, 1, 1), last=date(2024, 3, 31))
    assert r.accounting["outside_periods"] == 1 and r.accounting["counted"] == 1
    assert set(r.sums.period) == {"2024Q1"}
