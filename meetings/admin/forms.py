"""Forms of the review screen."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from meetings.errors import ReviewConflict
from meetings.models import Meeting, Participant
from meetings.services import review
from meetings.services.people import name_key

MAX_TOPICS = 20
MAX_TOPIC_LENGTH = 200


class TopicsWidget(forms.Widget):
    """Topics as a list of short text inputs, one per topic and one empty for a new one; the page's
    script adds another input when the last one is filled."""

    template_name = "meetings/widgets/topics.html"

    def format_value(self, value):
        if isinstance(value, str):
            value = value.splitlines()
        return [str(topic) for topic in value or []]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["topics"] = [*context["widget"]["value"], ""]
        return context

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data


class TopicsField(forms.Field):
    """Topics as typed into short inputs; cleaned to a list of short strings (never JSON the reviewer
    writes). The model keeps topics as a JSON list, which a JSON text box would let a reviewer turn
    into ``true`` or ``5`` and break every page that lists them."""

    widget = TopicsWidget

    def __init__(self, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        kwargs.setdefault("required", False)
        # The model's callable default would make Django compare with a hidden "initial" input the
        # form may not carry; the instance the form was loaded from is the initial value.
        kwargs["show_hidden_initial"] = False
        kwargs.setdefault(
            "help_text", _("Каждая тема в своём поле, не больше %(count)d.") % {"count": MAX_TOPICS}
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return []
        items = [value] if isinstance(value, str) else [str(item) for item in value]
        # One topic per input; a line break pasted into one (or a client posting text) splits too.
        return [line.strip() for item in items for line in item.splitlines() if line.strip()]

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_TOPICS:
            raise ValidationError(
                _("Тем не больше %(count)d, а указано %(given)d.")
                % {"count": MAX_TOPICS, "given": len(value)}
            )
        if any("\x00" in topic for topic in value):
            raise ValidationError(_("Темы не могут содержать нулевой символ."))
        too_long = [topic for topic in value if len(topic) > MAX_TOPIC_LENGTH]
        if too_long:
            raise ValidationError(
                _("Тема длиннее %(limit)d знаков: «%(topic)s…».")
                % {"limit": MAX_TOPIC_LENGTH, "topic": too_long[0][:40]}
            )

    def has_changed(self, initial, data):
        return (initial or []) != self.to_python(data)


class MeetingReviewForm(forms.ModelForm):
    """A meeting as the reviewer edits it; carries the ``version`` it was loaded at.

    The form validates input only: ``clean`` refuses a version another reviewer has moved past
    (naming their changes), and the admin saves through :func:`review.edit_meeting`, which checks
    the version again under the row lock.
    """

    class Meta:
        model = Meeting
        fields = ("bulletin", "kind", "location", "topics", "evidence_start", "evidence_end", "version")
        widgets = {"version": forms.HiddenInput}
        field_classes = {"topics": TopicsField}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("evidence_start"), cleaned.get("evidence_end")
        bulletin = cleaned.get("bulletin") or (self.instance.bulletin if self.instance.bulletin_id else None)
        if self.instance.pk is None and (start is None or end is None):
            raise ValidationError(
                _("Выделите в тексте бюллетеня фрагмент о пропущенной встрече: он станет её основанием.")
            )
        if (start is None) != (end is None):
            raise ValidationError(_("Укажите и начало, и конец фрагмента (или ни то, ни другое)."))
        if start is not None and bulletin is not None and not 0 <= start < end <= len(bulletin.text):
            raise ValidationError(
                _("Фрагмент %(start)s–%(end)s не лежит внутри текста бюллетеня (длина %(length)s).")
                % {"start": start, "end": end, "length": len(bulletin.text)}
            )
        if self.instance.pk is not None and cleaned.get("version") is not None:
            try:
                review.check_version(meeting_id=self.instance.pk, version=cleaned["version"])
            except ReviewConflict as conflict:
                raise ValidationError(conflict_message(conflict), code="conflict") from conflict
        return cleaned


def conflict_message(conflict: ReviewConflict, *, typed: bool = True) -> str:
    """The conflict told to the reviewer: who changed what since the page was loaded (maybe the
    same reviewer in another tab); ``typed`` when what the reviewer typed was not saved."""
    changes = "; ".join(conflict.changes) or _("запись изменена")
    told = _("Встреча изменилась после того, как вы открыли страницу: %(changes)s.") % {"changes": changes}
    advice = (
        _("Ваши изменения не сохранены: откройте встречу заново и внесите их ещё раз.")
        if typed
        else _("Ничего не сделано: откройте встречу заново.")
    )
    return f"{told} {advice}"


class RejectForm(forms.Form):
    """The reason asked for when meetings are rejected (in bulk, or one from its page)."""

    reason = forms.CharField(
        label=_("Причина отклонения"), widget=forms.Textarea(attrs={"rows": 3, "cols": 60}), max_length=2000
    )


class DecisionForm(RejectForm):
    """What the review page posts with a decision: the version it shows and, to reject, the reason."""

    version = forms.IntegerField(min_value=1)

    def __init__(self, *args, rejecting: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = rejecting


class ParticipantForm(forms.ModelForm):
    """One participant on the review page: a name, when given, must hold letters. ``machine_hints``
    (participant id → field → the machine's value) shows what the machine wrote under each field a
    reviewer changed; the admin sets it per meeting on a subclass."""

    machine_hints: dict[int, dict[str, str]] = {}

    class Meta:
        model = Participant
        fields = ("name", "side", "position", "role", "posting", "organization", "country", "person")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hints = self.machine_hints.get(self.instance.pk, {}) if self.instance.pk else {}
        for name, machine in hints.items():
            if name in self.fields:
                self.fields[name].help_text = _("машина: %(value)s") % {"value": machine}

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if name and not name_key(name):
            raise ValidationError(
                _("Имя не может состоять из одних знаков препинания: оставьте поле пустым.")
            )
        return name
