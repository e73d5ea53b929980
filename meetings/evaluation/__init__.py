"""The newsroom's own benchmark of the extraction engine.

``metrics`` is pure (the figures of ../shared/eval/score.py, no Django) and ``newsroom`` reads
reviewers' decisions from the database as gold and scores the current engine against them.
"""
