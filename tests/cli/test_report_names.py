"""Every name `report` and `export` accept is the registry's, and `--help` and the README
list exactly those."""

from __future__ import annotations

import re
from pathlib import Path

from app.cli.commands import PRINTED, SPREADSHEETS
from app.reports import registry
from tests.cli.conftest import Run

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_command_lines_names_are_the_registrys() -> None:
    specs = list(registry.ALL_REPORTS.values())
    assert list(PRINTED) == [s.name.value for s in specs if s.pdf]
    assert list(SPREADSHEETS) == [
        *(s.name.value for s in specs if s.spreadsheet is not None),
        "examiner-pack",
        "return",
    ]


def test_help_lists_every_name(mutualdesk_process: Run) -> None:
    for command, names in (("report", PRINTED), ("export", SPREADSHEETS)):
        shown = mutualdesk_process(command, "--help").stdout  # type: ignore[attr-defined]
        flat = re.sub(r"-\n\s+", "-", shown)  # argparse wraps at a hyphen
        listed = flat.split("NAME", 2)[-1].split("options:")[0]
        found = set(re.findall(r"[a-z][a-z-]*[a-z]", listed)) & {*PRINTED, *SPREADSHEETS}
        assert found == set(names), command


def test_the_readme_lists_every_name_with_what_it_makes() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Every report and export", 1)[1].split("\n## ", 1)[0]
    rows = {
        m.group(1): (m.group(2), m.group(3))
        for m in re.finditer(r"^\| `([a-z-]+)` \|[^|]+\| (yes|—) \| (yes|—) \|$", section, re.M)
    }
    assert set(rows) == {*PRINTED, *SPREADSHEETS}
    for name, (pdf, xlsx) in rows.items():
        assert (pdf == "yes") == (name in PRINTED), name
        assert (xlsx == "yes") == (name in SPREADSHEETS), name
