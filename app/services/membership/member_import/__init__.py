"""Importing members from the spreadsheet an organisation kept until now (CSV or .xlsx).

``plan_import`` reads a file and says what would happen; ``run_import`` does it
in the caller's unit of work; ``rejected_report`` gives back the rows that could
not be imported with the reason for each.
"""

from app.services.membership.member_import.applying import ImportSummary, RejectedRow, run_import
from app.services.membership.member_import.mapping import FIELDS, auto_mapping
from app.services.membership.member_import.planning import (
    ImportPlan,
    RowProblem,
    plan_import,
    replan,
)
from app.services.membership.member_import.reading import Table, read_table
from app.services.membership.member_import.rejected import rejected_report

__all__ = [
    "FIELDS",
    "ImportPlan",
    "ImportSummary",
    "RejectedRow",
    "RowProblem",
    "Table",
    "auto_mapping",
    "plan_import",
    "read_table",
    "rejected_report",
    "replan",
    "run_import",
]
