"""The loader over a catalogue of bad and odd input: exact accounting and messages for each."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.corpus import LoadReport, load_uploaded
from analysis.limits import Limits


def jsonl(*records: object) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records).encode() + b"\n"


def zipped(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buf.getvalue()


def parquet(rows: list[dict[str, object]]) -> bytes:
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows), buf)
    return buf.getvalue()


GOOD = {"id": "a1", "title": "Talks", "text": "Leaders met in Geneva.", "date": "2024-05-01"}


@dataclass
class Case:
    files: dict[str, bytes]
    records_in: int
    accepted: int
    rejected: list[tuple[str, int, str | None, str]] = field(
        default_factory=list
    )  # file, line, field, reason part
    duplicates: int = 0
    problems: list[tuple[str, str, bool]] = field(default_factory=list)  # file, reason part, fatal
    limits: Limits = field(default_factory=Limits)


CASES = {
    "valid jsonl": Case(
        {"a.jsonl": jsonl(GOOD, {**GOOD, "id": "a2", "text": "Other text."})}, 2, 2
    ),
    "invalid json line": Case(
        {"a.jsonl": jsonl(GOOD, '{"id": "x", "text": "cut')},
        2,
        1,
        [("a.jsonl", 2, None, "not valid JSON")],
    ),
    "json line is a list": Case(
        {"a.jsonl": jsonl(GOOD, "[1, 2]")},
        2,
        1,
        [("a.jsonl", 2, None, "a JSON list, not an object")],
    ),
    "blank lines are not records": Case({"a.jsonl": b"\n\n" + jsonl(GOOD) + b"\n   \n"}, 1, 1),
    "missing text field": Case(
        {"a.jsonl": jsonl({"id": "x", "title": "No body"})},
        1,
        0,
        [
            (
                "a.jsonl",
                1,
                "text",
                "no text: the record has no text/body/content field (fields: id, title)",
            )
        ],
    ),
    "whitespace-only text": Case(
        {"a.jsonl": jsonl({"id": "x", "text": " \n\t "})},
        1,
        0,
        [("a.jsonl", 1, "text", "text is empty")],
    ),
    "text is a number": Case(
        {"a.jsonl": jsonl({"id": "x", "text": 42})},
        1,
        0,
        [("a.jsonl", 1, "text", "text is a number, not a string")],
    ),
    "title is a list": Case(
        {"a.jsonl": jsonl({"text": "Body.", "title": ["a"]})},
        1,
        0,
        [("a.jsonl", 1, "title", "title is a list, not a string")],
    ),
    "same id twice": Case(
        {"a.jsonl": jsonl(GOOD, {**GOOD, "text": "Different."})}, 2, 1, duplicates=1
    ),
    "same text, other case and spacing": Case(
        {"a.jsonl": jsonl(GOOD, {**GOOD, "id": "b", "text": "LEADERS  met in\nGeneva."})},
        2,
        1,
        duplicates=1,
    ),
    "duplicates across files": Case(
        {"a.jsonl": jsonl(GOOD), "b.jsonl": jsonl(GOOD)}, 2, 1, duplicates=1
    ),
    "text too long": Case(
        {"a.jsonl": jsonl({"text": "x" * 101})},
        1,
        0,
        [("a.jsonl", 1, "text", "text is 101 characters long; the limit is 100")],
        limits=Limits(max_text_chars=100),
    ),
    "semicolon csv": Case({"a.csv": b"headline;body;published\nT;Some text;2020-01-02\n"}, 1, 1),
    "csv row with too many fields": Case(
        {"a.csv": b"title,text\nA,ok\nB,one,two\n"},
        2,
        1,
        [("a.csv", 3, None, "row has 3 fields; the header has 2")],
    ),
    "csv without a text column": Case(
        {"a.csv": b"title,when\nA,2020\n"}, 0, 0, problems=[("a.csv", "no text column", True)]
    ),
    "tsv": Case({"a.tsv": b"title\ttext\nA\tTab separated, with a comma.\n"}, 1, 1),
    "csv with quoted newlines": Case({"a.csv": b'title,text\n"A","para one\n\npara two"\n'}, 1, 1),
    "utf-8 bom csv": Case({"a.csv": "\ufefftext,title\nÉtat,Fr\n".encode()}, 1, 1),
    "utf-16 jsonl": Case({"a.jsonl": json.dumps({"text": "Kyiv – Київ"}).encode("utf-16")}, 1, 1),
    "cp1252 smart quotes": Case(
        {"a.txt": "Title line\n\n\u201cWe agree,\u201d he said.".encode("cp1252")}, 1, 1
    ),
    "nul and control characters": Case(
        {"a.jsonl": jsonl({"text": "Clean\u0000 te\u0007xt"})}, 1, 1
    ),
    "empty file": Case({"a.jsonl": b""}, 0, 0, problems=[("a.jsonl", "file is empty", True)]),
    "binary data": Case(
        {"a.csv": bytes(range(256)) * 20},
        0,
        0,
        problems=[("a.csv", "does not look like csv text", True)],
    ),
    "unsupported type": Case(
        {"a.xlsx": b"PK"}, 0, 0, problems=[("a.xlsx", "unsupported file type .xlsx", True)]
    ),
    "json array with a non-object": Case(
        {"a.json": json.dumps([GOOD, 3]).encode()},
        2,
        1,
        [("a.json", 2, None, "element 2 is a JSON number")],
    ),
    "json object holding articles": Case(
        {"a.json": json.dumps({"articles": [GOOD]}).encode()}, 1, 1
    ),
    "jsonl saved as .json": Case(
        {"a.json": jsonl(GOOD, {**GOOD, "id": "z", "text": "More."})}, 2, 2
    ),
    "broken json": Case(
        {"a.json": b'[{"text": "a"},'},
        0,
        0,
        problems=[("a.json", "not valid JSON (Expecting value at line 1", True)],
    ),
    "gzip jsonl": Case({"a.jsonl.gz": gzip.compress(jsonl(GOOD))}, 1, 1),
    "gzip cut short": Case(  # 8-byte trailer lost: every record arrives, the file is flagged
        {"a.jsonl.gz": gzip.compress(jsonl(GOOD, {"text": "Second."}))[:-8]},
        2,
        2,
        problems=[("a.jsonl.gz", "gzip file is cut short", False)],
    ),
    "not gzip": Case(
        {"a.jsonl.gz": b"plain text"},
        0,
        0,
        problems=[("a.jsonl.gz", "not a valid gzip file", True)],
    ),
    "zip of pages": Case(
        {
            "pages.zip": zipped(
                {
                    "one.txt": b"First title\n\nBody one.",
                    "sub/two.md": b"# Second\n\nBody two.",
                    "three.html": b"<html><body><article><p>Body 3.</p></article></body></html>",
                    "__MACOSX/._one.txt": b"junk",
                    "inner.zip": zipped({"x.txt": b"x"}),
                }
            )
        },
        3,
        3,
        problems=[
            ("pages.zip!__MACOSX/._one.txt", "hidden or operating-system file", True),
            ("pages.zip!inner.zip", "a ZIP inside a ZIP is not read", True),
        ],
    ),
    "zip bomb member": Case(
        {"bomb.zip": zipped({"zeros.txt": b"0" * 5_000_000})},
        0,
        0,
        problems=[("bomb.zip!zeros.txt", "compression ratio", True)],
    ),
    "zip with too many files": Case(
        {"many.zip": zipped({f"{i}.txt": b"text" for i in range(3)})},
        0,
        0,
        problems=[("many.zip", "ZIP holds 3 files; the limit is 2", True)],
        limits=Limits(max_zip_members=2),
    ),
    "not a zip": Case(
        {"a.zip": b"nope"}, 0, 0, problems=[("a.zip", "not a readable ZIP archive", True)]
    ),
    "file too big": Case(
        {"a.jsonl": jsonl(GOOD)},
        0,
        0,
        problems=[("a.jsonl", "the limit is 10 bytes", True)],
        limits=Limits(max_file_bytes=10),
    ),
    "record limit": Case(
        {"a.jsonl": jsonl(*({"text": f"t{i}"} for i in range(5)))},
        3,
        3,
        problems=[("a.jsonl", "stopped at line/row 4: the limit of 3 records", False)],
        limits=Limits(max_records=3),
    ),
    "parquet": Case(
        {"a.parquet": parquet([GOOD, {**GOOD, "id": "p2", "text": None}])},
        2,
        1,
        [("a.parquet", 2, "text", "no text")],
    ),
    "broken parquet": Case(
        {"a.parquet": b"PAR1 nothing"},
        0,
        0,
        problems=[("a.parquet", "not a readable Parquet file", True)],
    ),
    # Regressions found by tests/unit/test_fuzz_loader.py:
    "csv with bare carriage returns": Case(  # csv.Error escaped the loader
        {"a.csv": b"title,text\rA,Old Mac line ends.\rB,Second row.\r"}, 2, 2
    ),
    "csv lone carriage return": Case(
        {"a.csv": b"\r!"}, 0, 0, problems=[("a.csv", "no text column", True)]
    ),
    "csv header names that collide once renamed": Case(  # x,x_3,x: a column was lost
        {"a.csv": b"x,x_3,x,text\n1,2,3,Body.\n"}, 1, 1
    ),
    "concatenated gzip members": Case(  # `cat a.gz b.gz`: the second member was dropped
        {"a.jsonl.gz": gzip.compress(jsonl(GOOD)) + gzip.compress(jsonl({"text": "Second."}))},
        2,
        2,
    ),
    "gzip padded with zeros": Case({"a.jsonl.gz": gzip.compress(jsonl(GOOD)) + bytes(512)}, 1, 1),
    "json number too long for a date": Case(  # OverflowError from float()
        {"a.jsonl": b'{"text": "a", "date": 1' + b"0" * 400 + b"}\n"}, 1, 1
    ),
    "json number past python's digit limit": Case(  # ValueError, not JSONDecodeError
        {"a.jsonl": jsonl(GOOD, '{"text": "b", "n": 1' + "0" * 5000 + "}")},
        2,
        1,
        [("a.jsonl", 2, None, "a number with more digits than Python reads")],
    ),
    "json nested too deeply": Case(  # RecursionError
        {"a.jsonl": jsonl(GOOD, "[" * 100_000)},
        2,
        1,
        [("a.jsonl", 2, None, "nested too deeply")],
    ),
    "json file nested too deeply": Case(
        {"a.json": b"[" * 100_000}, 0, 0, problems=[("a.json", "nested too deeply", True)]
    ),
    "rfc 2822 date with a huge year": Case(  # OverflowError from email.utils
        {"a.jsonl": jsonl({"text": "a", "date": "Fri, 04 Jan 99999999999 10:00:00 GMT"})}, 1, 1
    ),
    "utf-8 with a run of NULs is not utf-16": Case(  # was read as UTF-16: records garbled
        {"a.jsonl": jsonl(GOOD, "~" + "a\x00" * 100, {"text": "Two."})},
        0,
        0,
        problems=[("a.jsonl", "does not look like jsonl text", True)],
    ),
    "gzip cut short before any data": Case(
        {"a.jsonl.gz": gzip.compress(jsonl(GOOD))[:10]},
        0,
        0,
        problems=[("a.jsonl.gz", "gzip file is cut short before any data", True)],
    ),
    "one bad file, one good": Case(
        {"bad.json": b"{", "good.jsonl": jsonl(GOOD)},
        1,
        1,
        problems=[("bad.json", "not valid JSON", True)],
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_catalogue(case: Case) -> None:
    report = load_uploaded(list(case.files.items()), limits=case.limits)
    assert (report.records_in, report.accepted, len(report.duplicates)) == (
        case.records_in,
        case.accepted,
        case.duplicates,
    )
    assert report.records_in == report.accepted + len(report.rejected) + len(report.duplicates)
    got = [(r.file, r.line, r.field) for r in report.rejected]
    assert got == [(f, line, fld) for f, line, fld, _ in case.rejected]
    for rejection, (*_, reason) in zip(report.rejected, case.rejected, strict=True):
        assert reason in rejection.reason
    assert [(p.file, p.fatal) for p in report.file_problems] == [
        (f, fatal) for f, _, fatal in case.problems
    ]
    for problem, (_, reason, _) in zip(report.file_problems, case.problems, strict=True):
        assert reason in problem.reason


def one(files: dict[str, bytes]) -> LoadReport:
    report = load_uploaded(list(files.items()))
    assert report.accepted == 1, report.summary()
    return report


def test_aliases_map_to_fields() -> None:
    record = {
        "headline": "H",
        "Body": "B text.",
        "pubDate": "Fri, 04 Jan 2019 10:00:00 GMT",
        "link": "https://x.org//a//b",
        "outlet": {"name": "Daily"},
        "extra": [1],
    }
    article = one({"a.jsonl": jsonl(record)}).articles[0]
    assert (article.title, article.text, article.date, article.source) == (
        "H",
        "B text.",
        "2019-01-04",
        "Daily",
    )
    assert article.url == "https://x.org/a/b"
    assert json.loads(article.extra_json) == {"extra": [1]}


def test_dates_keep_precision_and_undated_is_flagged() -> None:
    report = load_uploaded(
        [
            (
                "a.jsonl",
                jsonl(
                    {"title": "A", "text": "a", "date": "2019-03"},
                    {"title": "B", "text": "b"},
                    {"title": "C", "text": "c", "date": "soon"},
                ),
            )
        ]
    )
    month, undated, unread = report.articles
    assert (month.date, month.date_precision) == ("2019-03-01", "month")
    assert (undated.date, undated.notes) == (None, ("undated",))
    assert unread.date is None and unread.notes == ("date not understood: 'soon'",)
    assert report.summary()["undated"] == 2


def test_paragraphs_and_cleaning() -> None:
    text = "First para\r\nline two.\r\n\r\n\r\n\r\nSecond\u0000 para\u0007.\u2029Third."
    article = one({"a.jsonl": jsonl({"text": text})}).articles[0]
    assert article.text == "First para\nline two.\n\nSecond para.\n\nThird."


def test_encodings_are_detected() -> None:
    smart = one(
        {"a.txt": "Title line\n\n\u201cWe agree,\u201d he said.".encode("cp1252")}
    ).articles[0]
    assert smart.text == "\u201cWe agree,\u201d he said."
    latin = one(
        {"a.jsonl": '{"text": "D\u00e9claration de l\'\u00c9lys\u00e9e"}'.encode("latin-1")}
    ).articles[0]
    assert latin.text == "D\u00e9claration de l'\u00c9lys\u00e9e"
    utf16 = one(
        {"a.jsonl": json.dumps({"text": "Київ"}, ensure_ascii=False).encode("utf-16-le")}
    ).articles[0]
    assert utf16.text == "Київ"


def test_scraped_page_loses_site_chrome() -> None:
    page = b"Accessibility links\n\nBreaking News\n\nMinisters Meet in Oslo\n\nThey met.\n\nShare"
    article = one({"2020-05-06-ministers.txt": page}).articles[0]
    assert (article.title, article.text, article.date) == (
        "Ministers Meet in Oslo",
        "They met.",
        "2020-05-06",
    )


def test_html_page_is_extracted() -> None:
    html = b"""<html><head><title>Summit ends</title>
    <meta property="article:published_time" content="2021-06-13"></head>
    <body><nav>Menu</nav><article><h1>Summit ends</h1>
    <p>The leaders agreed a communique on Sunday.</p>
    <p>"We are united," the chair said at the close of the meeting.</p></article></body></html>"""
    article = one({"page.html": html}).articles[0]
    assert article.title == "Summit ends"
    assert article.date == "2021-06-13"
    assert article.text.split("\n\n") == [
        "The leaders agreed a communique on Sunday.",
        '"We are united," the chair said at the close of the meeting.',
    ]


def test_uploads_get_an_attribution_line() -> None:
    article = one(
        {"a.jsonl": jsonl({"text": "t", "source": "Daily", "licence": "CC BY 4.0"})}
    ).articles[0]
    assert article.attribution == "Source: Daily (uploaded corpus) - licence: CC BY 4.0."
    assert article.pack == "upload"


def test_missing_title_is_taken_from_text_and_noted() -> None:
    article = one({"a.jsonl": jsonl({"text": "Ministers met in Oslo.\n\nMore."})}).articles[0]
    assert article.title == "Ministers met in Oslo."
    assert "no title: taken from the text" in article.notes
