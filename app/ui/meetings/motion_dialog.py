"""Recording a vote: the motion, proposer and seconder, the numbers, and, when the
meeting is not quorate, the warning again and the note the minutes will carry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from app.errors import Issue, UserError
from app.services import meetings
from app.services.meetings.quorum import Quorum
from app.ui.context import PageContext
from app.ui.meetings.dialogs import CHANGES, text_box
from app.ui.service_dialog import ServiceDialog


class Subjects(NamedTuple):
    """What a vote can be about: applicants to admit, declared elections to record."""

    applicants: list[meetings.Subject]
    elections: list[meetings.Subject]


def subject_box(name: str, none: str, found: list[meetings.Subject]) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    box.addItem(none, None)
    for subject in found:
        box.addItem(subject.label, subject)
    return box


def votes_box(name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 100_000)
    box.setAccessibleName(name)
    return box


class MotionDialog(ServiceDialog):
    """A motion put to the vote, under an agenda item."""

    def __init__(
        self,
        ctx: PageContext,
        parent: QWidget | None,
        meeting_id: int,
        items: list[meetings.ItemInfo],
        item_id: int | None,
        quorum: Quorum,
        possible: int,
        subjects: Subjects | None = None,
    ) -> None:
        super().__init__(
            ctx,
            parent,
            "Record a vote",
            f"{possible} votes can be cast now (members present and the proxies they hold).",
            CHANGES,
        )
        self.meeting_id = meeting_id
        self.quorum = quorum
        self.warning = QLabel(quorum.headline())
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Quorum")
        self.warning.setStyleSheet("font-weight: bold;")
        self.form.addRow(self.warning)
        add = self.errors.add_row
        self.item = add(self.form, "&Under item", QComboBox(), "item_id")
        for item in items:
            self.item.addItem(f"{item.position}. {item.title}", item.id)
        self.item.setCurrentIndex(max(0, self.item.findData(item_id)))
        found = subjects or Subjects([], [])
        self.applicant = add(
            self.form,
            "&Admits the applicant",
            subject_box("Admits the applicant", "(not about an application)", found.applicants),
            "member_id",
        )
        self.election = add(
            self.form,
            "&Records the result of",
            subject_box("Records the result of", "(not about an election)", found.elections),
            "election_id",
        )
        self.text = add(self.form, "&Motion", text_box("Motion", height=3), "text")
        for box in (self.applicant, self.election):
            box.currentIndexChanged.connect(lambda _i, b=box: self._suggest(b))
        self.proposer = add(self.form, "&Proposed by", QLineEdit(), "proposer")
        self.seconder = add(self.form, "&Seconded by", QLineEdit(), "seconder")
        self.votes_for = add(self.form, "Votes &for", votes_box("Votes for"), "votes_for")
        self.against = add(self.form, "Votes a&gainst", votes_box("Votes against"), "votes_against")
        self.abstain = add(self.form, "A&bstentions", votes_box("Abstentions"), "abstentions")
        self.special = add(
            self.form,
            "Special resolution",
            QCheckBox("Needs at least 75% of votes cast"),
            "special",
        )
        self.note = add(
            self.form,
            "&Why vote while not quorate",
            text_box("Why vote while not quorate", height=2),
            "inquorate_note",
        )
        # Open even when quorate: someone may leave before the vote is saved, and then the
        # note is asked for here (the service keeps it only if the meeting is inquorate).
        if quorum.quorate:
            self.note.setPlaceholderText("Needed only if the meeting stops being quorate.")
        self.finish()
        self.text.setFocus()

    def _suggest(self, box: QComboBox) -> None:
        """Choosing what the vote is about words the motion, unless something is typed."""
        subject = box.currentData()
        typed = self.text.toPlainText().strip()
        suggestions = {s.wording for b in (self.applicant, self.election) for s in _subjects_of(b)}
        if subject is not None and (not typed or typed in suggestions):
            self.text.setPlainText(subject.wording)

    def operation(self) -> Callable[[Any], object]:
        if not self.quorum.quorate and not self.note.toPlainText().strip():
            raise UserError.from_issues(
                [
                    Issue(
                        "inquorate_note",
                        (
                            "The meeting is not quorate. Say why the vote is taken anyway; "
                            "the minutes will show it. Or wait until enough people are present."
                        ),
                    )
                ]
            )
        details = meetings.MotionDetails(
            text=self.text.toPlainText(),
            proposer=self.proposer.text(),
            seconder=self.seconder.text(),
            votes_for=self.votes_for.value(),
            votes_against=self.against.value(),
            abstentions=self.abstain.value(),
            special=self.special.isChecked(),
            item_id=self.item.currentData(),
            inquorate_note=self.note.toPlainText(),
            member_id=_chosen(self.applicant),
            election_id=_chosen(self.election),
        )
        actor, meeting_id = self.ctx.user.actor, self.meeting_id
        return lambda s: meetings.record_motion(s, actor, meeting_id, details)


def _subjects_of(box: QComboBox) -> list[meetings.Subject]:
    return [box.itemData(i) for i in range(1, box.count())]


def _chosen(box: QComboBox) -> int | None:
    subject = box.currentData()
    return subject.id if subject is not None else None
