"""Writes: extraction results stored as records, review decisions and edits, people and aliases."""
