"""The desk's side of the wire: one httpx client per sync, speaking the protocol in sync.protocol.

The transport is injectable (any ``httpx.BaseTransport``), so tests put an in-process server or
a faulty network between a desk and the server. Every failure a desk worker cannot fix by
retrying later — no network, a refused credential, a server fault — becomes ``SyncUnavailable``
with plain words; the desk carries on offline.
"""

from __future__ import annotations

import json
import logging
import ssl
import threading

import httpx
from pydantic import ValidationError

from visitorcentre.core.errors import SyncUnavailable
from visitorcentre.core.words import said
from visitorcentre.sync import protocol as p

log = logging.getLogger(__name__)
TIMEOUT = httpx.Timeout(30.0, connect=5.0)


class SyncClient:
    """Requests to one central server, as one device (or anonymously, to enrol)."""

    def __init__(
        self,
        server_url: str,
        token: str | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = TIMEOUT,
    ):
        headers = {p.PROTOCOL_HEADER: str(p.PROTOCOL_VERSION), p.SCHEMA_HEADER: str(p.SCHEMA_VERSION)}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self.server_url = server_url.rstrip("/")
        self.transport = transport  # None: the network
        self.http = httpx.Client(
            base_url=self.server_url,
            headers=headers,
            transport=transport,
            timeout=timeout,
            verify=_tls_context() if transport is None else True,
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _send(self, method: str, url: str, **kwargs) -> httpx.Response:
        try:
            response = self.http.request(method, url, **kwargs)
        except httpx.InvalidURL:
            raise SyncUnavailable(
                said(
                    "“{address}” is not a server address; it looks like https://server.example:8765",
                    address=self.server_url,
                )
            ) from None
        except httpx.HTTPError as error:
            log.info("Sync: %s %s failed: %r", method, url, error)
            raise SyncUnavailable(
                said(
                    "The central server at {address} cannot be reached; the desk carries "
                    "on by itself and will send its changes later.",
                    address=self.server_url,
                )
            ) from None
        if response.status_code < 400 or (method == "HEAD" and response.status_code == 404):
            return response
        detail = _detail(response)
        log.warning("Sync: %s %s answered %s: %s", method, url, response.status_code, detail)
        if response.status_code == 401:
            raise SyncUnavailable(
                said(
                    "The central server no longer accepts this desk (its enrolment was withdrawn); "
                    "ask for a new enrolment code."
                )
            )
        if response.status_code == 403:
            raise SyncUnavailable(said("The central server refused: {detail}", detail=detail))
        if response.status_code == 429:
            raise SyncUnavailable(said("The central server is busy with too many attempts; try again in a minute."))
        if response.status_code >= 500:
            raise SyncUnavailable(said("The central server has a problem of its own; the desk will try again later."))
        raise SyncUnavailable(said("The central server could not take the request: {detail}", detail=detail))

    def _model(self, model, response: httpx.Response):
        try:
            return model.model_validate_json(response.content)
        except ValidationError:
            raise SyncUnavailable(
                said(
                    "The central server's answer could not be read; it may be a different "
                    "version. The desk will try again later."
                )
            ) from None

    def health(self) -> dict:
        return self._send("GET", "/health").json()

    def enrol(self, code: str, desk_name: str = "") -> p.EnrolResponse:
        body = p.EnrolRequest(code=code, desk_name=desk_name).model_dump()
        return self._model(p.EnrolResponse, self._send("POST", "/v1/enrol", json=body))

    def push(self, establishment: str, ops: list[p.Op]) -> p.PushResponse:
        return self.push_body(establishment, push_body(ops))

    def push_body(self, establishment: str, body: bytes) -> p.PushResponse:
        """Send a push request already serialised (``push_body``)."""
        answer = self._send(
            "POST",
            f"/v1/establishments/{establishment}/push",
            content=body,
            headers={"Content-Type": "application/json"},
        )
        return self._model(p.PushResponse, answer)

    def pull(
        self, establishment: str, after: int, limit: int = 1000, own: bool = False, total: bool = False
    ) -> p.PullResponse:
        """Rows after ``after``; with ``own``, this desk's own changes too (after a restore from a backup);
        with ``total``, the count of every row still to come (a sync asks on its first page only)."""
        params = p.PullQuery(after=after, limit=limit, own=own, total=total).model_dump()
        response = self._send("GET", f"/v1/establishments/{establishment}/pull", params=params)
        try:
            return p.PullResponse.model_validate_json(response.content)
        except ValidationError:
            return _page_row_by_row(response.content)

    def has_blob(self, establishment: str, sha256: str) -> bool:
        return self._send("HEAD", f"/v1/establishments/{establishment}/blobs/{sha256}").status_code == 200

    def put_blob(self, establishment: str, sha256: str, data: bytes) -> None:
        self._send(
            "PUT",
            f"/v1/establishments/{establishment}/blobs/{sha256}",
            content=data,
            headers={"Content-Type": "application/octet-stream"},
        )

    def get_blob(self, establishment: str, sha256: str) -> bytes:
        return self._send("GET", f"/v1/establishments/{establishment}/blobs/{sha256}").content


def push_body(ops: list[p.Op]) -> bytes:
    """A push request's JSON, serialised by pydantic straight to bytes (dumping to dicts first and then
    json.dumps took five times as long)."""
    return p.PushRequest(ops=ops).model_dump_json().encode()


_TLS: ssl.SSLContext | None = None
_TLS_LOCK = threading.Lock()


def _tls_context() -> ssl.SSLContext:
    """One TLS context for every sync of this process: reading the certificate bundle for each new
    client took a quarter of a second, most of a sync with nothing to do."""
    global _TLS
    with _TLS_LOCK:
        if _TLS is None:
            _TLS = httpx.create_ssl_context()
        return _TLS


def _page_row_by_row(content: bytes) -> p.PullResponse:
    """A pull page whose rows are not all well formed: each broken row is kept as it came (a payload that is
    not a mapping is possible), for the desk to hold aside, so one bad row never stops the pull."""
    unreadable = SyncUnavailable(
        said(
            "The central server's answer could not be read; it may be a different "
            "version. The desk will try again later."
        )
    )
    try:
        page = json.loads(content)
        rows = page["rows"]
        envelope = p.PullResponse.model_validate({**page, "rows": []})
    except (ValueError, KeyError, TypeError, ValidationError):
        raise unreadable from None
    if not isinstance(rows, list):
        raise unreadable
    kept = []
    for row in rows:
        try:
            kept.append(p.PulledRow.model_validate(row))
            continue
        except ValidationError:
            pass
        seq = row.get("seq") if isinstance(row, dict) else None
        if type(seq) is not int:
            raise unreadable  # without its place in the server's sequence the pull cannot move past it
        kept.append(
            p.PulledRow.model_construct(
                seq=seq,
                entity=str(row.get("entity")),
                row_id=str(row.get("row_id")),
                establishment=str(row.get("establishment")),
                version=0,
                payload=row.get("payload"),
            )
        )
    log.warning("Sync: a pull page from the server had rows that were not well formed")
    return envelope.model_copy(update={"rows": kept})


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return f"HTTP {response.status_code}"
    if isinstance(detail, str):
        return detail
    return f"HTTP {response.status_code}"
