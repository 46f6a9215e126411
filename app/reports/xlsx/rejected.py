"""The rows an import turned away, saved as a spreadsheet to correct and import again."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from app.reports.xlsx import table
from app.services.membership.member_import import ImportPlan, ImportSummary, rejected_report


def write_rejected(source: ImportSummary | ImportPlan, out: Path | BinaryIO) -> int:
    """Write the original columns plus 'Reason' for each rejected row; returns how many."""
    report = rejected_report(source)
    table.write(report, out)
    return len(report.rows)
