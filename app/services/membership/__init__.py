"""Membership: members and their categories, eligibility to vote, the share ledger,
import, duplicates, lists, documents, the register and the year-end figures.

Other packages use ``members``, ``eligibility``, ``shares``, ``member_rows`` and the
report data in ``report_types``.
"""
