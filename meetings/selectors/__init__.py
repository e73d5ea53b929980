"""Reads: the review queue, the published record, the directory of officials, reports, export, and
bulletins' meetings (the bulletin list's counts, a bulletin's page, the review backlog)."""
