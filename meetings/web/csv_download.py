"""The streamed CSV download of meetings: one response for the API's action and the admin's button."""

from __future__ import annotations

from django.http import StreamingHttpResponse

from meetings.selectors import export


def csv_response(meetings, *, params) -> StreamingHttpResponse:
    """``meetings`` as a CSV attachment (``bom=1`` in ``params`` for Excel), never cached."""
    response = StreamingHttpResponse(
        export.csv_bytes(meetings, bom=export.wants_bom(params.get("bom"))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{export.file_name(params)}"'
    response["Cache-Control"] = "private, no-store"
    return response
