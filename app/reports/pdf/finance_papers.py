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

from app.reports.charts import budget_chart
from app.reports.common import make_private, uk_date, uk_datetime
from app.reports.finance import FUND_COLUMNS, AccountsStatement, BudgetReport
from app.reports.pdf import document

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
    cash = [[Paragraph("<b>Cash funds</b>", st["cell"]), Paragraph("<b>Balance</b>", right)]]
    cash += [
        [Paragraph(escape(name), st["cell"]), Paragraph(money(pence), right)]
        for name, pence in data.cash
    ]
    total = sum(p for _n, p in data.cash)
    cash.append(
        [
            Paragraph("<b>Total cash funds</b>", st["cell"]),
            Paragraph(f"<b>{money(total)}</b>", right),
        ]
    )
    assets = Table(cash, colWidths=[None, 30 * mm], hAlign="LEFT")
    assets.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (1, -1), (-1, -1), 0.4, document.INK),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ]
        )
    )
    story += [
        assets,
        Spacer(1, 3 * mm),
        Paragraph(
            "Other monetary assets, investments, fixed assets and liabilities are not "
            "recorded in MutualDesk: list any here by hand before the accounts are signed.",
            st["small"],
        ),
    ]
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


def _percent(part: int, whole: int) -> str:
    if whole == 0:
        return "—"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{value}%"


def _budget_story(data: BudgetReport) -> list[Any]:
    st, right = _styles(8)
    heads = [
        "Service",
        "Category",
        "Budget",
        "Actual",
        "Variance",
        "%",
        "Budget to date",
        "Actual to date",
        "Variance",
        "%",
        "Forecast",
        "Budget year",
    ]
    story: list[Any] = [Paragraph(f"<b>{escape(data.title)}: {escape(data.period)}</b>", st["h2"])]
    for direction, title in (("receipt", "Receipts"), ("payment", "Payments")):
        rows = [r for r in data.rows if r.direction == direction]
        if not rows:
            continue
        table: list[list[Any]] = [
            [Paragraph(f"<b>{h}</b>", right if i > 1 else st["cell"]) for i, h in enumerate(heads)]
        ]
        for r in rows:
            cells = [r.budget, r.actual, r.actual - r.budget]
            ytd = [r.budget_to_date, r.actual_to_date, r.actual_to_date - r.budget_to_date]
            table.append(
                [
                    Paragraph(escape(r.service), st["cell"]),
                    Paragraph(escape(r.category), st["cell"]),
                ]
                + [Paragraph(money(v), right) for v in cells]
                + [Paragraph(_percent(cells[2], cells[0]), right)]
                + [Paragraph(money(v), right) for v in ytd]
                + [Paragraph(_percent(ytd[2], ytd[0]), right)]
                + [Paragraph(money(r.forecast), right), Paragraph(money(r.budget_year), right)]
            )
        sums = [sum(getattr(r, f) for r in rows) for f in ("budget", "actual")]
        sums_ytd = [sum(r.budget_to_date for r in rows), sum(r.actual_to_date for r in rows)]
        total = (
            [Paragraph(f"<b>Total {title.lower()}</b>", st["cell"]), ""]
            + [Paragraph(f"<b>{money(v)}</b>", right) for v in (*sums, sums[1] - sums[0])]
            + [Paragraph(_percent(sums[1] - sums[0], sums[0]), right)]
            + [
                Paragraph(f"<b>{money(v)}</b>", right)
                for v in (*sums_ytd, sums_ytd[1] - sums_ytd[0])
            ]
            + [Paragraph(_percent(sums_ytd[1] - sums_ytd[0], sums_ytd[0]), right)]
            + [
                Paragraph(f"<b>{money(sum(r.forecast for r in rows))}</b>", right),
                Paragraph(f"<b>{money(sum(r.budget_year for r in rows))}</b>", right),
            ]
        )
        table.append(total)
        money_w, pct_w = 22 * mm, 13 * mm
        widths = [28 * mm, 30 * mm, *[money_w] * 3, pct_w, *[money_w] * 3, pct_w, money_w, money_w]
        grid = Table(table, repeatRows=1, colWidths=widths)
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


def write(
    data: AccountsStatement | BudgetReport, out: Path | BinaryIO, *, invariant: bool = False
) -> None:
    """Render the accounts or the budget report to ``out``."""
    if isinstance(data, AccountsStatement):
        story, title, landscape = _accounts_story(data), f"Accounts {data.year_label}", False
    else:
        story, title, landscape = _budget_story(data), data.title, True
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
