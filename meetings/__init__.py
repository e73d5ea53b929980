"""Meetings derived from bulletins: extraction, records, review, publication, export."""
