"""Management commands of the newsdesk app."""
