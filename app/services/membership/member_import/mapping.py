"""Which member field each spreadsheet column holds, guessed from its heading."""

from __future__ import annotations

import re

# field -> the label a screen shows (and row messages use)
FIELDS: dict[str, str] = {
    "membership_number": "Membership number",
    "title": "Title",
    "given_name": "First name",
    "family_name": "Last name",
    "preferred_name": "Preferred name",
    "date_of_birth": "Date of birth",
    "address": "Address",
    "postcode": "Postcode",
    "email": "Email",
    "phone": "Phone",
    "mobile": "Mobile",
    "category": "Category",
    "applied_on": "Date applied",
    "joined_on": "Date joined",
    "household_ref": "Household",
    "large_print": "Large print",
    "interpreter_language": "Interpreter language",
    "notes": "Notes",
}
# The share register's columns (see share_columns): field -> label
SHARE_FIELDS: dict[str, str] = {
    "shares": "Shares held",
    "share_paid": "Amount paid on shares",
    "share_date": "Date shares issued",
    "share_certificate": "Share certificate number",
}
SHARE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "shares": (
        "shares", "shares held", "share", "no of shares", "number of shares", "share holding",
        "shareholding", "holding",
    ),
    "share_paid": (
        "amount paid", "paid", "share paid", "paid up", "amount paid up", "share capital",
        "share paid amount", "share amount",
    ),
    "share_date": (
        "share date", "date issued", "date of issue", "share issued", "shares issued",
        "issue date", "date shares issued",
    ),
    "share_certificate": (
        "certificate", "certificate number", "certificate no", "share certificate",
        "share certificate number", "share certificate no", "cert no", "cert",
    ),
}  # fmt: skip
FIELDS.update(SHARE_FIELDS)
# Several columns may feed these: their texts are joined, one per line.
MULTI_COLUMN = frozenset({"address", "notes"})

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "membership_number": (
        "membership no",
        "membership number",
        "member no",
        "member number",
        "member id",
        "membership id",
        "number",
        "no",
        "share number",
        "ref",
    ),
    "title": ("title", "salutation", "honorific"),
    "given_name": (
        "forename",
        "forenames",
        "first name",
        "firstname",
        "given name",
        "given names",
        "christian name",
    ),
    "family_name": ("surname", "last name", "family name", "lastname"),
    "preferred_name": ("preferred name", "known as", "nickname"),
    "date_of_birth": ("date of birth", "dob", "d.o.b.", "birth date", "birthday", "born"),
    "address": (
        "address",
        "street",
        "street address",
        "home address",
        "town",
        "city",
        "county",
        "locality",
        "district",
        "flat",
        "house",
        "house number",
        "house no",
        "block",
        "estate",
        *(f"address {n}" for n in range(1, 6)),
        *(f"address line {n}" for n in range(1, 6)),
    ),
    "postcode": ("postcode", "post code", "postal code", "zip", "zip code"),
    "email": ("email", "e-mail", "email address", "e-mail address", "mail"),
    "phone": (
        "tel",
        "tel no",
        "telephone",
        "telephone number",
        "phone",
        "phone number",
        "home phone",
        "landline",
        "home tel",
    ),
    "mobile": ("mobile", "mobile number", "mobile phone", "mob", "cell", "cell phone"),
    "category": (
        "membership type",
        "member type",
        "type",
        "category",
        "membership category",
        "constituency",
        "class",
        "tenure",
    ),
    "applied_on": ("date applied", "applied", "application date", "date of application"),
    "joined_on": (
        "date joined",
        "joined",
        "member since",
        "join date",
        "joining date",
        "date of joining",
        "date admitted",
        "admitted",
        "start date",
    ),
    "household_ref": ("household", "household ref", "household reference", "tenancy ref"),
    "large_print": ("large print", "needs large print"),
    "interpreter_language": ("interpreter", "interpreter language", "language"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
}


def header_key(text: object) -> str:
    """'E-mail Address ' -> 'emailaddress': case, spaces and punctuation ignored."""
    return re.sub(r"[^0-9a-z]", "", str(text or "").casefold())


_BY_KEY: dict[str, str] = {
    header_key(name): field
    for field, names in (*_SYNONYMS.items(), *SHARE_SYNONYMS.items())
    for name in names
}


def field_for(header: object) -> str | None:
    """The member field a heading names, or None."""
    return _BY_KEY.get(header_key(header))


def auto_mapping(headers: tuple[str, ...] | list[str]) -> dict[int, str]:
    """Column index -> field for every heading recognised (a field once, except address/notes)."""
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        field = field_for(header)
        if field is None or (field in mapping.values() and field not in MULTI_COLUMN):
            continue
        mapping[index] = field
    return mapping


def example_headings() -> list[str]:
    """Headings to suggest when none were recognised."""
    return ["First name", "Last name", "Postcode", "Email", "Date joined", "Membership type"]
