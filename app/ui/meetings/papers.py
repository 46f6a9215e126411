"""A meeting's papers from its window: agenda, sign-in sheet, notice letters, minutes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QWidget

from app.errors import EnvironmentProblem
from app.reports import registry
from app.services import meetings
from app.services.common.report_options import ReportOptions
from app.services.meetings import reports as meeting_reports
from app.ui.context import PageContext
from app.ui.widgets import button

PAPERS = (
    ("agenda", "Ag&enda…", "Print the agenda (PDF)"),
    ("sign-in", "Sign-&in sheet…", "Print the sign-in sheet (PDF)"),
    ("notice-letters", "Notice lette&rs…", "Print notice letters for members (PDF)"),
    ("minutes", "Minute&s…", "Print the minutes (PDF)"),
)


class PapersRow(QHBoxLayout):
    """One button per paper; each asks where to save, then writes it."""

    def __init__(
        self, parent: QWidget, ctx: PageContext, meeting_id: Callable[[], int], result: QLabel
    ) -> None:
        super().__init__()
        self.parent_widget, self.ctx, self.meeting_id, self.result = parent, ctx, meeting_id, result
        self.addWidget(QLabel("Papers to print (PDF):"))
        self.buttons = {
            name: button(
                text, name_for_screen_readers, lambda *_checked, n=name: self.save(n), self
            )
            for name, text, name_for_screen_readers in PAPERS
        }
        self.addStretch(1)

    def show_for(self, status: str, can_notify: bool) -> None:
        """Minutes once the meeting is held; notice letters for those who call meetings."""
        self.buttons["minutes"].setEnabled(status not in meetings.NOT_HELD)
        self.buttons["notice-letters"].setEnabled(can_notify)

    def save(self, name: str) -> None:
        spec = registry.find(name)
        path, _ = QFileDialog.getSaveFileName(
            self.parent_widget, f"Save the {spec.title.lower()}", f"{name}.pdf", "PDF files (*.pdf)"
        )
        if path:
            self.write(name, Path(path))

    def write(self, name: str, target: Path) -> None:
        """Build the paper in a read-only unit of work and write it to ``target``."""
        spec = registry.find(name)
        actor, meeting_id = self.ctx.user.actor, self.meeting_id()

        def work(session: Any) -> str:
            from app.reports import render

            data = spec.build(session, actor, datetime.now(), ReportOptions(meeting_id=meeting_id))
            try:
                render.write_pdf(data, target)
                if name == "notice-letters":
                    emails = meeting_reports.write_email_list(session, actor, meeting_id, target)
                    return f"✔ Saved {target}. {emails}"
            except OSError as error:
                raise EnvironmentProblem(
                    f"The file could not be saved at {target} ({error.strerror or error}). "
                    "Choose another folder, or check there is space on the disk."
                ) from error
            return f"✔ Saved {target}."

        self.ctx.runner.run(
            self.parent_widget,
            work,
            on_success=self.result.setText,
            on_user_error=lambda error: self.result.setText(f"⚠ {error.message}"),
            write=False,
        )
