"""Money: integer pence inside, Decimal at the edges, never float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.errors import Issue

PENNY = Decimal("0.01")
_MONEY = re.compile(r"^-?\d{1,12}(\.\d{1,2})?$")


def to_decimal(pence: int) -> Decimal:
    """100 -> Decimal('1.00')."""
    return (Decimal(pence) / 100).quantize(PENNY)


def to_pence(amount: Decimal) -> int:
    """Decimal('1.005') -> 101 (half up, as a bank rounds)."""
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_pence(pence: int) -> str:
    """12345 -> '£123.45'; -5 -> '-£0.05'."""
    sign = "-" if pence < 0 else ""
    return f"{sign}£{to_decimal(abs(pence)):,}"


def parse_money(field: str, text: str) -> tuple[int | None, Issue | None]:
    """'£1,234.50' -> (123450, None); bad text -> (None, issue)."""
    cleaned = text.strip().replace("£", "").replace(",", "").replace(" ", "")
    if not _MONEY.match(cleaned):
        return None, Issue(field, f"'{text.strip()}' is not an amount of money, such as 1.00.")
    try:
        return to_pence(Decimal(cleaned)), None
    except InvalidOperation:  # pragma: no cover - the pattern already rules this out
        return None, Issue(field, f"'{text.strip()}' is not an amount of money.")
