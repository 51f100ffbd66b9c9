"""Property tests of the loader on hostile and broken input (hypothesis).

Whatever the bytes, loading never raises: every record ends up accepted, rejected (with a
reason) or a duplicate, and a file that cannot be read is a file problem. Where the input says
how many records it holds (JSON Lines, CSV, a JSON array, one page per text/HTML file), none is
lost: records in == that number, unless the whole file was refused with a fatal file problem.

Runs derandomised (the same examples every run) and bounded, so CI stays fast and reproducible.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import os
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis.corpus import LoadReport, load_corpus, load_uploaded
from analysis.limits import Limits

# STANCEMAP_FUZZ_EXAMPLES=5000 runs a deeper, random search (by hand, not in CI).
DEEP = int(os.environ.get("STANCEMAP_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=DEEP or 60,
    deadline=None,
    derandomize=not DEEP,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LIMITS = Limits(max_text_chars=5_000)

# Text with the characters that break loaders: controls and NUL, bidi marks, line and paragraph
# separators, BOMs, combining marks, emoji (astral plane), quotes; plus any Unicode at all.
NASTY = st.sampled_from(
    [
        "\x00", "\x07", "\x1b", "\x85", "\r", "\n", "\r\n", "\t", "\x0b", "\x0c",
        "\u2028", "\u2029", "\ufeff", "\ufffe", "\u200b", "\u200f", "\u202e", "\u2066",
        "\u0301", "\U0001f600", "\U0001f1fa\U0001f1e6", "\u05e9\u05dc\u05d5\u05dd",
        "\u0645\u0631\u062d\u0628\u0627", "\u201c", "\u201d", '"', "'", ",", ";", "|",
        "<script>", "](javascript:", "\\", "{", "}", "[", "]", " ", "\u00a0", "\u3000",
    ]
)  # fmt: skip
WORDS = st.sampled_from(["Russia", "said", "talks", "NATO", "the", "Kyiv", "Київ", "."])
TEXT = st.lists(st.one_of(st.text(max_size=30), NASTY, WORDS), max_size=40).map("".join)
LONG_LINE = st.builds(lambda t, n: t * n, st.text(min_size=1, max_size=8), st.integers(500, 3000))
ANY_TEXT = st.one_of(TEXT, LONG_LINE, st.just(""), st.just("   \n\t "))
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    ANY_TEXT,
)
# Well-formed JSON that json.loads still refuses or that breaks code after it: numbers past
# Python's 4,300-digit limit or past a float, deep nesting, RFC 2822 dates with huge numbers.
HOSTILE_JSON = st.one_of(
    st.integers(1, 6000).map(lambda n: '{"text": "a", "date": 1' + "0" * n + "}"),
    st.integers(1, 3000).map(lambda n: '{"text": "a", "x": ' + "[" * n + "]" * n + "}"),
    st.integers(1, 3000).map(lambda n: "[" * n),
    st.integers(1, 30).map(lambda n: '{"text": "a", "date": "Fri, 4 Jan 1' + "9" * n + ' 1:0:0"}'),
)
DATE = st.one_of(
    st.integers(-(10**500), 10**500),
    st.builds(
        "Fri, {} Jan {} {}:00:{} GMT".format,
        st.integers(),
        st.integers(),
        st.integers(),
        st.integers(),
    ),  # fmt: skip
    st.datetimes().map(str),
    st.sampled_from(["2019-02-30", "0000-01-01", "31/12/2020", "12/31/2020", "1e400", "NaN"]),
)
VALUE = st.one_of(
    SCALAR, DATE, st.lists(SCALAR, max_size=3), st.dictionaries(TEXT, SCALAR, max_size=2)
)
FIELD_NAMES = st.sampled_from(
    ["id", "title", "text", "body", "source", "date", "url", "kind", "licence", "speaker"]
)
RECORD = st.dictionaries(st.one_of(FIELD_NAMES, TEXT), VALUE, max_size=6) | st.fixed_dictionaries(
    {"text": ANY_TEXT},
    optional={
        "id": SCALAR,
        "title": ANY_TEXT,
        "source": VALUE,
        "date": st.one_of(DATE, VALUE),
        "url": VALUE,
    },
)


def check_accounts(report: LoadReport) -> None:
    """The loader's promise: every record counted exactly once."""
    assert report.records_in == report.accepted + len(report.rejected) + len(report.duplicates)
    assert len({a.id for a in report.articles}) == report.accepted
    for article in report.articles:
        assert article.text.strip() and article.text == article.text.strip()
        assert "\x00" not in article.text and "\r" not in article.text
        assert "\n" not in article.title and "\n" not in article.source
    for rejection in report.rejected:
        assert rejection.reason


def refused(report: LoadReport, name: str) -> bool:
    """True when the file `name` was refused as a whole (a fatal file problem)."""
    return any(p.file == name and p.fatal for p in report.file_problems)


def check_count(report: LoadReport, name: str, expected: int) -> None:
    check_accounts(report)
    if refused(report, name):
        assert report.records_in == 0
    else:
        assert report.records_in == expected, report.summary()


def jsonl_lines(records: list[object], junk: list[str], ascii_only: bool) -> list[str]:
    """JSON lines, with junk lines (never blank: they start with '~' or are JSON) among them."""
    lines = [json.dumps(r, ensure_ascii=ascii_only) for r in records]
    for i, bad in enumerate(junk):
        line = bad if bad[:1] in ("{", "[") else "~" + bad
        lines.insert((i * 7) % (len(lines) + 1), line.replace("\n", " "))
    return lines


@given(
    records=st.lists(RECORD, max_size=8),
    junk=st.lists(st.one_of(TEXT, HOSTILE_JSON), max_size=3),
    ascii_only=st.booleans(),
    newline=st.sampled_from(["\n", "\r\n"]),
)
@example(  # control characters that are line breaks for str.splitlines but not for JSON Lines
    records=[{"text": "a\u2028b"}, {"text": "\x85x\x1cy"}],
    junk=["\x00"],
    ascii_only=False,
    newline="\n",
)
@example(  # a date of 400 digits: float() overflowed (OverflowError escaped the loader)
    records=[{"text": "a", "date": 10**400}], junk=[], ascii_only=True, newline="\n"
)
@example(  # json.loads raises ValueError (not JSONDecodeError) past 4,300 digits
    records=[], junk=['{"text": "a", "date": 1' + "0" * 5000 + "}"], ascii_only=True, newline="\n"
)
@example(  # RecursionError from json.loads
    records=[{"text": "b"}], junk=["[" * 100_000], ascii_only=True, newline="\n"
)
@example(  # email.utils raised OverflowError for a huge year
    records=[{"text": "c", "date": "Fri, 04 Jan 99999999999 10:00:00 GMT"}],
    junk=[],
    ascii_only=True,
    newline="\n",
)
@example(  # NULs in every other byte of a junk line: the file was read as UTF-16 and garbled
    records=[{"text": "ok"}, {"text": "two"}], junk=["a\x00" * 100], ascii_only=True, newline="\n"
)
@FUZZ
def test_jsonl_never_loses_a_record(
    records: list[object], junk: list[str], ascii_only: bool, newline: str
) -> None:
    lines = jsonl_lines(records, junk, ascii_only)
    data = (newline.join(lines) + newline).encode("utf-8", "surrogatepass")
    report = load_uploaded([("fuzz.jsonl", data)], limits=LIMITS)
    check_count(report, "fuzz.jsonl", len(lines))


@given(
    rows=st.lists(st.tuples(ANY_TEXT, ANY_TEXT, ANY_TEXT, ANY_TEXT), max_size=8),
    header=st.sampled_from(["title,text,source,date", "headline,body,outlet,published"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
@FUZZ
def test_csv_never_loses_a_row(rows: list[tuple[str, ...]], header: str, delimiter: str) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header.split(","))
    writer.writerows(rows)
    name = "fuzz.tsv" if delimiter == "\t" else "fuzz.csv"
    report = load_uploaded([(name, buf.getvalue().encode("utf-8"))], limits=LIMITS)
    # A row whose every cell is blank is a blank line, not a record (as in JSON Lines).
    expected = sum(1 for row in rows if any(_csv_cell(c).strip() for c in row))
    check_count(report, name, expected)


def _csv_cell(cell: str) -> str:
    """A cell as the reader sees it: NUL characters are dropped before parsing."""
    return cell.replace("\x00", "")


@given(records=st.lists(st.one_of(RECORD, SCALAR), max_size=8), wrapped=st.booleans())
@FUZZ
def test_json_array_never_loses_an_element(records: list[object], wrapped: bool) -> None:
    value: object = {"articles": records} if wrapped else records
    data = json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
    report = load_uploaded([("fuzz.json", data)], limits=LIMITS)
    check_count(report, "fuzz.json", len(records))


@given(text=ANY_TEXT, name=st.sampled_from(["page.txt", "2021-05-06-page.md", "page.html"]))
@example(text="<html><body><p>\x00</p></body></html>", name="page.html")
@example(text="---\ntitle: \n---\n", name="page.md")
@FUZZ
def test_a_page_file_is_one_record(text: str, name: str) -> None:
    report = load_uploaded([(name, text.encode("utf-8"))], limits=LIMITS)
    check_count(report, name, 1)


@given(
    records=st.lists(RECORD, min_size=1, max_size=5),
    pack=st.sampled_from(["gz", "zip"]),
    members=st.integers(1, 3),
)
@example(records=[{"text": "one"}, {"text": "two"}], pack="gz", members=2)  # `cat a.gz b.gz`
@FUZZ
def test_packed_jsonl_never_loses_a_record(records: list[object], pack: str, members: int) -> None:
    lines = jsonl_lines(records, [], ascii_only=False)
    data = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    if pack == "gz":  # several gzip members one after another, as `cat a.gz b.gz` makes
        cut = [len(lines) * i // members for i in range(members + 1)]
        parts = ["".join(f"{line}\n" for line in lines[a:b]) for a, b in itertools.pairwise(cut)]
        packed = b"".join(gzip.compress(p.encode("utf-8", "surrogatepass")) for p in parts)
        name = member = "fuzz.jsonl.gz"
    else:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("in/fuzz.jsonl", data)
        name, member, packed = "fuzz.zip", "fuzz.zip!in/fuzz.jsonl", buf.getvalue()
    report = load_uploaded([(name, packed)], limits=LIMITS)
    check_count(report, member, len(lines))


@given(
    data=st.one_of(
        st.binary(max_size=2000),
        TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
        TEXT.map(lambda t: t.encode("utf-16")),
    ),
    name=st.sampled_from(
        [
            "x.jsonl",
            "x.json",
            "x.csv",
            "x.tsv",
            "x.txt",
            "x.html",
            "x.parquet",
            "x.jsonl.gz",
            "x.zip",
            "x.csv.gz",
            "x.zip.gz",
            "x",
            "x.exe",
        ]
    ),  # fmt: skip
    cut=st.integers(0, 40),
)
@FUZZ
def test_random_bytes_never_crash(data: bytes, name: str, cut: int) -> None:
    if name.endswith(".gz") and cut % 2:
        data = gzip.compress(data)[: len(data) + cut]  # sometimes cut short
    report = load_uploaded([(name, data)], limits=LIMITS)
    check_accounts(report)


@given(
    files=st.lists(
        st.tuples(st.sampled_from(["a.jsonl", "b.csv", "c.txt", "d.json"]), ANY_TEXT),
        min_size=1,
        max_size=4,
        unique_by=lambda f: f[0],
    )
)
@settings(FUZZ, max_examples=30, suppress_health_check=list(HealthCheck))
def test_files_on_disk_never_crash(files: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, text in files:
            (root / name).write_bytes(text.encode("utf-8", "surrogatepass"))
        report = load_corpus([root], limits=LIMITS)
    check_accounts(report)
