"""Public pages (views, URLs, filter form); the highlight and CSV download helpers admin and API share."""
