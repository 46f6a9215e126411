"""What a TMO's secretary runs for the AGM and the council: every report and workbook
of issue 18 from the command line, on the demo `mutualdesk demo` makes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli.conftest import Run

ENV = {"MUTUALDESK_PASSWORD": "mutualdesk"}


def _last_year() -> int:
    today = date.today()
    return today.year - 1 if today.month >= 4 else today.year - 2


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("performance", "indicators"),
        ("reach", "figures"),
        ("projects", "projects"),
        ("social-value", "worksheet"),
        ("annual-report", "annual report"),
    ],
)
def test_each_report_and_workbook_from_the_command_line(
    mutualdesk: Run, demo_db: Path, tmp_path: Path, name: str, expected: str
) -> None:
    """`report NAME --year YYYY --out F.pdf` (and `export` where there is a workbook)."""
    year = str(_last_year())
    pdf = tmp_path / f"{name}.pdf"
    done = mutualdesk("report", name, "--db", str(demo_db), "--year", year, "--out", str(pdf),
                      "--user", "secretary", env=ENV)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout and pdf.read_bytes()[:5] == b"%PDF-"
    xlsx = tmp_path / f"{name}.xlsx"
    made = mutualdesk("export", name, "--db", str(demo_db), "--year", year, "--out", str(xlsx),
                      "--user", "secretary", env=ENV)  # fmt: skip
    if name == "annual-report":
        assert made.returncode != 0 and "xlsx" not in made.stdout
        return
    assert made.returncode == 0, made.stderr
    assert load_workbook(xlsx).sheetnames


def test_the_demo_project_ballot_is_listed_minuted_and_its_papers_printed(
    mutualdesk: Run, demo_db: Path, tmp_path: Path
) -> None:
    """`list project-ballots` gives the declared ballot and what goes ahead; its result is
    in the decisions of the AGM after it; `report project-ballot-papers --ballot N` prints
    numbered papers with the approval instructions, as many as asked for."""
    import json

    listed = mutualdesk("list", "project-ballots", "--db", str(demo_db), "--json")
    assert listed.returncode == 0, listed.stderr
    (ballot,) = json.loads(listed.stdout)
    assert ballot["declared"] and ballot["papers"] == 48
    assert ballot["going_ahead"] == ["Community garden", "Youth football sessions"]
    meetings = json.loads(mutualdesk("list", "meetings", "--db", str(demo_db), "--json").stdout)
    agm = next(m for m in meetings if m["kind"] == "agm" and m["status"] in ("held", "draft"))
    minutes = tmp_path / "minutes.pdf"
    done = mutualdesk("report", "minutes", "--db", str(demo_db), "--meeting", str(agm["id"]),
                      "--out", str(minutes), "--user", "secretary", env=ENV)  # fmt: skip
    assert done.returncode == 0, done.stderr
    said = " ".join(_text(minutes).split())
    assert "Community projects: the members' ballot" in said
    assert "Going ahead: Community garden, Youth football sessions." in said
    pdf = tmp_path / "papers.pdf"
    done = mutualdesk("report", "project-ballot-papers", "--db", str(demo_db), "--ballot",
                      str(ballot["id"]), "--copies", "3", "--out", str(pdf),
                      "--user", "secretary", env=ENV)  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = " ".join(_text(pdf).split())
    assert text.count("Ballot paper: Which projects should the savings pay for?") == 3
    assert "1. Community garden" in text and "3. Mural on Marlow House" in text
    assert "every project you support" in text
    missing = mutualdesk("report", "project-ballot-papers", "--db", str(demo_db), "--out",
                         str(tmp_path / "x.pdf"), "--user", "secretary", env=ENV)  # fmt: skip
    assert missing.returncode != 0 and "which project ballot" in missing.stderr


def _text(pdf: Path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
