"""The offline centre's return: a centre that stays on its own file sends its figures for
a quarter (or a year) to the federation as one signed file, and the federation imports it.

The federation makes its key once (``make_key``) and keeps it. From it, it makes each
centre's own key (``centre_key``: a secret derived from the federation's and the centre's
name) and gives the centre that file only. A return is the figures as JSON, signed with
the centre's key (HMAC-SHA256) and naming the federation key's id; the federation
derives the centre's secret again to check it. So a file signed for another federation
is refused as another federation's, one changed after it was signed as altered, and a
centre cannot sign a return in another centre's name. Importing the same file twice
changes nothing; a corrected return for the same centre and period replaces the one
before. Only the federation's people who may change its books import returns.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import PermissionDenied, UserError
from app.models import CentreReturn
from app.services.accounts import audit
from app.services.accounts.roles import Actor, Permission
from app.services.federation.rollup import centre_figures, on_server
from app.services.organisation import get

FORMAT = "mutualdesk-return/1"
NUMBER = "registration_number"  # kept too: the roll-up knows a centre by it or its name
MADE = "made"  # kept beside a return's figures: a later return replaces it, never an older
KEY_FORMAT = "mutualdesk-federation-key/1"


@dataclass(frozen=True)
class FederationKey:
    """The federation's secret and its public id; or, with ``centre``, one centre's."""

    federation: str
    key_id: str
    secret: str
    centre: str = ""

    def to_text(self) -> str:
        return json.dumps({"format": KEY_FORMAT, **asdict(self)}, indent=2)


def _derived(master: FederationKey, centre: str) -> str:
    return hmac.new(
        bytes.fromhex(master.secret), f"centre\x1f{centre}".encode(), hashlib.sha256
    ).hexdigest()


def centre_key(master: FederationKey, centre: str) -> FederationKey:
    """The key the centre called ``centre`` signs its returns with."""
    if master.centre:
        raise UserError(
            f"That is {master.centre}'s key: a centre's key is made from the federation's own."
        )
    name = centre.strip()
    if not name:
        raise UserError("Give the centre's name, exactly as its own file has it.")
    return FederationKey(master.federation, master.key_id, _derived(master, name), name)


def make_key(federation: str) -> FederationKey:
    """A new key for the federation called ``federation``."""
    name = federation.strip()
    if not name:
        raise UserError("Give the federation's name for its key.")
    return FederationKey(name, secrets.token_hex(8), secrets.token_hex(32))


def read_key(text: str) -> FederationKey:
    """A key from its file's text; a plain message if it is not one."""
    try:
        data = json.loads(text)
        if data.get("format") != KEY_FORMAT:
            raise ValueError
        return FederationKey(
            str(data["federation"]),
            str(data["key_id"]),
            str(data["secret"]),
            str(data.get("centre") or ""),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        raise UserError("That is not a federation key file made by MutualDesk.") from None


def _sign(key: FederationKey, body: str) -> str:
    return hmac.new(bytes.fromhex(key.secret), body.encode("utf-8"), hashlib.sha256).hexdigest()


def export_return(
    session: Session,
    actor: Actor,
    key: FederationKey,
    start_year: int,
    quarter: int | None,
    today: date | None = None,
) -> str:
    """The signed return of the actor's centre for the period: the file's text."""
    if actor.organisation_id is None:
        raise UserError("Sign in first.")
    org = get(session, actor.organisation_id)
    if not key.centre:
        raise UserError(
            "That is the federation's own key. Ask the federation for your centre's key "
            "(mutualdesk federation key --centre NAME)."
        )
    if key.centre != org.name:
        raise UserError(f"That key is {key.centre}'s, not {org.name}'s: ask the federation "
                        "for your centre's own key.")  # fmt: skip
    figures = centre_figures(session, org, start_year, today or date.today(), quarter)
    body = json.dumps(
        {
            "format": FORMAT,
            "federation": key.federation,
            "key_id": key.key_id,
            "centre": org.name,
            "registration_number": org.registration_number,
            "start_year": start_year,
            "quarter": quarter or 0,
            "made": datetime.now().isoformat(timespec="seconds"),
            "figures": {k: v for k, v in asdict(figures).items() if k != "organisation_id"},
        },
        sort_keys=True,
    )
    return json.dumps({"body": body, "signature": _sign(key, body)}, indent=2)


@dataclass(frozen=True)
class Imported:
    """What importing a return did: 'added', 'replaced' or 'unchanged'."""

    centre: str
    period: str
    outcome: str


def _read(text: str, key: FederationKey) -> dict[str, Any]:
    try:
        outer = json.loads(text)
        body, signature = str(outer["body"]), str(outer["signature"])
        data: dict[str, Any] = json.loads(body)
        if data.get("format") != FORMAT:
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise UserError("That is not a centre's return made by MutualDesk.") from None
    if key.centre:
        raise UserError(
            f"That is {key.centre}'s key: returns are checked with the federation's own key."
        )
    if data.get("key_id") != key.key_id:
        raise UserError(
            f"This return was made for another federation ({data.get('federation', '?')}), "
            f"not {key.federation}: it was not imported."
        )
    signer = centre_key(key, str(data.get("centre", "")))
    if not hmac.compare_digest(signature, _sign(signer, body)):
        raise UserError(
            f"This return from {data.get('centre', 'a centre')} was changed after the centre "
            "signed it (or was signed with another centre's key): it was not imported. "
            "Ask the centre to send it again."
        )
    return data


def import_return(session: Session, actor: Actor, text: str, key: FederationKey) -> Imported:
    """Check and keep a centre's return (the federation's people who keep its books)."""
    if not (actor.role.sees_every_organisation and actor.can(Permission.EDIT_FINANCE)):
        raise PermissionDenied(
            "Only the federation's administrator or treasurer may import centres' returns."
        )
    data = _read(text, key)
    centre = str(data["centre"])
    if centre != centre.strip() or data["figures"].get("name") != centre:
        raise UserError(
            f"This return's figures are not all for {centre.strip()}, the centre that signed "
            "it: it was not imported."
        )
    number = str(data.get("registration_number", "")).strip()
    if on_server(session, centre, number):
        raise UserError(
            f"{centre} keeps its records in this database, and the roll-up counts its "
            "figures from them: a return is for a centre on a file of its own. The return "
            "was not imported."
        )
    made = str(data.get("made", ""))
    kept = {**data["figures"], MADE: made, NUMBER: number}
    figures = json.dumps(kept, sort_keys=True)
    digest = hashlib.sha256(json.dumps(data["figures"], sort_keys=True).encode()).hexdigest()
    centre_key = hashlib.sha256(centre.encode("utf-8")).hexdigest()  # the signed name only
    quarter = int(data["quarter"])
    period = f"{data['start_year']}" + (f" quarter {quarter}" if quarter else "")
    row = session.scalars(
        select(CentreReturn).where(
            CentreReturn.centre_key == centre_key,
            CentreReturn.start_year == int(data["start_year"]),
            CentreReturn.quarter == quarter,
        )
    ).first()
    if row is not None and row.digest == digest:
        return Imported(centre, period, "unchanged")
    if row is not None and json.loads(row.figures).get(MADE, "") > made:
        raise UserError(
            f"This return from {centre} for {period} was made before the one already "
            "imported: it was not imported (the later one stands)."
        )
    outcome = "added" if row is None else "replaced"
    if row is None:
        row = CentreReturn(
            centre_key=centre_key, start_year=int(data["start_year"]), quarter=quarter
        )
    row.centre, row.figures, row.digest = centre, figures, digest
    row.imported_by = actor.username
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "import return", "centre_return", row.id,
        after={"centre": row.centre, "period": period, "outcome": outcome},
    )  # fmt: skip
    return Imported(row.centre, period, outcome)
