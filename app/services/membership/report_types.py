"""The plain data behind printed documents: address labels, letters, share certificates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.services.common.reports import Letterhead
from app.services.membership.label_sheets import LabelSheet


@dataclass(frozen=True)
class Label:
    """The lines on one address label."""

    lines: tuple[str, ...]
    large_print: bool = False


@dataclass(frozen=True)
class LabelRun:
    """Labels to print on a sheet, starting at label ``start`` of the first sheet."""

    sheet: LabelSheet
    labels: tuple[Label, ...]
    start: int = 1
    test_sheet: bool = False


@dataclass(frozen=True)
class Letter:
    """One member's letter: paragraphs of plain text, already filled in."""

    text: str
    large_print: bool = False


@dataclass(frozen=True)
class LetterRun:
    """Letters to members, one a page or more, in one document."""

    letterhead: Letterhead
    letters: tuple[Letter, ...]
    title: str = "Letters to members"


@dataclass(frozen=True)
class ShareCertificate:
    """What a share certificate states."""

    organisation: str
    legal_form: str
    registration_number: str
    organisation_address: str
    logo: bytes | None
    membership_number: int
    name: str
    address_lines: tuple[str, ...]
    shares: int
    paid: Decimal
    share_value: Decimal
    on: date
