"""The sync protocol between a desk and the central server: versions, headers and message shapes.

Every request carries ``X-Sync-Protocol`` and ``X-Sync-Schema``. The server speaks protocol
``PROTOCOL_VERSION`` only, and accepts the current schema of the outbox payloads and the one
before it (``ACCEPTED_SCHEMAS``); anything else is refused with 400 and a plain message.

Endpoints (all JSON; every one but ``/health``, ``/openapi.json`` and enrolment needs
``Authorization: Bearer <device id>.<secret>``, and ``{code}`` must be the device's own
establishment, else 403):

- ``POST /v1/enrol``                               a one-time code for a device id and secret
- ``POST /v1/establishments/{code}/push``          outbox ops in device-sequence order -> one result each
- ``GET  /v1/establishments/{code}/pull?after=N``  rows changed after server sequence N, in order
  (the query string is ``PullQuery``; ``total=true`` on a sync's first page asks for the count of
  everything still to come, ``total=false`` on its later pages spares the server that count)
- ``HEAD|GET|PUT /v1/establishments/{code}/blobs/{sha256}``  receipt files by content hash (404 alike for
  a file that is not there and one the establishment never uploaded)

Each pushed op's payload is checked by ``sync.record_rules`` and for ownership (``server.push``);
a refused op is answered ``rejected`` with a message naming the field.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
SCHEMA_VERSION = 1  # the outbox payloads' schema (services.unit_of_work.SCHEMA_VERSION)
ACCEPTED_SCHEMAS = frozenset({SCHEMA_VERSION - 1, SCHEMA_VERSION})
PROTOCOL_HEADER = "X-Sync-Protocol"
SCHEMA_HEADER = "X-Sync-Schema"

MAX_PUSH_OPS = 1000  # per request (and at most server.app.MAX_JSON_BYTES of JSON)
MAX_PULL_ROWS = 2000  # per request
ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
BIGGEST = 2**63 - 1  # the largest 64-bit signed number: no number in a message may be larger

Outcome = Literal["applied", "rejected", "conflict", "double_check_in"]


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EnrolRequest(_Message):
    code: str = Field(min_length=4, max_length=64)
    desk_name: str = Field(default="", max_length=80)


class EnrolResponse(_Message):
    device_id: str
    secret: str
    establishment: str
    establishment_name: str


class Op(_Message):
    """One outbox op as the desk sends it."""

    op_id: str = Field(pattern=ID_PATTERN)
    seq: int = Field(ge=0, le=BIGGEST)  # the desk's device sequence
    entity: str = Field(pattern=r"^[a-z_]{1,40}$")
    row_id: str = Field(pattern=ID_PATTERN)
    operation: Literal["insert", "update"]
    schema_version: int = Field(ge=0, le=BIGGEST)
    payload: dict[str, Any]
    stale: bool = False  # made on top of a change the server refused as a clash: keep it aside


class PushRequest(_Message):
    ops: list[Op] = Field(max_length=MAX_PUSH_OPS)


class OpResult(_Message):
    op_id: str
    outcome: Outcome
    message: str = ""
    current: dict[str, Any] | None = None  # the server's row, when the op was not applied as sent


class PushResponse(_Message):
    results: list[OpResult]


class PulledRow(_Message):
    seq: int
    entity: str
    row_id: str
    establishment: str
    version: int
    payload: dict[str, Any]


class PullQuery(BaseModel):
    """The query string of a pull. Unknown parameters are ignored, as they always were."""

    model_config = ConfigDict(extra="ignore")

    after: int = Field(default=0, ge=0, le=BIGGEST)  # the desk's cursor
    limit: int = Field(default=1000, ge=1, le=MAX_PULL_ROWS)
    own: bool = False  # this desk's own changes too (a desk put back from a backup)
    # Whether to count the rows still to come (``PullResponse.total``): a desk asks on the first page
    # of a sync only, as counting the rest of the feed is the dearest part of a page. A desk that does
    # not say (one older than this parameter) is answered as before: counted on a first page
    # (``after`` 0) and on every page with more to come.
    total: bool | None = None


class PullResponse(_Message):
    rows: list[PulledRow]
    last_seq: int  # the cursor to save with this batch
    more: bool
    total: int = 0  # rows still to come after ``after`` (for a progress bar); 0 when not asked for


class Problem(_Message):
    detail: str
