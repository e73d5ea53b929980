"""The engine's constructions as declarative rules: small named functions walked in table order.

Each table is a tuple of rules; its order is the rules' precedence. A rule's docstring names the
construction it reads, with an invented example. The words a rule looks for live in
``data/lexicon.json``; a rule holds structure only.
"""
