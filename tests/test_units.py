from datetime import date

import pytest

from dtlib.data.units import REFORM_DATE, normalise_key, registry, resolve, successors
from dtlib.errors import AmbiguousUnitError, UnknownUnitError

AFTER = date(2026, 1, 1)
BEFORE = date(2024, 1, 1)


def test_tables_have_63_old_and_34_new_provinces():
    reg = registry()
    assert len(reg.existing_on(BEFORE)) == 63
    assert len(reg.existing_on(AFTER)) == 34
    assert len(reg.children("P63-74")) == 9
    assert len(reg.children("P63-70")) == 11


@pytest.mark.parametrize("text", ["Bình Dương", "Binh Duong", "BD", "tỉnh Bình Dương", "74", "074",
                                  "P63-74", "  binh   duong "])
def test_spellings_of_binh_duong(text):
    assert resolve(text).id == "P63-74"


@pytest.mark.parametrize(("text", "on", "expected"), [
    ("TP.HCM", BEFORE, "P63-79"), ("TP.HCM", AFTER, "P34-79"), ("79", AFTER, "P34-79"),
    ("Đồng Nai", BEFORE, "P63-75"), ("Đồng Nai", AFTER, "P34-75"), ("Thành phố Hồ Chí Minh", BEFORE, "P63-79"),
])
def test_reused_codes_resolve_by_date(text, on, expected):
    assert resolve(text, on=on).id == expected


def test_ambiguous_without_date_lists_candidates():
    with pytest.raises(AmbiguousUnitError, match=r"P34-79.*P63-79"):
        resolve("TP.HCM")


def test_unknown_name_suggests_closest():
    with pytest.raises(UnknownUnitError, match="did you mean Bình Dương"):
        resolve("Binh Duongg")


def test_districts_resolve():
    assert resolve("Thủ Dầu Một").id == "D-718"
    assert resolve("Đồng Xoài").parent_id == "P63-70"


def test_crosswalk_old_to_new():
    assert [u.id for u in successors("P63-74", AFTER)] == ["P34-79"]
    assert [u.id for u in successors("P63-70", AFTER)] == ["P34-75"]
    assert [u.id for u in successors("D-718", AFTER)] == ["P34-79"]
    assert [u.id for u in successors("P63-74", BEFORE)] == ["P63-74"]
    assert {u.id for u in registry().predecessors("P34-75")} == {"P63-70", "P63-75"}


def test_existence_dates():
    bd = resolve("74")
    assert bd.exists_on(date(2025, 6, 30)) and not bd.exists_on(REFORM_DATE)
    assert resolve("P34-79").exists_on(REFORM_DATE)


def test_reform_story_of_binh_phuoc():
    story = registry().reform_story("P63-70")
    assert story["status"] == "merged"
    assert [u.id for u in story["became"]] == ["P34-75"]
    assert [u.id for u in story["merged_with"]] == ["P63-75"]


def test_slugs_distinguish_generations():
    assert resolve("P63-79").slug == "ho-chi-minh"
    assert resolve("P34-79").slug == "ho-chi-minh-2025"


def test_normalise_key_strips_prefixes_and_marks():
    assert normalise_key("Thành phố Hồ Chí Minh") == normalise_key("TP. Hồ Chí Minh") == "hochiminh"
