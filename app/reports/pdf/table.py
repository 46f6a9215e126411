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


CELL_PADDING = 2  # above and below a cell's text, points (the table's style says the same)


class _Run:
    """What every page of one table shares: the rows, each made into cells and measured
    once (kept until its page is laid out), and the heading and totals."""

    def __init__(self, header: list[object], rows: Sequence[tuple[Cell, ...]],
                 make_row: Callable[[tuple[Cell, ...]], list[object]],
                 tail: list[object] | None, widths: list[float],
                 commands: list[tuple[object, ...]], leading: float) -> None:  # fmt: skip
        self.header, self.rows, self.make_row, self.tail = header, rows, make_row, tail
        self.widths, self.commands, self.leading = widths, commands, leading
        self.made: dict[int, tuple[list[object], float]] = {}
        self.header_height = self.height(header)
        self.tail_height = self.height(tail) if tail is not None else 0.0

    def height(self, cells: list[object]) -> float:
        """The row's height as the table draws it: its tallest cell, and the padding."""
        tallest = 0.0
        for value, width in zip(cells, self.widths, strict=True):
            if isinstance(value, Flowable):
                tallest = max(tallest, value.wrap(width - 12, 1e9)[1])  # 6 pt each side
            else:
                tallest = max(tallest, (str(value).count("\n") + 1) * self.leading)
        return tallest + 2 * CELL_PADDING

    def row(self, index: int) -> tuple[list[object], float]:
        """Row ``index`` as cells, and its height."""
        if index not in self.made:
            cells = self.make_row(self.rows[index])
            self.made[index] = (cells, self.height(cells))
        return self.made[index]

    def fitting(self, start: int, room: float) -> int:
        """How many rows from ``start`` fit under the heading in ``room`` points."""
        used, count = self.header_height, 0
        while start + count < len(self.rows):
            used += self.row(start + count)[1]
            if used > room:
                break
            count += 1
        return count

    def table(self, start: int, count: int, tail: bool) -> Table:
        """The heading, ``count`` rows from ``start``, and the totals if ``tail``."""
        rows = [self.row(index) for index in range(start, start + count)]
        data = [self.header, *(cells for cells, _height in rows)]
        heights = [self.header_height, *(height for _cells, height in rows)]
        if tail and self.tail is not None:
            data.append(self.tail)
            heights.append(self.tail_height)
        table = Table(data, colWidths=self.widths, rowHeights=heights, repeatRows=1)
        commands = list(self.commands)
        if rows:  # the stripes go on from the page before
            stripes = [STRIPE, colors.white] if start % 2 == 0 else [colors.white, STRIPE]
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, len(rows)), stripes))
        table.setStyle(TableStyle(commands))
        for index in [i for i in self.made if i < start + count]:
            del self.made[index]  # laid out: not needed again
        return table


class PagedRows(Flowable):  # type: ignore[misc]
    """The rows from ``start`` on, laid out a page at a time under the heading.

    One ReportLab ``Table`` of every row re-measures all that is left each time it is
    split, once a page; here each row is measured once, each split makes a table of the
    rows that fit on the page, and the rest go on as a new PagedRows. So each page costs
    the same however many rows follow, and a row becomes cells only when its page is
    laid out."""

    def __init__(self, run: _Run, start: int = 0) -> None:
        super().__init__()
        self.run, self.start = run, start
        self._whole: Table | None = None

    def _all_fit(self, room: float) -> bool:
        run = self.run
        left = len(run.rows) - self.start
        if left == 0:  # only the totals were left over
            return run.header_height + run.tail_height <= room
        return run.fitting(self.start, room - run.tail_height) == left

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """What is left, if it fits here whole; otherwise more than there is room for,
        so that the frame asks for a split."""
        self._whole = None
        if self._all_fit(available_height):
            self._whole = self.run.table(self.start, len(self.run.rows) - self.start, True)
            return self._whole.wrap(available_width, available_height)  # type: ignore[no-any-return]
        return available_width, available_height + 1

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """A table of the rows that fit in ``available_height``, then the rest."""
        run = self.run
        count = run.fitting(self.start, available_height)
        if count == 0:
            return []
        # the rest (when every row fitted but the totals did not: just the totals)
        return [run.table(self.start, count, False), PagedRows(run, self.start + count)]

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
    table = PagedRows(_Run(header, report.rows, body_row, tail, widths, commands,
                           style["cell"].leading))  # fmt: skip
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
