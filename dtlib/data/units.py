"""Administrative units of Viet Nam across the 1 July 2025 reform, and one resolver for them.

History stays keyed to the units that existed then: Bình Dương (74) is a unit that existed until
30 June 2025 and became part of TP. Hồ Chí Minh (79, a *new* unit that reuses old HCM's code).
So a unit is identified by its generation as well as its code (`P63-74`, `P34-79`, `D-718`), and
the resolver asks for a date whenever a spelling fits more than one generation.

The tables come from `data/units/` (copied unchanged from the project's reference research, each
row with its source). Loading is lazy and cached: importing this module reads nothing.

>>> resolve("Binh Duong").id
'P63-74'
>>> resolve("TP.HCM", on=date(2026, 1, 1)).id
'P34-79'
>>> [u.id for u in successors("P63-70", date(2026, 1, 1))]
['P34-75']
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from dtlib import paths
from dtlib.errors import AmbiguousUnitError, UnknownUnitError

REFORM_DATE = date(2025, 7, 1)
"""Day the 34 provincial units took over and the district level ceased (Resolution 202/2025/QH15,
Resolution 60-NQ/TW): the first day on which the 63 provinces and their districts no longer exist."""

REFORM_BASIS = "Nghị quyết 202/2025/QH15 (12/6/2025), hiệu lực vận hành từ 01/7/2025"

Level = Literal["province", "district", "national"]

NATIONAL_ID = "VN"
"""The whole country: exists always, in both geographies, so national averages and national
targets can be filed as figures and drawn as a benchmark line."""

NATIONAL_ALIASES: tuple[str, ...] = ("Việt Nam", "Viet Nam", "cả nước", "toàn quốc", "VN",
                                     "national", "Vietnam")

SHORT_NAME_EXCEPTIONS: dict[str, str] = {"Hồ Chí Minh": "TP. Hồ Chí Minh"}
"""Short names that keep their prefix: the city is never written as plain "Hồ Chí Minh"."""

_PREFIXES = (
    "thanh pho truc thuoc trung uong",
    "thanh pho",
    "tp.",
    "tp",
    "tinh",
    "thi xa",
    "tx.",
    "tx",
    "huyen",
    "quan",
)


@dataclass(frozen=True)
class AdminUnit:
    """One administrative unit as it existed between `valid_from` and `valid_to` (exclusive)."""

    id: str
    code: str
    level: Level
    name_vi: str
    full_name_vi: str
    name_ascii: str
    type_vi: str
    valid_from: date | None
    valid_to: date | None
    parent_id: str | None = None
    source: str = ""
    aliases: tuple[str, ...] = field(default=(), compare=False)

    def exists_on(self, day: date) -> bool:
        """Whether the unit existed on `day`."""
        after_start = self.valid_from is None or day >= self.valid_from
        before_end = self.valid_to is None or day < self.valid_to
        return after_start and before_end

    @property
    def slug(self) -> str:
        """Folder-safe name; units created by the 2025 reform carry `-2025`."""
        base = re.sub(r"[^a-z0-9]+", "-", self.name_ascii.lower()).strip("-")
        return f"{base}-2025" if self.id.startswith("P34-") else base

    @property
    def is_national(self) -> bool:
        return self.level == "national"

    def label(self, language: str = "vi") -> str:
        """`Bình Dương (74, đến 30/06/2025)` — a name that says which generation is meant."""
        name = self.name_vi if language == "vi" else self.name_ascii
        if self.is_national:
            return name
        if self.valid_to is not None:
            last = self.valid_to.fromordinal(self.valid_to.toordinal() - 1)
            span = f"đến {last:%d/%m/%Y}" if language == "vi" else f"until {last:%Y-%m-%d}"
        elif self.valid_from is not None:
            span = f"từ {self.valid_from:%d/%m/%Y}" if language == "vi" else f"from {self.valid_from:%Y-%m-%d}"
        else:
            span = ""
        return f"{name} ({self.code}{', ' + span if span else ''})"

    def _repr_html_(self) -> str:
        from dtlib.explore.display import unit_html

        return unit_html(self)


@dataclass(frozen=True)
class CrosswalkLink:
    """`old_id` became (part of) `new_id` on `effective`."""

    old_id: str
    new_id: str
    effective: date
    relation: str
    legal_basis: str


def national_unit() -> AdminUnit:
    """The national unit `VN` (Việt Nam), valid before and after the reform."""
    return AdminUnit(id=NATIONAL_ID, code=NATIONAL_ID, level="national", name_vi="Việt Nam",
                     full_name_vi="Việt Nam (cả nước)", name_ascii="Viet Nam", type_vi="Quốc gia",
                     valid_from=None, valid_to=None, source="dtlib", aliases=NATIONAL_ALIASES)


def to_ascii(text: str) -> str:
    """Strip Vietnamese diacritics (`Đồng Xoài` → `Dong Xoai`)."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def normalise_key(text: str) -> str:
    """Lookup key: ascii, lower case, administrative prefix and punctuation removed."""
    key = to_ascii(str(text)).lower().strip()
    key = re.sub(r"\s+", " ", key)
    for prefix in _PREFIXES:
        if key.startswith(prefix + " ") or (prefix.endswith(".") and key.startswith(prefix)):
            key = key[len(prefix):].strip()
            break
    return re.sub(r"[^a-z0-9]", "", key)


def _short_name(full_name: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh ", "Thị xã ", "Huyện ", "Quận "):
        if full_name.startswith(prefix):
            short = full_name[len(prefix):]
            return SHORT_NAME_EXCEPTIONS.get(short, short)
    return SHORT_NAME_EXCEPTIONS.get(full_name, full_name)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class UnitRegistry:
    """All known units, their aliases and the crosswalk; built from the `data/units` tables."""

    def __init__(self, units: Iterable[AdminUnit], links: Iterable[CrosswalkLink]) -> None:
        self.units: dict[str, AdminUnit] = {u.id: u for u in units}
        self.links: list[CrosswalkLink] = list(links)
        self._keys: dict[str, set[str]] = {}
        for unit in self.units.values():
            for text in (unit.id, unit.code, unit.name_vi, unit.full_name_vi, unit.name_ascii,
                         *unit.aliases):
                self._keys.setdefault(normalise_key(text), set()).add(unit.id)
            if unit.code.isdigit():
                self._keys.setdefault(str(int(unit.code)), set()).add(unit.id)

    @classmethod
    def from_folder(cls, folder: Path) -> UnitRegistry:
        """Build the registry from the reference tables in `folder`."""
        aliases: dict[str, list[str]] = {}
        for row in _read_csv(folder / "aliases.csv"):
            aliases.setdefault(row["unit_id"], []).append(row["alias"])
        units: list[AdminUnit] = []
        links: list[CrosswalkLink] = []
        for row in _read_csv(folder / "gso_provinces_63_pre2025.csv"):
            uid = f"P63-{row['gso_code']}"
            full = row["name_as_of_2025-03-01"]
            units.append(AdminUnit(
                id=uid, code=row["gso_code"], level="province", name_vi=_short_name(full),
                full_name_vi=full, name_ascii=to_ascii(_short_name(full).removeprefix("TP. ")), type_vi=row["type"],
                valid_from=None, valid_to=REFORM_DATE, source=row["source"],
                aliases=tuple(aliases.get(uid, [])) + (row["name_as_of_2024-11-01"],),
            ))
        for row in _read_csv(folder / "new_34_provinces_2025.csv"):
            uid = f"P34-{row['new_code']}"
            full = row["new_name"]
            short = _short_name(full)
            kind = "Thành phố Trung ương" if full.startswith("Thành phố") else "Tỉnh"
            units.append(AdminUnit(
                id=uid, code=row["new_code"], level="province", name_vi=short,
                full_name_vi=full if full.startswith("Thành phố") else f"Tỉnh {short}",
                name_ascii=to_ascii(short.removeprefix("TP. ")), type_vi=kind, valid_from=REFORM_DATE, valid_to=None,
                source=row["source"], aliases=tuple(aliases.get(uid, [])),
            ))
        for row in _read_csv(folder / "province_merger_2025_63_to_34.csv"):
            links.append(CrosswalkLink(
                old_id=f"P63-{row['old_gso_code']}", new_id=f"P34-{row['new_code']}",
                effective=REFORM_DATE, relation=row["change"], legal_basis=row["legal_basis"],
            ))
        for row in _read_csv(folder / "binhduong_binhphuoc_districts_pre2025.csv"):
            uid = f"D-{row['district_gso_code']}"
            full = row["district_name_2025-03-01"]
            parent = f"P63-{row['province_gso_code']}"
            units.append(AdminUnit(
                id=uid, code=row["district_gso_code"], level="district", name_vi=_short_name(full),
                full_name_vi=full, name_ascii=to_ascii(_short_name(full).removeprefix("TP. ")),
                type_vi=row["district_type_2025-03-01"], valid_from=None, valid_to=REFORM_DATE,
                parent_id=parent, source=row["source"], aliases=tuple(aliases.get(uid, [])),
            ))
        units.append(national_unit())
        registry_links = list(links)
        by_old = {link.old_id: link.new_id for link in links}
        for unit in units:
            if unit.level == "district" and unit.parent_id in by_old:
                registry_links.append(CrosswalkLink(
                    old_id=unit.id, new_id=by_old[unit.parent_id], effective=REFORM_DATE,
                    relation="district level abolished; territory now in the new province",
                    legal_basis="Nghị quyết 60-NQ/TW; Nghị quyết 202/2025/QH15; 1654–1687/NQ-UBTVQH15",
                ))
        return cls(units, registry_links)

    # -- lookups ---------------------------------------------------------------------------
    def get(self, unit_id: str) -> AdminUnit:
        try:
            return self.units[unit_id]
        except KeyError:
            raise UnknownUnitError(f"no unit with id {unit_id!r}") from None

    def candidates(self, text: object) -> list[AdminUnit]:
        """Every unit whose id, code, name or alias matches `text`."""
        key = normalise_key(str(text))
        ids = self._keys.get(key, set())
        if not ids and key.isdigit():
            ids = self._keys.get(str(int(key)), set())
        return sorted((self.units[i] for i in ids), key=lambda u: u.id)

    def resolve(self, text: object, on: date | None = None, level: Level | None = None) -> AdminUnit:
        """Turn any spelling or code into one unit, using `on` to pick between generations."""
        found = self.candidates(text)
        if level is not None:
            found = [u for u in found if u.level == level]
        if len(found) == 1:
            return found[0]
        if not found:
            raise UnknownUnitError(self._unknown_message(text))
        if on is not None:
            alive = [u for u in found if u.exists_on(on)]
            if len(alive) == 1:
                return alive[0]
        listing = "; ".join(u.label("vi") + f" [{u.id}]" for u in found)
        hint = "pass a date (on=...) or use the unit id" if on is None else f"none unique on {on}"
        raise AmbiguousUnitError(f"{text!r} matches several units: {listing}; {hint}")

    def _unknown_message(self, text: object) -> str:
        key = normalise_key(str(text))
        close = difflib.get_close_matches(key, list(self._keys), n=6, cutoff=0.6)
        suggestions: list[str] = []
        for match in close:
            for uid in sorted(self._keys[match]):
                label = self.units[uid].label("vi")
                if label not in suggestions:
                    suggestions.append(label)
        hint = f"; did you mean {', '.join(suggestions[:5])}?" if suggestions else ""
        return f"unknown administrative unit {str(text)!r}{hint}"

    def successors(self, unit_id: str, on: date) -> list[AdminUnit]:
        """The unit(s) existing on `on` that `unit_id` is now part of (itself if it still exists)."""
        unit = self.get(unit_id)
        if unit.exists_on(on):
            return [unit]
        nxt = [self.get(link.new_id) for link in self.links
               if link.old_id == unit_id and link.effective <= on]
        if not nxt:
            if unit.valid_to is not None and on >= unit.valid_to:
                raise UnknownUnitError(f"{unit.label('en')} has no recorded successor on {on}")
            raise UnknownUnitError(f"{unit.label('en')} did not exist yet on {on}")
        result: list[AdminUnit] = []
        for new in nxt:
            for succ in self.successors(new.id, on):
                if succ not in result:
                    result.append(succ)
        return result

    def predecessors(self, unit_id: str) -> list[AdminUnit]:
        """The province-level units that merged into `unit_id` (empty for old units)."""
        return [self.get(link.old_id) for link in self.links
                if link.new_id == unit_id and self.get(link.old_id).level == "province"]

    def existing_on(self, day: date, level: Level = "province") -> list[AdminUnit]:
        """All units of `level` that existed on `day`, by code."""
        return sorted((u for u in self.units.values() if u.level == level and u.exists_on(day)),
                      key=lambda u: u.code)

    def children(self, unit_id: str) -> list[AdminUnit]:
        """District-level units of a pre-2025 province (only Bình Dương and Bình Phước are loaded)."""
        return sorted((u for u in self.units.values() if u.parent_id == unit_id), key=lambda u: u.code)

    def reform_story(self, unit_id: str) -> dict[str, object]:
        """What the 2025 reform did to a unit, for a report's opening paragraph."""
        unit = self.get(unit_id)
        story: dict[str, object] = {"unit": unit, "reform_date": REFORM_DATE, "basis": REFORM_BASIS}
        if unit.is_national:
            story["status"] = "national"
            return story
        if unit.valid_to is not None and unit.valid_to <= REFORM_DATE:
            succ = self.successors(unit.id, REFORM_DATE)
            story["became"] = succ
            story["merged_with"] = [p for s in succ for p in self.predecessors(s.id)
                                    if p.id != unit.id and p.level == unit.level]
            story["status"] = "district_abolished" if unit.level == "district" else (
                "renamed_or_kept" if len(story["merged_with"]) == 0 else "merged")
        else:
            story["formed_from"] = self.predecessors(unit.id)
            story["status"] = "new_unit"
        return story


@lru_cache(maxsize=4)
def _registry_for(folder: str) -> UnitRegistry:
    return UnitRegistry.from_folder(Path(folder))


def registry() -> UnitRegistry:
    """The registry built from `data/units` (cached per data folder)."""
    return _registry_for(str(paths.data_dir() / "units"))


def resolve(text: object, on: date | None = None, level: Level | None = None) -> AdminUnit:
    """Resolve a spelling, code or id to a unit (see `UnitRegistry.resolve`)."""
    return registry().resolve(text, on=on, level=level)


def successors(unit_id: str, on: date) -> list[AdminUnit]:
    """The unit(s) existing on `on` that `unit_id` became (see `UnitRegistry.successors`)."""
    return registry().successors(unit_id, on)


def get(unit_id: str) -> AdminUnit:
    """The unit with this id."""
    return registry().get(unit_id)
