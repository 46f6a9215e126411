"""The performance report as a PDF: a table per group of indicators (each quarter and
the year against target, the result in words), the notes on targets missed, how each
year's figure was worked out, and each indicator's trend over eight quarters."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from app.reports.pdf import document
from app.reports.pdf.ruled import ruled
from app.reports.pdf.trend_chart import trend_chart
from app.services.common.reports import make_private, uk_datetime
from app.services.performance.indicators import MISSED
from app.services.performance.results import (
    VERDICT_WORDS,
    IndicatorResult,
    Performance,
    PeriodResult,
)


def _cell(period: PeriodResult | None) -> str:
    if period is None:
        return "–"
    if period.value is None:
        return "no figures"
    return f"{escape(period.shown)}<br/>{VERDICT_WORDS[period.verdict].lower()}"


def _table(data: Performance, group: list[IndicatorResult], st: dict[str, Any]) -> Table:
    cell = ParagraphStyle("perf-cell", parent=st["cell"], fontSize=7.5, leading=9)
    right = ParagraphStyle("perf-right", parent=cell, alignment=TA_RIGHT)
    head = ParagraphStyle("perf-head", parent=right, fontName=st["head"].fontName)
    quarters = [f"Q{q}" for q in range(1, 5)]
    rows: list[list[Any]] = [[
        Paragraph("<b>Code</b>", cell), Paragraph("<b>Indicator</b>", cell),
        Paragraph("Target", head), *(Paragraph(q, head) for q in quarters),
        Paragraph("Year", head), Paragraph("Result", head),
    ]]  # fmt: skip
    for item in group:
        by_quarter: list[PeriodResult | None] = list(item.periods) if len(item.periods) == 4 \
            else [None] * 4  # fmt: skip
        better = "higher is better" if item.higher_is_better else "lower is better"
        rows.append([
            Paragraph(escape(item.code), cell),
            Paragraph(f"{escape(item.name)}<br/><font size=6.5>{better}</font>", cell),
            Paragraph(escape(item.target_shown), right),
            *(Paragraph(_cell(p), right) for p in by_quarter),
            Paragraph(_cell(item.year), right),
            Paragraph(f"<b>{VERDICT_WORDS[data.headline(item).verdict]}</b>", right),
        ])  # fmt: skip
    widths = [16 * mm, 88 * mm, 18 * mm, *([20 * mm] * 4), 22 * mm, 22 * mm]
    return ruled(rows, widths)


def _missed(data: Performance, st: dict[str, Any]) -> list[Any]:
    lines = []
    for item in data.indicators:
        for period in (*item.periods, item.year) if len(item.periods) == 4 else item.periods:
            if period.verdict == MISSED and period is not item.year:
                why = period.note or "No note was given."
                lines.append(Paragraph(
                    f"<b>{escape(item.code)} {escape(period.label)}</b>: {escape(period.shown)} "
                    f"against a target of {escape(item.target_shown)}. {escape(why)}", st["body"],
                ))  # fmt: skip
    if not lines:
        return [Paragraph("No target was missed.", st["body"])]
    return lines


def write(data: Performance, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Render the performance report to ``out``."""
    st = document.styles()
    groups: dict[str, list[IndicatorResult]] = {}
    for item in data.indicators:
        groups.setdefault(item.group or "Indicators", []).append(item)
    story: list[Any] = [Paragraph(
        f"Each indicator switched on, for {escape(data.title.removeprefix('Performance '))}: "
        "its figures each quarter and for the year against its target. <b>Met</b>: at the "
        "target or better; <b>close</b>: short by no more than the indicator's margin; "
        "<b>missed</b>: further short. Each figure is worked out from the two figures "
        f"recorded, never typed as a percentage. {data.count('met')} met, "
        f"{data.count('close')} close, {data.count('missed')} missed.", st["body"],
    )]  # fmt: skip
    if not data.indicators:
        story.append(Paragraph("No indicator is switched on yet.", st["body"]))
    for name, group in groups.items():
        story += [Paragraph(escape(name), st["h2"]), _table(data, group, st)]
    story += [Paragraph("Notes on targets missed", st["h2"]), *_missed(data, st)]
    story.append(Paragraph("How each year's figure was worked out", st["h2"]))
    for item in data.indicators:
        if item.year.working:
            story.append(Paragraph(f"<b>{escape(item.code)}</b>: {escape(item.year.working)}",
                                   st["small"]))  # fmt: skip
    story.append(Paragraph("Trends over eight quarters (or years)", st["h2"]))
    charts = [trend_chart(f"{i.code} {i.name}", i.trend, i.target, i.unit)
              for i in data.indicators if any(v is not None for _l, v in i.trend)]  # fmt: skip
    for start in range(0, len(charts), 3):
        row = charts[start : start + 3]
        story.append(KeepTogether([Table([row + [""] * (3 - len(row))],
                                         colWidths=[88 * mm] * 3), Spacer(1, 3 * mm)]))  # fmt: skip
    document.render(
        story, out, head=data.letterhead, title=data.title,
        generated=uk_datetime(data.generated), invariant=invariant, landscape=True,
    )  # fmt: skip
    make_private(out)
