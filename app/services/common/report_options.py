"""What a person can choose when asking for a report (all optional)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class MemberFilter:
    """Which members a list holds: a category (by name), a status, eligible to vote on a date."""

    category: str | None = None
    status: str | None = None
    eligible_on: date | None = None
    needs_address: bool = False


@dataclass(frozen=True)
class ReportOptions:
    """Choices for a report; each report uses the ones that make sense for it."""

    members: MemberFilter = field(default_factory=MemberFilter)
    columns: tuple[str, ...] = ()
    landscape: bool = False
    large_print: bool = False
    year: int | None = None  # the financial year that starts in this calendar year
    member_number: int | None = None
    template: str | None = None  # the text of a letter template
    label: str = "L7160"
    start: int = 1
    test_sheet: bool = False
    large_print_labels: bool = True
    on: date | None = None  # "today" for letters and certificates
    election_id: int | None = None  # ballot papers, nomination forms, the result
    ballot_id: int | None = None  # a project ballot's papers
    copies: int | None = None  # ballot papers (None: one for each elector)
    meeting_id: int | None = None  # agenda, sign-in sheet, minutes, notice letters
    quarter: int | None = None  # finance: a quarter (1-4) of the financial year


DEFAULT_OPTIONS = ReportOptions()
