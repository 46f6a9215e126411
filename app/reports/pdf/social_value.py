"""The social value report as a PDF: for each worksheet, its outcomes and assumptions,
each outcome's value worked out step by step, the present value, the ratio to what was
invested, and the sensitivity table."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from app.reports.pdf import document
from app.reports.pdf.finance_papers import money
from app.reports.pdf.ruled import ruled
from app.services.common.reports import make_private, uk_datetime
from app.services.performance.sroi import SocialValueReport, Worksheet
from app.services.performance.sroi_sums import percent, pounds


def _worksheet(sheet: Worksheet, st: dict[str, Any], cell: Any, right: Any) -> list[Any]:
    sums = sheet.sums
    story: list[Any] = [Paragraph(escape(sheet.name), st["h2"]), Paragraph(
        (f"For the project {escape(sheet.project)}. " if sheet.project else "")
        + f"Invested: {money(sums.investment_pence)}. Each year's value is discounted to today "
        f"at {percent(sums.discount_bp)} a year (the Treasury's Green Book rate).", st["body"],
    )]  # fmt: skip
    head = [
        "Who",
        "What changed (indicator)",
        "Quantity",
        "Financial proxy",
        "Years",
        "Deadweight",
        "Displacement",
        "Attribution",
        "Drop-off",
        "Present value",
    ]
    rows: list[list[Any]] = [[Paragraph(f"<b>{escape(h)}</b>", right if n >= 2 else cell)
                              for n, h in enumerate(head)]]  # fmt: skip
    for valued in sums.outcomes:
        o = valued.outcome
        rows.append([
            Paragraph(escape(o.stakeholder), cell),
            Paragraph(f"{escape(o.outcome)} ({escape(o.indicator)})", cell),
            Paragraph(f"{o.quantity:,}", right),
            Paragraph(f"{money(o.proxy_pence)}<br/><font size=6>{escape(o.proxy_source)}</font>",
                      right),
            Paragraph(str(o.duration_years), right),
            *(Paragraph(percent(bp), right) for bp in (o.deadweight_bp, o.displacement_bp,
                                                      o.attribution_bp, o.drop_off_bp)),
            Paragraph(pounds(valued.present_value), right),
        ])  # fmt: skip
    rows.append([Paragraph("<b>Total present value</b>", cell), "", "", "", "", "", "", "", "",
                 Paragraph(f"<b>{money(sums.present_value_pence)}</b>", right)])  # fmt: skip
    story.append(ruled(rows, [26 * mm, 52 * mm, 15 * mm, 30 * mm, 11 * mm, 19 * mm, 22 * mm,
                              19 * mm, 15 * mm, 24 * mm]))  # fmt: skip
    story.append(Paragraph(
        f"Net present value: {money(sums.present_value_pence)} less "
        f"{money(sums.investment_pence)} invested = {money(sums.net_present_value_pence)}. "
        "<b>Social return: "
        f"£{sums.ratio} for each £1 invested</b> ({money(sums.present_value_pence)} ÷ "
        f"{money(sums.investment_pence)}).", st["body"],
    ))  # fmt: skip
    story.append(Paragraph("How each outcome was valued", st["h2"]))
    for valued in sums.outcomes:
        steps = "<br/>".join(escape(step) for step in valued.working)
        who = f"{escape(valued.outcome.stakeholder)}: {escape(valued.outcome.outcome)}"
        story.append(Paragraph(f"<b>{who}</b><br/>{steps}", st["small"]))
    story.append(Paragraph("Sensitivity: each assumption changed in turn", st["h2"]))
    lines: list[list[Any]] = [[
        Paragraph("<b>Change</b>", cell), Paragraph("<b>Present value</b>", right),
        Paragraph("<b>Return for each £1</b>", right),
    ]]  # fmt: skip
    lines.append([Paragraph("As above", cell), Paragraph(money(sums.present_value_pence), right),
                  Paragraph(f"£{sums.ratio}", right)])  # fmt: skip
    for line in sums.sensitivity:
        lines.append([Paragraph(escape(line.change), cell),
                      Paragraph(money(line.present_value_pence), right),
                      Paragraph(f"£{line.ratio}", right)])  # fmt: skip
    story.append(ruled(lines, [90 * mm, 40 * mm, 40 * mm]))
    return story


def write(data: SocialValueReport, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Render the social value report to ``out``."""
    st = document.styles()
    cell = ParagraphStyle("sv-cell", parent=st["cell"], fontSize=7.5, leading=9)
    right = ParagraphStyle("sv-right", parent=cell, alignment=TA_RIGHT)
    story: list[Any] = [Paragraph(
        "The social return on investment, following the stages of the published SROI guide: "
        "who was affected, what changed for them and how it was counted, a financial proxy "
        "for its value with its source, how long it lasts, and how much would have happened "
        "anyway (deadweight), moved elsewhere (displacement), was due to others (attribution) "
        "or fades each year (drop-off).", st["body"],
    )]  # fmt: skip
    if not data.worksheets:
        story.append(Paragraph("There is no worksheet for this year.", st["body"]))
    for sheet in data.worksheets:
        story += _worksheet(sheet, st, cell, right)
    document.render(story, out, head=data.letterhead, title=data.title, landscape=True,
                    generated=uk_datetime(data.generated), invariant=invariant)  # fmt: skip
    make_private(out)
