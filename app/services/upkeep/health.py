"""`mutualdesk check`: the file, its schema, its foreign keys and the tamper evidence."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from app import paths
from app.errors import EnvironmentProblem, UserError
from app.models.schema import KNOWN_REVISIONS, SCHEMA_HEAD
from app.services.upkeep.evidence import examine
from app.storage import sqlite_file
from app.storage.database import read_only_session


@dataclass
class HealthReport:
    """Lines to print and whether everything passed."""

    lines: list[str] = field(default_factory=list)
    ok: bool = True

    def add(self, passed: bool, text: str) -> None:
        """Record one check."""
        self.lines.append(f"{'ok  ' if passed else 'FAIL'}  {text}")
        self.ok = self.ok and passed


def check_database(path: Path) -> HealthReport:
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
            evidence = examine(session, path, paths.backups_dir(path))
    except sqlite3.Error as exc:  # pragma: no cover - the integrity check comes first
        report.add(False, f"audit trail unreadable: {exc}")
        return report
    for finding in evidence.findings:
        report.add(finding.passed, finding.text)
    return report
