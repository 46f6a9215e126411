"""Email addresses and UK phone numbers: checked offline, tidied, explained when wrong."""

from __future__ import annotations

import re

from app.errors import Issue

_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)


_MOBILE = re.compile(r"07\d{3} \d{6}\Z")


def normalise_email(text: str) -> str:
    """Trimmed, with the domain in lower case."""
    text = text.strip()
    local, at, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}" if at else text


def email_issue(field: str, text: str) -> Issue | None:
    """An issue unless ``text`` is blank or looks like a working email address."""
    text = text.strip()
    if not text:
        return None
    problem = None
    if " " in text:
        problem = "has a space in it"
    elif text.count("@") != 1:
        problem = "needs exactly one @"
    elif ".." in text or text.startswith(".") or ".@" in text:
        problem = "has two dots together or a dot in the wrong place"
    elif len(text) > 200 or not _EMAIL.match(text):
        problem = "is not a complete address (like name@example.org)"
    return Issue(field, f"Email '{text}' {problem}.") if problem else None


def normalise_phone(text: str) -> str:
    """A UK number written the usual way: '7700900123' -> '07700 900123'.

    A spreadsheet that stored a number as a number drops its leading zero; a
    ten-digit number beginning 1, 2, 3, 7 or 8 gets it back. +44 becomes 0.
    Numbers from other countries (+33 ...) are kept as typed.
    """
    text = text.strip()
    if not text:
        return ""
    if _MOBILE.match(text):
        return text  # already written the usual way (most numbers in an import)
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]  # a number cell read as a float
    digits = re.sub(r"[\s\-().]", "", text)
    if digits.startswith("+44"):
        digits = "0" + digits[3:].removeprefix("0")
    elif digits.startswith("0044"):
        digits = "0" + digits[4:].removeprefix("0")
    elif digits.startswith("+"):
        return text
    if not digits.isdigit():
        return text
    if len(digits) == 10 and digits[0] in "12378":
        digits = "0" + digits
    if len(digits) != 11 or not digits.startswith("0"):
        return text
    if digits.startswith(("02", "03", "08", "09")):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if digits.startswith("01") and "1" in (digits[2], digits[3]):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return f"{digits[:5]} {digits[5:]}"


def phone_issue(field: str, text: str, label: str = "Phone number") -> Issue | None:
    """An issue unless ``text`` is blank, a UK number, or an international (+) number."""
    if not text.strip():
        return None
    tidy = normalise_phone(text)
    digits = re.sub(r"\D", "", tidy)
    if tidy.startswith("+") and 7 <= len(digits) <= 15:
        return None
    if len(digits) == 11 and digits.startswith("0"):
        return None
    return Issue(field, f"{label} '{text.strip()}' is not a UK number (11 digits starting with 0).")
