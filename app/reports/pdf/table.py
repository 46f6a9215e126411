"""A TableReport as a PDF: a full-width table whose heading repeats on every page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.reports.pdf import document
from app.services.common.reports import (
    Cell,
    ColumnKind,
    TableReport,
    cell_text,
    make_private,
    uk_datetime,
)

STRIPE = colors.HexColor("#eef2f5")
NUMERIC = (ColumnKind.MONEY, ColumnKind.NUMBER, ColumnKind.IDENTIFIER)


PADDING = 14  # left + right cell padding (12 pt) and a little slack, points
SAMPLE = 400  # rows measured to fit the columns


def column_widths(
    report: TableReport, cell: ParagraphStyle, head: ParagraphStyle, available: float
) -> list[float]:
    """Widths that break no word where the page allows, the rest shared by need and weight.

    Each column first gets its longest word (so "Current" never prints as
    "Curre / nt"); what is left goes to the columns whose text would
    otherwise wrap, in proportion to how much they need.
    """
    columns = report.columns
    longest_word = [0.0] * len(columns)
    natural = [0.0] * len(columns)
    for index, column in enumerate(columns):
        for word in column.heading.split():
            w = stringWidth(word, head.fontName, head.fontSize)
            longest_word[index] = max(longest_word[index], w)
    for row in report.rows[:SAMPLE]:
        for index, (value, column) in enumerate(zip(row, columns, strict=True)):
            text = cell_text(value, column.kind)
            for line in text.splitlines():
                w = stringWidth(line, cell.fontName, cell.fontSize)
                natural[index] = max(natural[index], w)
                if " " in line:
                    w = max(stringWidth(x, cell.fontName, cell.fontSize) for x in line.split())
                longest_word[index] = max(longest_word[index], w)
    if any(c.total for c in columns):  # the totals, in bold, need room too
        for index, (value, column) in enumerate(zip(report.totals(), columns, strict=True)):
            if index and value is not None:
                w = stringWidth(cell_text(value, column.kind), head.fontName, head.fontSize)
                natural[index] = max(natural[index], w)
                longest_word[index] = max(longest_word[index], w)
    cap = available * 0.3
    least = [min(cap, w) + PADDING for w in longest_word]
    want = [max(0.0, n + PADDING - m) for n, m in zip(natural, least, strict=True)]
    spare = available - sum(least)
    if spare < 0:  # too many columns for the page: share it out by weight
        weight = sum(c.width for c in columns)
        return [available * c.width / weight for c in columns]
    if sum(want) <= spare:
        left = spare - sum(want)
        weight = sum(c.width for c in columns)
        return [
            m + w + left * c.width / weight for m, w, c in zip(least, want, columns, strict=True)
        ]
    # not room for all: share what there is by need and by the column's weight
    need = [w * c.width for w, c in zip(want, columns, strict=True)]
    given = [min(w, spare * n / sum(need)) for w, n in zip(want, need, strict=True)]
    left = spare - sum(given)
    hungry = [n if g < w else 0.0 for g, w, n in zip(given, want, need, strict=True)]
    if left > 0 and sum(hungry) > 0:
        given = [g + left * h / sum(hungry) for g, h in zip(given, hungry, strict=True)]
    return [m + g for m, g in zip(least, given, strict=True)]


def _markup(text: str) -> str:
    """Plain text as Platypus markup: & < > escaped, line breaks kept."""
    return escape(text).replace("\n", "<br/>")


class PagedRows(Flowable):  # type: ignore[misc]
    """The rows from ``start`` on, laid out a page at a time under the heading.

    One ReportLab ``Table`` of every row re-measures all that is left each time it is
    split, once a page; here each split builds a table of only the rows that can fit on
    the page (at least ``least_height`` points each) and hands on the rest as a new
    PagedRows, so each page costs the same however many rows follow, and a row becomes
    text only when its page is laid out."""

    def __init__(self, header: list[object], rows: Sequence[tuple[Cell, ...]],
                 make_row: Callable[[tuple[Cell, ...]], list[object]],
                 tail: list[object] | None, widths: list[float],
                 commands: list[tuple[object, ...]], least_height: float,
                 start: int = 0) -> None:  # fmt: skip
        super().__init__()
        self.header, self.rows, self.make_row, self.tail = header, rows, make_row, tail
        self.widths, self.commands, self.least = widths, commands, least_height
        self.start = start
        self._whole: Table | None = None

    def _table(self, count: int) -> Table:
        """The heading, the next ``count`` rows, and the totals if they are the last."""
        stop = min(len(self.rows), self.start + count)
        body = [self.make_row(row) for row in self.rows[self.start : stop]]
        data = [self.header, *body]
        if stop == len(self.rows) and self.tail is not None:
            data.append(self.tail)
        table = Table(data, colWidths=self.widths, repeatRows=1)
        commands = list(self.commands)
        if body:  # the stripes go on from the page before
            stripes = [STRIPE, colors.white] if self.start % 2 == 0 else [colors.white, STRIPE]
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, len(body)), stripes))
        table.setStyle(TableStyle(commands))
        return table

    def _fitting(self, height: float) -> int:
        return max(1, int(height // self.least) + 1)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """What is left, if it fits here whole; otherwise more than there is room for,
        so that the frame asks for a split."""
        left = len(self.rows) - self.start
        if left <= self._fitting(available_height):
            self._whole = self._table(left)
            width, height = self._whole.wrap(available_width, available_height)
            if height <= available_height:
                return width, height
        self._whole = None
        return available_width, available_height + 1

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """A table of the rows that fit in ``available_height``, then the rest."""
        table = self._table(self._fitting(available_height))
        parts = table.split(available_width, available_height)
        if not parts:
            _width, height = table.wrap(available_width, available_height)
            if height > available_height:
                return []
            parts = [table]
        used = len(parts[0]._cellvalues) - 1  # less the heading
        if used <= 0:
            return []
        if self.start + used >= len(self.rows):
            return list(parts)  # the last rows; the totals may go over to the next page
        rest = PagedRows(self.header, self.rows, self.make_row, self.tail, self.widths,
                         self.commands, self.least, self.start + used)  # fmt: skip
        return [parts[0], rest]

    def draw(self) -> None:
        """Drawn only when it fitted whole: as the table it made."""
        if self._whole is not None:
            self._whole.drawOn(self.canv, 0, 0)


def _story(report: TableReport) -> list[Flowable]:
    style = document.styles(document.LARGE_PRINT if report.large_print else 1.0)
    story: list[Flowable] = []
    if report.subtitle:
        story += [Paragraph(_markup(report.subtitle), style["body"]), Spacer(1, 6)]
    right = ParagraphStyle("right", parent=style["cell"], alignment=TA_RIGHT)
    head_right = ParagraphStyle("head_right", parent=style["head"], alignment=TA_RIGHT)
    numeric = [c.kind in NUMERIC for c in report.columns]
    header = [
        Paragraph(_markup(c.heading), head_right if n else style["head"])
        for c, n in zip(report.columns, numeric, strict=True)
    ]
    cell_styles = [right if n else style["cell"] for n in numeric]
    kinds = [c.kind for c in report.columns]
    available = document.page_size(report.landscape)[0] - 2 * document.MARGIN
    widths = column_widths(report, style["cell"], style["head"], available)
    room = [w - 12 for w in widths]  # less the cell padding
    font, size = style["cell"].fontName, style["cell"].fontSize

    def cell(value: Cell, kind: ColumnKind, cell_style: ParagraphStyle, width: float) -> object:
        # Text that fits goes in as a plain string, drawn directly: far quicker than a
        # Paragraph for 10,000 rows. Only text that must wrap becomes a Paragraph.
        text = cell_text(value, kind)
        if all(stringWidth(line, font, size) <= width for line in text.split("\n")):
            return text
        return Paragraph(_markup(text), cell_style)

    def body_row(row: tuple[Cell, ...]) -> list[object]:
        return [
            cell(value, kind, cell_style, width)
            for value, kind, cell_style, width in zip(row, kinds, cell_styles, room, strict=True)
        ]

    tail: list[object] | None = None
    if any(c.total for c in report.columns):
        totals = report.totals()
        tail = [
            Paragraph(
                _markup(report.total_label if i == 0 else cell_text(v, c.kind)),
                head_right if numeric[i] and i else style["head"],
            )
            for i, (v, c) in enumerate(zip(totals, report.columns, strict=True))
        ]
    commands: list[tuple[object, ...]] = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, document.INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("FONT", (0, 1), (-1, -1), font, size, style["cell"].leading),
        ("TEXTCOLOR", (0, 1), (-1, -1), document.INK),
    ]
    for index, column in enumerate(report.columns):
        if column.kind in NUMERIC:
            commands.append(("ALIGN", (index, 0), (index, -1), "RIGHT"))
    table = PagedRows(header, report.rows, body_row, tail, widths, commands,
                      style["cell"].leading + 4)  # fmt: skip
    story.append(table)
    if not report.rows:
        story.append(Paragraph("There is nothing to list.", style["body"]))
    for note in report.notes:
        story += [Spacer(1, 6), Paragraph(_markup(note), style["small"])]
    return story


def write(report: TableReport, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Render ``report`` to ``out``."""
    document.render(
        _story(report),
        out,
        head=report.letterhead,
        title=report.title,
        generated=uk_datetime(report.generated),
        invariant=invariant,
        landscape=report.landscape,
    )
    make_private(out)
