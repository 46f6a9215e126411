"""Small forms of the Meetings area, each one service call: a meeting's details,
notice sent, a person at the meeting, an action, an action's progress, approval
and an addendum."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from app.errors import Issue, UserError
from app.services import meetings
from app.services.common.dates import uk
from app.services.membership import member_numbers
from app.ui.context import PageContext
from app.ui.ops import Change
from app.ui.service_dialog import ServiceDialog
from app.ui.widgets import date_box, read_date

CHANGES = frozenset({Change.MEETINGS})


def time_box(name: str, value: time | None = None) -> QLineEdit:
    box = QLineEdit("" if value is None else f"{value:%H:%M}")
    box.setAccessibleName(name)
    box.setPlaceholderText("hh:mm")
    box.setToolTip("A time, written hh:mm (24-hour clock)")
    return box


def read_time(box: QLineEdit, field: str, label: str, issues: list[Issue]) -> time | None:
    """The time in ``box`` (blank is None); a bad time adds an issue."""
    text = box.text().strip().replace(".", ":")
    if not text:
        return None
    try:
        return datetime.strptime(text, "%H:%M").time()
    except ValueError:
        issues.append(
            Issue(field, f"{label} '{text}' is not a time: write it as hh:mm, e.g. 19:30.")
        )
        return None


def text_box(name: str, text: str = "", height: int = 4) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * height + 12)
    return box


class MeetingDialog(ServiceDialog):
    """A new meeting, or a change to one's details."""

    def __init__(
        self,
        ctx: PageContext,
        parent: QWidget | None,
        bodies: list[meetings.BodyInfo],
        current: meetings.MeetingInfo | None = None,
    ) -> None:
        super().__init__(
            ctx,
            parent,
            "Change the meeting" if current else "New meeting",
            "Who is meeting, when and where. The agenda starts with the standard items.",
            CHANGES,
        )
        self.current = current
        self.saved_id: int | None = None
        add = self.errors.add_row
        self.body = add(self.form, "&Who meets", QComboBox(), "body_id")
        for body in bodies:
            self.body.addItem(body.name, body)
        self.kind = add(self.form, "&Kind of meeting", QComboBox(), "kind")
        self.title = add(self.form, "&Title", QLineEdit(), "title")
        self.held_on = add(self.form, "&Date", date_box("Date"), "held_on")
        self.starts = add(self.form, "&Starts at", time_box("Starts at", time(19)), "starts_at")
        self.place = add(self.form, "&Place", QLineEdit(), "place")
        self.chair = add(self.form, "&Chair", QLineEdit(), "chair")
        self.taker = add(self.form, "&Minutes taken by", QLineEdit(), "minute_taker")
        self.body.currentIndexChanged.connect(self._on_body)
        self._on_body()
        if current is not None:
            self.body.setCurrentIndex(max(0, self.body.findText(current.body)))
            self.body.setEnabled(False)
            self.kind.setCurrentIndex(max(0, self.kind.findData(current.kind)))
            self.title.setText(current.title)
            self.held_on.setText(uk(current.held_on))
            self.starts.setText("" if current.starts_at is None else f"{current.starts_at:%H:%M}")
            self.place.setText(current.place)
            self.chair.setText(current.chair)
            self.taker.setText(current.minute_taker)
        self.finish()
        self.held_on.setFocus() if current else self.body.setFocus()

    def _on_body(self) -> None:
        body = self.body.currentData()
        self.kind.clear()
        if isinstance(body, meetings.BodyInfo):
            for kind in meetings.KINDS_OF_BODY[body.kind]:
                self.kind.addItem(meetings.MEETING_KINDS[kind], kind)
            if self.current is None:
                self.title.setText(meetings.MEETING_KINDS[meetings.KINDS_OF_BODY[body.kind][0]])

    def details(self) -> meetings.MeetingDetails:
        issues: list[Issue] = []
        held_on = read_date(self.held_on, "held_on", "Date", issues)
        starts = read_time(self.starts, "starts_at", "Start time", issues)
        body = self.body.currentData()
        if not isinstance(body, meetings.BodyInfo):
            issues.append(Issue("body_id", "Choose who is meeting."))
        if issues:
            raise UserError.from_issues(issues)
        assert held_on is not None and isinstance(body, meetings.BodyInfo)
        return meetings.MeetingDetails(
            body.id,
            str(self.kind.currentData()),
            self.title.text(),
            held_on,
            starts,
            self.place.text(),
            self.chair.text(),
            self.taker.text(),
        )

    def operation(self) -> Callable[[Any], object]:
        d, actor = self.details(), self.ctx.user.actor
        current = self.current

        def op(session: Any) -> int:
            if current is not None:
                meetings.update_meeting(session, actor, current.id, d)
                return current.id
            made = meetings.create_meeting(session, actor, d)
            meetings.fill_board(session, actor, made)
            return made

        return op

    def _on_ok(self) -> None:
        try:
            op = self.operation()
        except UserError as error:
            self.errors.show(error)
            return

        def saved(made: object) -> None:
            self.saved_id = int(made)  # type: ignore[call-overload]
            self.accept()

        self.ctx.runner.run(
            self, op, on_success=saved, on_user_error=self.errors.show, changes=CHANGES
        )


class NoticeDialog(ServiceDialog):
    """Record the day notice of the meeting went out."""

    def __init__(
        self, ctx: PageContext, parent: QWidget | None, info: meetings.MeetingInfo, latest: date
    ) -> None:
        super().__init__(
            ctx,
            parent,
            "Notice sent",
            f"The rules need notice of {info.title} on {uk(info.held_on)} to go out by "
            f"{uk(latest)} at the latest.",
            CHANGES,
        )
        self.info = info
        self.sent = self.errors.add_row(
            self.form,
            "Notice &sent on",
            date_box("Notice sent on", min(date.today(), latest)),
            "sent_on",
        )
        self.finish()
        self.sent.setFocus()

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        sent = read_date(self.sent, "sent_on", "Date notice was sent", issues)
        if issues:
            raise UserError.from_issues(issues)
        assert sent is not None
        actor, meeting_id = self.ctx.user.actor, self.info.id
        return lambda s: meetings.record_notice(s, actor, meeting_id, sent)


class PersonDialog(ServiceDialog):
    """Add a member (by number) or a guest or officer (by name) to the attendance."""

    def __init__(self, ctx: PageContext, parent: QWidget | None, meeting_id: int) -> None:
        super().__init__(
            ctx,
            parent,
            "Add someone to the attendance",
            "A member by membership number, or a guest or officer in attendance by name.",
            CHANGES,
        )
        self.meeting_id = meeting_id
        add = self.errors.add_row
        self.role = add(self.form, "&Attending as", QComboBox(), "role")
        for key in ("member", "board", "guest", "officer"):
            self.role.addItem(meetings.ROLES[key], key)
        self.number = add(self.form, "&Membership number", QLineEdit(), "member_id")
        self.name = add(self.form, "&Name (guest or officer)", QLineEdit(), "name")
        self.status = add(self.form, "&Attendance", QComboBox(), "status")
        for key, text in meetings.ATTENDANCE.items():
            self.status.addItem(text, key)
        self.arrived = add(self.form, "A&rrived at", time_box("Arrived at", _now()), "arrived_at")
        self.finish()
        self.number.setFocus()

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        arrived = read_time(self.arrived, "arrived_at", "Arrival time", issues)
        if issues:
            raise UserError.from_issues(issues)
        role, status = str(self.role.currentData()), str(self.status.currentData())
        actor, org_id, meeting_id = self.ctx.user.actor, self.ctx.organisation.id, self.meeting_id
        typed, name = self.number.text().strip(), self.name.text()
        number = member_numbers.number_from_text(typed) if typed else None

        def op(session: Any) -> int:
            member_id = None
            if number is not None:
                member_id = member_numbers.member_ids(session, org_id, {"member_id": number})[
                    "member_id"
                ]
            return meetings.add_person(
                session,
                actor,
                meeting_id,
                member_id=member_id,
                name=name,
                role=role,
                status=status,
                arrived_at=arrived,
            )

        return op


class ActionDialog(ServiceDialog):
    """An action agreed at the meeting: what, who, by when."""

    def __init__(
        self, ctx: PageContext, parent: QWidget | None, meeting_id: int, item_id: int | None
    ) -> None:
        super().__init__(
            ctx, parent, "Add an action", "What was agreed, who will do it, by when.", CHANGES
        )
        self.meeting_id, self.item_id = meeting_id, item_id
        add = self.errors.add_row
        self.text = add(self.form, "&Action", text_box("Action", height=3), "text")
        self.owner = add(self.form, "&Who will do it", QLineEdit(), "owner")
        self.due = add(self.form, "&Due by (optional)", date_box("Due by"), "due_on")
        self.finish()
        self.text.setFocus()

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        due = None
        if self.due.text().strip():
            due = read_date(self.due, "due_on", "Due date", issues)
        if issues:
            raise UserError.from_issues(issues)
        actor, meeting_id, item_id = self.ctx.user.actor, self.meeting_id, self.item_id
        text, owner = self.text.toPlainText(), self.owner.text()
        return lambda s: meetings.add_action(
            s, actor, meeting_id, text=text, owner=owner, due_on=due, item_id=item_id
        )


class ActionStatusDialog(ServiceDialog):
    """Mark an action done or dropped (or open again)."""

    def __init__(
        self, ctx: PageContext, parent: QWidget | None, action: meetings.ActionInfo
    ) -> None:
        super().__init__(
            ctx, parent, "Progress on an action", f"{action.owner}: {action.text}", CHANGES
        )
        self.action = action
        add = self.errors.add_row
        self.status = add(self.form, "&Status", QComboBox(), "status")
        for key, text in meetings.ACTION_STATUSES.items():
            self.status.addItem(text, key)
        self.status.setCurrentIndex(self.status.findData("done"))
        self.on = add(self.form, "&On", date_box("On", date.today()), "on")
        self.note = add(self.form, "&Note", QLineEdit(action.note), "note")
        self.finish()
        self.status.setFocus()

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        on = read_date(self.on, "on", "Date", issues)
        if issues:
            raise UserError.from_issues(issues)
        assert on is not None
        actor, action_id = self.ctx.user.actor, self.action.id
        status, note = str(self.status.currentData()), self.note.text()
        return lambda s: meetings.update_action(
            s, actor, action_id, status=status, on=on, note=note
        )


class ApproveDialog(ServiceDialog):
    """'Approved as a true record' at a later meeting, by the chair."""

    def __init__(
        self,
        ctx: PageContext,
        parent: QWidget | None,
        info: meetings.MeetingInfo,
        later: list[meetings.MeetingInfo],
    ) -> None:
        super().__init__(
            ctx,
            parent,
            "Approve the minutes",
            f"The minutes of {info.heading} are approved as a true record at a later meeting and "
            "signed by its chair. After this they cannot be changed: a correction is a dated "
            "addendum.",
            CHANGES,
        )
        self.info = info
        add = self.errors.add_row
        self.at = add(self.form, "Approved &at", QComboBox(), "at_meeting_id")
        for m in later:
            self.at.addItem(m.heading, m)
        self.chair = add(self.form, "&Chair signing", QLineEdit(), "chair")
        if later:
            self.chair.setText(later[0].chair)
        self.at.currentIndexChanged.connect(self._on_meeting)
        self.finish()
        self.chair.setFocus()

    def _on_meeting(self) -> None:
        chosen = self.at.currentData()
        if isinstance(chosen, meetings.MeetingInfo) and chosen.chair:
            self.chair.setText(chosen.chair)

    def operation(self) -> Callable[[Any], object]:
        chosen = self.at.currentData()
        if not isinstance(chosen, meetings.MeetingInfo):
            raise UserError.from_issues(
                [Issue("at_meeting_id", "Choose the later meeting that approved them.")]
            )
        actor, meeting_id, chair = self.ctx.user.actor, self.info.id, self.chair.text()
        return lambda s: meetings.approve(
            s, actor, meeting_id, at_meeting_id=chosen.id, chair=chair
        )


class AddendumDialog(ServiceDialog):
    """A dated correction to approved minutes."""

    def __init__(
        self, ctx: PageContext, parent: QWidget | None, info: meetings.MeetingInfo
    ) -> None:
        super().__init__(
            ctx,
            parent,
            "Add an addendum",
            f"A dated correction to the approved minutes of {info.heading}. The "
            "minutes themselves stay as approved.",
            CHANGES,
        )
        self.info = info
        add = self.errors.add_row
        self.text = add(self.form, "&Correction", text_box("Correction"), "text")
        self.by = add(self.form, "&Written by", QLineEdit(ctx.user.full_name), "written_by")
        self.on = add(self.form, "&Dated", date_box("Dated", date.today()), "on")
        self.finish()
        self.text.setFocus()

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        on = read_date(self.on, "on", "Date", issues)
        if issues:
            raise UserError.from_issues(issues)
        assert on is not None
        actor, meeting_id = self.ctx.user.actor, self.info.id
        text, by = self.text.toPlainText(), self.by.text()
        return lambda s: meetings.add_addendum(
            s, actor, meeting_id, text=text, written_by=by, on=on
        )


class InterestDialog(ServiceDialog):
    """A declaration of interest."""

    def __init__(
        self, ctx: PageContext, parent: QWidget | None, meeting_id: int, item_id: int | None
    ) -> None:
        super().__init__(
            ctx,
            parent,
            "Declaration of interest",
            "Who declares an interest, and what it is.",
            CHANGES,
        )
        self.meeting_id, self.item_id = meeting_id, item_id
        add = self.errors.add_row
        self.person = add(self.form, "&Who", QLineEdit(), "person")
        self.interest = add(self.form, "&Interest", text_box("Interest", height=2), "interest")
        self.finish()
        self.person.setFocus()

    def operation(self) -> Callable[[Any], object]:
        actor, meeting_id, item_id = self.ctx.user.actor, self.meeting_id, self.item_id
        person, interest = self.person.text(), self.interest.toPlainText()
        return lambda s: meetings.declare_interest(s, actor, meeting_id, person, interest, item_id)


def _now() -> time:
    return datetime.now().time().replace(second=0, microsecond=0)
