"""DuckDB and PySpark give identical 766 sums from the same Ibis expressions.

One local[1] SparkSession serves the whole module (Spark starts in ~5 s; each query after is
~1 s). Data stay small: the hand-written rule records plus ~2,000 synthetic records.
"""

from __future__ import annotations

import pandas as pd
import pytest
import records_handmade as h

from dtlib.records.definitions import COUNT_COLUMNS, Options
from dtlib.records.engine import compute, connect

pytestmark = pytest.mark.spark

KEYS = ["province_code", "district_code", "commune_code", "period"]


@pytest.fixture(scope="module")
def spark_con():
    pytest.importorskip("pyspark")
    from dtlib.records.engine import local_spark_session

    session = local_spark_session(cores=1)
    session.sparkContext.setLogLevel("ERROR")
    yield connect("pyspark", session=session)
    # The session is left running for other Spark tests in this process (getOrCreate).


def normalised(sums: pd.DataFrame) -> pd.DataFrame:
    s = sums.copy()
    s[KEYS] = s[KEYS].astype(object).where(s[KEYS].notna(), "")
    s[list(COUNT_COLUMNS)] = s[list(COUNT_COLUMNS)].astype("int64")
    return s.sort_values(KEYS).reset_index(drop=True)[KEYS + list(COUNT_COLUMNS)]


def rule_rows() -> list[dict]:
    return [
        h.record(dossier_id="late-1s", finished_at="2024-02-10 17:00:01"),
        h.record(dossier_id="overdue-open", status=4, finished_at=None, results_total=0,
                 due_at="2024-03-20 17:00:00"),
        h.record(dossier_id="paused", finished_at="2024-02-13 17:00:00", supplement_count=1,
                 supplement_requested_at="2024-02-03 08:00:00",
                 supplement_received_at="2024-02-08 08:00:00"),
        h.record(dossier_id="pending", status=5, finished_at=None, results_total=0,
                 supplement_count=1, supplement_requested_at="2024-02-05 08:00:00"),
        h.record(dossier_id="blank-channel", channel=None),
        h.record(dossier_id="online", channel=2, results_electronic=1, fee_lines=1,
                 fee_total=20_000.0, online_payment=1),
        h.record(dossier_id="zero-fee", fee_lines=1, fee_total=0.0),
        h.record(dossier_id="carried", received_at="2024-03-30 08:00:00",
                 submitted_at="2024-03-30 08:00:00", due_at="2024-04-20 17:00:00",
                 finished_at="2024-04-02 08:00:00"),
        h.record(dossier_id="merged", district_code=None, received_at="2025-08-01 08:00:00",
                 submitted_at="2025-08-01 08:00:00", due_at="2025-08-10 17:00:00",
                 finished_at="2025-08-05 10:00:00"),
        h.record(dossier_id="dup"), h.record(dossier_id="dup"),
        h.record(dossier_id="bad-dates", finished_at="2024-01-01 08:00:00"),
    ]


def test_rule_records_identical_on_duckdb_and_spark(tmp_path, spark_con):
    options = Options()
    path = h.write(rule_rows(), tmp_path / "rules.parquet")
    duck = compute(path, h.catalog(), options=options)
    spark = compute(path, h.catalog(), options=options, con=spark_con)
    pd.testing.assert_frame_equal(normalised(duck.sums), normalised(spark.sums))
    assert duck.accounting == spark.accounting == {
        "rejected": 3, "not_received": 0, "outside_periods": 0, "counted": 9}
    assert sorted(duck.rejects.dossier_id) == sorted(spark.rejects.dossier_id)
    assert sorted(duck.rejects.rule) == sorted(spark.rejects.rule)
    cols = ["unit", "period", "indicator", "value", "numerator", "denominator", "points"]
    d = duck.indicators[cols].sort_values(cols[:3]).reset_index(drop=True)
    s = spark.indicators[cols].sort_values(cols[:3]).reset_index(drop=True)
    pd.testing.assert_frame_equal(d, s)


def test_synthetic_records_identical_on_duckdb_and_spark(tmp_path, spark_con):
    from dtlib.records.synth import write_dataset

    path = write_dataset(tmp_path / "synth", 2_000, seed=7)
    catalog = path / "procedures_synthetic.csv"
    options = Options(on_time_granularity="day", withdrawn_on_time=True)  # the other branches
    duck = compute(path, catalog, options=options)
    spark = compute(path, catalog, options=options, con=spark_con)
    assert duck.n_input == spark.n_input == 2_000
    pd.testing.assert_frame_equal(normalised(duck.sums), normalised(spark.sums))
