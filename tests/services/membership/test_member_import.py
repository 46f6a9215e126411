"""Importing members from a spreadsheet: reading, values, plan, and the import itself."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from app.errors import PermissionDenied, UserError
from app.models import AuditEntry, Member, MemberCategory, MembershipPeriod
from app.reports.xlsx.rejected import write_rejected
from app.services.accounts import auth
from app.services.accounts.roles import Actor
from app.services.membership.member_import import (
    plan_import,
    read_table,
    run_import,
)
from app.services.membership.member_import.values import parse_date

HEAD = ["First name", "Surname", "Post Code", "Email", "Tel", "Date Joined", "Membership Type"]
TODAY = date(2026, 6, 1)


def _csv(
    path: Path, rows: list[list[Any]], *, encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def _xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _actor(db: Any, username: str = "admin") -> Actor:
    return auth.sign_in(db.sessions, username, "mutualdesk").actor


def _count(db: Any) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Member)) or 0)


def _plan(db: Any, path: Path) -> Any:
    actor = _actor(db)
    with db.sessions() as session:
        return plan_import(session, actor.organisation_id, path, today=TODAY)


def _member(db: Any, given: str) -> Member:
    with db.sessions() as session:
        return session.scalars(select(Member).where(Member.given_name == given)).one()


GOOD = ["Ada", "Okafor", "se1 7pb", "ada@example.org", "7700900123", "01/02/2010", "Tenant"]


# reading


def test_windows_1252_file_with_pound_and_accent(tmp_path: Path) -> None:
    """A file saved by older Excel (Windows-1252) keeps its £ and é."""
    path = _csv(
        tmp_path / "old.csv",
        [[*HEAD, "Notes"], ["Renée", "Côté", *GOOD[2:], "Paid £1"]],
        encoding="cp1252",
    )
    table = read_table(path)
    assert table.rows[0][1][0] == "Renée" and table.rows[0][1][-1] == "Paid £1"


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_files(tmp_path: Path, delimiter: str) -> None:
    """Continental (semicolon) and tab-separated files are split into the right columns."""
    table = read_table(_csv(tmp_path / "x.csv", [HEAD, GOOD], delimiter=delimiter))
    assert table.headers == tuple(HEAD) and table.rows[0][1][1] == "Okafor"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    """A byte-order mark is not mistaken for part of the first heading."""
    table = read_table(_csv(tmp_path / "bom.csv", [HEAD, ["Zoë", *GOOD[1:]]], encoding=encoding))
    assert table.headers[0] == "First name" and table.rows[0][1][0] == "Zoë"


def test_title_rows_and_blank_rows_keep_spreadsheet_row_numbers(tmp_path: Path) -> None:
    """Rows are numbered as the spreadsheet shows them, counting title and blank rows."""
    rows = [["Members 2019"], [], HEAD, GOOD, [], ["", "", "", "", "", "", ""], GOOD]
    table = read_table(_csv(tmp_path / "t.csv", rows))
    assert table.header_row == 3
    assert [n for n, _ in table.rows] == [4, 7]


def test_header_synonyms(tmp_path: Path) -> None:
    """Common heading names in any case or punctuation are recognised."""
    heads = [
        "FORENAME",
        "Family name",
        "Postal Code",
        "E-mail",
        "Telephone",
        "Member Since",
        "Category",
        "Membership No.",
        "D.O.B",
        "Address 1",
        "Town",
        "Large print",
    ]
    table = read_table(_csv(tmp_path / "s.csv", [heads]))
    from app.services.membership.member_import import auto_mapping

    assert auto_mapping(table.headers) == {
        0: "given_name",
        1: "family_name",
        2: "postcode",
        3: "email",
        4: "phone",
        5: "joined_on",
        6: "category",
        7: "membership_number",
        8: "date_of_birth",
        9: "address",
        10: "address",
        11: "large_print",
    }


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("x.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        ("x.xlsx", b"PK\x03\x04junk"),
        ("x.csv", bytes(range(256)) * 8),
    ],
)
def test_not_a_spreadsheet(tmp_path: Path, name: str, content: bytes) -> None:
    """A PDF, a broken zip or binary junk gets one plain sentence."""
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError) as caught:
        read_table(path)
    assert caught.value.message == f"'{name}' is not a CSV or Excel (.xlsx) file."


def test_docx_renamed_is_not_a_spreadsheet(tmp_path: Path) -> None:
    """A Word document renamed .xlsx is refused plainly."""
    import zipfile

    path = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(UserError, match="is not a CSV or Excel"):
        read_table(path)


def test_no_recognisable_header(tmp_path: Path) -> None:
    """A sheet without headings names what it found and what it expected."""
    path = _csv(tmp_path / "n.csv", [["Alpha", "Beta"], ["1", "2"]])
    with pytest.raises(UserError) as caught:
        read_table(path)
    assert "'Alpha', 'Beta'" in caught.value.message and "'First name'" in caught.value.message


# values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25/12/2019", date(2019, 12, 25)),
        ("3/4/19", date(2019, 4, 3)),
        ("3/4/70", date(1970, 4, 3)),
        ("2019-12-25", date(2019, 12, 25)),
        (datetime(2019, 12, 25), date(2019, 12, 25)),
    ],
)
def test_dates(text: Any, expected: date) -> None:
    """UK dates, two-digit years (never in the future), ISO and date cells are read."""
    assert parse_date(text, "Date joined", TODAY) == (expected, None)


def test_impossible_and_unclear_dates() -> None:
    """31/02/2019 is not a real date; an Excel serial number is not taken as a date."""
    assert (
        parse_date("31/02/2019", "Date joined", TODAY)[1]
        == "Date joined '31/02/2019' is not a real date."
    )
    assert "is not a date" in (parse_date("43466", "Date joined", TODAY)[1] or "")


def test_xlsx_date_cells_and_numbers(demo: Any, tmp_path: Path) -> None:
    """An .xlsx with real date cells and a phone stored as a number imports correctly."""
    path = _xlsx(
        tmp_path / "m.xlsx",
        [
            ["Our members"],
            HEAD,
            ["Ada", "Okafor", "SE1 7PB", "", 7700900123, datetime(2010, 2, 1), "Tenant"],
        ],
    )
    plan = _plan(demo, path)
    assert plan.problems == () and plan.header_row == 2
    with demo.sessions.begin() as session:
        run_import(session, _actor(demo), plan)
    ada = _member(demo, "Ada")
    assert ada.joined_on == date(2010, 2, 1) and ada.phone == "07700 900123"


# plan and import


def test_row_numbered_problems_and_nothing_imported(demo: Any, tmp_path: Path) -> None:
    """One bad row stops the whole import, and each problem names its spreadsheet row."""
    rows = [["Members"], HEAD, GOOD, ["", "Brown", "", "bad@", "", "31/02/2019", ""]]
    path = _csv(tmp_path / "m.csv", rows)
    before = _count(demo)
    with demo.sessions.begin() as session:
        summary = run_import(session, _actor(demo), path, today=TODAY)
    assert not summary.applied and summary.imported == 0
    assert [str(p) for p in summary.problems] == [
        "row 4: Date joined '31/02/2019' is not a real date.",
        "row 4: Enter the first name.",
        "row 4: Email 'bad@' is not a complete address (like name@example.org).",
    ]
    assert _count(demo) == before


def test_skip_invalid_imports_only_valid_rows(demo: Any, tmp_path: Path) -> None:
    """With 'valid rows only' the good rows go in, with numbers, periods and search text."""
    path = _csv(tmp_path / "m.csv", [HEAD, GOOD, ["", "Brown", "", "", "", "", ""]])
    before = _count(demo)
    with demo.sessions.begin() as session:
        summary = run_import(session, _actor(demo), path, skip_invalid=True, today=TODAY)
    assert summary.imported == 1 and [r.row for r in summary.rejected] == [3]
    assert _count(demo) == before + 1
    ada = _member(demo, "Ada")
    assert ada.membership_number == before + 1  # the next free number
    assert ada.postcode == "SE1 7PB" and ada.phone == "07700 900123"
    assert ada.search_text == f"#{before + 1}|ada okafor|se17pb|ada@example.org|07700900123"
    with demo.sessions() as session:
        periods = session.scalars(
            select(MembershipPeriod).where(MembershipPeriod.member_id == ada.id)
        ).all()
        assert [(p.joined_on, p.left_on) for p in periods] == [(date(2010, 2, 1), None)]
        audit = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert audit is not None and audit.action == "import" and '"imported": 1' in audit.after


def test_formula_like_name_is_stored_literally_and_exported_as_text(
    demo: Any, tmp_path: Path
) -> None:
    """A name like =HYPERLINK(...) is kept as typed; the rejected-rows sheet holds it as text."""
    evil = '=HYPERLINK("http://x","y")'
    path = _csv(
        tmp_path / "m.csv",
        [HEAD, [evil, "Smith", "", "", "", "", ""], ["-Ann", "Lee", "", "", "", "31/02/2019", ""]],
    )
    with demo.sessions.begin() as session:
        summary = run_import(session, _actor(demo), path, skip_invalid=True, today=TODAY)
    assert _member(demo, evil).family_name == "Smith"
    out = tmp_path / "rejected.xlsx"
    write_rejected(summary, out)
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == [*HEAD, "Reason"]
    assert sheet["A2"].value == "-Ann" and sheet["A2"].data_type == "s"
    assert sheet["H2"].value == "Row 3: Date joined '31/02/2019' is not a real date."


def test_new_categories_created_and_default_category(demo: Any, tmp_path: Path) -> None:
    """'tenant' matches Tenant; Freeholder is new and reported; a blank row gets the default."""
    rows = [
        HEAD,
        ["A", "One", "", "", "", "", "tenant"],
        ["B", "Two", "", "", "", "", "Freeholder"],
        ["C", "Three", "", "", "", "", ""],
    ]
    path = _csv(tmp_path / "m.csv", rows)
    plan = _plan(demo, path)
    assert plan.new_categories == ("Freeholder",) and plan.default_category == "Tenant"
    with demo.sessions.begin() as session:
        summary = run_import(session, _actor(demo), plan)
    assert summary.categories_created == ("Freeholder",)
    with demo.sessions() as session:
        names = dict(session.execute(select(MemberCategory.id, MemberCategory.name)).all())
    assert [names[_member(demo, g).category_id] for g in "ABC"] == [
        "Tenant",
        "Freeholder",
        "Tenant",
    ]


def test_duplicates_within_file_and_against_register(demo: Any, tmp_path: Path) -> None:
    """Likely duplicates are warnings, listed with what they match, and do not stop the import."""
    with demo.sessions() as session:
        old = session.scalars(
            select(Member).where(Member.postcode != "").order_by(Member.id)
        ).first()
        assert old is not None
    rows = [
        HEAD,
        [old.given_name, old.family_name, old.postcode.lower(), "", "", "", ""],
        ["Bo", "Ng", "", "bo@example.org", "", "", ""],
        ["Bob", "Ng", "", "BO@example.org", "", "", ""],
    ]
    plan = _plan(demo, _csv(tmp_path / "m.csv", rows))
    assert [str(d) for d in plan.duplicates] == [
        f"row 2: This may be the same person as member {old.membership_number}, "
        f"{old.given_name} {old.family_name} (same name and postcode).",
        "row 4: This may be the same person as row 3 (same email).",
    ]
    assert plan.valid_rows == 3


def test_membership_numbers_kept_and_clashes_are_errors(demo: Any, tmp_path: Path) -> None:
    """A number from the file is kept; one already used, or used twice in the file, is an error."""
    rows = [
        ["Member No", *HEAD],
        ["900", *GOOD],
        ["1", "B", "B", "", "", "", "", ""],
        ["900", "C", "C", "", "", "", "", ""],
    ]
    plan = _plan(demo, _csv(tmp_path / "m.csv", rows))
    assert [str(p) for p in plan.problems] == [
        "row 3: Membership number 1 is already used on the register.",
        "row 4: Membership number 900 is also on row 2.",
    ]
    with demo.sessions.begin() as session:
        run_import(session, _actor(demo), plan, skip_invalid=True)
    assert _member(demo, "Ada").membership_number == 900


def test_joined_before_birth_uses_the_form_rules(demo: Any, tmp_path: Path) -> None:
    """The same rules as the member form: joining before being born is refused."""
    rows = [[*HEAD, "DOB"], [*GOOD[:5], "01/01/1990", "", "02/02/1995"]]
    plan = _plan(demo, _csv(tmp_path / "m.csv", rows))
    assert [str(p) for p in plan.problems] == [
        "row 2: The date admitted is before the date of birth."
    ]


def test_import_needs_permission(demo: Any, tmp_path: Path) -> None:
    """A viewer cannot import members."""
    with demo.sessions.begin() as session, pytest.raises(PermissionDenied):
        run_import(session, _actor(demo, "viewer"), _csv(tmp_path / "m.csv", [HEAD, GOOD]))


# the import's checks are the member form's


TRICKY = [
    ["", "Okafor", "", "", "", "", "", "", "", "", ""],
    [
        "Ada",
        "",
        "SE1 7PB 123456",
        "ada @example.org",
        "12345",
        "+33 1 23 45 67 89",
        "",
        "",
        "",
        "x" * 101,
        "",
    ],
    [
        "  Zoë ",
        " Wróbel ",
        "se17pb",
        "a..b@example.org",
        "7700900123",
        "07700 900123",
        "01/01/2030",
        "",
        "",
        "",
        "0",
    ],
    [
        "Kwame",
        "Mensah",
        "N1",
        "kwame@EXAMPLE.ORG",
        "0044 20 7946 0011",
        "not known",
        "02/02/2001",
        "03/03/2002",
        "03/03/1990",
        "Mr",
        "-4",
    ],
    [
        "Mei",
        "Chen",
        "GIR0AA",
        "mei@example",
        "020 7946 0011",
        "",
        "01/01/1890",
        "05/05/2005",
        "",
        "",
        "12",
    ],
    [
        "Ravi",
        "x" * 101,
        "",
        "two@@example.org",
        "",
        "7700.0",
        "01/01/2011",
        "10/10/2010",
        "11/11/2011",
        "Dr",
        "",
    ],
]
TRICKY_HEAD = [
    "First name",
    "Surname",
    "Postcode",
    "Email",
    "Tel",
    "Mobile",
    "Date joined",
    "Date applied",
    "Date of birth",
    "Title",
    "Membership No",
]


def test_import_row_checks_match_the_member_form(tmp_path: Path) -> None:
    """A row the member form would refuse is refused by an import with the same words."""
    from app.services.membership import members
    from app.services.membership.member_import.mapping import auto_mapping
    from app.services.membership.member_import.parsing import parse_rows

    table = read_table(_csv(tmp_path / "tricky.csv", [TRICKY_HEAD, *TRICKY]))
    rows = parse_rows(table, auto_mapping(table.headers), TODAY)
    assert len(rows) == len(TRICKY)
    for row in rows:
        form = members.validate(members.cleaned(row.details), TODAY)
        expected = [issue.message for issue in form]
        unreadable = row.errors[: len(row.errors) - len(expected)]  # dates, numbers not read
        assert row.errors[len(unreadable) :] == expected, row.row
        assert all(" is not a " in e for e in unreadable), unreadable
        assert row.warnings == members.warnings_for(row.details)
    assert any("cannot be in the future" in e for e in rows[2].errors)
    assert "The date admitted is before the application date." in rows[3].errors
    assert "Membership number '-4' is not a whole number." in rows[3].errors
    assert "The date admitted is before the date of birth." in rows[5].errors
    assert "The membership number must be 1 or more." in rows[2].errors


def test_search_texts_match_search_text() -> None:
    """Members imported in bulk are found by the same searches as members added one by one."""
    from app.services.membership.member_search import search_text, search_texts

    rows = [
        (1, "Zoë", "Wróbel", "", "SE1 7PB", "Zoe@Example.org", "020 7946 0011", ""),
        (2, "", "Ní Bhriain", "Siobhán", "se1 7pb", "", "", "07700 900123"),
        (3, "Zoë", "Wróbel", "", "SE1 7PB", "", "", ""),
        (4, "  Jack ", "SMITH", "Jacky", "", "", "", ""),
    ]
    assert search_texts(rows) == [search_text(*r) for r in rows]
