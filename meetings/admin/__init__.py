"""The Django admin: the review queue and page, the people and officials pages, their forms."""

from meetings.admin import meetings, people  # noqa: F401  registers each ModelAdmin
