"""Management commands of the meetings app."""
