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
