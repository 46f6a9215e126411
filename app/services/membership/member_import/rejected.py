"""The rows that were not imported, as a table with a Reason column to fix them in."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from app.services.common.reports import Cell, Column, Letterhead, TableReport
from app.services.membership.member_import.applying import ImportSummary, RejectedRow
from app.services.membership.member_import.planning import ImportPlan
from app.services.membership.member_import.reading import Value
from app.services.membership.member_import.values import text_of


def _cell(value: Value) -> Cell:
    if value is None or (isinstance(value, str | int | date) and not isinstance(value, bool)):
        return value
    if isinstance(value, float):
        return Decimal(repr(value)) if not value.is_integer() else int(value)
    return text_of(value)


def rejected_rows(source: ImportSummary | ImportPlan) -> tuple[RejectedRow, ...]:
    """The rejected rows of a summary, or the rows a plan would reject."""
    if isinstance(source, ImportSummary):
        return source.rejected
    problems = source.assessment.problems
    return tuple(
        RejectedRow(r.row, r.cells, tuple(problems[r.row]))
        for r in source.rows
        if r.row in problems
    )


def rejected_report(source: ImportSummary | ImportPlan) -> TableReport:
    """The original columns plus 'Reason' for each rejected row, as a table to save."""
    rows = rejected_rows(source)
    headers = source.headers
    report = TableReport(
        title="Rows not imported",
        letterhead=Letterhead(organisation=source.file_name),
        generated=datetime.now(),
        columns=(
            *(Column(h or f"Column {i + 1}") for i, h in enumerate(headers)),
            Column("Reason"),
        ),
        rows=tuple(
            (
                *(_cell(c) for c in r.cells[: len(headers)]),
                f"Row {r.row}: " + " ".join(r.reasons),
            )
            for r in rows
        ),
    )
    return report
