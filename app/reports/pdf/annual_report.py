"""The annual report to members as one PDF for the AGM pack: the chair's words, the
membership, the board, meetings and decisions, the accounts in summary with the
treasurer's words, the indicators against target, reach, the community projects and
the social value."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from app.reports.pdf import document
from app.reports.pdf.finance_papers import money
from app.reports.pdf.ruled import text_grid
from app.services.common.dates import uk
from app.services.common.reports import make_private, uk_datetime
from app.services.performance.annual import AnnualReport
from app.services.performance.reach import shown
from app.services.performance.results import VERDICT_WORDS


def _paragraphs(text: str, st: dict[str, Any], missing: str) -> list[Any]:
    parts = [p.strip() for p in text.split("\n\n") if p.strip()]
    if not parts:
        return [Paragraph(f"<i>{escape(missing)}</i>", st["body"])]
    return [Paragraph(escape(p).replace("\n", "<br/>"), st["body"]) for p in parts]


def _story(data: AnnualReport, st: dict[str, Any]) -> list[Any]:
    at_start, joined, left, at_end = data.members
    story: list[Any] = [
        Paragraph(f"For the year {uk(data.starts_on)} to {uk(data.ends_on)}, for the members "
                  "at the annual general meeting.", st["body"]),
        Paragraph("From the chair", st["h2"]),
        *_paragraphs(data.chair, st, "The chair's words have not been written yet."),
        Paragraph("Our members", st["h2"]),
        Paragraph(f"We had {at_start:,} members at the start of the year and {at_end:,} at its "
                  f"end: {joined:,} joined and {left:,} left.", st["body"]),
        Paragraph("The board", st["h2"]),
    ]  # fmt: skip
    if data.board:
        rows = [["Name", "Seat", "Office"], *([n, s, o or "–"] for n, s, o in data.board)]
        story.append(text_grid(rows, [70 * mm, 60 * mm, 40 * mm], st))
    changes = []
    if data.joined_board:
        changes.append(f"Joined the board: {', '.join(data.joined_board)}.")
    if data.left_board:
        changes.append(f"Left the board: {', '.join(data.left_board)}.")
    story.append(Paragraph(escape(" ".join(changes) or "Nobody joined or left the board."),
                           st["body"]))  # fmt: skip
    story.append(Paragraph("Meetings and decisions", st["h2"]))
    kinds: dict[str, int] = {}
    for _on, kind in data.meetings:
        kinds[kind] = kinds.get(kind, 0) + 1
    held = "; ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in kinds.items())
    story.append(Paragraph(escape(f"Meetings held: {held or 'none'}."), st["body"]))
    if data.decisions:
        rows = [["Date", "Decision", "Carried"]]
        rows += [[uk(on), ref, text] for on, ref, text in data.decisions]
        story.append(
            text_grid([[r[0], r[1], r[2]] for r in rows], [22 * mm, 24 * mm, 124 * mm], st)
        )
    story += [
        Paragraph("The accounts in summary", st["h2"]),
        text_grid([["", "Amount"], ["Money received", money(data.receipts_pence)],
                ["Money paid out", money(data.payments_pence)],
                ["Received less paid out", money(data.receipts_pence - data.payments_pence)],
                [f"Cash and bank at {uk(data.ends_on)}", money(data.funds_at_end_pence)]],
               [110 * mm, 40 * mm], st, 1),
        Paragraph("From the treasurer", st["h2"]),
        *_paragraphs(data.treasurer, st, "The treasurer's words have not been written yet."),
    ]  # fmt: skip
    perf = data.performance
    story.append(Paragraph("How our services performed", st["h2"]))
    if perf.indicators:
        story.append(Paragraph(f"Of {len(perf.indicators)} indicators: {perf.count('met')} met "
                               f"the target, {perf.count('close')} came close and "
                               f"{perf.count('missed')} missed it.", st["body"]))  # fmt: skip
        rows = [["Indicator", "Year", "Target", "Result"]]
        rows += [[f"{i.code} {i.name}", i.year.shown, i.target_shown,
                  VERDICT_WORDS[i.year.verdict]] for i in perf.indicators]  # fmt: skip
        story.append(text_grid(rows, [105 * mm, 22 * mm, 22 * mm, 22 * mm], st, 1))
    else:
        story.append(Paragraph("No indicators were measured.", st["body"]))
    if data.reach_rows:
        story.append(Paragraph("Who we reached", st["h2"]))
        rows = [["Figure", "Group", "At the year's end"]]
        rows += [[m, g, "–" if c is None else shown(c)] for m, g, c in data.reach_rows]
        story.append(text_grid(rows, [70 * mm, 60 * mm, 40 * mm], st, 2))
    story.append(Paragraph("Community projects", st["h2"]))
    if data.projects:
        rows = [["Project", "Status", "Budget", "Spent"]]
        rows += [[p.name, p.status, money(p.budget_pence), money(p.spent_pence)]
                 for p in data.projects]  # fmt: skip
        story.append(text_grid(rows, [80 * mm, 30 * mm, 30 * mm, 30 * mm], st, 2))
        for p in data.projects:
            for words, figure, unit in p.results:
                said = f"{p.name}: {words}" + (
                    f" ({figure:,} {unit})" if figure is not None else ""
                )
                story.append(Paragraph(f"• {escape(said)}", st["body"]))
    else:
        story.append(Paragraph("There were no community projects.", st["body"]))
    if data.social_value:
        story.append(Paragraph("Social value", st["h2"]))
        for sheet in data.social_value:
            sums = sheet.sums
            story.append(Paragraph(escape(
                f"{sheet.name}: {money(sums.present_value_pence)} of social value for "
                f"{money(sums.investment_pence)} invested, £{sums.ratio} for each £1 (the "
                "workings are in the social value report)."), st["body"]))  # fmt: skip
    return story


def write(data: AnnualReport, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Render the annual report to ``out``."""
    st = document.styles()
    document.render(_story(data, st), out, head=data.letterhead, title=data.title,
                    generated=uk_datetime(data.generated), invariant=invariant)  # fmt: skip
    make_private(out)
