"""Files the API hands out over plain HTTP, with the bearer token: issued documents'
PDFs, and the monthly reports as XLSX and CSV."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.domain.accounts import two_factor
from api.domain.common.errors import Code, DomainError, Unauthenticated
from api.domain.documents import access
from api.domain.statistics import export, report
from api.http import request_call
from api.settings import Settings

# Nothing of a legal document stays in a cache on the way or on the device.
NO_STORE = "private, no-store"
STATUS = {Code.UNAUTHENTICATED: 401, Code.FORBIDDEN: 403, Code.NOT_FOUND: 404}


def content_disposition(filename: str, fallback: str) -> str:
    """An attachment named `filename` (RFC 6266), in UTF-8 by RFC 5987 for the
    CJK name, with an ASCII `fallback` for clients that know only `filename`."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _error(error: DomainError, locale: str) -> Response:
    code = Code(error.extensions["code"]) if error.extensions else Code.INTERNAL_SERVER_ERROR
    headers = {"Cache-Control": NO_STORE}
    if code is Code.UNAUTHENTICATED:
        headers["WWW-Authenticate"] = "Bearer"
    extensions = {"code": str(code), "reason": error.reason}
    body = {"errors": [{"message": error.in_locale(locale), "extensions": extensions}]}
    return JSONResponse(body, status_code=STATUS.get(code, 500), headers=headers)


def document_pdf(settings: Settings) -> Callable[[Request], Awaitable[Response]]:
    """GET /documents/{id}.pdf: the bytes stored when the document was issued.

    401 without a valid token, 403 for a session that must first enrol its
    second factor, 404 for a document that does not exist or is out of the
    viewer's scope (the same answer, as NOT_FOUND is everywhere).
    """

    async def endpoint(request: Request) -> Response:
        call = await request_call(settings, request)
        try:
            if call.viewer is None:
                raise Unauthenticated("SIGN_IN_REQUIRED")
            two_factor.require_full_session(call, ["document"])
            document = await access.download(call, request.path_params["document_id"])
        except DomainError as error:
            return _error(error, call.locale)
        return Response(
            document.pdf,
            media_type="application/pdf",
            headers={
                "Content-Disposition": content_disposition(
                    f"{document.number}.pdf", f"document-{document.id}.pdf"
                ),
                "Cache-Control": NO_STORE,
            },
        )

    return endpoint


REPORT_FORMATS = {
    "xlsx": (export.xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": (export.csv_text, "text/csv; charset=utf-8"),
}


def monthly_report_file(settings: Settings, fmt: str) -> Callable[[Request], Awaitable[Response]]:
    """GET /reports/monthly/{unitId}/{month}.xlsx (or .csv): the report that
    monthlyReport answers, in the same scope, with the same answers for a
    refusal as a document's PDF."""
    render, media_type = REPORT_FORMATS[fmt]

    async def endpoint(request: Request) -> Response:
        call = await request_call(settings, request)
        try:
            if call.viewer is None:
                raise Unauthenticated("SIGN_IN_REQUIRED")
            two_factor.require_full_session(call, ["monthlyReport"])
            found = await report.monthly_report(
                call, request.path_params["unit_id"], request.path_params["month"]
            )
        except DomainError as error:
            return _error(error, call.locale)
        return Response(
            render(found),
            media_type=media_type,
            headers={
                "Content-Disposition": content_disposition(
                    export.filename(found, fmt), f"report-{found.unit.id}-{found.month}.{fmt}"
                ),
                "Cache-Control": NO_STORE,
            },
        )

    return endpoint
