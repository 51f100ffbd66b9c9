"""Build the actor gazetteer in data/actors/ from the curated inputs in data/actors/curated/.

Run `python tools/build_gazetteer.py [--extract-ungdc PATH/ungdc.jsonl.gz]`; same inputs give
identical files. data/actors/SOURCES.md describes each file, its columns and its sources.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import logging
import os
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import pycountry

logger = logging.getLogger(__name__)

ACTORS_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"
SEP = "|"
ROLES = (
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister",
    "spokesperson", "ambassador", "official", "org_leader",
)  # fmt: skip
PRECISIONS = ("day", "month", "year", "attested")
UN_STATUSES = ("member", "observer", "non_member")
PLACE_KINDS = ("capital", "city", "seat", "institution", "org_seat", "org_building")
CURATED_SOURCE = "curated (general knowledge)"
UNGDC_SOURCE = "UNGDC speaker list"
UNGDC_NOTE = "Dates are only the General Debate dates on which this person spoke for the delegation"
USER_ASSIGNED = {"XKX": ("XK", "")}  # Kosovo has no ISO 3166-1 code: (alpha-2, numeric)
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
QUALIFIER_RE = re.compile(r"^(?P<text>.*?)\s*\((?P<qualifier>[^()]*)\)$")
ASCII_MAP = {
    **str.maketrans("øØđĐłŁıʻ’‘ðÐ", "oOdDlLi'''dD"),
    **str.maketrans({"ß": "ss", "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae"}),
}
COUNTRY_LISTS = (
    "short_names", "adjectives", "demonyms", "capitals", "seats_of_government", "institutions",
)  # fmt: skip
ORG_LISTS = ("abbreviations", "aliases", "seats", "buildings")
COLUMNS = {
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
COUNTRY_KINDS = {
    "name": "name", "official_name": "official_name", "iso_name": "iso_name",
    "short_names": "short_name", "adjectives": "adjective", "demonyms": "demonym",
    "capitals": "capital", "seats_of_government": "seat", "institutions": "institution",
}  # fmt: skip
ORG_KINDS = {
    "name": "name", "abbreviations": "abbreviation", "aliases": "alias",
    "seats": "org_seat", "buildings": "org_building",
}  # fmt: skip


class GazetteerError(ValueError):
    """A curated input is inconsistent; the message names the file, row and value."""


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a UTF-8 CSV with a header into dicts of NFC-normalised, stripped cells."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for line, row in enumerate(rows, start=2):
        if None in row or None in row.values():
            raise GazetteerError(f"{path.name}: row {line} has the wrong number of columns")
    return [{k: unicodedata.normalize("NFC", v.strip()) for k, v in row.items()} for row in rows]


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    """Write rows to a CSV atomically (temporary file in the same folder, then rename)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({column: row.get(column, "") for column in columns} for row in rows)
    os.chmod(tmp, 0o644)  # mkstemp creates 0600; these are shared data files
    os.replace(tmp, path)


def split(cell: str) -> list[str]:
    """Split a '|'-joined cell into its non-empty items."""
    return [item.strip() for item in cell.split(SEP) if item.strip()]


def ascii_form(text: str) -> str:
    """Return text without diacritics (Élysée -> Elysee, Støre -> Store)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(ASCII_MAP))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text: str) -> str:
    """Return a comparison key: ASCII, case-folded, no apostrophes, '.,-' as spaces."""
    return " ".join(re.sub(r"[.,\-]", " ", ascii_form(text).replace("'", "")).casefold().split())


def with_ascii(items: list[str], exclude: tuple[str, ...] = ()) -> list[str]:
    """Add the ASCII form of each item; drop duplicates and excluded items; keep the order."""
    out: list[str] = []
    for item in items:
        for candidate in (item, ascii_form(item)):
            if candidate not in out and candidate not in exclude:
                out.append(candidate)
    return out


def joined(row: dict[str, str], column: str) -> str:
    """Return a list cell of row with the ASCII forms of its items added."""
    return SEP.join(with_ascii(split(row[column])))


def check_date(value: str, where: str) -> None:
    """Raise if value is neither empty nor an ISO YYYY-MM-DD date."""
    if value and not DATE_RE.match(value):
        raise GazetteerError(f"{where}: date {value!r} is not YYYY-MM-DD")


def build_countries(curated: list[dict], regions: list[dict], groups: dict) -> list[dict]:
    """Join curated country rows with pycountry ISO data, M49 regions and current groups."""
    region_of: dict[str, dict] = {}
    for row in regions:
        for code in row["members"].split():
            if code in region_of:
                raise GazetteerError(f"regions.csv: {code} is listed twice")
            region_of[code] = row
    out = []
    for line, row in enumerate(curated, start=2):
        code, where = row["code"], f"countries.csv row {line}"
        iso = pycountry.countries.get(alpha_3=code)
        if iso is None and code not in USER_ASSIGNED:
            raise GazetteerError(f"{where}: {code!r} is not an ISO 3166-1 alpha-3 code")
        if code not in region_of or row["un_status"] not in UN_STATUSES:
            raise GazetteerError(f"{where}: {code} has no region or a bad un_status")
        iso2, numeric = (iso.alpha_2, iso.numeric) if iso else USER_ASSIGNED[code]
        region = {k: region_of[code][k] for k in ("region", "subregion", "intermediate_region")}
        lists = {column: joined(row, column) for column in COUNTRY_LISTS}
        out.append(
            {**row, **lists, **region, "iso2": iso2, "numeric": numeric}
            | {"iso_name": iso.name if iso else "", "groups": SEP.join(groups.get(code, []))}
        )
    return sorted(out, key=lambda r: r["code"])


def build_organisations(curated: list[dict]) -> list[dict]:
    """Check organisation codes and add ASCII forms to their name lists."""
    for row in curated:
        if not re.fullmatch(r"[A-Z0-9_]+", row["code"]):
            raise GazetteerError(f"organisations.csv: bad code {row['code']!r}")
    out = [{**row, **{column: joined(row, column) for column in ORG_LISTS}} for row in curated]
    return sorted(out, key=lambda r: r["code"])


def expand_memberships(curated: list[dict], countries: list[dict], known: set[str]) -> list[dict]:
    """Expand compact membership rows to one row per member; add UN members from countries."""
    note = "UN member state (admission date not curated)"
    rows = [
        {"group": "UN", "member_code": c["code"], "status": "member", "note": note}
        for c in countries
        if c["un_status"] == "member"
    ]
    for line, row in enumerate(curated, start=2):
        where = f"memberships.csv row {line}"
        check_date(row["start"], where)
        check_date(row["end"], where)
        if row["group"] not in known or (row["start"] and row["end"] and row["start"] > row["end"]):
            raise GazetteerError(f"{where}: unknown group {row['group']!r} or start after end")
        for code in row["members"].split():
            if code not in known and pycountry.countries.get(alpha_3=code) is None:
                raise GazetteerError(f"{where}: member {code!r} is neither an actor nor ISO3")
            rows.append({**row, "member_code": code})
    key = ("group", "member_code", "start", "status")
    return sorted(rows, key=lambda r: tuple(r.get(k, "") for k in key))


def current_groups(memberships: list[dict]) -> dict[str, list[str]]:
    """Map each member code to the groups it belongs to with no recorded end."""
    groups: dict[str, set[str]] = defaultdict(set)
    for row in memberships:
        if row["status"] in ("member", "participating_state") and not row.get("end"):
            groups[row["member_code"]].add(row["group"])
    return {code: sorted(names) for code, names in groups.items()}


def person_id(name: str) -> str:
    """Return a stable slug for a person's canonical name."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def normalise_official(row: dict, where: str, actors: set[str]) -> dict:
    """Fill the defaults of one curated official row and validate it."""
    out = {**row, "person_id": person_id(row["name"]), "source": row["source"] or CURATED_SOURCE}
    for edge in ("start", "end"):
        check_date(row[edge], where)
        precision = row[f"{edge}_precision"] or ("day" if row[edge] else "")
        if precision and (precision not in PRECISIONS or not row[edge]):
            raise GazetteerError(f"{where}: {edge}_precision {precision!r} needs a valid {edge}")
        out[f"{edge}_precision"] = precision
    if row["role"] not in ROLES or row["actor"] not in actors or not row["start"]:
        raise GazetteerError(f"{where}: bad role {row['role']!r} or actor {row['actor']!r}")
    if row["end"] and row["end"] < row["start"]:
        raise GazetteerError(f"{where}: end {row['end']} is before start {row['start']}")
    return out


def add_source(row: dict, alias: list[str]) -> None:
    """Mark a curated row as confirmed by the UNGDC speaker list and add a name variant."""
    if UNGDC_SOURCE not in row["source"]:
        row["source"] = f"{row['source']}; {UNGDC_SOURCE}"
    row["aliases"] = SEP.join(with_ascii(split(row["aliases"]) + alias, (row["name"],)))


def merge_ungdc(officials: list, speakers: list, names: list, posts: dict, countries: set) -> list:
    """Attach UNGDC speakers to curated rows covering the debate date; derive rows for others."""
    fixes = {(row["country"], row["speaker"]): row for row in names}
    known: dict[tuple[str, str], str] = {}
    for row in officials:
        for variant in [row["name"], *split(row["aliases"])]:
            known.setdefault((row["actor"], fold(variant)), row["person_id"])
    derived: dict[tuple, dict] = {}
    for sp in speakers:
        actor, date, raw = sp["country_iso3"], sp["date"], sp["speaker"]
        fix = fixes.get((actor, raw), {})
        name = fix.get("name") or raw
        alias = [raw] if raw != name and fix.get("alias", "yes") == "yes" else []
        pid = known.get((actor, fold(name)), person_id(name))
        mine = [r for r in officials if r["person_id"] == pid and r["actor"] == actor]
        covering = [r for r in mine if r["start"] <= date and (not r["end"] or date <= r["end"])]
        for row in covering:
            add_source(row, alias)
        if covering:
            continue
        if mine:
            logger.info("UNGDC %s %s %s: no curated row covers %s", actor, sp["year"], name, date)
        role = fix.get("role") or posts.get(sp["speaker_post"], "official")
        role = "org_leader" if actor not in countries and role != "official" else role
        title = fix.get("title") or sp["speaker_post"]
        note = "; ".join(filter(None, [UNGDC_NOTE, fix.get("note", "")]))
        values = (pid, name, "", actor, role, title, date, date, "attested", "attested")
        entry = derived.setdefault(
            (pid, actor, role, fold(title)),
            dict(zip(COLUMNS["officials.csv"].split(), (*values, UNGDC_SOURCE, note), strict=True)),
        )
        entry["start"], entry["end"] = min(entry["start"], date), max(entry["end"], date)
        entry["aliases"] = SEP.join(with_ascii(split(entry["aliases"]) + alias, (name,)))
    return officials + list(derived.values())


def build_officials(curated: list[dict], ungdc: tuple, actors: set[str]) -> list[dict]:
    """Validate curated officials, merge UNGDC speakers and share aliases across a person's rows."""
    rows = [
        normalise_official(r, f"officials.csv row {n}", actors) for n, r in enumerate(curated, 2)
    ]
    rows = merge_ungdc(rows, *ungdc)
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        aliases[row["person_id"]] += [row["name"], *split(row["aliases"])]
    for row in rows:
        row["aliases"] = SEP.join(with_ascii(aliases[row["person_id"]], (row["name"],)))
    order = {role: index for index, role in enumerate(ROLES)}
    return sorted(
        rows, key=lambda r: (r["actor"], order[r["role"]], r["start"], r["name"], r["title"])
    )


def collect_forms(countries: list[dict], organisations: list[dict], ambiguous: list[dict]) -> list:
    """List (text, code, kind) for every name, demonym, place and institution of every actor."""
    forms = []
    for rows, kinds in ((countries, COUNTRY_KINDS), (organisations, ORG_KINDS)):
        for row in rows:
            for column, kind in kinds.items():
                forms += [(text, row["code"], kind) for text in with_ascii(split(row[column]))]
    for row in ambiguous:
        for text in with_ascii([row["text"]]):
            forms += [(text, code, row["kind"]) for code in split(row["candidates"])]
    return forms


def resolve_form(text: str, entry: dict, curated: dict[str, dict]) -> dict[str, str]:
    """Return one surface-form row: candidates, default and rule, checked against ambiguous.csv."""
    codes, default, rule = entry["codes"], entry["codes"][0], ""
    if fold(text) in curated:
        row = curated[fold(text)]
        candidates = split(row["candidates"])
        if not set(codes) <= set(candidates) or row["default"] not in ("", *candidates):
            raise GazetteerError(f"ambiguous.csv: {text!r} must list all of {codes}")
        codes, default, rule = candidates, row["default"], row["rule"]
    elif len(codes) > 1:
        raise GazetteerError(f"{text!r} stands for {codes}: add it to curated/ambiguous.csv")
    elif entry["qualifiers"]:
        default, rule = "", "Generic: only with context (" + "; ".join(entry["qualifiers"]) + ")"
    kinds = sorted(entry["kinds"])
    exact = "abbreviation" in kinds or not re.search(r"[a-z]", text)
    return {
        "text": text, "candidates": SEP.join(codes), "default": default, "kind": SEP.join(kinds),
        "ambiguous": "yes" if len(codes) > 1 or not default else "no",
        "case_sensitive": "yes" if exact else "no", "rule": rule,
    }  # fmt: skip


def build_surface_forms(countries: list, organisations: list, ambiguous: list) -> list[dict]:
    """Group all surface forms by text; a text with several candidates must be in ambiguous.csv."""
    grouped: dict[str, dict] = {}
    for raw, code, kind in collect_forms(countries, organisations, ambiguous):
        match = QUALIFIER_RE.match(raw) if kind in PLACE_KINDS else None
        text, qualifier = (match["text"], match["qualifier"]) if match else (raw, "")
        entry = grouped.setdefault(text, {"codes": [], "kinds": set(), "qualifiers": []})
        entry["codes"] += [] if code in entry["codes"] else [code]
        entry["kinds"].add(kind)
        entry["qualifiers"] += [qualifier] if qualifier else []
    curated = {fold(row["text"]): row for row in ambiguous}
    return [resolve_form(text, entry, curated) for text, entry in sorted(grouped.items())]


def extract_ungdc(source: Path, target: Path) -> int:
    """Write the speaker list (country, year, date, speaker, post) of a UNGDC JSONL.GZ to target."""
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    columns = ["country_iso3", "year", "date", "speaker", "speaker_post"]
    rows = [
        dict(zip(columns, (r["country_iso3"], str(r["year"]), r["date"], " ".join(
            r["speaker"].split()).rstrip(","), r["speaker_post"].strip()), strict=True))
        for r in records
    ]  # fmt: skip
    rows.sort(key=lambda r: (r["country_iso3"], r["year"]))
    write_csv(target, columns, rows)
    return len(rows)


def build(actors_dir: Path = ACTORS_DIR) -> dict[str, int]:
    """Read the curated inputs, validate them, write every generated file; return row counts."""
    curated = actors_dir / "curated"
    organisations = build_organisations(read_csv(curated / "organisations.csv"))
    raw_countries = read_csv(curated / "countries.csv")
    actors = {row["code"] for row in raw_countries + organisations}
    memberships = expand_memberships(read_csv(curated / "memberships.csv"), raw_countries, actors)
    regions = read_csv(curated / "regions.csv")
    countries = build_countries(raw_countries, regions, current_groups(memberships))
    posts = {row["post"]: row["role"] for row in read_csv(curated / "ungdc_posts.csv")}
    speakers = read_csv(curated / "ungdc_speakers.csv")
    ungdc = (
        speakers,
        read_csv(curated / "ungdc_names.csv"),
        posts,
        {r["code"] for r in raw_countries},
    )
    officials = build_officials(read_csv(curated / "officials.csv"), ungdc, actors)
    surface = build_surface_forms(countries, organisations, read_csv(curated / "ambiguous.csv"))
    metonyms = [row for row in surface if set(row["kind"].split(SEP)) & set(PLACE_KINDS)]
    tables = (countries, organisations, memberships, officials, surface, metonyms)
    outputs = dict(zip(COLUMNS, tables, strict=True))  # same order as COLUMNS
    for name, rows in outputs.items():
        write_csv(actors_dir / name, COLUMNS[name].split(), rows)
    counts = {name: len(rows) for name, rows in outputs.items()}
    manifest = {"builder": "tools/build_gazetteer.py", "pycountry": version("pycountry")}
    manifest["rows"] = counts
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    (actors_dir / "manifest.json").write_text(text, encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: optionally refresh the UNGDC snapshot, then build."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--extract-ungdc", type=Path, metavar="PATH", help="UNGDC ungdc.jsonl.gz")
    parser.add_argument("-v", "--verbose", action="store_true", help="report unmerged speakers")
    args = parser.parse_args(argv)
    level = logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(message)s")
    try:
        if args.extract_ungdc:
            count = extract_ungdc(args.extract_ungdc, ACTORS_DIR / "curated" / "ungdc_speakers.csv")
            logger.warning("extracted %d UNGDC speaker rows", count)
        counts = build()
    except (GazetteerError, OSError, KeyError) as error:
        logger.error("build_gazetteer: %s", error)
        return 1
    logger.warning("wrote %s", ", ".join(f"{name}: {n}" for name, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
