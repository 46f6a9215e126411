"""The folded text a member is searched by, and how a search is folded the same way.

Typing "zoe" finds "Zoë", "se17" finds "SE1 7PB", "07700" finds the mobile:
names lose accents and case, postcodes and phone numbers lose spaces. The
text is kept in one column so that a search is one portable SQL `LIKE`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

_EXTRA = str.maketrans({"ı": "i", "ł": "l", "Ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d"})


def fold(text: str) -> str:
    """Lower case, accents removed, runs of space made one: 'Ní Bhriain' -> 'ni bhriain'."""
    if text.isascii():  # the same result, without decomposing (an import folds 100,000 rows)
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().translate(_EXTRA).split())


def search_text(
    number: int,
    given: str,
    family: str,
    preferred: str,
    postcode: str,
    email: str,
    phone: str,
    mobile: str,
) -> str:
    """The one line a member is found by."""
    return _line(
        number,
        fold(f"{given} {family}"),
        fold(preferred),
        fold(postcode).replace(" ", ""),
        fold(email),
        phone,
        mobile,
    )


def _line(
    number: int, name: str, preferred: str, postcode: str, email: str, phone: str, mobile: str
) -> str:
    parts = (
        f"#{number}",
        name,
        preferred,
        postcode,
        email,
        phone.replace(" ", ""),
        mobile.replace(" ", ""),
    )
    return "|".join(part for part in parts if part)


def search_texts(rows: Iterable[tuple[int, str, str, str, str, str, str, str]]) -> list[str]:
    """``search_text`` for many members, each distinct name or postcode folded once."""
    names: dict[tuple[str, str], str] = {}
    folded: dict[str, str] = {"": ""}
    postcodes: dict[str, str] = {"": ""}
    out = []
    for number, given, family, preferred, postcode, email, phone, mobile in rows:
        name = names.get((given, family))
        if name is None:
            name = names[given, family] = fold(f"{given} {family}")
        pref = folded.get(preferred)
        if pref is None:
            pref = folded[preferred] = fold(preferred)
        code = postcodes.get(postcode)
        if code is None:
            code = postcodes[postcode] = fold(postcode).replace(" ", "")
        mail = folded.get(email)
        if mail is None:
            mail = folded[email] = fold(email)
        out.append(_line(number, name, pref, code, mail, phone, mobile))
    return out


def like_pattern(query: str) -> str:
    """A LIKE pattern for what the person typed (wildcards in it are taken literally)."""
    folded = fold(query)
    if folded.replace(" ", "").isdigit() or _looks_like_postcode(folded):
        folded = folded.replace(" ", "")
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _looks_like_postcode(folded: str) -> bool:
    return any(ch.isdigit() for ch in folded) and len(folded) <= 8 and folded[:1].isalpha()
