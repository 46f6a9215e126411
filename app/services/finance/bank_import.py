"""Bank statements brought in as CSV (the column mapping remembered for each account)
or OFX, matched against the cash book, with the lines not yet entered proposed as
new receipts and payments. Nothing is saved until the treasurer accepts."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Entry
from app.services.accounts.roles import Actor
from app.services.common.money import parse_amount
from app.services.finance.cashbook import EntryDetails, record_entry
from app.services.finance.common import EntryKind, finance_org
from app.services.finance.reconcile import effect
from app.services.finance.setup import account_row


@dataclass(frozen=True)
class StatementLine:
    """One line of a bank statement: money in is positive, money out negative."""

    line: int  # the row or transaction number in the file, for messages
    dated: date
    description: str
    amount_pence: int
    bank_ref: str = ""


@dataclass(frozen=True)
class CsvMapping:
    """Which column holds what (by heading); either ``amount`` or ``money_in``/``money_out``."""

    date: str
    description: str
    amount: str = ""
    money_in: str = ""
    money_out: str = ""
    reference: str = ""


GUESSES = {
    "date": ("date", "transaction date", "posting date", "value date"),
    "description": ("description", "details", "narrative", "memo", "transaction description"),
    "amount": ("amount", "value", "amount (gbp)"),
    "money_in": ("paid in", "money in", "credit", "credit amount", "in"),
    "money_out": ("paid out", "money out", "debit", "debit amount", "out"),
    "reference": ("reference", "ref", "transaction reference"),
}
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d %b %Y", "%d/%m/%y", "%d %B %Y")


def guess_mapping(headings: list[str]) -> CsvMapping | None:
    """The usual headings of UK banks' exports, if these are them."""
    found: dict[str, str] = {}
    for heading in headings:
        key = heading.strip().casefold()
        for field, names in GUESSES.items():
            if key in names and field not in found:
                found[field] = heading
    if "date" not in found or "description" not in found:
        return None
    if "amount" not in found and not ("money_in" in found and "money_out" in found):
        return None
    return CsvMapping(**found)


def _date(text: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _nothing(text: str) -> bool:
    """An empty money cell as banks write it: blank, 0, 0.00, £0.00 or a dash."""
    return text.replace("£", "").replace(",", "").strip() in ("", "-", "0", "0.0", "0.00")


def read_csv(text: str, mapping: CsvMapping | None) -> tuple[list[StatementLine], CsvMapping]:
    """The statement's lines, and the mapping used; a UserError naming the row of any
    line that cannot be read (nothing is taken from a file with a bad line)."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise UserError("The file is empty.")
    headings = [h.strip() for h in rows[0]]
    mapping = mapping or guess_mapping(headings)
    wanted = (
        []
        if mapping is None
        else [
            v
            for v in (
                mapping.date,
                mapping.description,
                mapping.amount,
                mapping.money_in,
                mapping.money_out,
                mapping.reference,
            )
            if v
        ]
    )
    if mapping is None or any(w not in headings for w in wanted):
        shown = ", ".join(f"'{h}'" for h in headings)
        raise UserError.from_issues(
            [
                Issue(
                    "mapping",
                    f"The file's columns ({shown}) are not ones MutualDesk knows: choose which "
                    "column holds the date, the description and the amount (or money in and "
                    "money out).",
                )
            ]
        )
    at = {h: i for i, h in enumerate(headings)}
    lines, problems = [], []
    for number, row in enumerate(rows[1:], start=2):

        def cell(name: str, row: list[str] = row) -> str:
            return row[at[name]].strip() if name and at[name] < len(row) else ""

        day = _date(cell(mapping.date))
        if day is None:
            problems.append(f"row {number}: '{cell(mapping.date)}' is not a date (use dd/mm/yyyy)")
            continue
        if mapping.amount:
            pence, issue = parse_amount("amount", cell(mapping.amount), allow_negative=True)
        else:
            paid_in, paid_out = cell(mapping.money_in), cell(mapping.money_out)
            paid_in = "" if _nothing(paid_in) else paid_in
            paid_out = "" if _nothing(paid_out) else paid_out
            if paid_in and paid_out:
                problems.append(f"row {number}: has money both in and out")
                continue
            pence, issue = parse_amount("amount", paid_in or paid_out)
            if pence is not None and paid_out:
                pence = -pence
        if issue is not None or pence is None:
            problems.append(f"row {number}: {issue.message if issue else 'no amount'}")
            continue
        lines.append(
            StatementLine(number, day, cell(mapping.description), pence, cell(mapping.reference))
        )
    if problems:
        shown = "; ".join(problems[:8]) + (
            f"; and {len(problems) - 8} more" if len(problems) > 8 else ""
        )
        raise UserError(f"Some rows of the file cannot be read, so nothing was taken: {shown}.")
    return lines, mapping


_TAG = re.compile(r"<(\w+)>([^<\r\n]*)")


def read_ofx(text: str) -> list[StatementLine]:
    """The transactions of an OFX file (the older SGML form or XML); a truncated or
    damaged file is refused with what is missing."""
    upper = text.upper()
    if "<OFX>" not in upper:
        raise UserError("This is not an OFX file: it has no <OFX> section.")
    if "</BANKTRANLIST>" not in upper or "</OFX>" not in upper:
        raise UserError(
            "The OFX file stops part-way (its list of transactions is not closed): download "
            "it again from the bank."
        )
    blocks = re.findall(r"<STMTTRN>(.*?)</STMTTRN>", text, flags=re.S | re.I)
    if upper.count("<STMTTRN>") != len(blocks):
        raise UserError("A transaction in the OFX file is not closed: download it again.")
    lines = []
    for number, block in enumerate(blocks, start=1):
        fields = {k.upper(): v.strip() for k, v in _TAG.findall(block)}
        posted = fields.get("DTPOSTED", "")[:8]
        try:
            day = datetime.strptime(posted, "%Y%m%d").date()
        except ValueError:
            raise UserError(
                f"Transaction {number} of the OFX file has no date it can read."
            ) from None
        pence, issue = parse_amount("amount", fields.get("TRNAMT", ""), allow_negative=True)
        if pence is None:
            raise UserError(
                f"Transaction {number} of the OFX file: {issue.message if issue else ''}"
            )
        name = " ".join(p for p in (fields.get("NAME", ""), fields.get("MEMO", "")) if p)
        lines.append(
            StatementLine(number, day, name or "(no description)", pence, fields.get("FITID", ""))
        )
    return lines


def read_statement(
    path_name: str, data: bytes, mapping: CsvMapping | None
) -> tuple[list[StatementLine], CsvMapping | None]:
    """A statement file by its kind: .ofx/.qfx, else CSV."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if path_name.lower().endswith((".ofx", ".qfx")):
        return read_ofx(text), None
    return read_csv(text, mapping)


def saved_mapping(session: Session, organisation_id: int, account_id: int) -> CsvMapping | None:
    raw = account_row(session, organisation_id, account_id).csv_mapping
    return CsvMapping(**json.loads(raw)) if raw else None


def remember_mapping(session: Session, actor: Actor, account_id: int, mapping: CsvMapping) -> None:
    """Keep the mapping for this account's next statement."""
    row = account_row(session, finance_org(actor), account_id)
    row.csv_mapping = json.dumps(asdict(mapping))
    session.flush()


@dataclass(frozen=True)
class Proposal:
    """A statement line and what to do with it: 'matched' to an entry already in the
    cash book, or 'new' (to be entered)."""

    line: StatementLine
    state: str
    entry_id: int | None = None
    entry_number: int | None = None


def match(
    session: Session,
    organisation_id: int,
    account_id: int,
    lines: list[StatementLine],
    reconciliation_id: int | None = None,
) -> list[Proposal]:
    """Match each line to one entry on the account not cleared at an earlier
    reconciliation: the same bank reference and amount, or else the same amount within
    five days; each entry matches one line at most."""
    account_row(session, organisation_id, account_id)
    start = min((ln.dated for ln in lines), default=date.today()) - timedelta(days=5)
    found = session.execute(
        select(Entry.id, Entry.number, Entry.dated, effect(account_id), Entry.bank_ref)
        .where(
            Entry.organisation_id == organisation_id,
            (Entry.account_id == account_id) | (Entry.to_account_id == account_id),
            Entry.kind != EntryKind.OPENING,
            Entry.dated >= start,
            Entry.reconciliation_id.is_(None)
            if reconciliation_id is None
            else (Entry.reconciliation_id.is_(None))
            | (Entry.reconciliation_id == reconciliation_id),
        )
        .order_by(Entry.dated, Entry.number)
    ).all()
    used: set[int] = set()
    out = []
    for ln in lines:
        same = [f for f in found if f[0] not in used and int(f[3]) == ln.amount_pence]
        hit = next((f for f in same if ln.bank_ref and f[4] == ln.bank_ref), None) or next(
            (f for f in same if abs((f[2] - ln.dated).days) <= 5), None
        )
        if hit is None:
            out.append(Proposal(ln, "new"))
        else:
            used.add(hit[0])
            out.append(Proposal(ln, "matched", hit[0], hit[1]))
    return out


def enter_new(
    session: Session,
    actor: Actor,
    account_id: int,
    chosen: list[tuple[StatementLine, int, int]],
) -> int:
    """Enter statement lines as receipts (money in) or payments (money out): each with
    its (line, category id, fund id); all or none. How many were entered."""
    for ln, category_id, fund_id in chosen:
        record_entry(
            session,
            actor,
            EntryDetails(
                kind="receipt" if ln.amount_pence > 0 else "payment",
                dated=ln.dated,
                description=ln.description[:200] or "(from the bank statement)",
                amount_pence=abs(ln.amount_pence),
                fund_id=fund_id,
                account_id=account_id,
                category_id=category_id,
                bank_ref=ln.bank_ref[:100],
            ),
        )
    return len(chosen)
