"""Subject access exports and erasure of former members' details (UK GDPR)."""

from __future__ import annotations

import io
import json
import subprocess
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.errors import PermissionDenied, UserError
from app.models import AuditEntry, Member, MemberConsent, MembershipPeriod, ShareTransaction
from app.reports import sections
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.report_options import ReportOptions
from app.services.membership import members, shares
from app.services.membership.members import Consent
from app.services.personal_data import retention, subject_access
from tests.services.membership.test_members import add, admin

NOW = datetime(2026, 6, 1, 10, 0)
TODAY = NOW.date()

FULL = {
    "title": "Ms",
    "preferred_name": "Hà",
    "date_of_birth": date(1970, 3, 4),
    "address": "Flat 7\n3 Canal Street\nLondon",
    "postcode": "SE1 7PB",
    "email": "ha.nguyen@example.org",
    "email_purpose": "Meeting notices",
    "phone": "020 7946 0000",
    "mobile": "07700 900123",
    "household_ref": "CS-3-7",
    "interpreter_language": "Vietnamese",
    "other_property": "Loan £50",
    "notes": "Prefers afternoon calls",
    "large_print": True,
    "consents": {
        "email": Consent(True, date(2005, 1, 10), "membership form"),
        "photos": Consent(False, date(2005, 1, 10), "membership form"),
    },
}


@dataclass
class People:
    """Members with known histories, by what the tests call them."""

    actor: Actor
    ha: int  # Nguyễn Thị Hà: left 2012, more than 10 years before TODAY
    recent: int  # left 2018: 8 years before TODAY, past 6 but not 10
    not_due: int  # left 2024
    current: int  # a current member with full details
    other: int  # another current member, who must never appear in Hà's export


def _person(db: Any, given: str, family: str, joined: date, left: date | None) -> int:
    actor = admin(db)
    made = add(db, given_name=given, family_name=family, joined_on=joined, **FULL)
    with db.sessions.begin() as session:
        shares.issue_shares(session, actor, made.member_id, 1, joined)
        if left is not None:
            shares.withdraw_shares(session, actor, made.member_id, 1, left)
            members.leave(session, actor, made.member_id, left, "moved")
    return made.member_id


@pytest.fixture
def people(demo: Any) -> People:
    """The demo, plus five members of our own."""
    return People(
        admin(demo),
        _person(demo, "Thị Hà", "Nguyễn", date(2005, 1, 10), date(2012, 2, 1)),
        _person(demo, "Rhys", "Evans", date(2010, 5, 1), date(2018, 3, 1)),
        _person(demo, "Isla", "MacLeod", date(2015, 5, 1), date(2024, 3, 1)),
        _person(demo, "Kwame", "Mensah", date(2016, 5, 1), None),
        _person(demo, "Otto", "Quellenberg", date(2016, 5, 1), None),
    )


def _number(db: Any, member_id: int) -> int:
    with db.sessions() as session:
        return session.get_one(Member, member_id).membership_number


def _export(db: Any, people: People, member_id: int) -> subject_access.SubjectAccess:
    with db.sessions() as session:
        return subject_access.build(session, people.actor, _number(db, member_id), NOW)


def _section(export: subject_access.SubjectAccess, key: str) -> sections.Section:
    return next(s for s in export.report.sections if s.key == key)


# --- subject access -------------------------------------------------------------------


def test_subject_access_holds_the_record_consents_ledger_and_audit(
    demo: Any, people: People
) -> None:
    """A member asking what we hold gets every field, their consents, shares and audit entries."""
    export = _export(demo, people, people.ha)
    data = sections.as_json(export.report)
    record = data["record"]
    assert record["given_name"] == "Thị Hà" and record["family_name"] == "Nguyễn"
    assert record["address"] == "Flat 7\n3 Canal Street\nLondon"
    assert record["email"] == "ha.nguyen@example.org"
    assert record["date_of_birth"] == "1970-03-04"
    assert record["left_on"] == "2012-02-01"
    assert record["interpreter_language"] == "Vietnamese"
    assert record["notes"] == "Prefers afternoon calls"
    assert {c["kind"]: (c["given"], c["recorded_on"], c["source"]) for c in data["consents"]} == {
        "Email": ("Agreed", "2005-01-10", "membership form"),
        "Photographs": ("Declined", "2005-01-10", "membership form"),
    }
    assert data["periods"] == [
        {"joined_on": "2005-01-10", "left_on": "2012-02-01", "leaving_reason": "Moved away"}
    ]
    assert [(x["kind"], x["shares"], x["amount_gbp"]) for x in data["share_ledger"]] == [
        ("Issued", 1, "1.00"),
        ("Withdrawn", -1, "-1.00"),
    ]
    assert data["holding"] == [{"shares": 0, "paid_gbp": "0.00"}]
    actions = [e["action"] for e in data["audit"]]
    assert actions == ["create", "issue shares", "withdraw shares", "leave"]
    assert data["board_roles"] == [] and "board seats" in data["empty_sections"]["board_roles"]
    assert "ballot" in data["empty_sections"]["voter_rolls"]


def test_subject_access_holds_nobody_else(demo: Any, people: People) -> None:
    """Another member's name, email or audit entries never appear in someone's export."""
    export = _export(demo, people, people.ha)
    text = json.dumps(sections.as_json(export.report), ensure_ascii=False)
    assert "Quellenberg" not in text and "Mensah" not in text
    with demo.sessions() as session:
        mine = {
            e.id
            for e in session.scalars(
                select(AuditEntry).where(
                    AuditEntry.entity == "member", AuditEntry.entity_id == str(people.ha)
                )
            )
        }
    assert {e[0] for e in _section(export, "audit").rows} == mine


def test_subject_access_lists_the_meetings_a_board_member_was_listed_at(
    demo: Any, people: People
) -> None:
    """A board member's export lists each demo board meeting with their attendance there,
    and nothing of anyone else's."""
    from app.models import Attendance

    with demo.sessions() as session:
        row = session.scalars(
            select(Attendance).where(Attendance.role == "board").order_by(Attendance.id)
        ).first()
        assert row is not None and row.member_id is not None
        listed = session.scalars(
            select(Attendance).where(Attendance.member_id == row.member_id)
        ).all()
    export = _export(demo, people, row.member_id)
    found = _section(export, "attendance").rows
    assert len(found) == len(listed) > 0
    assert all(
        what.startswith(("Board member: ", "Member: ")) or what.startswith("Gave a proxy")
        for _day, _title, what in found
    )
    mine = _export(demo, people, people.ha)
    assert _section(mine, "attendance").rows == ()  # left in 2012: listed at no meeting


def test_subject_access_json_round_trips(demo: Any, people: People, tmp_path: Path) -> None:
    """The JSON file is one object that reads back exactly as written."""
    export = _export(demo, people, people.ha)
    out = tmp_path / "sar.json"
    sections.write(export.report, out, "json")
    assert json.loads(out.read_text(encoding="utf-8")) == sections.as_json(export.report)
    buffer = io.BytesIO()
    sections.write_json(export.report, buffer)
    assert json.loads(buffer.getvalue().decode("utf-8"))["record"]["family_name"] == "Nguyễn"


def test_subject_access_workbook_has_a_sheet_per_section(
    demo: Any, people: People, tmp_path: Path
) -> None:
    """The spreadsheet opens with a sheet for each section, real dates and £ amounts."""
    export = _export(demo, people, people.ha)
    out = tmp_path / "sar.xlsx"
    sections.write(export.report, out, "xlsx")
    book = load_workbook(out)
    titles = [s.title for s in export.report.sections]
    assert book.sheetnames == ["Contents", *titles]
    record = {row[0]: row[1] for row in book["The member's record"].iter_rows(values_only=True)}
    assert record["Last name"] == "Nguyễn"
    assert record["Date left"].date() == date(2012, 2, 1)
    ledger = book["Share ledger"]
    assert [c.value for c in ledger[1]][:3] == ["Ledger no.", "Date", "What"]
    assert ledger["C2"].value == "Issued" and ledger["F2"].value == 1
    assert "£" in ledger["F2"].number_format
    assert ledger.max_row == 3  # the heading and two lines
    assert book["Voter rolls"]["A2"].value.startswith("This member has not been on a voter roll")


def test_subject_access_pdf_shows_the_name_and_ledger(
    demo: Any, people: People, tmp_path: Path
) -> None:
    """The printed export spells a Vietnamese name correctly and lists the share ledger."""
    export = _export(demo, people, people.ha)
    out = tmp_path / "sar.pdf"
    sections.write(export.report, out, "pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Nguyễn" in text and "Thị Hà" in text
    assert "Share ledger" in text and "Withdrawn" in text and "-£1.00" in text
    assert "01/02/2012" in text  # UK dates
    assert "Page 1 of" in text


def test_unknown_member_and_permission(demo: Any, people: People) -> None:
    """A number not on the register, or a user without the members permission, gets a plain no."""
    with demo.sessions() as session, pytest.raises(UserError, match="no member number 9999"):
        subject_access.build(session, people.actor, 9999, NOW)
    viewer = admin(demo, "viewer")
    with demo.sessions() as session, pytest.raises(PermissionDenied):
        subject_access.build(session, viewer, _number(demo, people.ha), NOW)
    with pytest.raises(UserError, match=r"\.pdf, \.xlsx or \.json"):
        subject_access.check_format(".docx")


def test_producing_an_export_is_audited(demo: Any, people: People) -> None:
    """The data-protection officer can see who produced an export, for whom, and when."""
    with demo.sessions.begin() as session:
        export = subject_access.build(session, people.actor, _number(demo, people.ha), NOW)
        subject_access.record_export(session, people.actor, export, "pdf")
    with demo.sessions() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
        assert (last.action, last.entity, last.entity_id) == (
            "subject access",
            "member",
            str(people.ha),
        )
        assert json.loads(last.after)["format"] == "pdf"
        assert audit.verify_chain(session).ok


# --- retention ------------------------------------------------------------------------


def _snapshot(db: Any, member_id: int) -> dict[str, Any]:
    with db.sessions() as session:
        row = session.get_one(Member, member_id)
        values = {c.key: getattr(row, c.key) for c in Member.__table__.columns}
        values["consents"] = len(
            session.scalars(select(MemberConsent).where(MemberConsent.member_id == member_id)).all()
        )
        values["periods"] = [
            (p.joined_on, p.left_on)
            for p in session.scalars(
                select(MembershipPeriod).where(MembershipPeriod.member_id == member_id)
            )
        ]
        values["ledger"] = [
            (t.number, t.shares, t.amount_pence)
            for t in session.scalars(
                select(ShareTransaction).where(ShareTransaction.member_id == member_id)
            )
        ]
        return values


def test_retention_report_lists_exactly_the_due(demo: Any, people: People) -> None:
    """The due list is every former member who left more than six years ago, and nobody else."""
    with demo.sessions() as session:
        expected = {
            m.membership_number
            for m in session.scalars(
                select(Member).where(
                    Member.left_on.is_not(None),
                    Member.left_on < date(2020, 6, 1),
                    Member.merged_into_id.is_(None),
                )
            )
        }
        report = retention.due_report(session, people.actor, NOW, ReportOptions())
    assert {row[0] for row in report.rows} == expected
    numbers = {row[0]: row for row in report.rows}
    ha = numbers[_number(demo, people.ha)]
    assert ha[1:4] == ("Thị Hà Nguyễn", date(2012, 2, 1), 14)
    assert ha[4] == "Extras and register details"
    assert numbers[_number(demo, people.recent)][4] == "Personal extras"
    assert _number(demo, people.not_due) not in numbers
    assert _number(demo, people.current) not in numbers


def test_erasure_blanks_the_right_fields_and_keeps_the_register(demo: Any, people: People) -> None:
    """After erasure only what the register and share ledger need is left; the chain holds."""
    before = {key: _snapshot(demo, key) for key in (people.ha, people.recent, people.current)}
    with demo.sessions.begin() as session:
        erased = retention.erase_due(session, people.actor, TODAY)
    assert {e.member_id for e in erased} >= {people.ha, people.recent}
    assert people.current not in {e.member_id for e in erased}

    ha = _snapshot(demo, people.ha)
    extras = {**retention.PERSONAL_EXTRAS, **retention.REGISTER_DETAILS}
    for key, blank in extras.items():
        assert ha[key] == blank, key
    assert ha["consents"] == 0 and ha["erased_on"] == TODAY
    kept = ("membership_number", "given_name", "family_name", "category_id", "joined_on")
    for key in (*kept, "left_on", "leaving_reason", "periods", "ledger"):
        assert ha[key] == before[people.ha][key], key
    assert ha["search_text"] == f"#{ha['membership_number']}|thi ha nguyen"

    recent = _snapshot(demo, people.recent)
    for key, blank in retention.PERSONAL_EXTRAS.items():
        assert recent[key] == blank, key
    for key in retention.REGISTER_DETAILS:  # under ten years: still on the register
        assert recent[key] == before[people.recent][key], key
    assert "se17pb" in recent["search_text"]

    assert _snapshot(demo, people.current) == before[people.current]
    with demo.sessions() as session:
        assert audit.verify_chain(session).ok
        rows = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "erase personal data", AuditEntry.entity_id == str(people.ha)
            )
        ).all()
    assert len(rows) == 1
    assert "ha.nguyen@example.org" not in rows[0].after and "Canal" not in rows[0].after
    assert "email" in json.loads(rows[0].after)["fields"]


def test_erasure_refuses_current_and_not_yet_due(demo: Any, people: People) -> None:
    """Erasing someone who is still a member, or left recently, is refused and changes nothing."""
    before = _snapshot(demo, people.not_due)
    for member_id, message in (
        (people.current, "is a current member"),
        (people.not_due, "kept for 6 years after leaving, so cannot be erased before 02/03/2030"),
    ):
        with demo.sessions.begin() as session, pytest.raises(UserError, match=message):
            retention.erase_member(session, people.actor, member_id, TODAY)
    assert _snapshot(demo, people.not_due) == before


def test_erased_member_is_due_again_only_for_the_register_details(
    demo: Any, people: People
) -> None:
    """At ten years the address goes too; erasing twice in a row says there is nothing more."""
    with demo.sessions.begin() as session:
        retention.erase_member(session, people.actor, people.recent, TODAY)
    with demo.sessions.begin() as session, pytest.raises(UserError, match="already erased"):
        retention.erase_member(session, people.actor, people.recent, TODAY)
    with demo.sessions() as session:
        later = {d.member_id for d in retention.due(session, people.actor.organisation_id, TODAY)}
        assert people.recent not in later
        ten_years = date(2028, 3, 2)
        again = retention.due(session, people.actor.organisation_id, ten_years)
        assert people.recent in {d.member_id for d in again}
    with demo.sessions.begin() as session:
        done = retention.erase_member(session, people.actor, people.recent, ten_years)
    assert set(done.fields) == {"address", "postcode", "email", "email_purpose", "other_property"}


def test_erased_member_cannot_rejoin(demo: Any, people: People) -> None:
    """An erased former member must be added afresh rather than re-joined."""
    with demo.sessions.begin() as session:
        retention.erase_member(session, people.actor, people.ha, TODAY)
    with demo.sessions.begin() as session, pytest.raises(UserError, match="were erased"):
        members.rejoin(session, people.actor, people.ha, date(2026, 1, 1))


def test_erasure_is_all_or_nothing(demo: Any, people: People, monkeypatch: Any) -> None:
    """If erasing fails part-way, no member is half-erased."""
    before = _snapshot(demo, people.ha)
    real = retention._erase
    calls = []

    def failing(*args: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk went away")
        return real(*args)

    monkeypatch.setattr(retention, "_erase", failing)
    with pytest.raises(RuntimeError), demo.sessions.begin() as session:
        retention.erase_due(session, people.actor, TODAY)
    assert _snapshot(demo, people.ha) == before
    assert asdict(people)  # the fixture is intact
