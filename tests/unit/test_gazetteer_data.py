"""Checks on the actor gazetteer in data/actors (built by tools/build_gazetteer.py)."""

from __future__ import annotations

import csv
import filecmp
import importlib.util
import re
import shutil
from functools import cache
from pathlib import Path

import pycountry
import pytest

ROOT = Path(__file__).resolve().parents[2]
ACTORS = ROOT / "data" / "actors"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
GENERATED = {
    "countries.csv": "code iso2 numeric name official_name iso_name short_names adjectives demonyms"
    " capitals seats_of_government institutions region subregion intermediate_region un_status"
    " groups note",
    "organisations.csv": "code name abbreviations aliases type seats buildings note",
    "memberships.csv": "group member_code status start end start_precision note",
    "officials.csv": "person_id name aliases actor role title start end start_precision"
    " end_precision source note",
    "surface_forms.csv": "text candidates default kind ambiguous case_sensitive rule",
    "metonyms.csv": "text candidates default kind ambiguous case_sensitive rule",
}
# The organisation codes of the gold annotation guidelines (gold/GUIDELINES.md).
GUIDELINE_ORGS = (
    "EU", "NATO", "UN", "AU", "ASEAN", "G7", "G20", "IAEA", "OSCE", "GCC", "ARAB_LEAGUE", "BRICS",
    "WHO", "OAS", "ECOWAS", "SCO", "CSTO", "QUAD", "CARICOM", "OIC", "COE",
)  # fmt: skip
ROLES = {
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister",
    "spokesperson", "ambassador", "official", "org_leader",
}  # fmt: skip
EU27 = (
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
    "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP",
    "SWE",
)  # fmt: skip
G20 = (
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX",
    "RUS", "SAU", "ZAF", "TUR", "GBR", "USA",
)  # fmt: skip
# Other countries the gazetteer must cover (the most named in the corpus, the conflicts).
OTHERS = (
    "UKR", "ISR", "PSE", "IRN", "PRK", "BLR", "QAT", "EGY", "ARE", "PAK", "SDN", "LBN", "SYR",
    "VEN", "CUB", "MDA", "GEO", "AZE", "ARM", "KAZ", "TWN", "PHL", "VNM", "NGA", "ETH", "KEN",
    "COL",
)  # fmt: skip
REQUIRED = sorted(set(EU27) | set(G20) | set(OTHERS))
MONTHS = [f"{y}-{m:02d}-15" for y in range(2019, 2027) for m in range(1, 13)][:90]  # to 2026-06


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Read one CSV of data/actors (or of data/actors/curated) as a tuple of dicts."""
    with (ACTORS / name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def codes(name: str) -> set[str]:
    """Return the set of 'code' values of a table."""
    return {row["code"] for row in table(name)}


def covers(row: dict[str, str], date: str) -> bool:
    """Whether a dated row (start, end; empty end = open) covers an ISO date."""
    return row["start"] <= date and (not row["end"] or date <= row["end"])


def members(group: str, date: str, status: str = "member") -> set[str]:
    """Member codes of a group on a date."""
    return {
        r["member_code"]
        for r in table("memberships.csv")
        if r["group"] == group and r["status"] == status and covers(r, date)
    }


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_files_have_the_documented_columns(name: str) -> None:
    with (ACTORS / name).open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == GENERATED[name].split()
    assert all(None not in row and None not in row.values() for row in table(name))


def test_generated_files_match_a_fresh_build(tmp_path: Path) -> None:
    path = ROOT / "tools" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer", path)
    assert spec and spec.loader
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    shutil.copytree(ACTORS / "curated", tmp_path / "curated")
    builder.build(tmp_path)
    for name in [*GENERATED, "manifest.json"]:
        assert filecmp.cmp(tmp_path / name, ACTORS / name, shallow=False), f"{name} is stale"


def test_country_codes_are_unique_valid_iso3_and_complete() -> None:
    rows = table("countries.csv")
    assert len(rows) == len(codes("countries.csv")) == 197
    for row in rows:
        iso = pycountry.countries.get(alpha_3=row["code"])
        assert iso is not None or row["code"] == "XKX", row["code"]
        assert row["region"] and row["subregion"], row["code"]
    status = {row["code"]: row["un_status"] for row in rows}
    assert sum(value == "member" for value in status.values()) == 193
    assert {c for c, s in status.items() if s == "observer"} == {"VAT", "PSE"}
    assert {c for c, s in status.items() if s == "non_member"} == {"TWN", "XKX"}


def test_organisations_include_every_guideline_code_and_do_not_clash_with_countries() -> None:
    assert set(GUIDELINE_ORGS) <= codes("organisations.csv")
    assert len(table("organisations.csv")) == len(codes("organisations.csv"))
    assert not codes("organisations.csv") & codes("countries.csv")


@pytest.mark.parametrize("name", ["memberships.csv", "officials.csv"])
def test_date_ranges_are_well_formed(name: str) -> None:
    for row in table(name):
        for edge in ("start", "end"):
            assert not row[edge] or DATE.match(row[edge]), (name, row)
        assert not (row["start"] and row["end"]) or row["start"] <= row["end"], (name, row)


def test_membership_codes_are_actors_or_iso3() -> None:
    actors = codes("countries.csv") | codes("organisations.csv")
    for row in table("memberships.csv"):
        assert row["group"] in actors
        code = row["member_code"]
        assert code in actors or pycountry.countries.get(alpha_3=code), code


@pytest.mark.parametrize(
    ("group", "date", "expected"),
    [
        ("EU", "2026-08-01", 27),
        ("EU", "2020-01-15", 28),
        ("NATO", "2026-08-01", 32),
        ("NATO", "2023-01-01", 30),
        ("G20", "2026-08-01", 21),
        ("UN", "2026-08-01", 193),
        ("OSCE", "2026-08-01", 0),  # OSCE members have the status participating_state
        ("BRICS", "2025-06-01", 10),
        ("ASEAN", "2026-01-01", 11),
        ("ECOWAS", "2025-06-01", 12),
        ("G7", "2010-01-01", 8),  # with the EU; Russia was in the G8, never the G7
    ],
)
def test_group_sizes(group: str, date: str, expected: int) -> None:
    assert len(members(group, date)) == expected


@pytest.mark.parametrize(
    ("group", "code", "start", "end"),
    [
        ("NATO", "FIN", "2023-04-04", ""),
        ("NATO", "SWE", "2024-03-07", ""),
        ("NATO", "MKD", "2020-03-27", ""),
        ("EU", "GBR", "1973-01-01", "2020-01-31"),
        ("COE", "RUS", "1996-02-28", "2022-03-16"),
        ("ECOWAS", "NER", "1975-05-28", "2025-01-29"),
        ("ECOWAS", "MLI", "1975-05-28", "2025-01-29"),
        ("ECOWAS", "BFA", "1975-05-28", "2025-01-29"),
        ("BRICS", "EGY", "2024-01-01", ""),
        ("BRICS", "ARE", "2024-01-01", ""),
        ("BRICS", "IDN", "2025-01-06", ""),
        ("G20", "AU", "2023-09-09", ""),
        ("SCO", "BLR", "2024-07-04", ""),
    ],
)
def test_membership_spot_facts(group: str, code: str, start: str, end: str) -> None:
    rows = [r for r in table("memberships.csv") if r["group"] == group and r["member_code"] == code]
    assert [(r["start"], r["end"]) for r in rows if r["status"] == "member"] == [(start, end)]


def test_saudi_brics_status_is_marked_unconfirmed() -> None:
    assert "SAU" not in members("BRICS", "2025-06-01")
    assert "SAU" in members("BRICS", "2025-06-01", status="invited_unconfirmed")


def test_official_rows_use_known_roles_actors_and_precisions() -> None:
    actors = codes("countries.csv") | codes("organisations.csv")
    for row in table("officials.csv"):
        assert row["role"] in ROLES and row["actor"] in actors, row
        assert row["start"] and row["source"], row
        for edge in ("start", "end"):
            precision = row[f"{edge}_precision"]
            assert precision in (("day", "month", "year", "attested") if row[edge] else ("",)), row


def test_no_person_has_overlapping_rows_for_the_same_actor_and_role() -> None:
    rows: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for row in table("officials.csv"):
        rows.setdefault((row["person_id"], row["actor"], row["role"]), []).append(row)
    for key, group in rows.items():
        spans = sorted((r["start"], r["end"] or "9999-12-31") for r in group)
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert end <= start, key


def test_a_bare_surname_is_never_an_alias() -> None:
    regnal = ("King", "Queen", "Emperor", "Pope", "Grand")  # 'Emperor Naruhito': no surname
    for row in table("officials.csv"):
        words = row["name"].split()
        if len(words) > 1 and words[0] not in regnal:
            assert words[-1] not in row["aliases"].split("|"), row["name"]


@pytest.mark.parametrize(
    ("name", "actor", "role", "start", "end"),
    [
        ("Jens Stoltenberg", "NATO", "org_leader", "2014-10-01", "2024-10-01"),
        ("Mark Rutte", "NATO", "org_leader", "2024-10-01", ""),
        ("Jaap de Hoop Scheffer", "NATO", "org_leader", "2004-01-01", "2009-08-01"),
        ("Jake Sullivan", "USA", "official", "2021-01-20", "2025-01-20"),
        ("António Guterres", "UN", "org_leader", "2017-01-01", ""),
        ("Josep Borrell", "EU", "org_leader", "2019-12-01", "2024-11-30"),
        ("Kaja Kallas", "EU", "org_leader", "2024-12-01", ""),
        ("Rafael Grossi", "IAEA", "org_leader", "2019-12-03", ""),
        ("Dmytro Kuleba", "UKR", "foreign_minister", "2020-03-04", "2024-09-05"),
        ("Condoleezza Rice", "USA", "foreign_minister", "2005-01-26", "2009-01-20"),
    ],
)
def test_official_spot_facts(name: str, actor: str, role: str, start: str, end: str) -> None:
    rows = [r for r in table("officials.csv") if r["name"] == name and r["actor"] == actor]
    assert (start, end) in [(r["start"], r["end"]) for r in rows if r["role"] == role]


@pytest.mark.parametrize(
    ("text", "actor", "date", "expected"),
    [
        ("Zelenskyy", "UKR", "2022-03-01", "Volodymyr Zelensky"),
        ("Sergei Lavrov", "RUS", "2007-04-19", "Sergey Lavrov"),
        ("Konstantin Totskiy", "RUS", "2007-04-19", "Konstantin Totskiy"),
        ("Robert Gates", "USA", "2007-04-19", "Robert Gates"),
        ("Dmitry Peskov", "RUS", "2022-02-24", "Dmitry Peskov"),
        ("Mao Ning", "CHN", "2025-01-01", "Mao Ning"),
    ],
)
def test_people_resolve_by_name_or_alias_on_a_date(
    text: str, actor: str, date: str, expected: str
) -> None:
    found = {
        r["name"]
        for r in table("officials.csv")
        if r["actor"] == actor
        and covers(r, date)
        and any(text in variant for variant in [r["name"], *r["aliases"].split("|")])
    }
    assert found == {expected}


@pytest.mark.parametrize("code", REQUIRED)
def test_required_countries_always_have_a_leader_and_mostly_a_foreign_minister(code: str) -> None:
    rows = [r for r in table("officials.csv") if r["actor"] == code]
    heads = [r for r in rows if r["role"] in ("head_of_state", "head_of_government")]
    assert all(any(covers(r, month) for r in heads) for month in MONTHS), code
    if code != "SDN":  # Sudan's many interim foreign ministers are not all curated
        ministers = [r for r in rows if r["role"] == "foreign_minister"]
        covered = sum(any(covers(r, month) for r in ministers) for month in MONTHS)
        assert covered >= 0.9 * len(MONTHS), code


def test_every_ungdc_speaker_is_covered_by_an_official_row() -> None:
    for speaker in table("curated/ungdc_speakers.csv"):
        actor, date = speaker["country_iso3"], speaker["date"]
        assert any(
            r["actor"] == actor and covers(r, date) and "UNGDC" in r["source"]
            for r in table("officials.csv")
        ), speaker


def test_surface_forms_are_unique_and_every_ambiguity_is_marked() -> None:
    actors = codes("countries.csv") | codes("organisations.csv")
    rows = table("surface_forms.csv")
    assert len({r["text"] for r in rows}) == len(rows)
    for row in rows:
        candidates = row["candidates"].split("|")
        assert set(candidates) <= actors, row
        assert row["default"] in ("", *candidates), row
        assert row["ambiguous"] == ("yes" if len(candidates) > 1 or not row["default"] else "no")


@pytest.mark.parametrize(
    ("text", "candidates", "default"),
    [
        ("Brussels", {"EU", "NATO", "BEL"}, "EU"),
        ("Congolese", {"COD", "COG"}, "COD"),
        ("Secretary-General", {"UN", "NATO"}, "UN"),
        ("Kremlin", {"RUS"}, "RUS"),
        ("White House", {"USA"}, "USA"),
        ("Foggy Bottom", {"USA"}, "USA"),
        ("Downing Street", {"GBR"}, "GBR"),
        ("Élysée", {"FRA"}, "FRA"),
        ("Elysee", {"FRA"}, "FRA"),
        ("Zhongnanhai", {"CHN"}, "CHN"),
        ("Kiev", {"UKR"}, "UKR"),
        ("Kyiv", {"UKR"}, "UKR"),
        ("Emirati", {"ARE"}, "ARE"),
        ("Dutch", {"NLD"}, "NLD"),
        ("Ivorian", {"CIV"}, "CIV"),
        ("UNRWA", {"UN"}, "UN"),
        ("European Commission", {"EU"}, "EU"),
        ("Jerusalem", {"ISR"}, "ISR"),
    ],
)
def test_surface_form_spot_facts(text: str, candidates: set[str], default: str) -> None:
    row = next(r for r in table("surface_forms.csv") if r["text"] == text)
    assert candidates <= set(row["candidates"].split("|"))
    assert row["default"] == default


def test_metonyms_are_the_place_rows_of_surface_forms() -> None:
    surface = {r["text"]: r for r in table("surface_forms.csv")}
    for row in table("metonyms.csv"):
        assert surface[row["text"]] == row
