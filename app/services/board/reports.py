"""The board's reports: who is on the board, and the register of officers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.services.accounts.roles import Actor
from app.services.board.common import FILLED_BY, OFFICES
from app.services.board.officers import officers
from app.services.board.queries import board_on, vacancies
from app.services.common.letterhead import letterhead
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Column, ColumnKind, TableReport


def board_report(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """Who is on the board on a date (today unless the options say), with seats and offices."""

    assert actor.organisation_id is not None
    on = options.on or now.date()
    seats = board_on(session, actor.organisation_id, on)
    gaps = [v for v in vacancies(session, actor.organisation_id, on) if v.vacant]
    notes = tuple(
        f"{v.seat_type}: {v.vacant} of {v.seats} seat(s) vacant (a casual vacancy)." for v in gaps
    )
    return TableReport(
        title="The board",
        letterhead=letterhead(session, actor.organisation_id),
        generated=now,
        columns=(
            Column("No.", ColumnKind.IDENTIFIER, 0.5),
            Column("Name", width=1.8),
            Column("Seat", width=1.4),
            Column("How", width=1.0),
            Column("Office", width=1.0),
            Column("Since", ColumnKind.DATE, 0.9),
            Column("Term ends", ColumnKind.DATE, 0.9),
        ),
        rows=tuple(
            (
                s.membership_number,
                s.name,
                s.seat_type,
                FILLED_BY[s.how].split(" or ")[0],
                ", ".join(s.offices),
                s.started_on,
                s.term_ends_on,
            )
            for s in seats
        ),
        subtitle=f"The board on {on:%d/%m/%Y}: {len(seats)} members.",
        notes=notes,
        landscape=options.landscape,
        large_print=options.large_print,
    )


def officers_report(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """The register of officers: names, addresses, offices and the dates they took office."""

    assert actor.organisation_id is not None
    found = officers(session, actor.organisation_id)
    current = sum(1 for o in found if o.ended_on is None)
    return TableReport(
        title="Register of officers",
        letterhead=letterhead(session, actor.organisation_id),
        generated=now,
        columns=(
            Column("Office", width=0.9),
            Column("Member no.", ColumnKind.IDENTIFIER, 0.6),
            Column("Name", width=1.6),
            Column("Address", width=2.6),
            Column("Took office", ColumnKind.DATE, 0.9),
            Column("Left office", ColumnKind.DATE, 0.9),
        ),
        rows=tuple(
            (
                OFFICES[o.office],
                o.membership_number,
                o.name,
                o.address,
                o.started_on,
                o.ended_on,
            )
            for o in found
        ),
        subtitle=f"{current} current and {len(found) - current} former officer roles.",
        notes=(
            "Kept with the register of members under section 30 of the Co-operative and "
            "Community Benefit Societies Act 2014: the names and addresses of the officers, the "
            "offices they hold and the dates on which they took office.",
        ),
        landscape=True,
        large_print=options.large_print,
    )
