"""The HTTP service: FastAPI routes over the store, refusals answered by psp's error codes.

Run it with ``uvicorn --factory service.app:create_app --app-dir examples``: the database
is the file named by $PSP_DATABASE (``psp.sqlite3`` by default).
"""

from __future__ import annotations

import json
import os
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

import psp

from .store import PartnershipExistsError, Store, UnknownPartnershipError

# The HTTP status of each kind of psp error (docs/errors.md). 422: the request holds an
# invalid value or document, or names something the partnership does not know. 409: it
# is well formed, but the partnership refuses it now (a rule, a step's guards, a version
# overtaken by another writer).
STATUS: dict[type[psp.PSPError], int] = {
    psp.InvalidValueError: 422,
    psp.ConversionError: 422,
    psp.UnknownReferenceError: 422,
    psp.RuleViolationError: 409,
    psp.TransitionRefusedError: 409,
    psp.VersionConflictError: 409,
}


def status_of(code: str) -> int:
    """The HTTP status of a psp error code."""
    return STATUS[psp.ERROR_CODES[code].error]


# The service's own refusals, in psp's shape (see own_refusal): psp keeps no
# partnerships, and the routes are the service's. None is one of psp's codes.
OWN_CODES = ("partnership-not-found", "partnership-exists", "invalid-parameter", "no-such-route")


class Service(FastAPI):
    """A FastAPI app whose OpenAPI document holds psp's schemas, for the routes to reference."""

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema is None:
            components = super().openapi().setdefault("components", {})
            schemas = components.setdefault("schemas", {})
            schemas.update(psp.openapi_components()["schemas"])
            codes = schemas["ErrorCode"]  # psp's codes; an Error here may have the service's
            schemas["ErrorCode"] = {**codes, "enum": [*codes["enum"], *OWN_CODES]}
        return super().openapi()


def create_app(database: str | None = None) -> FastAPI:
    """The service, keeping its partnerships in the SQLite file ``database``."""
    app = Service(title="Public Social Partnerships", version=psp.__version__)
    app.state.store = Store(database or os.environ.get("PSP_DATABASE", "psp.sqlite3"))
    app.include_router(router)

    @app.exception_handler(psp.PSPError)
    def refused(request: Request, error: psp.PSPError) -> JSONResponse:
        return JSONResponse(error.to_dict(), status_of(error.code))

    @app.exception_handler(UnknownPartnershipError)
    def unknown(request: Request, error: UnknownPartnershipError) -> JSONResponse:
        reason = "no partnership has this id"
        return own_refusal(404, "partnership-not-found", "partnership_id", error.args[0], reason)

    @app.exception_handler(PartnershipExistsError)
    def exists(request: Request, error: PartnershipExistsError) -> JSONResponse:
        reason = "a partnership with this id is stored already"
        return own_refusal(409, "partnership-exists", "id", error.args[0], reason)

    @app.exception_handler(RequestValidationError)  # ?since= or If-Match malformed
    def malformed(request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0]
        return own_refusal(422, "invalid-parameter", first["loc"][-1], first["input"], first["msg"])

    @app.exception_handler(HTTPException)  # no route has this path, or not this method
    def no_route(request: Request, error: HTTPException) -> JSONResponse:
        path, reason = request.url.path, error.detail.lower()
        response = own_refusal(error.status_code, "no-such-route", "path", path, reason)
        response.headers.update(error.headers or {})  # 405's Allow
        return response

    return app


def own_refusal(status: int, code: str, field: str, value: str, reason: str) -> JSONResponse:
    """A refusal of the service's own (psp keeps no partnerships), in psp's shape."""
    message = f"{field}: {reason} (got {value!r})"
    body = {"code": code, "message": message, "field": field, "value": value, "reason": reason}
    return JSONResponse(body, status)


def store(request: Request) -> Store:
    found: Store = request.app.state.store
    return found


async def json_body(request: Request) -> Any:
    """The request's body as JSON data; a body that is not JSON is refused as psp refuses
    a bad document (invalid-document)."""
    try:
        return json.loads(await request.body())
    except ValueError as error:  # not JSON, or not UTF-8
        raise psp.ConversionError([psp.Problem("$", f"is not JSON ({error})")]) from None


Data = Annotated[Any, Depends(json_body)]
Stored = Annotated[Store, Depends(store)]
IfMatch = Annotated[str | None, Header(pattern=r'^"[0-9]{1,15}"$')]


def schema(name: str, *, many: bool = False) -> dict[str, Any]:
    """JSON content described by one of psp's schemas (a list of them if ``many``)."""
    ref = {"$ref": f"#/components/schemas/{name}"}
    return {
        "content": {
            "application/json": {"schema": {"type": "array", "items": ref} if many else ref}
        }
    }


ETAG = {"ETag": {"description": 'The version, in quotes ("3")', "schema": {"type": "string"}}}
REFUSED: dict[int | str, dict[str, Any]] = {
    404: {"description": "No partnership has the id in the URL", **schema("Error")},
    409: {"description": "Refused by a rule, a step's guards or a version", **schema("Error")},
    422: {"description": "Malformed: a value, a document or a parameter", **schema("Error")},
}
router = APIRouter()


def etag(partnership: psp.Partnership) -> dict[str, str]:
    """The partnership's version as an ETag header: the token If-Match sends back."""
    return {"ETag": f'"{partnership.version}"'}


def answer(partnership: psp.Partnership, status: int = 200) -> JSONResponse:
    """The partnership as a document, with its ETag."""
    return JSONResponse(psp.to_document(partnership), status, headers=etag(partnership))


@router.post(
    "/partnerships",
    status_code=201,
    responses={201: {"headers": ETAG, **schema("PartnershipDocument")}, **REFUSED},
    openapi_extra={"requestBody": {"required": True, **schema("PartnershipDocument")}},
)
def create_partnership(document: Data, partnerships: Stored) -> JSONResponse:
    """Store a new partnership, given as a document (with or without a history)."""
    partnership = psp.from_document(document, psp.Partnership)
    partnerships.create(partnership)
    response = answer(partnership, 201)
    response.headers["Location"] = f"/partnerships/{partnership.id}"
    return response


@router.get(
    "/partnerships/{partnership_id}",
    responses={200: {"headers": ETAG, **schema("PartnershipDocument")}, **REFUSED},
)
def read_partnership(partnership_id: str, partnerships: Stored) -> JSONResponse:
    """The partnership as a document; its ETag is its version."""
    return answer(partnerships.load(partnership_id))


@router.get(
    "/partnerships/{partnership_id}/events",
    responses={200: {"headers": ETAG, **schema("EventDocument", many=True)}, **REFUSED},
)
def read_events(partnership_id: str, partnerships: Stored, since: int = 0) -> JSONResponse:
    """The events recorded after version ``since``, oldest first, as event documents."""
    partnership = partnerships.load(partnership_id)
    documents = [psp.to_document(event) for event in partnership.events_since(since)]
    return JSONResponse(documents, headers=etag(partnership))


@router.post(
    "/partnerships/{partnership_id}/events",
    responses={200: {"headers": ETAG, **schema("PartnershipDocument")}, **REFUSED},
    openapi_extra={"requestBody": {"required": True, **schema("Event", many=True)}},
)
def record_events(
    partnership_id: str, events: Data, partnerships: Stored, if_match: IfMatch = None
) -> JSONResponse:
    """Record events (a list of psp event data, oldest first): all of them, or none.

    With ``If-Match: "<version>"``, only if the partnership is still at that version.
    Without it, the events are checked against the partnership as it is when they are
    recorded: no other writer's events can come in between.
    """
    base = partnerships.load(partnership_id)
    expected = None if if_match is None else int(if_match.strip('"'))
    partnership = base.extend(psp.from_data(events, list[psp.Event]), expected_version=expected)
    partnerships.append(base, partnership)
    return answer(partnership)
