"""A Children's Centre's reach: how many families and children are registered, were
seen at least once, and were seen regularly, in the groups the council asks about; and
attendance at each activity per session. Only counts are kept, never a child's record.
An exported report shows no figure under 5: it says "fewer than 5"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Activity, ActivitySession, ReachCount
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.validation import raise_if_any
from app.services.performance.access import recorder_org

MEASURES = (
    "Families registered",
    "Children registered",
    "Families seen at least once",
    "Children seen at least once",
    "Families seen regularly",
    "Children seen regularly",
)
ALL = "All families"
GROUPS = (ALL, "Lone parents", "Children under two", "Families new to the area",
          "Fathers and male carers", "Families on a low income")  # fmt: skip
SMALLEST_SHOWN = 5
FEWER = f"fewer than {SMALLEST_SHOWN}"
SHEET, REGISTER = "sign-in sheet", "register"


def shown(count: int) -> str:
    """A count as an exported report shows it: '12', or 'fewer than 5'."""
    return FEWER if count < SMALLEST_SHOWN else f"{count:,}"


def record_counts(
    session: Session, actor: Actor, start_year: int, quarter: int,
    counts: dict[tuple[str, str], int],
) -> int:  # fmt: skip
    """Keep the period's counts, by (measure, group); a count typed again replaces the
    one kept. How many were kept."""
    org_id = recorder_org(actor)
    issues: list[Issue | None] = []
    if quarter not in (0, 1, 2, 3, 4):
        issues.append(Issue("quarter", "The quarter is 1, 2, 3 or 4 (or none, for the year)."))
    for (measure, group), count in counts.items():
        if measure not in MEASURES:
            issues.append(Issue("measure", f"'{measure}' is not one of the reach figures."))
        if not group.strip() or len(group) > 80:
            issues.append(Issue("group", "Name the group (at most 80 characters)."))
        if not 0 <= count <= 1_000_000:
            issues.append(Issue("count", f"{measure} ({group}): give a count of 0 or more."))
    raise_if_any(issues)
    have = {
        (r.measure, r.group_name): r
        for r in session.scalars(
            select(ReachCount).where(
                ReachCount.organisation_id == org_id,
                ReachCount.start_year == start_year,
                ReachCount.quarter == quarter,
            )
        )
    }
    for (measure, group), count in counts.items():
        row = have.get((measure, group.strip()))
        if row is None:
            row = ReachCount(organisation_id=org_id, start_year=start_year, quarter=quarter,
                             measure=measure, group_name=group.strip())  # fmt: skip
            session.add(row)
        row.count = count
    session.flush()
    audit.record(session, actor, "record reach", "organisation", org_id,
                 after={"year": start_year, "quarter": quarter, "counts": len(counts)})  # fmt: skip
    return len(counts)


def add_activity(session: Session, actor: Actor, name: str) -> int:
    """Add an activity whose sessions are counted; its id."""
    org_id = recorder_org(actor)
    text = " ".join(name.split())
    if not text or len(text) > 120:
        raise UserError.from_issues([Issue("name", "Name the activity (at most 120 characters).")])
    if session.scalar(select(Activity.id).where(Activity.organisation_id == org_id,
                                                Activity.name == text)):  # fmt: skip
        raise UserError.from_issues([Issue("name", f"There is already an activity '{text}'.")])
    row = Activity(organisation_id=org_id, name=text)
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "activity", row.id, after={"name": text})
    return row.id


def count_sheet(lines: str) -> int:
    """How many signed a sign-in sheet typed one name a line (the same name twice counts
    once; blank lines do not count). The names are not kept."""
    return len({" ".join(line.split()).casefold() for line in lines.splitlines() if line.strip()})


def record_session(
    session: Session, actor: Actor, activity_id: int, held_on: date, attendance: int,
    counted_from: str = REGISTER,
) -> None:  # fmt: skip
    """Keep how many came to a session (again for the same day replaces it)."""
    org_id = recorder_org(actor)
    activity = session.get(Activity, activity_id)
    if activity is None or activity.organisation_id != org_id:
        raise UserError("That activity is not one of this centre's.")
    if not 0 <= attendance <= 10_000:
        raise UserError.from_issues([Issue("attendance", "Give how many came: 0 or more.")])
    row = session.scalars(select(ActivitySession).where(
        ActivitySession.activity_id == activity_id, ActivitySession.held_on == held_on
    )).first()  # fmt: skip
    if row is None:
        row = ActivitySession(activity_id=activity_id, held_on=held_on)
        session.add(row)
    row.attendance, row.counted_from = attendance, counted_from
    session.flush()
    audit.record(session, actor, "record session", "activity", activity_id,
                 after={"held_on": held_on.isoformat(), "attendance": attendance})  # fmt: skip


@dataclass(frozen=True)
class ActivityFigures:
    """An activity's sessions in a period."""

    name: str
    sessions: int
    attendance: int  # added up over the sessions

    @property
    def average(self) -> int:
        """Average attendance a session, to the nearest whole person (halves up)."""
        return (
            0 if not self.sessions else (2 * self.attendance + self.sessions) // (2 * self.sessions)
        )


@dataclass(frozen=True)
class Reach:
    """A period's reach: counts by measure and group, and the activities."""

    start_year: int
    quarter: int
    groups: tuple[str, ...]
    counts: dict[tuple[str, str], int]
    activities: tuple[ActivityFigures, ...]


def reach(session: Session, organisation_id: int, start_year: int, quarter: int,
          starts_on: date, ends_on: date) -> Reach:  # fmt: skip
    """The counts kept for the period, and the activities' sessions between the dates."""
    rows = session.scalars(
        select(ReachCount).where(
            ReachCount.organisation_id == organisation_id,
            ReachCount.start_year == start_year,
            ReachCount.quarter == quarter,
        )
    ).all()
    counts = {(r.measure, r.group_name): r.count for r in rows}
    groups = tuple(dict.fromkeys([*(g for g in GROUPS if any(k[1] == g for k in counts)),
                                  *sorted({k[1] for k in counts} - set(GROUPS))]))  # fmt: skip
    activities = []
    for activity in session.scalars(
        select(Activity).where(Activity.organisation_id == organisation_id).order_by(Activity.name)
    ):
        held = session.scalars(
            select(ActivitySession.attendance).where(
                ActivitySession.activity_id == activity.id,
                ActivitySession.held_on >= starts_on,
                ActivitySession.held_on <= ends_on,
            )
        ).all()
        if held or activity.active:
            activities.append(ActivityFigures(activity.name, len(held), sum(held)))
    return Reach(start_year, quarter, groups, counts, tuple(activities))


def record_named_session(
    session: Session, actor: Actor, activity: str, held_on: date, attendance: int,
    counted_from: str = REGISTER,
) -> None:  # fmt: skip
    """Record a session of the activity called ``activity`` (added if it is new)."""
    org_id = recorder_org(actor)
    name = " ".join(activity.split())
    found = session.scalar(
        select(Activity.id).where(Activity.organisation_id == org_id, Activity.name == name)
    )
    record_session(session, actor, found or add_activity(session, actor, name), held_on,
                   attendance, counted_from)  # fmt: skip
