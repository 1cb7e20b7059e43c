"""The central server's HTTP API (FastAPI): health, enrolment, push, pull and receipt files.

``create_app(database_url)`` builds the whole server in-process (migrating its database), so
tests can call it through ``starlette.testclient.TestClient`` or an httpx transport, and
``visitorcentre server`` runs the same app under uvicorn (``asgi.py``: one or several worker
processes). Hardening: every endpoint but ``/health``, ``/openapi.json`` and enrolment needs a
device's bearer credential (401 without a valid one, 403 outside the device's establishment);
enrolment attempts and failed sign-ins are limited per address (and per device) in the database
(429), so the limits hold across workers; the client address comes from ``X-Forwarded-For``
only when the request came through one of ``trusted_proxies``; request bodies are size-limited
(413); a malformed body, cursor or page size is a 4xx that says what is wrong. A server fault is
logged by its kind and place only: never its message, which may quote a family's details.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from visitorcentre import __version__
from visitorcentre.core.errors import InvalidInput
from visitorcentre.files import receipts as receipt_files
from visitorcentre.server import database, faults, pass_keys, pull_pages, roster_api
from visitorcentre.server import devices as device_store
from visitorcentre.server.centre import scheme_rates
from visitorcentre.server.console.app import make_console
from visitorcentre.server.models import Blob, BlobOwner, Device, Document
from visitorcentre.server.push import apply_ops
from visitorcentre.sync import protocol as p
from visitorcentre.sync import record_rules

log = logging.getLogger(__name__)

MAX_JSON_BYTES = 4 * 1024 * 1024
MAX_BLOB_BYTES = 6 * 1024 * 1024  # a receipt is at most 5 MB
ShaPath = Annotated[str, Path(pattern=p.SHA256_PATTERN)]
CodePath = Annotated[str, Path(pattern=r"^[A-Za-z0-9]{1,8}$")]


class BodyLimit:
    """Refuse a request body over the limit with 413, whether or not it says its length up front."""

    def __init__(self, app, json_limit: int, blob_limit: int):
        self.app = app
        self.json_limit = json_limit
        self.blob_limit = blob_limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.blob_limit if "/blobs/" in scope.get("path", "") else self.json_limit
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            return await _too_large(send, limit)
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await _too_large(send, limit)


class _TooLarge(HTTPException):
    """Raised while reading an over-long body (an HTTPException, so FastAPI's body parsing passes it on)."""

    def __init__(self):
        super().__init__(413, "The request is too large.")


async def _too_large(send, limit: int) -> None:
    body = f'{{"detail": "The request is too large: at most {limit} bytes."}}'.encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_app(
    database_url: str | None = None,
    *,
    migrate: bool = True,
    enrol_limit: int = 10,
    enrol_window: float = 60.0,
    json_limit: int = MAX_JSON_BYTES,
    blob_limit: int = MAX_BLOB_BYTES,
    clock=datetime.utcnow,
    trusted_proxies: Sequence[str] = (),
    sign_in: device_store.SignInLimits | None = None,
) -> FastAPI:
    """The server app on ``database_url`` (default: server.sqlite3 in the data folder).

    ``trusted_proxies``: addresses of reverse proxies whose ``X-Forwarded-For`` is believed
    (none by default: the header is ignored and the connecting address counts).
    """
    url = database_url or database.default_url()
    engine = database.make_engine(url)
    if migrate:
        database.migrate(engine)
        pass_keys.ensure_every_establishment(engine, clock(), datetime.now().date())
        scheme_rates.seed_new_server(engine, clock())
    read = sessionmaker(engine, expire_on_commit=False)
    write = sessionmaker(engine.execution_options(write=True), expire_on_commit=False)
    rules = sign_in or device_store.SignInLimits(enrol_per_address=enrol_limit, window=timedelta(seconds=enrol_window))

    app = FastAPI(
        title="Visitor Centre central server",
        version=__version__,
        description="Enrols desks, takes their changes and hands down what each desk may see.",
    )
    app.state.engine = engine
    app.mount("/console", make_console(read, write, clock), name="console")

    @contextmanager
    def writing() -> Iterator[Session]:
        session = write()
        try:
            yield session
            session.commit()
        finally:
            session.rollback()
            session.close()

    def reading_session() -> Iterator[Session]:
        session = read()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def versions(
        x_sync_protocol: Annotated[int | None, Header()] = None, x_sync_schema: Annotated[int | None, Header()] = None
    ) -> int:
        if x_sync_protocol is None or x_sync_schema is None:
            raise HTTPException(400, f"Every request needs the {p.PROTOCOL_HEADER} and {p.SCHEMA_HEADER} headers.")
        if x_sync_protocol != p.PROTOCOL_VERSION:
            raise HTTPException(
                400,
                f"This server speaks sync protocol {p.PROTOCOL_VERSION}, not {x_sync_protocol}; "
                "update the desk software.",
            )
        if x_sync_schema not in p.ACCEPTED_SCHEMAS:
            raise HTTPException(
                400,
                f"This server reads record schemas {sorted(p.ACCEPTED_SCHEMAS)}, "
                f"not {x_sync_schema}; update the desk software.",
            )
        return x_sync_schema

    def device_for(
        code: CodePath,
        http: Request,
        authorization: Annotated[str | None, Header()] = None,
        _schema: int = Depends(versions),
    ) -> Device:
        refused = HTTPException(
            401,
            "This desk is not enrolled with the server, or its enrolment was withdrawn.",
            headers={"WWW-Authenticate": "Bearer"},
        )
        token = device_store.bearer(authorization)
        if token is None:  # no credential at all: nothing to look up, nothing to count
            raise refused
        device_id, secret = token
        address, now = _address(http), clock()
        with read() as session:  # the limits first: an address or desk over its limit costs one lookup
            try:
                device_store.check_limits(session, address, device_id, rules, now)
            except device_store.TooManyAttempts as too_many:
                raise HTTPException(
                    429, str(too_many), headers={"Retry-After": str(int(rules.window.total_seconds()))}
                ) from None
            device = device_store.signed_in(session, device_id, secret)
        if device is None:
            with writing() as session:
                device_store.count_failure(session, address, device_id, rules, now)
            log.warning("A sign-in was refused from %s", address)
            raise refused
        if device_store.needs_new_hash(device):  # enrolled before s0004: keep the cheap hash from now on
            with writing() as session:
                session.get_one(Device, device.device_id).secret_hash = device_store.hash_secret(secret)
        if device.establishment != code:
            raise HTTPException(403, f"This desk belongs to {device.establishment}, not {code}.")
        now = clock()
        if device.last_seen is None or now - device.last_seen > timedelta(minutes=1):
            with writing() as session:
                row = session.get_one(Device, device.device_id)
                row.last_seen = now
        return device

    @app.exception_handler(RequestValidationError)
    async def _malformed(request: Request, error: RequestValidationError):
        """422 saying where and what, never echoing the input (it may hold what cannot even be encoded)."""
        detail = [
            {
                "loc": [part if isinstance(part, int) else record_rules.shown(part) for part in e.get("loc", ())],
                "msg": record_rules.shown(e.get("msg", ""), 300),
                "type": str(e.get("type", "")),
            }
            for e in error.errors()[:20]
        ]
        return JSONResponse({"detail": detail}, status_code=422)

    @app.get("/health")
    def health() -> dict:
        """Whether the server and its database answer."""
        with read() as session:
            session.execute(text("SELECT 1"))
        return {"status": "ok", "version": __version__, "protocol": p.PROTOCOL_VERSION, "schema": p.SCHEMA_VERSION}

    @app.post(
        "/v1/enrol",
        response_model=p.EnrolResponse,
        responses={400: {"model": p.Problem}, 403: {"model": p.Problem}, 429: {"model": p.Problem}},
    )
    def enrol(request: p.EnrolRequest, http: Request, _schema: int = Depends(versions)) -> p.EnrolResponse:
        """Use a one-time enrolment code: the desk's device id and secret (shown once)."""
        who = _address(http)
        try:
            with writing() as session:  # counted in its own transaction: a refused code still counts
                device_store.count_enrolment(session, who, rules, clock())
        except device_store.TooManyAttempts as too_many:
            raise HTTPException(
                429, str(too_many), headers={"Retry-After": str(int(rules.window.total_seconds()))}
            ) from None
        with writing() as session:
            try:
                device, secret = device_store.enrol(session, request.code, request.desk_name, clock())
            except device_store.EnrolmentRefused as refusal:
                log.warning("Enrolment refused from %s", who)
                raise HTTPException(403, str(refusal)) from None
            pass_keys.ensure(session, device.establishment, clock())  # the desk's first pull brings it
            est_id = device_store.establishment_id(session, device.establishment)
            doc = session.get(Document, ("establishment", est_id))
            name = doc.payload.get("name", device.establishment) if doc else device.establishment
            answer = p.EnrolResponse(
                device_id=device.device_id,
                secret=f"{device.device_id}.{secret}",
                establishment=device.establishment,
                establishment_name=name,
            )
        log.info("Enrolled device %s for %s", answer.device_id, answer.establishment)
        return answer

    @app.post(
        "/v1/establishments/{code}/push",
        response_model=p.PushResponse,
        responses={401: {"model": p.Problem}, 403: {"model": p.Problem}, 413: {"model": p.Problem}},
    )
    def push(request: p.PushRequest, device: Device = Depends(device_for)) -> Response:
        """Apply the desk's outbox ops in order, each once by its op id; one answer per op."""
        with writing() as session:
            results = apply_ops(session, device, request.ops, clock())
        # Serialised once, straight from the model (FastAPI would dump, validate and dump it again).
        return Response(p.PushResponse(results=results).model_dump_json(), media_type="application/json")

    @app.get(
        "/v1/establishments/{code}/pull",
        response_model=p.PullResponse,
        responses={401: {"model": p.Problem}, 403: {"model": p.Problem}},
    )
    def pull(
        query: Annotated[p.PullQuery, Query()],
        device: Device = Depends(device_for),
        session: Session = Depends(reading_session),
    ) -> Response:
        """What the desk's establishment receives, changed after server sequence ``after``.

        The desk's own changes are left out unless ``own`` (a desk put back from a backup asks for them);
        the rows still to come are counted as ``total`` says (``protocol.PullQuery``).
        """
        # Written straight from the database, payloads as they are stored (pull_pages).
        page = pull_pages.pull(
            session,
            device.establishment,
            query.after,
            query.limit,
            "" if query.own else device.device_id,
            count=query.total,
        )
        return Response(page, media_type="application/json")

    def _owned_blob(session: Session, sha256: str, establishment: str) -> Blob | None:
        """The file, if this establishment uploaded it; a file that is not there and one that is not
        yours are answered alike (404), so no desk learns what another establishment holds."""
        if session.get(BlobOwner, (sha256, establishment)) is None:
            return None
        return session.get(Blob, sha256)

    @app.head("/v1/establishments/{code}/blobs/{sha256}")
    def has_blob(
        sha256: ShaPath, device: Device = Depends(device_for), session: Session = Depends(reading_session)
    ) -> Response:
        """200 if the server has the file from this establishment, 404 if not."""
        found = session.get(BlobOwner, (sha256, device.establishment)) is not None
        return Response(status_code=200 if found else 404)

    @app.get("/v1/establishments/{code}/blobs/{sha256}", responses={404: {"model": p.Problem}})
    def get_blob(
        sha256: ShaPath, device: Device = Depends(device_for), session: Session = Depends(reading_session)
    ) -> Response:
        """The file's bytes."""
        blob = _owned_blob(session, sha256, device.establishment)
        if blob is None:
            raise HTTPException(404, "The server has no file with that content.")
        return Response(blob.data, media_type="application/octet-stream")

    @app.put(
        "/v1/establishments/{code}/blobs/{sha256}",
        status_code=204,
        responses={400: {"model": p.Problem}, 413: {"model": p.Problem}},
    )
    async def put_blob(sha256: ShaPath, http: Request, device: Device = Depends(device_for)) -> Response:
        """Upload a receipt file; its SHA-256 must match its name. The same bytes from a second
        establishment are stored once and owned by both."""
        data = await http.body()
        if not data:
            raise HTTPException(400, "The file is empty.")
        if hashlib.sha256(data).hexdigest() != sha256:
            raise HTTPException(400, "The file's content does not match its SHA-256; it was damaged on the way.")
        try:  # every desk that pulls the receipt opens it: it must be one
            await run_in_threadpool(receipt_files.check_bytes, data)
        except InvalidInput as refusal:
            raise HTTPException(400, str(refusal)) from None

        def store() -> None:
            with writing() as session:
                now = clock()
                if session.get(Blob, sha256) is None:
                    session.add(
                        Blob(sha256=sha256, establishment=device.establishment, size_bytes=len(data), data=data, at=now)
                    )
                    session.flush()
                if session.get(BlobOwner, (sha256, device.establishment)) is None:
                    session.add(BlobOwner(sha256=sha256, establishment=device.establishment, at=now))

        try:
            await run_in_threadpool(store)
        except IntegrityError:  # another desk stored the same file at the same moment: add ours to it
            await run_in_threadpool(store)
        return Response(status_code=204)

    roster_api.add_roster_feed(app, read=read, write=write, clock=clock, rules=rules, address=_address)
    return _wrapped(app, json_limit, blob_limit, trusted_proxies)


def _address(http: Request) -> str:
    """The client's address (a trusted proxy's ``X-Forwarded-For`` already applied by ProxyHeadersMiddleware)."""
    return http.client.host if http.client else "unknown"


def _wrapped(app: FastAPI, json_limit: int, blob_limit: int, trusted_proxies: Sequence[str]) -> FastAPI:
    """Put the body limit, the proxy headers and the fault shield in front of everything (kept a FastAPI,
    so ``app.openapi()`` still works)."""
    app.add_middleware(BodyLimit, json_limit=json_limit, blob_limit=blob_limit)
    if trusted_proxies:
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(trusted_proxies))
    app.add_middleware(faults.FaultShield)
    return app
