"""`mutualdesk check`: the file, its schema, its foreign keys and the tamper evidence."""

from __future__ import annotations

import json
import sqlite3
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import paths
from app.errors import EnvironmentProblem, UserError
from app.models import Organisation
from app.services.finance import share_money
from app.services.upkeep.evidence import examine
from app.storage import server, sqlite_file
from app.storage.database import read_only_session
from app.storage.engine import make_sessionmaker
from app.storage.revisions import KNOWN_REVISIONS, SCHEMA_HEAD

RESULT_SUFFIX = ".checked"


@dataclass
class HealthReport:
    """Lines to print and whether everything passed."""

    lines: list[str] = field(default_factory=list)
    ok: bool = True
    checked_at: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))

    def add(self, passed: bool, text: str) -> None:
        """Record one check."""
        self.lines.append(f"{'ok  ' if passed else 'FAIL'}  {text}")
        self.ok = self.ok and passed

    @property
    def failures(self) -> list[str]:
        """What failed, in words (without the FAIL mark)."""
        return [line[6:] for line in self.lines if line.startswith("FAIL")]

    def what_next(self) -> str:
        """What the person should do now, in plain words."""
        if self.ok:
            return "Nothing to do: the file and its audit trail agree."
        return (
            "Keep this file exactly as it is: make a copy of it now, and of its backups. "
            "Tell the chair (and your auditor) what is listed here. MutualDesk repairs "
            "nothing by itself; your newest backup that passes this check is the last "
            "state known to be sound."
        )


def result_path(database: Path) -> Path:
    """Where the last check's result is kept, beside the file."""
    return database.with_name(database.name + RESULT_SUFFIX)


def _remember(database: Path, report: HealthReport) -> None:
    data = {"at": report.checked_at.isoformat(), "ok": report.ok, "lines": report.lines}
    with suppress(OSError):  # a read-only folder: the check itself still stands
        result_path(database).write_text(json.dumps(data, indent=2), encoding="utf-8")


def last_result(database: Path) -> HealthReport | None:
    """The result of the last check of ``database`` (by the program or `mutualdesk check`)."""
    try:
        data = json.loads(result_path(database).read_text(encoding="utf-8"))
        return HealthReport(
            [str(line) for line in data["lines"]], bool(data["ok"]),
            datetime.fromisoformat(data["at"]),
        )  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        return None


def check_database(target: Path | str) -> HealthReport:
    """Every check, in order, remembered beside the file (or, for a server's database, in
    the data folder) for the audit page."""
    if isinstance(target, str):
        report = _check_server(target)
        _remember(server.stand_in(target), report)
        return report
    report = _check(target)
    _remember(target, report)
    return report


def _check_server(address: str) -> HealthReport:
    """The same checks on a PostgreSQL server's database: the server reads every table
    through, enforces the foreign keys itself, and there is no anchor file."""
    report = HealthReport()
    engine = server.open_engine(address, read_only=True)
    try:
        problems = server.integrity_problems(engine)
        report.add(not problems, "integrity" + (f": {problems[0]}" if problems else ""))
        revision = server.revision(engine)
        report.add(revision == SCHEMA_HEAD, f"schema revision {revision}")
        report.add(True, "foreign keys (the server enforces them)")
        with make_sessionmaker(engine)() as session:
            evidence = examine(session)
            books = _share_capital(session)
    finally:
        engine.dispose()
    for finding in evidence.findings:
        report.add(finding.passed, finding.text)
    for passed, text in books:
        report.add(passed, text)
    return report


def _check(path: Path) -> HealthReport:
    """Every check, in order; later checks are skipped once the file is unreadable."""

    if not path.exists():
        raise UserError(f"There is no database at '{path}'.")
    report = HealthReport()
    try:
        sqlite_file.ensure_sqlite_file(path)
    except EnvironmentProblem as exc:
        report.add(False, exc.message)
        return report
    problems = sqlite_file.quick_check(path, full=True)
    report.add(not problems, "integrity check" + (f": {problems[0]}" if problems else ""))
    if problems:
        return report
    revision = sqlite_file.schema_revision(path)
    report.add(
        revision in KNOWN_REVISIONS,
        f"schema revision {revision}"
        + ("" if revision == SCHEMA_HEAD else f" (this version writes {SCHEMA_HEAD})"),
    )
    broken = sqlite_file.broken_foreign_keys(path)
    report.add(not broken, f"foreign keys ({broken} broken)" if broken else "foreign keys")
    try:
        with read_only_session(path) as session:
            evidence = examine(
                session, path, paths.backups_dir(path), current_schema=revision == SCHEMA_HEAD
            )
            books = _share_capital(session) if revision == SCHEMA_HEAD else []
    except sqlite3.Error as exc:  # pragma: no cover - the integrity check comes first
        report.add(False, f"audit trail unreadable: {exc}")
        return report
    for finding in evidence.findings:
        report.add(finding.passed, finding.text)
    for passed, text in books:
        report.add(passed, text)
    return report


def _share_capital(session: Session) -> list[tuple[bool, str]]:
    """The share ledger against the cash book, for each organisation that keeps books."""
    found = []
    organisations = session.execute(select(Organisation.id, Organisation.name)).all()
    for org_id, name in organisations:
        compared = share_money.compare(session, org_id)
        if compared.since is not None:
            where = f" ({name})" if len(organisations) > 1 else ""
            found.append((compared.agrees, compared.words() + where))
    return found
