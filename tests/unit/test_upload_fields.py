"""Uploads keep what their files say: dates, titles and sources from names, folders and first
lines (with notes saying so), every unreadable date listed, mixed encodings repaired."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.corpus import load_uploaded
from analysis.documents import date_from_name, source_from_name
from analysis.textclean import decode_text

REPO = Path(__file__).resolve().parents[2]
BODY = "Donald Trump said on Wednesday that the newspaper was wrong.\n\nMore text follows here.\n"


def corpus_info(*paths: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "corpus", "info", *map(str, paths), "--json", "--quiet"],
        capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("breitbart_2016-10-12_washington-post-backs-hillary.txt", "2016-10-12"),
        ("cnn_20161012_debate.txt", "2016-10-12"),
        ("2016_10_12 debate.md", "2016-10-12"),
        ("upload.zip!news/2016-10-12-x.txt", "2016-10-12"),
        ("report_2016-13-45.txt", None),  # not a calendar date
        ("id_123456789.txt", None),
        ("2016-10_12.txt", None),  # mixed separators are not a date
    ],
)
def test_dates_are_read_from_file_names(name: str, expected: str | None) -> None:
    assert date_from_name(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("breitbart_2016-10-12_washington-post.txt", ("Breitbart", "file name")),
        ("washington_post-20161012-x.txt", ("Washington Post", "file name")),
        ("bbc_20161012.txt", ("BBC", "file name")),
        ("reuters/2016-10-12-x.txt", ("Reuters", "folder name")),
        ("news/2016-10-12-x.txt", (None, "")),  # a folder named for what it holds, not who
        ("notes.txt", (None, "")),
    ],
)
def test_sources_are_read_from_file_name_prefixes_and_folders(name, expected) -> None:
    assert source_from_name(name) == expected


def test_dated_news_files_upload_dated_titled_and_sourced(tmp_path: Path) -> None:
    folder = tmp_path / "campaign"
    folder.mkdir()
    (folder / "breitbart_2016-10-12_washington-post-backs-hillary.txt").write_text(
        "Washington Post backs Hillary\n" + BODY
    )
    (folder / "untitled.txt").write_text(
        "Debate night\n\nPublished: October 9, 2016\n\n" + BODY[::-1]
    )
    (folder / "wire_20161015.txt").write_text("CLEVELAND, Oct. 15, 2016 - Mike Pence spoke.\n")
    report = load_uploaded([(f"campaign/{p.name}", p.read_bytes()) for p in folder.iterdir()])
    by_title = {a.title: a for a in report.articles}
    backs = by_title["Washington Post backs Hillary"]
    assert (backs.date, backs.source) == ("2016-10-12", "Breitbart")
    assert backs.text.startswith("Donald Trump said")
    assert {"date from the file name", "title from the first line",
            "source from the file name"} <= set(backs.notes)  # fmt: skip
    debate = by_title["Debate night"]
    assert (debate.date, debate.source) == ("2016-10-09", "Campaign")
    assert "date from a date line near the top" in debate.notes
    assert "Published" not in debate.text
    wire = next(a for a in report.articles if a.source == "Wire")
    assert wire.date == "2016-10-15"
    assert corpus_info(folder)["undated"] == 0


def test_every_unreadable_date_is_listed_with_file_row_and_value(tmp_path: Path) -> None:
    data = tmp_path / "dates.csv"
    data.write_text(
        "title,date,text\nGood,2020-01-31,One text.\nBad,31/31/2020,Two text.\n"
        "Worse,not a date,Three text.\n"
    )
    summary = corpus_info(data)
    assert summary["undated"] == 2
    assert [(d["file"].rsplit("/", 1)[-1], d["line"], d["value"])
            for d in summary["unreadable_dates"]] == [
        ("dates.csv", 3, "31/31/2020"), ("dates.csv", 4, "not a date")
    ]  # fmt: skip


def test_mixed_latin1_and_utf8_bytes_are_repaired_and_counted(tmp_path: Path) -> None:
    data = tmp_path / "mixed.csv"
    data.write_bytes("title,text\nA,Caf\u00e9 in UTF-8.\n".encode() + b"B,Caf\xe9 in Latin-1.\n")
    summary = corpus_info(data)
    [problem] = summary["file_problems"]
    assert problem["file"].endswith("mixed.csv") and not problem["fatal"]
    assert "1 character repaired" in problem["reason"]
    report = load_uploaded([("mixed.csv", data.read_bytes())])
    assert [a.text for a in report.articles] == ["Caf\u00e9 in UTF-8.", "Caf\u00e9 in Latin-1."]


@pytest.mark.parametrize(
    ("data", "text", "repaired"),
    [
        ("Caf\u00e9 \u2013 ok".encode(), "Caf\u00e9 \u2013 ok", 0),
        (b"plain Caf\xe9", "plain Caf\u00e9", 0),  # all Latin-1: an encoding, not a repair
        ("Caf\u00c3\u00a9 d\u00c3\u00a9j\u00c3\u00a0".encode(), "Caf\u00e9 d\u00e9j\u00e0", 3),
        ("Na\u00efve".encode() + b" \xe9t\xe9", "Na\u00efve \u00e9t\u00e9", 2),
    ],
)
def test_decoding_repairs_what_the_bytes_allow(data: bytes, text: str, repaired: int) -> None:
    decoded = decode_text(data)
    assert (decoded.text, decoded.repaired, decoded.replaced) == (text, repaired, 0)
