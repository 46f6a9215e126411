"""Spreadsheet renderers (openpyxl)."""
