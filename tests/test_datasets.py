"""The dataset registry, `dtlib add`, and the bundle built from the real embedded data."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml
from conftest import write_csv

from dtlib import cli
from dtlib.data.datasets import add_delivery, load_bundle, read_registry
from dtlib.errors import ValidationError

HEADER = "unit,indicator,period,value,numerator,denominator,kind,source_id,status,note"


def test_add_delivery_registers_and_next_load_uses_it(mini_data, tmp_path):
    delivery = write_csv(tmp_path / "q1.csv", HEADER, "74,ho_so_truc_tuyen_ty_le,Quý I/2025,\"81,5%\",,,actual,src-a,,")
    result = add_delivery(delivery, name="bd_2025q1", locale="vi")
    assert result.ok
    assert (mini_data / "observations" / "bd_2025q1.csv").exists()
    assert [e.name for e in read_registry(mini_data)] == ["bd_2025q1"]
    bundle = load_bundle(mini_data)
    assert bundle.observations["value"].tolist() == [81.5]


def test_bad_delivery_changes_nothing(mini_data, tmp_path):
    registry_before = (mini_data / "datasets.yaml").read_text()
    delivery = write_csv(tmp_path / "bad.csv", HEADER, "74,ho_so_truc_tuyen_ty_le,2025Q1,\"1.3521\",,,actual,src-a,,")
    result = add_delivery(delivery, name="bad", locale="vi")
    assert not result.ok
    assert (mini_data / "datasets.yaml").read_text() == registry_before
    assert not (mini_data / "observations" / "bad.csv").exists()


def test_registry_requires_a_locale(mini_data):
    (mini_data / "datasets.yaml").write_text(yaml.safe_dump({"observations": [{"name": "x", "path": "o.csv"}]}))
    with pytest.raises(ValidationError, match="every file declares its locale"):
        read_registry(mini_data)


def test_bundle_fails_on_any_invalid_registered_file(mini_data, tmp_path):
    write_csv(mini_data / "observations" / "a.csv", HEADER, "74,ho_so_truc_tuyen_ty_le,2024,abc,,,actual,src-a,,")
    (mini_data / "datasets.yaml").write_text(yaml.safe_dump(
        {"observations": [{"name": "a", "path": "observations/a.csv", "locale": "vi"}]}))
    with pytest.raises(ValidationError, match=r"data/observations/a.csv row 2, column value"):
        load_bundle(mini_data)


def test_cli_validate_reports_problems(mini_data, tmp_path, capsys):
    good = write_csv(tmp_path / "g.csv", HEADER, "70,doanh_nghiep_so_luong,2024,6.500,,,actual,src-a,,")
    bad = write_csv(tmp_path / "b.csv", HEADER, "70,doanh_nghiep_so_luong,2024,6.5,,,actual,src-a,,")
    assert cli.main(["validate", str(good), "--locale", "vi", "--language", "en"]) == 0
    assert cli.main(["validate", str(bad), "--locale", "vi", "--language", "en"]) == 1
    out = capsys.readouterr().out
    assert "OK, 1 observation(s)" in out
    assert "row 2, column value: '6.5'" in out


def test_cli_validate_speaks_vietnamese_by_default(mini_data, tmp_path, capsys):
    bad = write_csv(tmp_path / "b.csv", HEADER, "70,doanh_nghiep_so_luong,2024,6.5,,,actual,src-a,,",
                    "70,doanh_nghiep_so_luong,2023,\"1,586\",,,actual,src-a,,")
    assert cli.main(["validate", str(bad), "--locale", "vi"]) == 1
    out = capsys.readouterr().out
    assert f"{bad}: 2 lỗi, 2 dòng bị từ chối" in out
    assert "dòng 2, cột value: '6.5' không phải số theo cách viết vi: các nhóm chữ số sau '.'" in out
    assert "dòng 3, cột value: '1,586' không phải số nguyên cho chỉ tiêu đo bằng count" in out
    assert "row" not in out and "column" not in out


def test_cli_turns_an_unexpected_error_into_one_sentence_and_a_log(mini_data, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DTLIB_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setattr(cli, "_resolve", lambda args: 1 / 0)
    parser = cli.build_parser

    def broken_parser():
        built = parser()
        for action in built._subparsers._group_actions[0].choices.values():
            if action.prog.endswith("resolve"):
                action.set_defaults(func=lambda args: 1 / 0)
        return built

    monkeypatch.setattr(cli, "build_parser", broken_parser)
    assert cli.main(["resolve", "74"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1
    assert "ZeroDivisionError" in err
    logs = list((tmp_path / "reports" / "_logs").glob("dtlib-error-*.log"))
    assert len(logs) == 1 and "ZeroDivisionError" in logs[0].read_text()
    assert str(logs[0]) in err


def test_cli_resolve(capsys):
    assert cli.main(["resolve", "Binh Phuoc"]) == 0
    assert "P63-70" in capsys.readouterr().out
    assert cli.main(["resolve", "TP.HCM"]) == 1


# --- the real, embedded data -------------------------------------------------------------

@pytest.fixture(scope="module")
def bundle():
    return load_bundle()


def test_embedded_data_is_valid_and_cited(bundle):
    assert len(bundle.observations) > 100
    assert set(bundle.observations["source_id"]) <= set(bundle.sources.index)
    assert set(bundle.targets["source_id"]) <= set(bundle.sources.index)
    cited = bundle.sources.loc[sorted(set(bundle.observations["source_id"]))]
    assert (cited["locator"] != "").all()


def test_seed_conflict_on_ict_enterprises_is_reported(bundle):
    conflicts = bundle.conflicts()
    bd = conflicts[conflicts["unit_id"] == "P63-74"]
    pairs = {tuple(sorted((a, b))) for a, b in zip(bd["value_a"], bd["value_b"], strict=True)}
    assert (6500.0, 13000.0) in pairs


def test_malformed_seed_figure_kept_unparsed(bundle):
    raw = bundle.unparsed["value_raw"].tolist()
    assert any("1.3521" in text for text in raw)
    assert bundle.unparsed["value"].isna().all()


def test_seed_figures_parsed_in_vi_locale(bundle):
    bd = bundle.observations[bundle.observations["unit_id"] == "P63-74"]
    values = set(bd["value"].round(4))
    assert 86.3 in values            # 86,3% households with fibre
    assert round(100 * 1586 / 1887, 4) in values   # 1.586/1.887 procedures online
    assert pd.Series(bd["numerator"]).eq(1586).any()


def test_dti_2022_ranks_cover_63_provinces(bundle):
    ranks = bundle.observations[(bundle.observations["indicator"] == "dti_rank")
                                & (bundle.observations["period"] == "2022")]
    assert ranks["unit_id"].nunique() == 63
    assert ranks.set_index("unit_id").loc["P63-74", "value"].min() == 19
