"""Forms of the review screen."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from meetings import review
from meetings.errors import ReviewConflict
from meetings.models import Meeting


class MeetingReviewForm(forms.ModelForm):
    """A meeting as the reviewer edits it; carries the ``version`` it was loaded at.

    ``clean`` locks the meeting row and checks that version: the admin runs the whole change view
    in one transaction, so the lock holds until the edit is saved, and a reviewer who loaded an
    older version is refused with what the other reviewer changed.
    """

    class Meta:
        model = Meeting
        fields = ("bulletin", "kind", "location", "topics", "evidence_start", "evidence_end", "version")
        widgets = {"version": forms.HiddenInput}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("evidence_start"), cleaned.get("evidence_end")
        bulletin = cleaned.get("bulletin") or (self.instance.bulletin if self.instance.bulletin_id else None)
        if (start is None) != (end is None):
            raise ValidationError(_("Укажите и начало, и конец фрагмента (или ни то, ни другое)."))
        if start is not None and bulletin is not None and not 0 <= start < end <= len(bulletin.text):
            raise ValidationError(
                _("Фрагмент %(start)s–%(end)s не лежит внутри текста бюллетеня (длина %(length)s).")
                % {"start": start, "end": end, "length": len(bulletin.text)}
            )
        if self.instance.pk is not None and cleaned.get("version") is not None:
            try:
                review.lock_meeting(meeting_id=self.instance.pk, version=cleaned["version"])
            except ReviewConflict as conflict:
                raise ValidationError(conflict_message(conflict), code="conflict") from conflict
        return cleaned


def conflict_message(conflict: ReviewConflict) -> str:
    changes = "; ".join(conflict.changes) or _("запись изменена")
    return str(
        _(
            "Эту встречу уже изменил другой пользователь, пока вы её редактировали: %(changes)s. "
            "Ваши изменения не сохранены: откройте встречу заново и внесите их ещё раз."
        )
        % {"changes": changes}
    )


class RejectForm(forms.Form):
    """The reason asked for when meetings are rejected in bulk."""

    reason = forms.CharField(
        label=_("Причина отклонения"), widget=forms.Textarea(attrs={"rows": 3, "cols": 60}), max_length=2000
    )
