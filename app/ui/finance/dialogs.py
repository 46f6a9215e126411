"""Forms of Budgets & Accounts: an entry (receipt, payment or transfer), a reversal,
opening a year, a budget line, an agreement, an account, a fund."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from app.errors import Issue, UserError
from app.services.common.money import format_pence, parse_amount
from app.services.finance import agreements, budgets, cashbook, setup
from app.services.finance.cashbook import EntryDetails
from app.services.finance.common import ACCOUNT_KINDS, FUND_KINDS, EntryKind
from app.ui.context import PageContext
from app.ui.ops import Change
from app.ui.service_dialog import ServiceDialog
from app.ui.widgets import date_box, read_date

CHANGES = frozenset({Change.FINANCE})


@dataclass(frozen=True)
class Choices:
    """What the forms offer, read once when a form opens."""

    years: list[setup.YearInfo]
    accounts: list[setup.AccountInfo]
    funds: list[setup.FundInfo]
    categories: list[setup.CategoryInfo]  # those still in use
    agreements: list[agreements.AgreementInfo]
    all_categories: list[setup.CategoryInfo]  # including those no longer used


def read_choices(session: Any, organisation_id: int) -> Choices:
    every = setup.list_categories(session, organisation_id)
    return Choices(
        setup.list_years(session, organisation_id),
        [a for a in setup.list_accounts(session, organisation_id) if not a.closed],
        setup.list_funds(session, organisation_id),
        [c for c in every if c.active],
        agreements.list_agreements(session, organisation_id),
        every,
    )


def combo(name: str, items: list[tuple[str, Any]], none: str | None = None) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    if none is not None:
        box.addItem(none, None)
    for text, data in items:
        box.addItem(text, data)
    return box


def read_money(box: QLineEdit, field: str, label: str, issues: list[Issue]) -> int | None:
    pence, issue = parse_amount(field, box.text(), label=label)
    if issue is not None:
        issues.append(issue)
    return pence


KIND_TITLES = {
    "receipt": "Money received",
    "payment": "Money paid out",
    "transfer": "A transfer",
    "opening": "Opening balance",
}


class EntryDialog(ServiceDialog):
    """A receipt, a payment or a transfer (between accounts, or between funds)."""

    def __init__(
        self, ctx: PageContext, parent: QWidget | None, kind: str, choices: Choices
    ) -> None:
        super().__init__(
            ctx,
            parent,
            KIND_TITLES[kind],
            "Amounts as £1,234.50 or 1234.5. Entries cannot be changed afterwards: a mistake "
            "is put right by reversing the entry.",
            CHANGES,
        )
        self.kind = kind
        self.saved: cashbook.EntryInfo | None = None
        add = self.errors.add_row
        self.dated = add(self.form, "&Date", date_box("Date", date.today()), "dated")
        self.amount = add(
            self.form,
            "&Amount (overdrawn: -12.00)" if kind == EntryKind.OPENING else "&Amount",
            QLineEdit(),
            "amount",
        )
        self.amount.setAccessibleName("Amount")
        self.amount.setPlaceholderText("e.g. 1,234.50")
        self.description = add(self.form, "D&escription", QLineEdit(), "description")
        self.description.setAccessibleName("Description")
        accounts = [(a.name, a.id) for a in choices.accounts]
        funds = [(f"{f.name} ({f.kind_label.lower()})", f.id) for f in choices.funds]
        if kind == EntryKind.OPENING:
            self.account = add(
                self.form, "Ban&k or cash", combo("Bank or cash account", accounts), "account_id"
            )
            self.fund = add(self.form, "F&und", combo("Fund", funds), "fund_id")
        elif kind == EntryKind.TRANSFER:
            self.account = add(
                self.form,
                "&From account",
                combo("From account", accounts, "(a transfer between funds)"),
                "account_id",
            )
            self.to_account = add(
                self.form, "&To account", combo("To account", accounts, "(none)"), "to_account_id"
            )
            self.fund = add(self.form, "From f&und", combo("From fund", funds), "fund_id")
            self.to_fund = add(
                self.form,
                "To fu&nd (between funds)",
                combo("To fund", funds, "(the same fund)"),
                "to_fund_id",
            )
        else:
            self.party = add(
                self.form,
                "&Paid by" if kind == EntryKind.RECEIPT else "&Paid to",
                QLineEdit(),
                "party",
            )
            self.party.setAccessibleName("Payer" if kind == EntryKind.RECEIPT else "Payee")
            self.account = add(
                self.form, "Ban&k or cash", combo("Bank or cash account", accounts), "account_id"
            )
            cats = [
                (f"{c.name} — {c.heading_label}", c.id)
                for c in choices.categories
                if c.direction == kind
            ]
            self.category = add(self.form, "&Category", combo("Category", cats), "category_id")
            self.fund = add(self.form, "F&und", combo("Fund", funds), "fund_id")
            services = [
                (f"{a.name}: {s.name}", (a.id, s.id))
                for a in choices.agreements
                for s in a.services
            ]
            self.service = add(
                self.form,
                "&LMA service",
                combo("LMA service", services, "(not for an LMA service)"),
                "service_id",
            )
            self.reference = add(
                self.form, "&Reference (invoice, cheque)", QLineEdit(), "reference"
            )
            self.reference.setAccessibleName("Reference")
        self.finish()
        self.amount.setFocus()

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        dated = read_date(self.dated, "dated", "Date", issues)
        if self.kind == EntryKind.OPENING:
            pence, issue = parse_amount("amount", self.amount.text(), allow_negative=True)
            if issue is not None:
                issues.append(issue)
        else:
            pence = read_money(self.amount, "amount", "The amount", issues)
        if issues:
            raise UserError.from_issues(issues)
        assert dated is not None and pence is not None
        if self.kind == EntryKind.OPENING:
            details = EntryDetails(
                "opening",
                dated,
                self.description.text(),
                pence,
                self.fund.currentData(),
                self.account.currentData(),
            )
        elif self.kind == EntryKind.TRANSFER:
            details = EntryDetails(
                "transfer",
                dated,
                self.description.text(),
                pence,
                self.fund.currentData(),
                self.account.currentData(),
                to_account_id=self.to_account.currentData(),
                to_fund_id=self.to_fund.currentData(),
            )
        else:
            link = self.service.currentData()
            details = EntryDetails(
                self.kind,
                dated,
                self.description.text(),
                pence,
                self.fund.currentData(),
                self.account.currentData(),
                party=self.party.text(),
                category_id=self.category.currentData(),
                agreement_id=link[0] if link else None,
                service_id=link[1] if link else None,
                reference=self.reference.text(),
            )
        actor = self.ctx.user.actor

        def save(session: Any) -> cashbook.EntryInfo:
            self.saved = cashbook.record_entry(session, actor, details)
            return self.saved

        return save


class ReverseDialog(ServiceDialog):
    """Reverse a mistaken entry: the date of the reversal and why."""

    def __init__(
        self, ctx: PageContext, parent: QWidget | None, entry_id: int, number: int
    ) -> None:
        super().__init__(
            ctx,
            parent,
            f"Reverse entry {number}",
            f"Entry {number} stays in the cash book; a reversing entry takes it off the totals. "
            "Then enter the right figures as a new entry.",
            CHANGES,
        )
        self.entry_id = entry_id
        add = self.errors.add_row
        self.on = add(
            self.form, "&Date of the reversal", date_box("Date of the reversal", date.today()), "on"
        )
        self.reason = add(self.form, "&Why", QLineEdit(), "reason")
        self.reason.setAccessibleName("Why it is reversed")
        self.finish()
        self.reason.setFocus()

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        on = read_date(self.on, "on", "Date of the reversal", issues)
        if issues:
            raise UserError.from_issues(issues)
        assert on is not None
        actor, entry_id, reason = self.ctx.user.actor, self.entry_id, self.reason.text()
        return lambda s: cashbook.reverse_entry(s, actor, entry_id, on=on, reason=reason)


class OpenYearDialog(ServiceDialog):
    """Open a financial year by the calendar year it starts in."""

    def __init__(self, ctx: PageContext, parent: QWidget | None) -> None:
        super().__init__(
            ctx,
            parent,
            "Open a financial year",
            "Give the year the financial year starts in (2026 for 2026/27).",
            CHANGES,
        )
        self.year = self.errors.add_row(self.form, "&Starts in", QSpinBox(), "year")
        self.year.setRange(1990, 2200)
        self.year.setValue(date.today().year)
        self.year.setAccessibleName("The year it starts in")
        self.finish()

    def operation(self) -> Callable[[Any], object]:
        actor, year = self.ctx.user.actor, self.year.value()
        return lambda s: setup.open_year(s, actor, year)


class AccountDialog(ServiceDialog):
    """A new bank or cash account, or a fund."""

    def __init__(self, ctx: PageContext, parent: QWidget | None, what: str) -> None:
        super().__init__(
            ctx,
            parent,
            f"New {what}",
            "A bank account or cash tin."
            if what == "account"
            else "Restricted and endowment funds need a purpose.",
            CHANGES,
        )
        self.what = what
        add = self.errors.add_row
        self.name = add(self.form, "&Name", QLineEdit(), "name")
        self.name.setAccessibleName("Name")
        kinds = ACCOUNT_KINDS if what == "account" else FUND_KINDS
        self.kind = add(
            self.form, "&Kind", combo("Kind", [(v, k) for k, v in kinds.items()]), "kind"
        )
        self.extra = add(
            self.form,
            "&Bank" if what == "account" else "&Purpose",
            QLineEdit(),
            "bank" if what == "account" else "purpose",
        )
        self.extra.setAccessibleName("Bank" if what == "account" else "Purpose")
        self.finish()
        self.name.setFocus()

    def operation(self) -> Callable[[Any], object]:
        actor = self.ctx.user.actor
        name, kind, extra = self.name.text(), self.kind.currentData(), self.extra.text()
        if self.what == "account":
            return lambda s: setup.save_account(s, actor, name=name, kind=kind, bank=extra)
        return lambda s: setup.save_fund(s, actor, name=name, kind=kind, purpose=extra)


class BudgetLineDialog(ServiceDialog):
    """A year's budget for one category (and LMA service), phased evenly or by quarter."""

    def __init__(
        self, ctx: PageContext, parent: QWidget | None, year: setup.YearInfo, choices: Choices
    ) -> None:
        super().__init__(
            ctx,
            parent,
            f"Budget {year.label}",
            "The year's figure is spread over the months so that they add up "
            "exactly. Setting a line again replaces it.",
            CHANGES,
        )
        self.year = year
        add = self.errors.add_row
        cats = [
            (f"{c.name} ({'receipts' if c.direction == 'receipt' else 'payments'})", c.id)
            for c in choices.categories
        ]
        self.category = add(self.form, "&Category", combo("Category", cats), "category_id")
        services = [(f"{a.name}: {s.name}", s.id) for a in choices.agreements for s in a.services]
        self.service = add(
            self.form,
            "&LMA service",
            combo("LMA service", services, "(not for an LMA service)"),
            "service_id",
        )
        self.annual = add(self.form, "&Amount for the year", QLineEdit(), "months")
        self.annual.setAccessibleName("Amount for the year")
        self.phasing = add(
            self.form,
            "&Spread",
            combo("Spread", [(v, k) for k, v in budgets.PHASINGS.items()]),
            "phasing",
        )
        self.finish()
        self.annual.setFocus()

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        pence, issue = parse_amount(
            "months", self.annual.text(), allow_zero=True, label="The amount"
        )
        if issue is not None:
            issues.append(issue)
        if issues:
            raise UserError.from_issues(issues)
        assert pence is not None
        months = budgets.phase(pence, self.phasing.currentData())
        actor, year_id = self.ctx.user.actor, self.year.id
        category, service = self.category.currentData(), self.service.currentData()
        return lambda s: budgets.set_budget_line(
            s, actor, year_id=year_id, category_id=category, service_id=service, months=months
        )


class AgreementDialog(ServiceDialog):
    """A new LMA: with whom, from when, how the allowance is paid, the community's share
    of savings, and each service with its share of the allowance (one a line)."""

    def __init__(
        self,
        ctx: PageContext,
        parent: QWidget | None,
        choices: Choices,
        current: agreements.AgreementInfo | None = None,
    ) -> None:
        super().__init__(
            ctx,
            parent,
            f"Change {current.name}" if current else "New agreement",
            "List each service on its own line with its yearly allowance, e.g. "
            "'Cleaning: 62,400.00'.",
            CHANGES,
        )
        from PySide6.QtWidgets import QPlainTextEdit

        add = self.errors.add_row
        self.name = add(self.form, "&Name", QLineEdit(), "name")
        self.name.setAccessibleName("Name of the agreement")
        self.counterparty = add(
            self.form, "&With (council or landlord)", QLineEdit(), "counterparty"
        )
        self.counterparty.setAccessibleName("Council or landlord")
        self.starts = add(self.form, "&Starts on", date_box("Starts on", date.today()), "starts_on")
        self.schedule = add(
            self.form,
            "&Allowance paid",
            combo(
                "Allowance paid",
                [("Quarterly", "quarterly"), ("Monthly", "monthly"), ("Once a year", "annually")],
            ),
            "schedule",
        )
        self.share = add(
            self.form, "&Community's share of savings (%)", QSpinBox(), "community_share_bp"
        )
        self.share.setRange(0, 100)
        self.share.setValue(50)
        self.share.setAccessibleName("Community's share of savings, per cent")
        funds = [(f.name, f.id) for f in choices.funds if f.kind == "restricted"] or [
            (f.name, f.id) for f in choices.funds
        ]
        self.fund = add(self.form, "&Fund the allowance goes to", combo("Fund", funds), "fund_id")
        self.services = add(self.form, "Ser&vices", QPlainTextEdit(), "services")
        self.services.setAccessibleName("Services and their yearly allowance, one a line")
        self.services.setTabChangesFocus(True)
        self.current = current
        if current is not None:
            self.name.setText(current.name)
            self.counterparty.setText(current.counterparty)
            self.starts.setText(current.starts_on.strftime("%d/%m/%Y"))
            self.schedule.setCurrentIndex(max(0, self.schedule.findData(current.schedule)))
            self.share.setValue(current.community_share_bp // 100)
            self.fund.setCurrentIndex(max(0, self.fund.findData(current.fund_id)))
            self.services.setPlainText(
                "\n".join(
                    f"{s.name}: {format_pence(s.annual_allowance_pence)}" for s in current.services
                )
            )
        self.finish()
        self.name.setFocus()

    def operation(self) -> Callable[[Any], object]:
        issues: list[Issue] = []
        starts = read_date(self.starts, "starts_on", "Starts on", issues)
        services = []
        for number, line in enumerate(self.services.toPlainText().splitlines(), start=1):
            if not line.strip():
                continue
            name, colon, amount = line.rpartition(":")
            if not colon or not name.strip():
                issues.append(Issue("services", f"Line {number}: write 'Service: 1,234.00'."))
                continue
            pence, issue = parse_amount(
                "services", amount, allow_zero=True, label=f"Line {number}'s allowance"
            )
            if not name.strip() or issue is not None or pence is None:
                issues.append(
                    issue or Issue("services", f"Line {number}: write 'Service: 1,234.00'.")
                )
                continue
            services.append((name.strip(), pence))
        if issues:
            raise UserError.from_issues(issues)
        assert starts is not None
        details = agreements.AgreementDetails(
            self.name.text(),
            self.counterparty.text(),
            starts,
            self.fund.currentData(),
            tuple(services),
            schedule=self.schedule.currentData(),
            community_share_bp=self.share.value() * 100,
        )
        actor, agreement_id = self.ctx.user.actor, self.current.id if self.current else None
        return lambda s: agreements.save_agreement(s, actor, details, agreement_id)


class CategoryDialog(ServiceDialog):
    """A new category for receipts or payments under one of the Charity Commission's
    headings, or a change to one (its name, heading, or whether it is still used)."""

    def __init__(
        self,
        ctx: PageContext,
        parent: QWidget | None,
        current: setup.CategoryInfo | None = None,
    ) -> None:
        from PySide6.QtWidgets import QCheckBox

        from app.services.finance.common import HEADINGS

        super().__init__(
            ctx,
            parent,
            f"Change {current.name}" if current else "New category",
            "Receipts and payments are analysed by category; each sits under a line of the "
            "receipts and payments account.",
            CHANGES,
        )
        self.current = current
        add = self.errors.add_row
        self.name = add(self.form, "&Name", QLineEdit(), "name")
        self.name.setAccessibleName("Name of the category")
        headings = [h for h in HEADINGS if current is None or h.direction == current.direction]
        self.heading = add(
            self.form,
            "&Heading in the accounts",
            combo(
                "Heading in the accounts",
                [
                    (f"{'Receipts' if h.direction == 'receipt' else 'Payments'}: {h.label}", h)
                    for h in headings
                ],
            ),
            "heading",
        )
        self.active = add(self.form, "", QCheckBox("Still in &use"), "active")
        self.active.setAccessibleName("Still in use")
        self.active.setChecked(True)
        if current is not None:
            self.name.setText(current.name)
            keys = [h.key for h in headings]
            self.heading.setCurrentIndex(max(0, keys.index(current.heading)))
            self.active.setChecked(current.active)
        self.finish()
        self.name.setFocus()

    def operation(self) -> Callable[[Any], object]:
        heading = self.heading.currentData()
        actor, name, active = self.ctx.user.actor, self.name.text(), self.active.isChecked()
        category_id = self.current.id if self.current else None
        return lambda s: setup.save_category(
            s,
            actor,
            name=name,
            direction=heading.direction,
            heading=heading.key,
            active=active,
            category_id=category_id,
        )
