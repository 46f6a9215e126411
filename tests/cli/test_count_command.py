"""`mutualdesk count`: a ballot file in, a count sheet or JSON out, no database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.main import main


def test_count_json_and_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The officer gets the winners as JSON, and a line-numbered error for a bad file."""
    good = tmp_path / "good.blt"
    good.write_text('3 1\n3 1 0\n1 2 0\n0\n"Ann"\n"Bob"\n"Cy"\n"T"\n', encoding="utf-8")
    assert main(["count", str(good), "--method", "ers97", "--seed", "3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["elected"] == ["Ann"] and data["quota"] == "2.00" and data["seed"] == "3"
    assert len(data["stages"]) >= 1 and data["tie_breaks"] == []
    assert main(["count", str(good), "--method", "scottish"]) == 0
    assert "Elected, in order of election: Ann" in capsys.readouterr().out
    bad = tmp_path / "bad.blt"
    bad.write_text('3 1\n1 1 9 0\n0\n"A"\n"B"\n"C"\n"T"\n', encoding="utf-8")
    assert main(["count", str(bad), "--method", "meek"]) == 2
    assert "line 2: candidate 9 does not exist (there are 3)" in capsys.readouterr().err
