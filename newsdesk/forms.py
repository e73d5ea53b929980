"""The bulletin upload form: several .txt and .zip files at once, or pasted text."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from newsdesk.intake import FileResult
from newsdesk.uploads import UploadLimits

PASTED_TEXT_NAME = "вставленный текст"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that cleans to a list of files (Django's documented recipe)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".txt,.zip,text/plain,application/zip"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        if isinstance(data, list | tuple):
            return [single_file_clean(item, initial) for item in data]
        return [single_file_clean(data, initial)] if data else []


class BulletinUploadForm(forms.Form):
    # The form's metaclass moves declared fields into base_fields, so this never shadows
    # BaseForm.files (the uploaded-files dict) at runtime; "files" is the posted field's name.
    files = MultipleFileField(  # type: ignore[assignment]  # a field, not BaseForm.files (above)
        label=_("Файлы"),
        required=False,
        # An empty file is refused by intake on its own report line, never for the whole upload.
        allow_empty_file=True,
        help_text=_("Один или несколько файлов .txt (UTF-8 или Windows-1251) и архивов .zip."),
    )
    pasted_text = forms.CharField(
        label=_("Или вставьте текст"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 100}),
        help_text=_("Первая строка: « date ГГГГ-ММ-ДД Заголовок»."),
    )

    def __init__(self, *args, refused: Sequence[FileResult] = (), **kwargs) -> None:
        """``refused``: files the upload handler dropped while reading; they still make a report."""
        super().__init__(*args, **kwargs)
        self.refused = refused

    def clean(self):
        cleaned = super().clean()
        has_files = bool(cleaned.get("files")) or bool(self.refused)
        if not has_files and not (cleaned.get("pasted_text") or "").strip():
            raise ValidationError(_("Выберите файлы или вставьте текст бюллетеня."))
        return cleaned

    def uploads(self) -> Iterator[tuple[str, bytes]]:
        """The submitted files and pasted text as ``(name, bytes)`` pairs for the intake service.

        Lazy: each file is read when the service comes to it, so one file at a time is in memory.
        """
        limits = UploadLimits.from_settings()
        for uploaded in self.cleaned_data["files"]:
            # The upload handler kept nothing larger; the bound (one byte over, so intake still
            # sees a file is too big) holds even for a file that came without it.
            yield uploaded.name, uploaded.read(limits.max_bytes(uploaded.name) + 1)
        pasted = self.cleaned_data.get("pasted_text") or ""
        if pasted.strip():
            yield PASTED_TEXT_NAME, pasted.encode("utf-8")
