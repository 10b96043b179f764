"""The Decision 766 section of the report: computed from the shipped records, marked synthetic."""

from __future__ import annotations

import re

import pytest

from dtlib.reporting.context import build_context
from dtlib.reporting.records_section import records_766


def text(obj) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", obj.data))


@pytest.fixture(scope="module")
def bd_2024q1():
    return build_context("74", "2024Q1", "vi")


def test_section_shows_synthetic_figures_with_banner_and_source(bd_2024q1):
    page = records_766(bd_2024q1)
    body = text(page)
    assert "Bộ chỉ số 766 tính từ dữ liệu hồ sơ" in body
    assert "DỮ LIỆU GIẢ LẬP" in body
    assert body.count("(giả lập)") >= 10          # every value carries the mark
    assert "Tỷ lệ hồ sơ nộp trực tuyến" in body
    assert re.search(r"\d+,\d %", body)            # vi formatting of rates
    assert "/44" in body and "dvcqg_live_2023" in body
    assert "synthetic-records" in bd_2024q1.cited_source_ids()


def test_english_section(tmp_path):
    body = text(records_766(build_context("70", "2024Q4", "en")))
    assert "SYNTHETIC DATA" in body and "Online submission rate" in body


def test_quarter_without_records_says_so():
    body = text(records_766(build_context("74", "2022Q4", "vi")))
    assert "Không có hồ sơ" in body


def test_missing_records_folder_is_a_message_not_a_failure(bd_2024q1, tmp_path):
    body = text(records_766(bd_2024q1, tmp_path / "nowhere"))
    assert "Chưa có dữ liệu hồ sơ" in body
