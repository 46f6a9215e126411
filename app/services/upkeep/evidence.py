"""Tamper evidence: what `check` and the audit page say about the audit trail.

Four things are compared, and each difference is named:

- the chain itself (an entry edited, or removed from the middle);
- every row of every audited table with the seal the trail last gave it (a row
  changed, added or deleted without its audit entry);
- the anchor beside the file (entries removed from the end, or an older copy
  put in place of the file outside MutualDesk);
- the head recorded in each backup's manifest (the file rewound or rewritten
  since that backup).

Someone with the file and the program's code can rewrite all of it; the anchor
and the backups, kept outside the file, are what reveal that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app.services.accounts.audit import ChainReport
from app.services.common.dates import uk
from app.storage import anchor, audit_chain, backups, seals
from app.storage.audit_chain import GENESIS

NAMED = 5  # rows named in one line before "and N more"


@dataclass(frozen=True)
class Finding:
    """One thing checked: whether it passed, and what was found, in words."""

    passed: bool
    text: str


@dataclass
class Evidence:
    """Everything `check` says about the audit trail."""

    entries: int = 0
    findings: list[Finding] = field(default_factory=list)
    checked_at: datetime = field(default_factory=datetime.now)

    @property
    def ok(self) -> bool:
        """True when nothing was found."""
        return all(f.passed for f in self.findings)

    def add(self, passed: bool, text: str) -> None:
        """Record one finding."""
        self.findings.append(Finding(passed, text))


def _walk(session: Session) -> tuple[ChainReport, dict[tuple[str, str], str], bool]:
    """The chain checked link by link, and the latest seal of every row."""
    latest: dict[tuple[str, str], str] = {}
    previous, checked, sealed = GENESIS, 0, False
    broken: tuple[int, str] | None = None
    for entry in audit_chain.stored_entries(session):
        if broken is None:
            if (problem := audit_chain.link_problem(entry, previous)) is not None:
                broken = (entry.id, problem)
            else:
                checked += 1
        previous = entry.hash
        if entry.seals:
            sealed = True
            for name, key, digest in seals.seal_lines(entry.seals):
                latest[(name, key)] = digest
    if broken is None:
        return ChainReport(checked, None, ""), latest, sealed
    return ChainReport(checked, broken[0], broken[1]), latest, sealed


def _rows(kind: str, name: str, ids: list[str]) -> str:
    shown = ", ".join(sorted(ids, key=_order)[:NAMED])
    more = f" and {len(ids) - NAMED} more" if len(ids) > NAMED else ""
    plural = "row" if len(ids) == 1 else "rows"
    return f"{name}: {plural} {shown}{more} {kind}"


def _order(key: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in key.split(":"))


def _compare_rows(session: Session, latest: dict[tuple[str, str], str]) -> list[str]:
    """Rows whose state differs from their latest seal, by table."""
    problems: list[str] = []
    for table in seals.audited_tables():
        changed: list[str] = []
        added: list[str] = []
        present: set[str] = set()
        for row_id, digest in seals.current_digests(session, table):
            present.add(row_id)
            sealed = latest.get((table.name, row_id))
            if sealed is None or sealed == seals.DELETED:
                added.append(row_id)
            elif sealed != digest:
                changed.append(row_id)
        deleted = [
            row_id
            for (name, row_id), digest in latest.items()
            if name == table.name and digest != seals.DELETED and row_id not in present
        ]
        for kind, ids in (("changed", changed), ("added", added), ("deleted", deleted)):
            if ids:
                problems.append(_rows(kind, table.name, ids))
    return problems


def _check_anchor(
    session: Session, evidence: Evidence, database: Path, held: anchor.Anchor | None
) -> anchor.Anchor | None:
    if held is None and anchor.unreadable(database):
        evidence.add(
            False,
            f"anchor: {anchor.anchor_path(database).name} beside the file is not an anchor "
            "MutualDesk wrote (it was changed or damaged): keep it as it is and compare the "
            "file with your backups",
        )
        return None
    if held is None:
        evidence.add(
            True,
            f"anchor: none beside the file yet (it is written by the next change; if the "
            f"file was copied here, copy {anchor.anchor_path(database).name} with it: "
            "without it, entries removed from the end are found only from the backups)",
        )
        return None
    end = audit_chain.chain_end(session)
    when = f"{uk(held.updated.date())} {held.updated:%H:%M}"
    restored = ""
    if held.restores:
        last = held.restores[-1]
        at = datetime.fromisoformat(last.at)
        restored = (
            f"; restored through MutualDesk from {last.backup} on {uk(at.date())} "
            f"{at:%H:%M}, which took the trail back from {last.from_length} to "
            f"{last.to_length} entries"
        )
    if held.first and end.first and held.first != end.first:
        evidence.add(
            False,
            f"anchor: the anchor beside the file (written {when}) belongs to a different "
            "audit trail: this file was replaced by another outside MutualDesk",
        )
        return held
    position = audit_chain.position_of(session, held.head) if held.head else 0
    if position == held.length:
        evidence.add(
            True,
            f"anchor: the trail contains the {held.length} entries anchored on {when}" + restored,
        )
    elif position is None and held.length > end.length:
        evidence.add(
            False,
            f"anchor: the audit trail has {end.length} entries but the anchor beside the file "
            f"recorded {held.length} on {when}: {held.length - end.length} entries were "
            "removed from the end, or an older copy of the file was put in its place outside "
            "MutualDesk (a restore through MutualDesk is recorded)",
        )
    else:
        evidence.add(
            False,
            f"anchor: entry {held.length} of the audit trail is not the one anchored on {when}: "
            "the trail was rewritten outside MutualDesk",
        )
    return held


def _check_backups(
    session: Session, evidence: Evidence, made: list[backups.Backup], held: anchor.Anchor | None
) -> None:
    restored_at = max((r.at for r in held.restores), default="") if held else ""
    found: list[str] = []
    superseded = 0
    checked = 0
    for backup in made:
        head = backup.manifest.audit_head
        length = backup.manifest.row_counts.get("audit_log")
        if not head:
            continue
        checked += 1
        position = audit_chain.position_of(session, head)
        if position is not None and (length is None or position == length):
            continue
        if restored_at and backup.manifest.created_at <= restored_at:
            superseded += 1
            continue
        when = backup.manifest.created
        found.append(f"{backup.path.name} (made {uk(when.date())} {when:%H:%M}, {length} entries)")
    if found:
        evidence.add(
            False,
            f"backups: the audit trail does not contain the end of the trail recorded in "
            f"{_listed(found)}: the file was rewound or rewritten since",
        )
    elif checked:
        agree = checked - superseded
        text = f"backups: {agree} agree{'s' if agree == 1 else ''} with the trail"
        if superseded:
            text += (
                f"; {superseded} made before the restore "
                f"{'is' if superseded == 1 else 'are'} superseded by it"
            )
        evidence.add(True, text)


def _listed(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) > NAMED:
        return ", ".join(items[:NAMED]) + f" and {len(items) - NAMED} more"
    return ", ".join(items)


def examine(
    session: Session,
    database: Path | None = None,
    backup_folder: Path | None = None,
    *,
    current_schema: bool = True,
) -> Evidence:
    """Check the trail, the rows' seals, the anchor and the backups (the rows only in a
    file at this version's schema: an older one's tables are not this version's).

    The anchor and the backups are read before the file, so that a change the program
    commits meanwhile (the anchor moving on) is never taken for entries removed."""
    held = anchor.read(database) if database is not None else None
    found_backups = (
        backups.list_backups(backup_folder)
        if backup_folder is not None and backup_folder.is_dir()
        else None
    )
    chain, latest, sealed = _walk(session)
    evidence = Evidence(entries=chain.checked)
    if chain.ok:
        evidence.add(True, f"audit trail: {chain.checked} entries, chain intact")
    else:
        evidence.add(
            False,
            f"audit trail broken at entry {chain.first_broken_id}: {chain.reason} "
            f"({chain.checked} entries before it are intact)",
        )
    if not current_schema:
        evidence.add(
            True,
            "rows: not compared with their seals until the file is upgraded (open it once "
            "for writing, then check again)",
        )
    elif sealed:
        problems = _compare_rows(session, latest)
        if problems:
            for problem in problems:
                evidence.add(False, f"rows changed without an audit entry: {problem}")
        else:
            evidence.add(True, "rows: every row matches its seal in the audit trail")
    elif seals.has_rows(session):
        evidence.add(
            False,
            "rows: the file holds records but the audit trail seals none of them: the trail "
            "was emptied or cut back, or the records were put in outside MutualDesk",
        )
    else:
        evidence.add(True, "rows: none yet")
    if database is not None:
        held = _check_anchor(session, evidence, database, held)
    if found_backups is not None:
        _check_backups(session, evidence, found_backups, held)
    return evidence
