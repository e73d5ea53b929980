"""Reads: the review queue, the published record, the directory of officials, reports and export."""
