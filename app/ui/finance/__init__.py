"""Budgets & Accounts: the cash book, budgets, reconciliation, reports and set-up."""
