"""Public pages for anonymous visitors: views, URLs and the highlighting of source text."""
