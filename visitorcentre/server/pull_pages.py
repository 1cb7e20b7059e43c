"""A page of a desk's pull: the documents its establishment receives after a server sequence, as JSON.

The page is the body of ``GET /v1/establishments/{code}/pull`` (``protocol.PullResponse``), written
straight from the database: each document's payload is taken as the JSON text the database holds
and put into the page as it is, never read into Python objects and written out again (that was
most of the server's time for a page of a first pull).
"""

from __future__ import annotations

from json.encoder import encode_basestring_ascii as quoted

from sqlalchemy import Text, case, cast, false, func, null, select, true, union_all
from sqlalchemy.orm import Session

from visitorcentre.server import documents
from visitorcentre.server.models import Document, Feed
from visitorcentre.sync import policy


def pull(
    session: Session, establishment: str, after: int, limit: int, device_id: str = "", count: bool | None = None
) -> bytes:
    """The documents an establishment's desks receive, changed after server sequence ``after``, in order.

    Rows whose latest version came from ``device_id`` itself are left out (the desk has them
    already); the cursor still moves past them. With no ``device_id`` nothing is left out: a desk
    put back from a backup asks for its own changes again (the pull's ``own`` parameter).

    The page's ``total`` is the number of entries still to come after ``after`` when ``count`` asks
    for it, else 0; with ``count`` None (a desk that does not say) it is given on a first page and
    on one with more to come, as before (``protocol.PullQuery.total``).
    """
    scopes = (establishment, policy.NATIONAL)
    # Never past a number a writer may still commit (PostgreSQL: documents.take_seqs), so the
    # desk's cursor, the last row it is sent, never passes it either.
    top = documents.ceiling(session, after)
    below = true() if top is None else Feed.seq <= top
    # The next entries of each scope, read along the (scope, seq) index and merged: one query over
    # both scopes at once sorted everything still to come, for every page (a first pull of
    # 100,000 rows was quadratic).
    ahead = [
        select(Feed.seq, Feed.entity, Feed.row_id)
        .where(Feed.scope == scope, Feed.seq > after, below)
        .order_by(Feed.seq)
        .limit(limit + 1)
        .subquery()
        for scope in scopes
    ]
    merged = union_all(*(select(part) for part in ahead)).subquery()
    # The documents come in the same query (their own rows' payloads left NULL): reading them
    # afterwards by (entity, row id) pairs scanned the whole document table on SQLite.
    own = (Document.written_by == device_id) if device_id else false()
    query = (
        select(
            merged.c.seq,
            merged.c.entity,
            merged.c.row_id,
            own.label("own"),
            Document.establishment,
            Document.version,
            case((own, null()), else_=cast(Document.payload, Text)).label("payload"),
        )
        .join(Document, (Document.entity == merged.c.entity) & (Document.row_id == merged.c.row_id))
        .order_by(merged.c.seq)
        .limit(limit + 1)
    )
    found = session.execute(query).all()
    more = len(found) > limit
    found = found[:limit]
    rows = ",".join(
        f'{{"seq":{int(seq)},"entity":{quoted(entity)},"row_id":{quoted(row_id)},'
        f'"establishment":{quoted(est)},"version":{int(version)},"payload":{payload or "null"}}}'
        for seq, entity, row_id, mine, est, version, payload in found
        if not mine
    )
    total = 0
    if count or (count is None and (after == 0 or more)):
        if more:  # the rest of the feed: a count of every entry still to come (a scan on PostgreSQL)
            counted = select(func.count()).select_from(Feed).where(Feed.scope.in_(scopes), Feed.seq > after, below)
            total = session.scalar(counted) or 0
        else:  # every entry still to come is on this page (each entry has its document: documents.write)
            total = len(found)
    last = found[-1][0] if found else after
    more_word = "true" if more else "false"
    return f'{{"rows":[{rows}],"last_seq":{int(last)},"more":{more_word},"total":{int(total)}}}'.encode()
