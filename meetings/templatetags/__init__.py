"""Template libraries of the meetings app: ``queue_tags`` (the review backlog on the admin index),
``russian`` (Russian plural forms and model names) and ``review_history`` (history records told for
people)."""
