"""Ballot papers, nomination forms and the declaration, read back from the PDF."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from app.reports import render
from app.services.common.reports import Letterhead
from app.services.elections.report_types import (
    PLURALITY,
    RANKED,
    BallotPapers,
    Declaration,
    NominationForms,
)

HEAD = Letterhead("Riverside Tenant Management Organisation")


def _text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def test_ranked_ballot_papers_one_a_page_with_instructions(tmp_path: Path) -> None:
    """Each paper lists the candidates in the order given and says how to number them."""
    papers = BallotPapers(
        HEAD,
        "Board election 2026",
        RANKED,
        3,
        ("Achterberg, Aaliyah", "Nguyễn, Thị Hà", "Wróbel, Zoë"),
        ballot_date=date(2026, 9, 17),
        copies=3,
    )
    out = tmp_path / "ballots.pdf"
    render.write_pdf(papers, out, invariant=True)
    text = _text(out)
    assert _pages(out) == 3
    assert text.count("Ballot paper: Board election 2026") >= 3
    assert "put 1 next to your first choice" in " ".join(text.split())
    assert text.index("Achterberg") < text.index("Nguyễn") < text.index("Wróbel")
    assert "Do not write your name" in text


def test_block_vote_paper_says_how_many_crosses(tmp_path: Path) -> None:
    """A block-vote ballot paper tells the voter how many names they may mark."""
    out = tmp_path / "x.pdf"
    render.write_pdf(BallotPapers(HEAD, "Staff seats", PLURALITY, 2, ("A", "B", "C")), out)
    assert "Vote for up to 2 names" in _text(out)


def test_nomination_form(tmp_path: Path) -> None:
    """A nomination form has places for proposer and seconder, and the closing date."""
    out = tmp_path / "n.pdf"
    forms = NominationForms(
        HEAD, "Board election 2026", "3 community seats", "current tenants", date(2026, 8, 1)
    )
    render.write_pdf(forms, out)
    text = _text(out)
    assert "Proposer" in text and "Seconder" in text and "01/08/2026" in text


def test_declaration_states_turnout_quota_and_the_elected(tmp_path: Path) -> None:
    """The printed declaration gives the turnout, the quota and who was elected."""
    result = Declaration(
        HEAD,
        "Board election 2026",
        "Scottish STV (SSI 2007/42)",
        2,
        electorate=1200,
        papers_issued=500,
        valid=490,
        spoilt=(("more than one first preference", 6), ("unmarked", 4)),
        quota="164",
        elected=("Wróbel, Zoë", "Khan, Ayşe"),
        stage_headings=("Candidate", "Stage 1", "Stage 2"),
        stage_rows=(
            ("Wróbel, Zoë", "200.00000", "164.00000"),
            ("Khan, Ayşe", "150.00000", "170.12345"),
        ),
        tie_breaks=(),
        seed=12345,
        returning_officer="Grace Adeyemi",
        counted_on=date(2026, 9, 18),
    )
    assert result.turnout == "41.7%"
    out = tmp_path / "d.pdf"
    render.write_pdf(result, out)
    text = _text(out)
    assert "1. Wróbel, Zoë" in text and "2. Khan, Ayşe" in text
    assert "41.7%" in text and "164" in text and "seed 12345" in text
    assert "Count sheet, stage by stage" in text and "170.12345" in text


def test_ballot_papers_cannot_be_told_apart(tmp_path: Path) -> None:
    """No page number or printing time: every paper of a run is the same, so none can be
    matched to the order papers were issued in."""
    out = tmp_path / "b.pdf"
    render.write_pdf(BallotPapers(HEAD, "Board", RANKED, 1, ("A", "B"), copies=2), out)
    pages = _text(out).split("\f")
    assert pages[0].strip() == pages[1].strip()
    assert "Page" not in pages[0] and "Generated" not in pages[0]
