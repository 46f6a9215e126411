"""Ballot papers, nomination forms and the declaration of the result, as A4 PDFs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from app.reports.pdf import document
from app.services.common.reports import make_private, uk_date, uk_datetime
from app.services.elections.report_types import (
    APPROVAL,
    PLURALITY,
    RANKED,
    BallotPapers,
    Declaration,
    NominationForms,
)

BOX = 12 * mm


def _instructions(papers: BallotPapers) -> str:
    if papers.style == PLURALITY:
        up_to = "one name" if papers.seats == 1 else f"up to {papers.seats} names"
        return (
            f"Vote for {up_to}. Put a cross (X) in the box next to each person you vote for. "
            f"If you mark more than {papers.seats}, your paper cannot be counted."
        )
    if papers.style == APPROVAL:
        which = f"The {papers.noun}" if papers.seats == 1 else f"The {papers.seats} {papers.noun}s"
        return (
            f"Put a cross (X) in the box next to every {papers.noun} you support. You may mark "
            f"as many or as few as you like. {which} with the most support will go ahead."
        )
    if papers.style == RANKED:
        return (
            f"Number the {papers.noun}s in order of your choice: put 1 next to your first choice, "
            "2 next to your second, 3 next to your third, and so on. You may number as many "
            "or as few as you like. Do not use the same number twice, and do not use crosses."
        )
    return "Put a cross (X) in ONE box: For, or Against."


def _marks_table(rows: list[list[Any]], scale: float) -> Table:
    table = Table(rows, colWidths=[None, BOX + 4 * mm], rowHeights=BOX + 4 * mm * scale)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.8, document.INK),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (0, -1), 4 * mm),
            ]
        )
    )
    return table


def _ballot_story(papers: BallotPapers) -> list[Any]:
    st = document.styles(1.4)
    e = escape
    when = f" — {uk_date(papers.ballot_date)}" if papers.ballot_date else ""
    one: list[Any] = [
        Paragraph(f"<b>Ballot paper: {e(papers.title)}</b>{when}", st["h2"]),
        Paragraph(e(_instructions(papers)), st["body"]),
        Spacer(1, 4 * mm),
    ]
    if papers.style == "resolution":
        one.append(Paragraph(e(papers.resolution), st["body"]))
        one.append(Spacer(1, 4 * mm))
        rows = [[Paragraph(choice, st["body"]), ""] for choice in ("For", "Against")]
    else:
        rows = [[Paragraph(e(name), st["body"]), ""] for name in papers.candidates]
    one.append(_marks_table(rows, 1.0))
    one.append(Spacer(1, 6 * mm))
    one.append(
        Paragraph(
            "Do not write your name or anything else on this paper. "
            "Fold it and put it in the ballot box (or the envelope you were given).",
            st["small"],
        )
    )
    story: list[Any] = []
    for copy in range(papers.copies):
        if copy:
            story.append(PageBreak())
        story.append(KeepTogether(list(one)))
    return story


def _nomination_story(forms: NominationForms) -> list[Any]:
    st = document.styles(1.2)
    e = escape
    line = "_" * 46

    def person(role: str) -> list[Any]:
        return [
            Paragraph(f"<b>{role}</b>", st["h2"]),
            Paragraph(f"Full name: {line}", st["body"]),
            Paragraph("Membership number: ______________", st["body"]),
            Paragraph(f"Signature: {line}", st["body"]),
            Spacer(1, 3 * mm),
        ]

    one: list[Any] = [
        Paragraph(f"<b>Nomination form: {e(forms.title)}</b>", st["h2"]),
        Paragraph(
            e(
                f"For {forms.seats_text}. Who may stand, propose and second: "
                f"{forms.who_may_stand}. Return this form to the returning officer by "
                f"{uk_date(forms.closes_on)}."
            ),
            st["body"],
        ),
        *person("Candidate"),
        Paragraph("I agree to be nominated and will serve if elected.", st["body"]),
        Spacer(1, 3 * mm),
        *person("Proposer"),
        *person("Seconder"),
        Paragraph(
            f"<b>Candidate's statement</b> (at most {forms.statement_characters:,} characters, "
            "about 300 words; it will be "
            "sent to members with the ballot papers):",
            st["body"],
        ),
        Table(
            [[""]],
            colWidths=["100%"],
            rowHeights=[60 * mm],
            style=[("BOX", (0, 0), (-1, -1), 0.8, colors.black)],
        ),
    ]
    story: list[Any] = []
    for copy in range(forms.copies):
        if copy:
            story.append(PageBreak())
        story.extend(one)
    return story


def _declaration_story(result: Declaration) -> list[Any]:
    st = document.styles()
    e = escape
    facts = [
        ("Method of counting", result.method),
        ("Seats", str(result.seats)),
        ("Electorate (on the voter roll)", f"{result.electorate:,}"),
        ("Ballot papers issued", f"{result.papers_issued:,}"),
        ("Valid papers", f"{result.valid:,}"),
        ("Spoilt papers", f"{result.spoilt_total:,}"),
        ("Turnout", result.turnout),
        ("Quota", result.quota or "none (not a quota method)"),
    ]
    facts += [(f"   spoilt: {reason}", f"{n:,}") for reason, n in result.spoilt]
    table = Table(
        [[Paragraph(e(k), st["cell"]), Paragraph(e(v), st["cell"])] for k, v in facts],
        colWidths=[70 * mm, None],
        hAlign="LEFT",
    )
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.3, document.RULE)]))
    elected = "".join(f"<br/>{i}. <b>{e(name)}</b>" for i, name in enumerate(result.elected, 1))
    story: list[Any] = [
        Paragraph(f"<b>Declaration of the result: {e(result.title)}</b>", st["h2"]),
        Paragraph(
            f"I, the returning officer, declare that the votes were counted on "
            f"{uk_date(result.counted_on)} as follows, and that these were elected, in the order "
            f"of their election:{elected}",
            st["body"],
        ),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 4 * mm),
    ]
    if result.tie_breaks:
        story.append(Paragraph("<b>Ties</b>", st["h2"]))
        story += [Paragraph(e(text), st["cell"]) for text in result.tie_breaks]
    if result.seed is not None:
        story.append(
            Paragraph(
                f"Any lot was drawn with seed {result.seed}; counting again with the same seed "
                "gives the same result.",
                st["small"],
            )
        )
    story += [
        Spacer(1, 10 * mm),
        Paragraph(
            f"Signed: {'_' * 40}   Returning officer: {e(result.returning_officer)}", st["body"]
        ),
        Paragraph(f"Date: {'_' * 20}", st["body"]),
    ]
    if result.stage_rows:
        story.append(PageBreak())
        story.append(Paragraph("<b>Count sheet, stage by stage</b>", st["h2"]))
        head = [Paragraph(e(h), st["head"]) for h in result.stage_headings]
        rows = [[Paragraph(e(c), st["cell"]) for c in row] for row in result.stage_rows]
        sheet = Table([head, *rows], repeatRows=1)
        sheet.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.3, document.RULE),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf1")),
                ]
            )
        )
        story.append(sheet)
    return story


def _write_ballots(papers: BallotPapers, out: Path | BinaryIO, *, invariant: bool) -> None:
    """Ballot papers carry no page number, date of printing or anything else that could tell
    one paper from another (and so link a paper to the order it was issued in)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    from app.reports.pdf import fonts

    _regular, bold = fonts.register()

    def heading(canvas: Any, doc: Any) -> None:
        canvas.setFillColor(document.INK)
        canvas.setFont(bold, 13)
        canvas.drawString(
            document.MARGIN, A4[1] - document.MARGIN - 5 * mm, papers.letterhead.organisation
        )

    target: Any = str(out) if isinstance(out, Path) else out
    doc = SimpleDocTemplate(
        target,
        pagesize=A4,
        leftMargin=document.MARGIN,
        rightMargin=document.MARGIN,
        topMargin=document.MARGIN + 14 * mm,
        bottomMargin=document.MARGIN,
        title=f"Ballot paper: {papers.title}",
        author=papers.letterhead.organisation,
        creator="MutualDesk",
        invariant=1 if invariant else 0,
    )
    doc.build(_ballot_story(papers), onFirstPage=heading, onLaterPages=heading)


def write_ballots(papers: BallotPapers, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Render ballot papers to ``out``."""
    _write_ballots(papers, out, invariant=invariant)
    make_private(out)


def write_nominations(
    forms: NominationForms, out: Path | BinaryIO, *, invariant: bool = False
) -> None:
    """Render nomination forms to ``out``."""
    _write_paper(_nomination_story(forms), f"Nomination form: {forms.title}", forms, out, invariant)


def write_declaration(
    result: Declaration, out: Path | BinaryIO, *, invariant: bool = False
) -> None:
    """Render the declaration of the result and its count sheet to ``out``."""
    _write_paper(_declaration_story(result), f"Result: {result.title}", result, out, invariant)


def _write_paper(
    story: list[Any],
    title: str,
    data: NominationForms | Declaration,
    out: Path | BinaryIO,
    invariant: bool,
) -> None:
    document.render(
        story,
        out,
        head=data.letterhead,
        title=title,
        generated=uk_datetime(datetime.now()),
        invariant=invariant,
    )
    make_private(out)
