"""Plain building blocks every area uses: money in pence, UK dates, validation issues,
contact details, report data (tables, sections, the letterhead) and report options.

Nothing here imports another service package.
"""
