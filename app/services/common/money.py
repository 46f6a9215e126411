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


_AMOUNT = re.compile(r"^(?P<sign>[-+]?)(?P<whole>\d{1,3}(,\d{3}){1,3}|\d{1,12})(\.(?P<frac>\d*))?$")


def parse_amount(
    field: str,
    text: str,
    *,
    allow_negative: bool = False,
    allow_zero: bool = False,
    label: str = "The amount",
) -> tuple[int | None, Issue | None]:
    """An amount as a treasurer types it, in pence: '£1,234.50', '1234.5', '(12.00)'.

    Brackets mean minus, as on a bank statement. Commas must group thousands
    properly; at most two figures after the point. Each kind of mistake gets its
    own message; a negative or zero amount only where the caller allows it.
    """
    shown = text.strip()
    body = shown.replace(" ", "")
    negative = False
    if body.startswith("(") and body.endswith(")"):
        negative, body = True, body[1:-1]
    if body.startswith("-£"):
        body = "-" + body[2:]
    elif body.startswith("£"):
        body = body[1:]
    if not shown:
        return None, Issue(field, f"{label} is needed.")
    if not body or body == "-":
        return None, Issue(
            field, f"'{shown}' has no amount in it: type pounds and pence, e.g. 12.50."
        )
    found = _AMOUNT.match(body)
    if found is None:
        if re.fullmatch(r"-?[\d,]*\.\d{3,}", body):
            return None, Issue(
                field,
                f"'{shown}' has more than two figures after the point: pounds and pence only.",
            )
        return None, Issue(field, f"'{shown}' is not an amount of money, such as 1,234.50.")
    frac = found.group("frac") or ""
    if len(frac) > 2:
        return None, Issue(
            field, f"'{shown}' has more than two figures after the point: pounds and pence only."
        )
    pence = int(found.group("whole").replace(",", "")) * 100 + int((frac + "00")[:2])
    if found.group("sign") == "-" or negative:
        if found.group("sign") and negative:
            return None, Issue(field, f"'{shown}' is not an amount of money, such as 1,234.50.")
        pence = -pence
    if pence < 0 and not allow_negative:
        return None, Issue(
            field,
            f"{label} must be more than nothing. Type it without a minus sign or brackets: "
            "whether money comes in or goes out is set by the kind of entry.",
        )
    if pence == 0 and not allow_zero:
        return None, Issue(field, f"{label} cannot be £0.00.")
    return pence, None


def split_evenly(pence: int, parts: int) -> list[int]:
    """``pence`` in ``parts`` shares that add up exactly: the first shares take the odd
    pennies (1000 in 3 -> [334, 333, 333]); negative amounts split the same way."""
    if parts < 1:
        raise ValueError("parts must be at least 1")
    sign = -1 if pence < 0 else 1
    whole, odd = divmod(abs(pence), parts)
    return [sign * (whole + (1 if i < odd else 0)) for i in range(parts)]


def share_of(pence: int, basis_points: int) -> tuple[int, int]:
    """(share, rest) of ``pence`` at ``basis_points`` (5000 = 50%): the share rounded half
    up to the penny, the rest what is left, so the two always add up to ``pence``."""
    if not 0 <= basis_points <= 10_000:
        raise ValueError("basis_points must be 0 to 10,000")
    sign = -1 if pence < 0 else 1
    share = (abs(pence) * basis_points * 2 + 10_000) // 20_000
    return sign * share, pence - sign * share
