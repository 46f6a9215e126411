"""Every report in one table: its name, its builder (in services) and how it is drawn.

The command line's ``report``/``export`` names and the Reports page list what is here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Protocol

from sqlalchemy.orm import Session

from app.errors import UserError
from app.services import board, federation
from app.services.accounts import reports as accounts_reports
from app.services.accounts.roles import Actor, Permission
from app.services.common.report_options import ReportOptions
from app.services.common.reports import TableReport
from app.services.elections import reports as election_reports
from app.services.finance import allowance_reports, register_reports
from app.services.finance import reports as finance_reports
from app.services.meetings import reports as meeting_reports
from app.services.membership import documents, year_end
from app.services.membership import reports as membership_reports
from app.services.performance import (
    annual,
    council,
    project_ballot,
    projects,
    reach_report,
    sroi,
)
from app.services.performance import results as performance_results
from app.services.personal_data import retention


class ReportName(Enum):
    """Reports that exist; later areas add theirs."""

    USERS = "users"
    AUDIT = "audit"
    MEMBER_LIST = "member-list"
    REGISTER = "register"
    YEAR_END = "year-end"
    LABELS = "labels"
    LETTERS = "letters"
    CERTIFICATE = "certificate"
    RETENTION_DUE = "retention-due"
    BOARD = "board"
    OFFICERS = "officers"
    BALLOT_PAPERS = "ballot-papers"
    PROJECT_BALLOT_PAPERS = "project-ballot-papers"
    NOMINATION_FORMS = "nomination-forms"
    RESULT = "result"
    ELECTION_RESULT = "election-result"
    AGENDA = "agenda"
    SIGN_IN = "sign-in"
    MINUTES = "minutes"
    NOTICE_LETTERS = "notice-letters"
    ACTIONS = "actions"
    ATTENDANCE = "attendance"
    TRANSACTIONS = "transactions"
    BUDGET = "budget"
    COUNCIL_PACK = "council-pack"
    ACCOUNTS = "accounts"
    RECONCILIATION = "reconciliation"
    SHARE_LEDGER = "share-ledger"
    VOTER_ROLL = "voter-roll"
    ALLOWANCE = "allowance"
    ALLOWANCE_REMINDER = "allowance-reminder"
    AGREEMENTS = "agreements"
    DEBTORS = "debtors"
    CREDITORS = "creditors"
    EQUIPMENT = "equipment"
    FEDERATION = "federation"
    PERFORMANCE = "performance"
    REACH = "reach"
    PROJECTS = "projects"
    SOCIAL_VALUE = "social-value"
    ANNUAL_REPORT = "annual-report"


ALIASES = {"members": ReportName.MEMBER_LIST}


class TableBuilder(Protocol):
    """build(session, actor, now[, options]) -> a table."""

    def __call__(
        self, session: Session, actor: Actor, now: datetime, options: ReportOptions = ...
    ) -> TableReport: ...


class DocumentBuilder(Protocol):
    """build(session, actor, now[, options]) -> a document's data (labels, letters...)."""

    def __call__(
        self, session: Session, actor: Actor, now: datetime, options: ReportOptions = ...
    ) -> Any: ...


@dataclass(frozen=True)
class ReportSpec:
    """A table report's name, what the Reports page calls it, and its builder."""

    name: ReportName
    title: str
    description: str
    build: TableBuilder
    permission: Permission | None = None
    # a table: listed on the Reports page, and saved as PDF or as a spreadsheet
    is_table = True
    pdf = True

    @property
    def spreadsheet(self) -> DocumentBuilder:
        """A table is the same whether printed or exported."""
        return self.build

    def allowed(self, actor: Actor) -> bool:
        """True if ``actor`` may open this report."""
        return self.permission is None or actor.can(self.permission)


@dataclass(frozen=True)
class DocumentSpec:
    """A document (labels, letters, a certificate, the accounts): needs choices first.

    ``spreadsheet`` builds what ``export`` writes, where the document has a spreadsheet
    form; ``pdf`` is False for what is only a workbook (the council's pack)."""

    name: ReportName
    title: str
    description: str
    build: DocumentBuilder
    permission: Permission | None = None
    spreadsheet: DocumentBuilder | None = None
    pdf: bool = True
    is_table = False

    def allowed(self, actor: Actor) -> bool:
        """True if ``actor`` may print this document."""
        return self.permission is None or actor.can(self.permission)


def _catalogue() -> dict[ReportName, ReportSpec | DocumentSpec]:
    member_permission = Permission.EDIT_MEMBERS
    specs: tuple[ReportSpec | DocumentSpec, ...] = (
        ReportSpec(
            ReportName.USERS,
            "User accounts and roles",
            "Everyone who can sign in, with their role.",
            accounts_reports.users,
        ),
        ReportSpec(
            ReportName.AUDIT,
            "Audit trail",
            "Every change, who made it and when, with the chain check.",
            accounts_reports.audit_trail,
            Permission.VIEW_AUDIT,
        ),
        ReportSpec(
            ReportName.MEMBER_LIST,
            "Member list",
            "Members with the columns you choose, by category, status or eligibility to vote.",
            membership_reports.member_list,
            member_permission,
        ),
        ReportSpec(
            ReportName.REGISTER,
            "Register of members",
            "The statutory register: names, addresses, shares and amounts paid, dates entered "
            "and ceased, for current and former members.",
            membership_reports.register,
            member_permission,
        ),
        ReportSpec(
            ReportName.YEAR_END,
            "Year-end figures",
            "Members and share capital at the start and end of a financial year, for the "
            "annual return.",
            year_end.as_report,
        ),
        ReportSpec(
            ReportName.SHARE_LEDGER,
            "Share ledger",
            "Every issue, withdrawal, transfer and cancellation of shares, numbered, with the "
            "shares held and the money paid up totalled.",
            membership_reports.share_ledger,
            member_permission,
        ),
        ReportSpec(
            ReportName.RETENTION_DUE,
            "Former members due for erasure",
            "Former members who left longer ago than the organisation keeps their details, "
            "and what erasing them would remove.",
            retention.due_report,
            member_permission,
        ),
        ReportSpec(
            ReportName.BOARD,
            "The board",
            "Who sits on the board today: seat, how they came, office, start and term's end, "
            "with any casual vacancies.",
            board.board_report,
        ),
        ReportSpec(
            ReportName.OFFICERS,
            "Register of officers",
            "The statutory register of officers kept with the register of members: names, "
            "addresses, offices and the dates they took and left office.",
            board.officers_report,
            member_permission,
        ),
        ReportSpec(
            ReportName.ELECTION_RESULT,
            "Count sheet of an election",
            "A declared election's count, stage by stage, as a table.",
            election_reports.result_table,
        ),
        ReportSpec(
            ReportName.VOTER_ROLL,
            "Voter roll of an election",
            "An election's frozen roll: every elector and whether they were given a paper "
            "(never how anyone voted).",
            election_reports.roll_table,
        ),
        ReportSpec(
            ReportName.ACTIONS,
            "Action log",
            "Every action agreed at a meeting: who owns it, when it is due, and whether it is "
            "done.",
            meeting_reports.action_log,
        ),
        ReportSpec(
            ReportName.ATTENDANCE,
            "Attendance at meetings",
            "Who was present, sent apologies or was absent at each meeting held.",
            meeting_reports.attendance_table,
        ),
        ReportSpec(
            ReportName.TRANSACTIONS,
            "Transaction listing",
            "Every cash book entry of a financial year (or a quarter), money in and out totalled.",
            finance_reports.transactions_table,
        ),
        ReportSpec(
            ReportName.ALLOWANCE,
            "LMA allowance: expected and received",
            "Each payment the agreement's schedule expects in a financial year, the receipts "
            "that settled it, and which are late or short.",
            allowance_reports.allowance_table,
        ),
        ReportSpec(
            ReportName.AGREEMENTS,
            "Management agreements",
            "Each LMA agreement: who it is with, its dates, its services and their allowance.",
            allowance_reports.agreements_table,
        ),
        ReportSpec(
            ReportName.DEBTORS,
            "Money owed to us (debtors)",
            "Each sum owed to the organisation and each LMA allowance payment due and not "
            "received, with where it stands.",
            register_reports.debtors_table,
        ),
        ReportSpec(
            ReportName.CREDITORS,
            "Bills to pay (creditors)",
            "Each bill received: when it is due and whether it was paid.",
            register_reports.creditors_table,
        ),
        ReportSpec(
            ReportName.EQUIPMENT,
            "Equipment and furniture register",
            "What the organisation owns for its own use: when bought, the cost, where it is, "
            "and when disposed of.",
            register_reports.equipment_table,
        ),
        DocumentSpec(
            ReportName.PERFORMANCE,
            "Performance indicators",
            "Each indicator switched on: its figures each quarter and for the year against "
            "target, met, close or missed in words, notes on targets missed, and the trends.",
            performance_results.performance,
            spreadsheet=performance_results.performance,
        ),
        DocumentSpec(
            ReportName.REACH,
            "Reach (families and children)",
            "Families and children registered, seen and seen regularly each quarter, by "
            "group, and attendance at each activity; no count under 5 is shown.",
            reach_report.reach_report,
            spreadsheet=reach_report.reach_report,
        ),
        DocumentSpec(
            ReportName.PROJECTS,
            "Community projects",
            "Each community project: budget, what the cash book shows spent, what is left, its "
            "lead, dates, status, payments and results.",
            projects.projects_report,
            spreadsheet=projects.projects_report,
        ),
        DocumentSpec(
            ReportName.SOCIAL_VALUE,
            "Social value (SROI)",
            "Each social return on investment worksheet of the year: outcomes, proxies, "
            "deadweight, attribution, displacement and drop-off, the present value, the ratio "
            "and a sensitivity table, every figure with its working.",
            sroi.social_value_report,
            spreadsheet=sroi.social_value_report,
        ),
        DocumentSpec(
            ReportName.ANNUAL_REPORT,
            "Annual report to members",
            "One document for the AGM pack: the chair's and treasurer's words, members, the "
            "board, meetings and decisions, the accounts in summary, the indicators, reach, "
            "the community projects and the social value.",
            annual.annual_report,
        ),
        DocumentSpec(
            ReportName.FEDERATION,
            "Federation roll-up",
            "Each centre you may see, and the federation in total: members, eligible voters, "
            "receipts, payments, funds, budget and meetings for a financial year.",
            federation.rollup,
            spreadsheet=federation.rollup,
        ),
        DocumentSpec(
            ReportName.ALLOWANCE_REMINDER,
            "Reminder to the council: allowance late",
            "A letter to each council whose LMA allowance payments are late or short, listing "
            "them, for the treasurer to sign.",
            allowance_reports.reminder_letters,
        ),
        ReportSpec(
            ReportName.RECONCILIATION,
            "Bank reconciliation",
            "Each bank account's latest reconciliation: the statement's balance, the items not "
            "yet on it, and the cash book's balance.",
            finance_reports.reconciliation_report,
        ),
        DocumentSpec(
            ReportName.BUDGET,
            "Budget against actual",
            "Budget against actual by service and category for a quarter and the year to date, "
            "with variance, forecast outturn, a chart and the savings split.",
            finance_reports.budget_report,
            spreadsheet=finance_reports.budget_table,
        ),
        DocumentSpec(
            ReportName.ACCOUNTS,
            "Receipts and payments accounts",
            "The year's receipts and payments account in the Charity Commission's layout and "
            "the statement of assets and liabilities.",
            finance_reports.accounts_statement,
            spreadsheet=finance_reports.accounts_statement,
        ),
        DocumentSpec(
            ReportName.COUNCIL_PACK,
            "Council monitoring return",
            "The quarterly monitoring return as one workbook: cover, budget against actual, "
            "transactions, the bank reconciliation and the indicators.",
            council.council_pack,
            spreadsheet=council.council_pack,
            pdf=False,
        ),
        DocumentSpec(
            ReportName.AGENDA,
            "Agenda",
            "A meeting's agenda, with open actions under matters arising.",
            meeting_reports.agenda_document,
        ),
        DocumentSpec(
            ReportName.SIGN_IN,
            "Sign-in sheet",
            "A meeting's sign-in sheet: the board, or every member for a general meeting.",
            meeting_reports.sign_in_document,
        ),
        DocumentSpec(
            ReportName.MINUTES,
            "Minutes",
            "A meeting's minutes: attendance, quorum, items, resolutions and actions.",
            meeting_reports.minutes_document,
        ),
        DocumentSpec(
            ReportName.NOTICE_LETTERS,
            "Notice letters",
            "A notice letter to each member entitled to attend a meeting who has not chosen email.",
            meeting_reports.notice_letters,
            Permission.EDIT_MEETINGS,
        ),
        DocumentSpec(
            ReportName.BALLOT_PAPERS,
            "Ballot papers",
            "An election's ballot papers, one a page, as many as the voter roll.",
            election_reports.ballot_papers_document,
            Permission.RUN_ELECTIONS,
        ),
        DocumentSpec(
            ReportName.PROJECT_BALLOT_PAPERS,
            "Project ballot papers",
            "A project ballot's paper, one a page, as many as the members who may vote.",
            project_ballot.ballot_papers_document,
            Permission.EDIT_PERFORMANCE,
        ),
        DocumentSpec(
            ReportName.NOMINATION_FORMS,
            "Nomination forms",
            "Blank nomination forms for an election.",
            election_reports.nomination_forms_document,
        ),
        DocumentSpec(
            ReportName.RESULT,
            "Declaration of the result",
            "A declared election's result for the returning officer to sign, with the count sheet.",
            election_reports.result_document,
        ),
        DocumentSpec(
            ReportName.LABELS,
            "Address labels",
            "Address labels on Avery L7160 or L7163 sheets for current members.",
            documents.labels,
            member_permission,
        ),
        DocumentSpec(
            ReportName.LETTERS,
            "Letters to members",
            "One letter per member from a template, such as an AGM notice.",
            documents.letters,
            member_permission,
        ),
        DocumentSpec(
            ReportName.CERTIFICATE,
            "Share certificate",
            "A share certificate for one member.",
            documents.certificate,
            member_permission,
        ),
    )
    return {spec.name: spec for spec in specs}


ALL_REPORTS: dict[ReportName, ReportSpec | DocumentSpec] = _catalogue()
# What the Reports page lists: the tables (labels, letters and certificates need choices first).
CATALOGUE: dict[ReportName, ReportSpec] = {
    k: v for k, v in ALL_REPORTS.items() if isinstance(v, ReportSpec)
}


def builder(spec: ReportSpec | DocumentSpec, *, spreadsheet: bool) -> DocumentBuilder:
    """What builds ``spec`` as a spreadsheet or as a PDF; a UserError where it has no such
    form (a letter has no spreadsheet, the council's pack no PDF)."""
    if spreadsheet and spec.spreadsheet is None:
        raise UserError(f"{spec.title} is a printed document: use `mutualdesk report`.")
    if not spreadsheet and not spec.pdf:
        raise UserError(f"{spec.title} is a workbook: use `mutualdesk export`.")
    return spec.spreadsheet if spreadsheet and spec.spreadsheet else spec.build


def find(name: str) -> ReportSpec | DocumentSpec:
    """The report called ``name``, or a UserError listing those that exist."""
    if name in ALIASES:
        return ALL_REPORTS[ALIASES[name]]
    for spec in ALL_REPORTS.values():
        if spec.name.value == name:
            return spec
    names = ", ".join(n.value for n in ALL_REPORTS)
    raise UserError(f"There is no report called '{name}'. Choose one of: {names}.")
