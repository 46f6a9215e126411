"""Journey: the secretary of a Tenant Management Organisation, from an empty file to an AGM.

Sam, the secretary, sets MutualDesk up, imports the 200 tenants from the old spreadsheet
(which has no share column), gives each tenant a paid-up share so they may vote, calls
the AGM, signs people in until the meeting is quorate, runs the board election on paper
ballots, writes the minutes, has them approved, and finally checks the file.

Dates are counted back from today, so the story reads the same whenever it runs: the AGM
was four weeks ago and its minutes were approved at a special general meeting today.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.errors import UserError
from app.services import board, elections, meetings, organisation
from app.services.accounts import auth
from app.services.accounts.roles import Role
from app.services.elections import ElectionDetails, Paper
from app.services.elections import count as election_count
from app.services.elections import reports as election_reports
from app.services.meetings import MeetingDetails
from app.services.membership import categories
from app.services.membership.eligibility import add_months
from app.services.membership.records import ids_for_numbers
from app.services.upkeep.health import check_database
from app.storage.database import open_database
from tests.cli.conftest import Run

TODAY = date.today()
AGM_DAY = TODAY - timedelta(days=28)
PASSWORD = "tabard gardens 1998"
AS_SAM = {"MUTUALDESK_PASSWORD": PASSWORD}

GIVEN = (
    "Ada", "Bilal", "Chidi", "Dorota", "Eilidh", "Farah", "Gareth", "Hana", "Imran", "Joy",
    "Kemal", "Lina", "Marek", "Nadia", "Osei", "Priya", "Quinn", "Rosa", "Sunil", "Tess",
)  # fmt: skip
FAMILY = (
    "Okafor", "Nowak", "Begum", "Hughes", "Mensah", "Khan", "O'Brien", "Silva", "Evans", "Yilmaz",
)  # fmt: skip
BLOCKS = ("Harrow House", "Lupin Point", "Tabard Court", "Becket House")


def tenant(number: int) -> str:
    """The name on row ``number`` of the tenants' file (its membership number after import)."""
    return f"{GIVEN[(number - 1) % 20]} {FAMILY[(number - 1) // 20]}"


def tenants_file(path: Path) -> Path:
    """The old spreadsheet, saved as CSV: 200 tenants, and no column for shares."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        sheet = csv.writer(handle)
        sheet.writerow(["First name", "Surname", "Address", "Post Code", "Date joined"])
        for n in range(1, 201):
            given, family = tenant(n).split(" ", 1)
            address = f"Flat {n}, {BLOCKS[n % 4]}, Tabard Gardens, London"
            joined = date(2008 + n % 14, 1 + n % 12, 1 + n % 28)
            sheet.writerow([given, family, address, f"se1 {1 + n % 9}ed", f"{joined:%d/%m/%Y}"])
    return path


@contextmanager
def opened(path: Path) -> Iterator[Any]:
    """The database open for writing, as the app holds it while Sam works."""
    db = open_database(path, daily_backup=False)
    try:
        yield db
    finally:
        db.close(backup=False)


def eligible_today(mutualdesk: Run, db_path: Path) -> list[dict[str, Any]]:
    """`mutualdesk list members --eligible-on TODAY --json`: who may vote today."""
    done = mutualdesk(
        "list", "members", "--eligible-on", f"{TODAY:%d/%m/%Y}", "--json", "--db", str(db_path)
    )
    assert done.returncode == 0, done.stderr
    listed: list[dict[str, Any]] = json.loads(done.stdout)
    return listed


def test_tmo_secretary_from_empty_file_to_locked_agm_minutes(
    mutualdesk: Run, db_path: Path, tmp_path: Path
) -> None:
    # 1. Sam runs MutualDesk for the first time: the set-up wizard makes the organisation
    #    and Sam's own account (an administrator).
    with opened(db_path) as db, db.sessions.begin() as session:
        organisation.first_run(
            session,
            organisation.OrganisationDetails(
                name="Tabard Gardens Tenant Management Organisation",
                kind="tmo",
                registration_number="29876R",
                address="The Estate Office\n1 Tabard Gardens\nLondon",
                postcode="SE1 4ED",
                founded_on=date(1998, 4, 1),
            ),
            username="sam",
            full_name="Sam Adebayo",
            password=PASSWORD,
        )

    # 2. Sam imports the tenants' spreadsheet. Every row goes in, but MutualDesk warns that
    #    nobody in the file holds a share, so under the rules nobody may vote yet.
    tenants = tenants_file(tmp_path / "tenants.csv")
    done = mutualdesk(
        "import", "members", str(tenants), "--db", str(db_path), "--user", "sam", env=AS_SAM
    )
    assert done.returncode == 0, done.stderr
    assert "Imported: 200" in done.stdout
    assert "Rejected: 0" in done.stdout
    warnings = [line for line in done.stdout.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1, done.stdout
    warning = warnings[0]
    assert warning.startswith(
        "Warning: These 200 members hold no share, so under your rules (a paid-up share is "
        "needed to vote) they may not vote."
    )
    assert "mutualdesk shares issue --members all-without-shares --paid" in warning
    assert eligible_today(mutualdesk, db_path) == []

    # 3. Sam does what the warning suggests: one paid-up share each, dated when each joined.
    done = mutualdesk(
        "shares", "issue", "--members", "all-without-shares", "--paid",
        "--db", str(db_path), "--user", "sam", env=AS_SAM,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Issued one share to each of 200 members, paid at the share value" in done.stdout

    # 4. Now all 200 tenants may vote today, each holding one share.
    voters = eligible_today(mutualdesk, db_path)
    assert len(voters) == 200
    assert {v["shares"] for v in voters} == {1}
    assert {f"{v['given_name']} {v['family_name']}" for v in voters} == {
        tenant(n) for n in range(1, 201)
    }

    with opened(db_path) as db:
        sam = auth.sign_in(db.sessions, "sam", PASSWORD).actor
        org = sam.organisation_id
        assert org is not None
        with db.sessions.begin() as session:
            # A second person to type the ballot papers in again (each batch is typed twice).
            auth.add_user(
                session, sam, username="robin", full_name="Robin Teller",
                role=Role.RETURNING_OFFICER, password="counting the votes 1",
            )  # fmt: skip
        robin = auth.sign_in(db.sessions, "robin", "counting the votes 1").actor

        # 5. Sam calls the AGM: general meetings need 14 clear days' notice, and the notice
        #    (with the call for nominations) went out eight weeks before.
        with db.sessions.begin() as session:
            general = {b.kind: b.id for b in meetings.ensure_default_bodies(session, sam)}
            agm = meetings.create_meeting(
                session,
                sam,
                MeetingDetails(
                    general["general"], "agm", "Annual general meeting", AGM_DAY, time(19),
                    place="Tabard Gardens community hall",
                ),
            )  # fmt: skip
            assert meetings.last_notice_date(AGM_DAY, 14) == AGM_DAY - timedelta(days=15)
            meetings.record_notice(session, sam, agm, AGM_DAY - timedelta(days=56))
            assert meetings.get_meeting(session, org, agm).status == "notice_sent"

        # 6. The board election: three tenant seats, one X per seat, counted at the AGM.
        with db.sessions.begin() as session:
            tenant_category = categories.default_category(session, org)
            assert tenant_category.name == "Tenant"  # where the import put everyone
            seats = board.save_seat_type(
                session, sam, seat_type_id=None, name="Tenant seats",
                category_id=tenant_category.id, seats=6, term_years=3, filled_by="elected",
            )  # fmt: skip
            election = elections.create_election(
                session,
                sam,
                ElectionDetails(
                    title="Board election",
                    kind="board",
                    method="plurality",
                    seats=3,
                    seat_type_id=seats.id,
                    nominations_open=AGM_DAY - timedelta(days=56),
                    nominations_close=AGM_DAY - timedelta(days=14),
                    roll_cutoff=AGM_DAY - timedelta(days=14),
                    ballot_on=AGM_DAY,
                ),
            )
            elections.advance(session, sam, election, "nominations")

        # 7. Four nomination forms come back, each signed by a proposer and a seconder
        #    (all of them tenants from the import, named by membership number).
        forms = {7: (1, 2), 42: (3, 4), 118: (5, 6), 163: (8, 9)}  # candidate: proposer, seconder
        nomination: dict[int, int] = {}  # membership number -> nomination
        with db.sessions.begin() as session:
            for candidate, (proposer, seconder) in forms.items():
                who = ids_for_numbers(session, sam, [candidate, proposer, seconder])
                nomination[candidate] = elections.nominate(
                    session, sam, election, candidate_id=who[0], proposer_id=who[1],
                    seconder_id=who[2], nominated_on=AGM_DAY - timedelta(days=30),
                )  # fmt: skip

        # 8. Nominations close and Sam freezes the voter roll: all 200 tenants are on it.
        with db.sessions.begin() as session:
            assert elections.freeze_roll(session, sam, election) == 200
            roll = elections.roll(session, org, election)
        assert sorted(e.membership_number for e in roll) == list(range(1, 201))
        elector = {e.membership_number: e.elector_number for e in roll}

        # 9. On the night Sam signs people in from the door. Quorum at a general meeting is
        #    at least 10, and at least 5% of the 200 who may vote: 10 people. With nine in
        #    the room the screen says NOT QUORATE; the tenth makes the meeting quorate.
        with db.sessions.begin() as session:
            meetings.advance(session, sam, agm, "held", today=TODAY)
            arrivals = ids_for_numbers(session, sam, list(range(1, 31)))
            for member_id in arrivals[:9]:
                meetings.add_person(session, sam, agm, member_id=member_id, arrived_at=time(19))
            assert not meetings.quorum(session, agm).quorate
            assert (
                meetings.quorum(session, agm).headline()
                == "NOT QUORATE: 9 present, 10 needed (1 more)."
            )
            meetings.add_person(session, sam, agm, member_id=arrivals[9], arrived_at=time(19, 5))
            assert meetings.quorum(session, agm).quorate
            assert meetings.quorum(session, agm).headline() == "Quorate: 10 present, 10 needed."
            for member_id in arrivals[10:]:
                meetings.add_person(session, sam, agm, member_id=member_id, arrived_at=time(19, 10))
            assert meetings.votes_possible(session, agm) == 30

        # 10. The ballot opens; each of the 30 in the room is crossed off the roll and
        #     handed a paper.
        with db.sessions.begin() as session:
            elections.advance(session, sam, election, "ballot")
            for number in range(1, 31):
                elections.issue_paper(session, sam, election, elector[number], "in_person")

        # 11. The papers come back: Sam and Robin each type the batch in; it is accepted
        #     only because their typing agrees paper for paper.
        a, b, c, d = (nomination[n] for n in (7, 42, 118, 163))
        papers = (
            [Paper(marks=frozenset({a, b, c}))] * 12
            + [Paper(marks=frozenset({a, b, d}))] * 10
            + [Paper(marks=frozenset({c, d}))] * 6
            + [Paper(marks=frozenset({b}))]
            + [Paper(spoilt="four crosses")]
        )  # a: 22 votes, b: 23, c: 18, d: 16; one paper spoilt
        with db.sessions.begin() as session:
            elections.enter_batch(session, sam, election, 1, 1, papers)
            elections.enter_batch(session, robin, election, 1, 2, papers)
            assert elections.compare_batch(session, org, election, 1) == []
            assert elections.accept_batch(session, sam, election, 1) == 30
            elections.advance(session, sam, election, "counting")

        # 12. The count, then the declaration: the three with most crosses are elected and
        #     take their seats on the board from the day of the AGM.
        with db.sessions() as session:
            shown = election_count.count_election(session, org, election)
        assert set(shown.elected) == {tenant(42), tenant(7), tenant(118)}
        assert tenant(163) not in shown.elected
        with db.sessions.begin() as session:
            declared = election_count.declare_election(session, sam, election, shown.seed)
            assert declared.elected == shown.elected
            elections.seat_winners(session, sam, election)
            printed = election_reports.declaration(session, org, election)
            on_board = board.board_on(session, org, AGM_DAY)
            assert elections.get_election(session, org, election).state == "declared"
        # The printed declaration: 200 on the roll, 30 papers issued, 29 valid, 1 spoilt.
        assert (printed.electorate, printed.papers_issued, printed.valid) == (200, 30, 29)
        assert printed.spoilt == (("four crosses", 1),)
        assert set(printed.elected) == set(declared.elected)
        assert {s.name for s in on_board} == {tenant(42), tenant(7), tenant(118)}
        assert {s.term_ends_on for s in on_board} == {add_months(AGM_DAY, 36)}  # three-year terms

        # 13. Sam writes up the minutes: the quorum statement and the result.
        with db.sessions.begin() as session:
            statement = meetings.write_quorum_statement(session, sam, agm)
            assert statement.startswith("The meeting was quorate: 30")
            item = next(i for i in meetings.items(session, agm) if i.kind == "elections")
            meetings.save_text(
                session, sam, item.id,
                decisions="Elected to the board: " + ", ".join(declared.elected) + ".",
            )  # fmt: skip
            meetings.advance(session, sam, agm, "draft", today=TODAY)

        # 14. The minutes are approved as a true record at the next general meeting (a
        #     special general meeting today), signed by the chair, and then locked.
        with db.sessions.begin() as session:
            sgm = meetings.create_meeting(
                session, sam,
                MeetingDetails(general["general"], "special", "Special general meeting", TODAY),
            )  # fmt: skip
            meetings.record_notice(session, sam, sgm, TODAY - timedelta(days=20))
            meetings.advance(session, sam, sgm, "held", today=TODAY)
            meetings.approve(session, sam, agm, at_meeting_id=sgm, chair=tenant(42))
            meetings.lock(session, sam, agm)
            minutes = meetings.get_meeting(session, org, agm)
        assert minutes.status == "locked"
        assert minutes.approved_by == tenant(42) and minutes.approved_on == TODAY
        with db.sessions.begin() as session, pytest.raises(UserError, match="true record"):
            meetings.save_text(session, sam, item.id, decisions="Nobody was elected.")
        with db.sessions() as session:
            kept = next(i for i in meetings.items(session, agm) if i.kind == "elections")
        assert kept.decisions.startswith("Elected to the board: ")

    # 15. Last, Sam checks the file: the audit trail, the row seals and the anchor agree.
    report = check_database(db_path)
    assert report.ok, report.lines
    done = mutualdesk("check", "--db", str(db_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FAIL" not in done.stdout
    assert "audit trail" in done.stdout and "seal" in done.stdout and "anchor" in done.stdout
