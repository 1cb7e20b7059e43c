"""The central server's tables: a document store of every synced row, its delivery feed, and devices.

Rows are not mirrored table by table: a ``document`` holds one desk row (entity, row id, its
establishment, version and JSON payload). ``feed`` says which scope (an establishment code,
or "*" for national records) receives which document, with the server sequence of its last
change there; a desk pulls ``feed`` in sequence order. ``applied_op`` remembers every op id
the server has seen and what it answered, so a repeated push is answered the same way and
applied only once. ``counter`` hands out the server sequence; taking it locks the row, so
changes commit in sequence order and a puller never skips a change committed late. Every number
that grows (sequences, versions, sizes, counts) is 64-bit (s0004), so none runs out.
``rate_limit`` counts attempts (enrolment, failed sign-ins) per address or device in the
database, so the limits hold across every worker process.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class ServerBase(DeclarativeBase):
    pass


class Counter(ServerBase):
    __tablename__ = "counter"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Document(ServerBase):
    __tablename__ = "document"
    __table_args__ = (Index("ix_document_entity_establishment", "entity", "establishment"),)  # console lists (s0007)

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))  # (its own index went in s0020: always with the kind)
    version: Mapped[int] = mapped_column(BigInteger)
    payload: Mapped[dict] = mapped_column(JSON)
    seq: Mapped[int] = mapped_column(BigInteger)
    written_by: Mapped[str] = mapped_column(String(36), default="")  # a device id, or "server"
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Feed(ServerBase):
    __tablename__ = "feed"
    __table_args__ = (
        Index("ix_feed_scope_seq_row", "scope", "seq", "entity", "row_id"),  # pull pages (s0003)
        Index("ix_feed_entity_row_id", "entity", "row_id"),
    )  # a push's lookups (s0002)

    scope: Mapped[str] = mapped_column(String(8), primary_key=True)
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)


class AppliedOp(ServerBase):
    __tablename__ = "applied_op"
    __table_args__ = (Index("ix_applied_op_device_outcome", "device_id", "outcome", "at"),)  # a desk's refusals (s0007)

    op_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))  # read along ix_applied_op_device_outcome (s0020)
    entity: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    seq: Mapped[int | None] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(DateTime)


class Conflict(ServerBase):
    """A desk's change that was not applied because it clashed: kept, never dropped."""

    __tablename__ = "conflict"
    __table_args__ = (Index("ix_conflict_device_at", "device_id", "at"),)  # a desk's clashes (s0007)

    op_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    entity: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(64), index=True)
    establishment: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(20))
    payload: Mapped[dict] = mapped_column(JSON)
    server_version: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(DateTime)


class Blob(ServerBase):
    """A receipt or visit confirmation, named by the SHA-256 of its bytes (``establishment``: the first to
    upload it; who may read it is in ``blob_owner``)."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    at: Mapped[datetime] = mapped_column(DateTime)


class BlobOwner(ServerBase):
    """That an establishment uploaded a file: only its desks may read it back or name it (s0005).

    The same bytes uploaded by two establishments are stored once and owned by both.
    """

    __tablename__ = "blob_owner"

    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)


class Device(ServerBase):
    __tablename__ = "device"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(80), default="")
    secret_hash: Mapped[str] = mapped_column(Text)  # "sha256$…" (argon2 for desks enrolled before s0004)
    enrolled_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen: Mapped[datetime | None] = mapped_column(DateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class EnrolmentCode(ServerBase):
    __tablename__ = "enrolment_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the code
    establishment: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_by: Mapped[str | None] = mapped_column(ForeignKey("device.device_id"))
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class RateLimit(ServerBase):
    """Attempts counted in a fixed window per key ("enrol:<address>", "sign-in-device:<id>", …)."""

    __tablename__ = "rate_limit"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(DateTime, index=True)
    count: Mapped[int] = mapped_column(BigInteger)
