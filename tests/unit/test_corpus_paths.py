"""Loading from disk: folders, packs, the default corpus and the `corpus info` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from analysis.corpus import load_corpus, load_default_corpus
from analysis.packs import default_packs

REPO = Path(__file__).resolve().parents[2]


def test_folder_skips_documentation_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About this folder")
    (tmp_path / ".hidden.txt").write_text("secret")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A title\n\nA body.")
    (tmp_path / "b.jsonl").write_text('{"text": "B body."}\n')
    report = load_corpus([tmp_path])
    assert report.accepted == 2
    assert sorted(Path(p.file).name for p in report.file_problems) == [".hidden.txt", "README.md"]
    assert all(p.fatal and p.reason.startswith("skipped:") for p in report.file_problems)


def test_missing_path_is_a_file_problem(tmp_path: Path) -> None:
    good = tmp_path / "a.jsonl"
    good.write_text('{"text": "ok"}\n')
    report = load_corpus([tmp_path / "nope.csv", good])
    assert report.accepted == 1
    assert [(Path(p.file).name, p.reason) for p in report.file_problems] == [
        ("nope.csv", "no such file or folder")
    ]


def test_pack_folder_gives_attribution_and_defaults(tmp_path: Path) -> None:
    (tmp_path / "pack.json").write_text(
        json.dumps(
            {
                "name": "mini",
                "files": ["a.txt"],
                "licence": "CC0",
                "attribution": "Source: Mini - CC0.",
                "defaults": {"source": "Mini", "date": "2001-02-03"},
            }
        )
    )
    (tmp_path / "a.txt").write_text("Head line\n\nBody.")
    (tmp_path / "ignored.jsonl").write_text('{"text": "not in the pack"}\n')
    article = load_corpus([tmp_path]).articles[0]
    assert (article.pack, article.source, article.date, article.attribution) == (
        "mini",
        "Mini",
        "2001-02-03",
        "Source: Mini - CC0.",
    )


def test_default_corpus_accounts_for_every_record() -> None:
    report = load_default_corpus()
    assert report.records_in == report.accepted + len(report.rejected) + len(report.duplicates)
    assert not report.file_problems
    assert (
        {a.pack for a in report.articles}
        == {p.name for p in default_packs()}
        == {
            "kremlin_ukraine",
            "ungdc",
            "voa",
            "wcep",
            "whitehouse",
            "wikinews",
        }
    )
    assert 7_100 <= report.accepted <= 7_200
    attributions = {line for p in default_packs() for line in p.attributions()}
    assert {a.attribution for a in report.articles} == attributions
    assert all(not (a.url or "").count("org//") for a in report.articles)


def test_voa_page_becomes_a_proper_article() -> None:
    report = load_corpus([REPO / "data" / "corpus" / "voa"])
    (article,) = report.articles
    assert (
        article.title
        == "US Fails to Persuade Russia to Support Missile Defense Expansion in Europe"
    )
    assert article.date == "2007-04-19"
    assert article.source == "Voice of America"
    assert article.attribution == "Source: Voice of America - public domain."
    assert not article.text.startswith(("Accessibility", "Breaking"))
    assert article.text.startswith(
        "The United States has briefed NATO and Russia together Thursday"
    )


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analysis", "corpus", "info", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
    )


def test_cli_json_accounting(tmp_path: Path) -> None:
    data = tmp_path / "a.jsonl"
    data.write_text('{"text": "one"}\nnot json\n{"text": "one"}\n')
    done = run_cli(str(data), "--json", "--quiet")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["records_in"], summary["accepted"], summary["duplicates"]) == (3, 1, 1)
    assert summary["rejected"] == [
        {
            "file": str(data),
            "line": 2,
            "field": None,
            "reason": "not valid JSON (Expecting value at column 1)",
        }
    ]


def test_cli_nothing_readable_is_one_line_error(tmp_path: Path) -> None:
    done = run_cli(str(tmp_path / "missing.jsonl"), "--json")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip().splitlines()[-1].startswith("error: nothing could be read: ")
    assert "Traceback" not in done.stderr
