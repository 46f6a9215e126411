"""The year's accounts (receipts and payments, assets and liabilities) and budget
against actual (with its chart), as A4 PDFs."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.reports.pdf import document
from app.reports.pdf.charts import budget_chart
from app.services.common.reports import make_private, uk_date, uk_datetime
from app.services.finance.report_types import FUND_COLUMNS, AccountsStatement, BudgetReport

HEAD_FILL = colors.HexColor("#e8edf1")


def money(pence: int | None, brackets: bool = True) -> str:
    """£1,234.50, with a negative in brackets as accounts show it: (£12.00)."""
    if pence is None:
        return ""
    text = f"£{Decimal(abs(pence)) / 100:,.2f}"
    return f"({text})" if pence < 0 and brackets else ("-" + text if pence < 0 else text)


def _styles(size: float = 9) -> tuple[dict[str, ParagraphStyle], ParagraphStyle]:
    st = document.styles()
    st["cell"] = ParagraphStyle("cell-small", parent=st["cell"], fontSize=size, leading=size * 1.2)
    right = ParagraphStyle("right", parent=st["cell"], alignment=TA_RIGHT)
    return st, right


def _accounts_story(data: AccountsStatement) -> list[Any]:
    st, right = _styles(8)
    last = data.last_label or "last year"
    heads = ["", *FUND_COLUMNS, f"Total {data.year_label}", f"Total {last}"]
    table: list[list[Any]] = [
        [Paragraph(f"<b>{escape(h)}</b>", right if i else st["cell"]) for i, h in enumerate(heads)]
    ]
    styles: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, document.INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for r, row in enumerate(data.rows, start=1):
        bold = row.style in ("heading", "total", "grand")
        label = f"<b>{escape(row.label)}</b>" if bold else escape(row.label)
        figures = [*(row.funds or (None, None, None)), row.total, row.last_year]
        cells = [money(v) if row.style != "heading" else "" for v in figures]
        if row.style != "heading" and row.last_year is None:
            cells[-1] = "—" if data.last_label else ""
        table.append(
            [Paragraph(label, st["cell"])]
            + [Paragraph(f"<b>{c}</b>" if bold else c, right) for c in cells]
        )
        if row.style == "total":
            styles.append(("LINEABOVE", (1, r), (-1, r), 0.4, document.INK))
        if row.style == "grand":
            styles += [
                ("LINEABOVE", (1, r), (-1, r), 0.4, document.INK),
                ("LINEBELOW", (1, r), (-1, r), 1.2, document.INK),
            ]
    grid = Table(table, colWidths=[None, 25 * mm, 25 * mm, 25 * mm, 26 * mm, 26 * mm], repeatRows=1)
    grid.setStyle(TableStyle(styles))
    story: list[Any] = [
        Paragraph(
            f"<b>Receipts and payments account for the year ended {uk_date(data.year_end)}</b>",
            st["h2"],
        ),
        grid,
        Spacer(1, 6 * mm),
        Paragraph(
            f"<b>Statement of assets and liabilities at {uk_date(data.year_end)}</b>", st["h2"]
        ),
    ]
    story += _statement(data, st, right)
    for number, (heading, lines) in enumerate(data.notes, start=1):
        rows = [[Paragraph(f"<b>{number}. {escape(heading)}</b>", st["cell"]), ""]]
        rows += [
            [Paragraph(escape(label), st["cell"]), Paragraph(money(pence), right)]
            for label, pence in lines
        ]
        note = Table(rows, colWidths=[None, 30 * mm], hAlign="LEFT")
        note.setStyle(
            TableStyle([("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)])
        )
        title = [Paragraph("<b>Notes to the accounts</b>", st["h2"])] if number == 1 else []
        story += [KeepTogether([*title, note]), Spacer(1, 3 * mm)]
    if not data.agrees:
        story.append(
            Paragraph(
                "<b>Check: cash funds at the end of the year do not equal the bank and cash "
                "balances. Look for an entry dated outside the year.</b>",
                st["body"],
            )
        )
    story += [
        Spacer(1, 12 * mm),
        Paragraph(
            f"Approved by the board on {'_' * 16}   Signed (treasurer): {'_' * 28}", st["body"]
        ),
    ]
    return story


def _statement(data: AccountsStatement, st: dict[str, ParagraphStyle], right: ParagraphStyle
               ) -> list[Any]:  # fmt: skip
    """Each section of the statement of assets and liabilities: its lines and total."""
    rows: list[list[Any]] = []
    styles: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    for section in data.statement:
        r = len(rows)
        rows.append([Paragraph(f"<b>{escape(section.title)}</b>", st["cell"]), "", ""])
        styles += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), HEAD_FILL)]
        for what, detail, pence in section.lines:
            rows.append(
                [Paragraph(escape(what), st["cell"]), Paragraph(escape(detail), st["cell"]),
                 Paragraph(money(pence), right)]
            )  # fmt: skip
        if not section.lines:
            rows.append([Paragraph(escape(section.empty), st["cell"]), "", ""])
        r = len(rows)
        rows.append(
            [Paragraph(f"<b>{escape(section.total_label)}</b>", st["cell"]), "",
             Paragraph(f"<b>{money(section.total)}</b>", right)]
        )  # fmt: skip
        styles.append(("LINEABOVE", (2, r), (2, r), 0.4, document.INK))
    if not rows:
        return []
    table = Table(rows, colWidths=[55 * mm, None, 30 * mm], hAlign="LEFT")
    table.setStyle(TableStyle(styles))
    return [table, Spacer(1, 3 * mm)]


def _percent(part: int, whole: int) -> str:
    if whole == 0:
        return "—"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{value}%"


def _budget_columns(data: BudgetReport) -> list[tuple[str, Any]]:
    """The figures shown, each (heading, row -> pence or None for a percentage). The
    period's own columns are left out when the period is the year to date."""
    period: list[tuple[str, Any]] = [
        ("Budget", lambda r: r.budget),
        ("Actual", lambda r: r.actual),
        ("Variance", lambda r: r.actual - r.budget),
        ("%", None),
    ]
    to_date: list[tuple[str, Any]] = [
        ("Budget to date", lambda r: r.budget_to_date),
        ("Actual to date", lambda r: r.actual_to_date),
        ("Variance", lambda r: r.actual_to_date - r.budget_to_date),
        ("%", None),
    ]
    year: list[tuple[str, Any]] = [
        ("Forecast", lambda r: r.forecast),
        ("Budget year", lambda r: r.budget_year),
    ]
    same = all(r.budget == r.budget_to_date and r.actual == r.actual_to_date for r in data.rows)
    return (to_date if same else period + to_date) + year


def _budget_story(data: BudgetReport) -> list[Any]:
    columns = _budget_columns(data)
    st, right = _styles(8 if len(columns) < 10 else 7)  # a quarter has twelve columns
    heads = ["Service", "Category", *(h for h, _ in columns)]
    story: list[Any] = [Paragraph(f"<b>{escape(data.title)}: {escape(data.period)}</b>", st["h2"])]
    for direction, title in (("receipt", "Receipts"), ("payment", "Payments")):
        rows = [r for r in data.rows if r.direction == direction]
        if not rows:
            continue

        def figures(values: list[int], bold: str = "") -> list[Paragraph]:
            # Each percentage is the variance before it over the budget two before that.
            return [
                Paragraph(
                    _percent(values[i - 1], values[i - 3])
                    if get is None
                    else f"{bold}{money(values[i])}{bold.replace('<', '</')}",
                    right,
                )
                for i, (_h, get) in enumerate(columns)
            ]

        def values(of: list[Any]) -> list[int]:
            return [0 if get is None else sum(map(get, of)) for _h, get in columns]

        table: list[list[Any]] = [
            [Paragraph(f"<b>{h}</b>", right if i > 1 else st["cell"]) for i, h in enumerate(heads)]
        ]
        for r in rows:
            table.append(
                [
                    Paragraph(escape(r.service), st["cell"]),
                    Paragraph(escape(r.category), st["cell"]),
                    *figures(values([r])),
                ]
            )
        total = Paragraph(f"<b>Total {title.lower()}</b>", st["cell"])
        table.append([total, "", *figures(values(rows), "<b>")])
        pct_w = 13 * mm
        money_count = sum(1 for _h, get in columns if get is not None)
        room = document.width(landscape=True) - 54 * mm - pct_w * (len(columns) - money_count)
        money_w = min(room / money_count, 30 * mm)
        widths = [26 * mm, 28 * mm, *(money_w if get else pct_w for _h, get in columns)]
        grid = Table(table, repeatRows=1, colWidths=widths, hAlign="LEFT")
        grid.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                    ("LINEABOVE", (0, -1), (-1, -1), 0.6, document.INK),
                    ("GRID", (0, 0), (-1, -1), 0.25, document.RULE),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        story += [Paragraph(title, st["h2"]), grid]
    story.append(Spacer(1, 4 * mm))
    if data.chart:
        story.append(
            KeepTogether(
                [budget_chart(data.chart, width=700, title="Spending by service, to date")]
            )
        )
    if data.savings:
        story += [Paragraph("Savings against the allowance", st["h2"])]
        rows_s = [
            [Paragraph(escape(what), st["cell"]), Paragraph(money(v), right)]
            for what, v in data.savings
        ]
        table_s = Table(rows_s, colWidths=[110 * mm, 35 * mm], hAlign="LEFT")
        table_s.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, document.RULE)]))
        story.append(table_s)
    story += [Spacer(1, 3 * mm), *(Paragraph(escape(n), st["small"]) for n in data.notes)]
    return story


def write_accounts(
    accounts: AccountsStatement, out: Path | BinaryIO, *, invariant: bool = False
) -> None:
    """Render the receipts and payments account and its statement to ``out``."""
    title = f"Accounts {accounts.year_label}"
    _write_paper(_accounts_story(accounts), title, accounts, out, invariant, landscape=False)


def write_budget(budget: BudgetReport, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Render budget against actual to ``out`` (landscape, for its columns)."""
    _write_paper(_budget_story(budget), budget.title, budget, out, invariant, landscape=True)


def _write_paper(
    story: list[Any],
    title: str,
    data: AccountsStatement | BudgetReport,
    out: Path | BinaryIO,
    invariant: bool,
    *,
    landscape: bool,
) -> None:
    document.render(
        story,
        out,
        head=data.letterhead,
        title=title,
        generated=uk_datetime(data.generated),
        invariant=invariant,
        landscape=landscape,
    )
    make_private(out)
