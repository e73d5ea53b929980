"""Upload limits applied while the request body is read, for the bulletin upload page.

Django reads a multipart body before any view code runs, so limits checked on the finished files
come too late: a 20 MiB file would already be on disk and then read into memory. The handler here
goes first in the request's chain (``request.upload_handlers``); it counts each file's bytes as
they arrive and drops a file past its limit (the rest of that file is read and discarded, never
kept), recording the refusal for the upload report. The files it lets through go on to Django's
own handlers: in memory only when the whole request is under ``FILE_UPLOAD_MAX_MEMORY_SIZE``,
otherwise in temporary files.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from newsdesk.intake import FileResult

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class UploadLimits:
    max_file_bytes: int = 2 * MIB  # one file not named .zip, as uploaded
    max_zip_bytes: int = 16 * MIB  # one .zip, as uploaded (compressed)
    max_total_bytes: int = 200 * MIB  # all the files kept from one request

    @classmethod
    def from_settings(cls) -> UploadLimits:
        return cls(
            max_file_bytes=settings.INTAKE_MAX_FILE_BYTES,
            max_zip_bytes=settings.INTAKE_MAX_ZIP_BYTES,
            max_total_bytes=settings.INTAKE_MAX_UPLOAD_BYTES,
        )

    def max_bytes(self, file_name: str) -> int:
        """The largest upload accepted under this name: a .zip has its own limit."""
        return self.max_zip_bytes if is_zip_name(file_name) else self.max_file_bytes


def is_zip_name(file_name: str) -> bool:
    return file_name.lower().endswith(".zip")


def size_text(size: int) -> str:
    """``2 МБ`` for whole mebibytes, else the exact count of bytes."""
    if size and size % MIB == 0:
        return f"{size // MIB} МБ"
    return f"{size:,} байт"


class BoundedUploadHandler(FileUploadHandler):
    """Drops, while reading, each file past its limit or past the request's total; keeps the reasons.

    ``refused`` lists the dropped files in the order they came, as intake refusals naming the file.
    A file whose bytes would take the files kept so far past the total is dropped, later smaller
    files may still fit. Install it before the body is read (so before any CSRF check).
    """

    def __init__(self, request=None, *, limits: UploadLimits) -> None:
        super().__init__(request)
        self.limits = limits
        self.refused: list[FileResult] = []
        self.kept_bytes = 0
        self.received_bytes = 0
        self.max_bytes = 0
        self.current_name = ""  # the file being read (``file_name``, which the stubs allow to be None)

    def new_file(
        self,
        field_name: str,
        file_name: str,
        content_type: str,
        content_length: int | None,
        charset: str | None = None,
        content_type_extra: dict[str, bytes] | None = None,
    ) -> None:
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.current_name = file_name
        self.received_bytes = 0
        self.max_bytes = self.limits.max_bytes(self.current_name)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received_bytes += len(raw_data)
        if self.received_bytes > self.max_bytes:
            kind = "архив" if is_zip_name(self.current_name) else "файл"
            self.refuse(f"{kind} больше {size_text(self.max_bytes)}")
        if self.kept_bytes + self.received_bytes > self.limits.max_total_bytes:
            self.refuse(
                f"не принят: файлы одной загрузки вместе больше "
                f"{size_text(self.limits.max_total_bytes)}; загрузите его отдельно"
            )
        return raw_data

    def refuse(self, reason: str) -> None:
        self.refused.append(FileResult(name=self.current_name, error=f"{self.current_name}: {reason}"))
        # Django closes (and so deletes) the part already written and discards the rest of the file.
        raise SkipFile

    def file_complete(self, file_size: int) -> None:
        # The next handler in the chain makes the file; this one only counts what was kept.
        self.kept_bytes += file_size
