"""The share columns of an import: shares held, amount paid, date and certificate number.

A row with shares gets one line in the share ledger, in the same unit of work
as the member. The amount paid defaults to the share value times the shares;
the date to when the member joined. The certificate number goes in the
ledger line's note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.services.common.money import format_pence, parse_amount
from app.services.membership.member_import.mapping import SHARE_FIELDS
from app.services.membership.member_import.reading import Table, Value
from app.services.membership.member_import.values import parse_date, parse_number, text_of
from app.services.membership.shares import MOST_SHARES

CERTIFICATE_LENGTH = 40


@dataclass(frozen=True, slots=True)
class ShareCells:
    """What a row's share columns say (``paid_pence`` None: at the share value)."""

    shares: int
    paid_pence: int | None
    on: date | None
    certificate: str

    def note(self) -> str:
        """The ledger line's note."""
        text = "Imported with the register"
        return f"{text}; certificate {self.certificate}" if self.certificate else text


def read_shares(
    table: Table, mapping: dict[int, str], today: date
) -> tuple[list[ShareCells | None], list[list[str]]] | None:
    """Each row's shares and its problems; None when the file has no share column."""
    columns = {name: i for i, name in sorted(mapping.items(), reverse=True) if name in SHARE_FIELDS}
    if not columns:
        return None
    found: list[ShareCells | None] = []
    problems: list[list[str]] = []
    for _number, cells in table.rows:
        cell = {name: cells[i] if i < len(cells) else None for name, i in columns.items()}
        row_problems: list[str] = []
        found.append(_one(cell, today, row_problems))
        problems.append(row_problems)
    return found, problems


def _one(cell: dict[str, Value], today: date, problems: list[str]) -> ShareCells | None:
    shares, message = parse_number(cell.get("shares"), SHARE_FIELDS["shares"])
    if message:
        problems.append(message)
    elif shares is not None and shares > MOST_SHARES:
        problems.append(f"{SHARE_FIELDS['shares']} must be at most {MOST_SHARES:,}.")
    paid: int | None = None
    paid_text = text_of(cell.get("share_paid")).strip()
    if paid_text:
        paid, issue = parse_amount(
            "share_paid", paid_text, allow_zero=True, label=SHARE_FIELDS["share_paid"]
        )
        if issue:
            problems.append(issue.message)
        elif not shares and paid:
            problems.append(
                f"{SHARE_FIELDS['share_paid']} is {format_pence(paid)} but no shares are given."
            )
    on, message = (None, None)
    if cell.get("share_date") not in (None, ""):
        on, message = parse_date(cell.get("share_date"), SHARE_FIELDS["share_date"], today)
        if message:
            problems.append(message)
        elif on is not None and on > today:
            problems.append(f"{SHARE_FIELDS['share_date']} {on:%d/%m/%Y} is in the future.")
    certificate = text_of(cell.get("share_certificate")).strip()
    if len(certificate) > CERTIFICATE_LENGTH:
        problems.append(
            f"{SHARE_FIELDS['share_certificate']} is too long (at most {CERTIFICATE_LENGTH} "
            "characters)."
        )
    if not shares or problems:
        return None
    return ShareCells(shares, paid, on, certificate)
