"""The three kinds of failure a person can meet, as in Electrum's util.py.

* ``UserError``: something the person typed or chose is not allowed; its text
  is safe to show and says what to do. It may carry per-field issues.
* ``EnvironmentProblem``: the computer stopped us (disk full, file locked,
  read-only folder, damaged file); the text explains what to do.
* ``Cancelled``: the person changed their mind; nothing is shown.

Anything else is a bug and reaches the crash dialog.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    """One problem with one field (``field`` is "" for the form as a whole)."""

    field: str
    message: str


class UserError(Exception):
    """A problem with what the person asked for; the message is safe to show."""

    def __init__(self, message: str, issues: tuple[Issue, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.issues = issues

    @classmethod
    def from_issues(cls, issues: list[Issue]) -> UserError:
        """One error for a list of field issues; the message lists them all."""
        text = "\n".join(issue.message for issue in issues)
        return cls(text, tuple(issues))

    def issue_for(self, field: str) -> str | None:
        """The message for one field, or None."""
        for issue in self.issues:
            if issue.field == field:
                return issue.message
        return None


class PermissionDenied(UserError):
    """The signed-in person's role does not allow this."""


class ChangedMeanwhile(UserError):
    """Someone else saved the record since it was opened: nothing was written over it."""


class EnvironmentProblem(Exception):
    """The computer, not the person, stopped the action; say what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DatabaseLocked(EnvironmentProblem):
    """Another copy of MutualDesk (or a command) has the file open for writing."""

    def __init__(self, message: str, holder: dict[str, str]) -> None:
        super().__init__(message)
        self.holder = holder


class DatabaseDamaged(EnvironmentProblem):
    """The file fails SQLite's own checks."""


class NotADatabase(EnvironmentProblem):
    """The file is not a MutualDesk database at all."""


class NewerDatabase(EnvironmentProblem):
    """The file was written by a newer version of MutualDesk."""


class Cancelled(Exception):
    """The person cancelled; nothing to report."""
