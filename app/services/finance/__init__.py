"""Budgets and accounts: financial years, bank and cash accounts, funds and
categories; LMA agreements and budgets; the cash book (append-only: a mistake is
put right by a reversing entry; a closed year is locked); bank reconciliation and
statement import; the reports a treasurer and the council need.

Every change takes the caller's session (one unit of work), checks the finance
permission and writes an audit row; bad input raises one UserError and nothing
is saved. Money is integer pence throughout.
"""
