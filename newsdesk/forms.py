"""The bulletin upload form: several .txt and .zip files at once, or pasted text."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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
    files = MultipleFileField(
        label=_("Файлы"),
        required=False,
        help_text=_("Один или несколько файлов .txt (UTF-8 или Windows-1251) и архивов .zip."),
    )
    pasted_text = forms.CharField(
        label=_("Или вставьте текст"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 100}),
        help_text=_("Первая строка: « date ГГГГ-ММ-ДД Заголовок»."),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not (cleaned.get("pasted_text") or "").strip():
            raise ValidationError(_("Выберите файлы или вставьте текст бюллетеня."))
        return cleaned

    def uploads(self) -> list[tuple[str, bytes]]:
        """The submitted files and pasted text as ``(name, bytes)`` pairs for the intake service."""
        # Read no more than the largest acceptable upload, plus one byte so intake sees it is too big.
        most = max(settings.INTAKE_MAX_FILE_BYTES, settings.INTAKE_MAX_ZIP_TOTAL_BYTES) + 1
        uploads = [(uploaded.name, uploaded.read(most)) for uploaded in self.cleaned_data["files"]]
        pasted = self.cleaned_data.get("pasted_text") or ""
        if pasted.strip():
            uploads.append((PASTED_TEXT_NAME, pasted.encode("utf-8")))
        return uploads
