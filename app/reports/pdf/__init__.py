"""PDF renderers (ReportLab Platypus)."""
