"""The lists and the quality report no visitor should wait for, computed ahead by beat
(``meetings.tasks.refresh_directory``, every ``settings.OFFICIALS_REFRESH_SECONDS``): each groups
every participation of the archive (seconds on a million meetings), and each is kept longer than
the interval, so the next one replaces it before it expires. Without a beat (the embedded default),
the first visitor computes."""

from __future__ import annotations

from meetings.selectors import charts, directory, publication, reports


def refresh() -> None:
    directory.refresh_officials()
    publication.refresh_choices()
    charts.refresh_unfiltered()
    reports.refresh_quality_report()
