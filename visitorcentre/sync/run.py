"""One sync of a desk with the central server: push the outbox, then pull what changed.

Push: the outbox goes up in device-sequence order, a batch a request (``outbox_batches``);
receipt files named by a batch go up first. The next batch is read while the server works on
one, and sent while the answers to the one before are handled.
Each answer is handled in one local transaction: the op is deleted only now that it is
acknowledged; a rejected op becomes a sync issue (the queue moves on); a clash takes the
server's row, raises an issue keeping the desk's change, and marks the desk's later ops on that
row stale so the server keeps them aside too (the next batch is then read again).

Pull: rows changed after the saved cursor (the server's sequence, never a clock), a batch and
its cursor saved in one local transaction, so a repeated or interrupted pull changes nothing.
A row the desk cannot store is held aside with a sync issue and the cursor moves on
(``pulled``, ``held_rows``); held rows are tried again after an upgrade. A desk put back from a
backup asks for its own changes too until it has caught up (``restored``).

One sync of a database at a time in this process (``restored.sync_lock``): a restore from a
backup waits for it.

Each transaction is short, so the desk app's own worker can read and write the same SQLite
file (WAL) while a sync runs on another thread. Any network failure, 401 or 403 is recorded in
the sync state and raised as ``SyncUnavailable``.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import httpx
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import SyncUnavailable
from visitorcentre.core.sync_views import SyncResult
from visitorcentre.core.words import said
from visitorcentre.db.models import CostAttachment, OutboxOp
from visitorcentre.db.sync_tables import SyncIssueRow, SyncStaleOp, SyncStateRow
from visitorcentre.files import receipts as receipt_files
from visitorcentre.sync import credential as credentials
from visitorcentre.sync import desk_records, held_rows, pulled, restored
from visitorcentre.sync.client import SyncClient
from visitorcentre.sync.outbox_batches import Batch, next_batch
from visitorcentre.sync.protocol import Op, OpResult, PullResponse, PushResponse

log = logging.getLogger(__name__)
_SHA256 = re.compile(r"[0-9a-f]{64}")
PULL_BATCH = 2000  # the server's most per request (protocol.MAX_PULL_ROWS): fewer round trips on a first pull
Progress = Callable[[int, int], None]


class DeskSync:
    """The sync of one desk database: ``run()`` does one whole sync."""

    def __init__(
        self,
        engine: Engine,
        db_path: Path | str,
        now: Callable[[], datetime],
        transport: httpx.BaseTransport | None = None,
    ):
        self.engine = engine
        self.db_path = Path(db_path)
        self.now = now
        self.transport = transport
        self.device_id = ""

    def _reading(self) -> Session:
        return Session(self.engine)

    def run(self, progress: Progress | None = None) -> SyncResult:
        with restored.sync_lock(self.db_path):  # a restore from a backup waits for this sync, and the other way round
            return self._run(progress)

    def _run(self, progress: Progress | None) -> SyncResult:
        with self._reading() as session:
            row = desk_records.state_row(session)
            if row is None or not row.device_id:
                raise SyncUnavailable(
                    said(
                        "This desk is not enrolled with a central server; enrol it first "
                        "(visitorcentre enrol URL CODE)."
                    )
                )
            self.device_id = row.device_id
            behind = restored.is_behind(session, self.db_path, self.device_id)  # put back from a backup by hand?
        if behind:
            with pulled.writing_unchecked(self.engine) as session:
                if restored.settle(session, self.db_path, self.device_id):
                    session.commit()
        try:
            credential = credentials.load(self.db_path)
            client = _client(credential, self.transport)
            pushed = self._push(client, credential.establishment)
            pulled_rows, attachments = self._pull(client, credential.establishment, progress)
            self._fetch_receipts(client, credential.establishment, attachments)
        except SyncUnavailable as failure:
            self._record(online=False, error=str(failure))
            raise
        self._record(online=True, error="")
        with self._reading() as session:
            pending = session.scalar(select(func.count()).select_from(OutboxOp)) or 0
            open_issues = (
                session.scalar(select(func.count()).select_from(SyncIssueRow).where(SyncIssueRow.dismissed.is_(False)))
                or 0
            )
        return SyncResult(pushed=pushed, pulled=pulled_rows, pending=pending, issues=open_issues)

    def _record(self, online: bool, error: str) -> None:
        with pulled.writing_unchecked(self.engine) as session:
            row = session.get_one(SyncStateRow, 1)
            now = self.now()
            row.online = online
            row.last_attempt = now
            row.last_error = error
            if online:
                row.last_sync = now
            session.commit()

    # --- push ------------------------------------------------------------------------------------

    def _push(self, client: SyncClient, establishment: str) -> int:
        """Send the outbox a batch at a time, in order. While the server works on one batch the desk reads
        the next, and while the next is on its way the desk handles the answers to the one before (the
        next batch is read again after answers that mark later ops stale: a clash)."""
        pushed = 0
        batch = next_batch(self.engine, 0)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as sender:
            sending = sender.submit(self._send, client, establishment, batch) if batch.ops else None
            while sending is not None:
                following = next_batch(self.engine, batch.last)
                sent = {op.op_id: op for op in batch.ops}
                results = [r for r in sending.result().results if r.op_id in sent]
                clashed = any(r.outcome in ("conflict", "double_check_in") for r in results)
                sending = None
                if following.ops and not clashed:
                    sending = sender.submit(self._send, client, establishment, following)
                pushed += self._acknowledge(sent, results)
                # An op the server did not answer stays queued; carry on after this batch and try it next sync.
                if following.ops and clashed:
                    following = next_batch(self.engine, batch.last)
                    sending = sender.submit(self._send, client, establishment, following) if following.ops else None
                batch = following
        return pushed

    def _send(self, client: SyncClient, establishment: str, batch: Batch) -> PushResponse:
        self._send_receipts(client, establishment, batch.ops)
        return client.push_body(establishment, batch.body)

    def _send_receipts(self, client: SyncClient, establishment: str, ops: list[Op]) -> None:
        """Upload the receipt files the batch names, before the ops that name them."""
        for op in ops:
            sha = str(op.payload.get("sha256") or "") if op.entity == "cost_attachment" else ""
            if not sha or client.has_blob(establishment, sha):
                continue
            path = receipt_files.blob_path(sha)
            if not path.is_file():  # the server will reject the op, and the desk will show why
                log.warning("Sync: receipt %s named by op %s is missing from the receipts folder", sha, op.op_id)
                continue
            client.put_blob(establishment, sha, path.read_bytes())

    def _acknowledge(self, sent: dict[str, Op], results: list[OpResult]) -> int:
        """Handle the server's answers in one local transaction; returns how many ops it acknowledged."""
        now = self.now()
        with pulled.writing_unchecked(self.engine) as session:
            for result in results:
                op = sent[result.op_id]
                if result.outcome == "applied":
                    continue  # deleted together below
                if result.outcome == "rejected":
                    desk_records.raise_issue(
                        session,
                        "rejected",
                        op.entity,
                        op.row_id,
                        f"A change to {desk_records.label(op.entity, op.payload)} was not "
                        f"accepted by the central server: {result.message}",
                        now,
                        {"change": op.payload},
                    )
                elif result.outcome in ("conflict", "double_check_in"):
                    self._clash(session, op, result, now)
            answered = [r.op_id for r in results]
            for start in range(0, len(answered), 400):
                chunk = answered[start : start + 400]
                session.execute(delete(OutboxOp).where(OutboxOp.op_id.in_(chunk)))
                session.execute(delete(SyncStaleOp).where(SyncStaleOp.op_id.in_(chunk)))
            session.commit()
        acknowledged = [sent[r.op_id].seq for r in results]
        if acknowledged:
            restored.write_mark(self.db_path, self.device_id, max(acknowledged))
        return len(results)

    def _clash(self, session: Session, op: Op, result: OpResult, now: datetime) -> None:
        if op.stale or session.get(SyncStaleOp, op.op_id) is not None:
            return  # made on top of a change already refused: its issue was raised with that one
        later = list(
            session.scalars(
                select(OutboxOp.op_id).where(
                    OutboxOp.entity == op.entity, OutboxOp.row_id == op.row_id, OutboxOp.op_id != op.op_id
                )
            )
        )
        for op_id in later:
            if session.get(SyncStaleOp, op_id) is None:
                session.add(SyncStaleOp(op_id=op_id))
        session.execute(delete(OutboxOp).where(OutboxOp.op_id == op.op_id))
        session.flush()
        if result.current is not None:  # the desk now shows what the server kept
            pulled.store(session, [(op.entity, op.row_id, result.current)], now)
        if result.outcome == "conflict":
            what = desk_records.label(op.entity, result.current or op.payload)
            desk_records.raise_issue(
                session,
                "conflict",
                op.entity,
                op.row_id,
                f"{what[0].upper()}{what[1:]} was changed at another desk at the same time. The other desk's "
                "change is kept; the change made here was set aside (it is kept with this issue). Check the "
                "record and make the change again if it is still needed.",
                now,
                {"change": op.payload, "kept": result.current},
            )

    # --- pull ------------------------------------------------------------------------------------

    def _pull(self, client: SyncClient, establishment: str, progress: Progress | None) -> tuple[int, set[str]]:
        self._retry_held(establishment)
        with self._reading() as session:
            state = session.get_one(SyncStateRow, 1)  # an enrolled desk always has its sync state
            cursor, own = state.pull_cursor, state.own_rows_wanted
        done = 0
        total = None
        attachments: set[str] = set()
        # The next page is fetched while this one is stored (the server's time overlaps the desk's);
        # one request at a time on the line, as before. A page fetched ahead is thrown away if the
        # sync stops first: the cursor moves only when a page is stored, so nothing is skipped.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as fetcher:
            ahead: Future[PullResponse] | None = None
            while True:
                if ahead is not None:
                    batch = ahead.result()
                else:  # the sync's first page: the only one asked for the count of everything to come
                    batch = client.pull(establishment, cursor, PULL_BATCH, own=own, total=True)
                ahead = None
                if batch.last_seq < cursor or any(row.seq <= cursor for row in batch.rows):
                    # An answer to an earlier request, arriving late: storing it would take the desk back.
                    raise SyncUnavailable(
                        said(
                            "The central server's answer was out of date when it arrived; the desk "
                            "will ask again at the next sync."
                        )
                    )
                if batch.more and batch.last_seq > cursor:
                    ahead = fetcher.submit(client.pull, establishment, batch.last_seq, PULL_BATCH, own)
                if total is None:
                    total = max(batch.total, len(batch.rows))
                if batch.rows or batch.last_seq != cursor:
                    self._store_page(batch, cursor, own, establishment)
                    attachments.update(
                        str(r.payload.get("sha256"))
                        for r in batch.rows
                        if r.entity == "cost_attachment" and isinstance(r.payload, dict) and r.payload.get("sha256")
                    )
                    done += len(batch.rows)
                    cursor = batch.last_seq
                    if progress is not None:
                        progress(done, max(total, done))
                elif own and not batch.more:
                    self._caught_up()
                if not batch.more:
                    return done, attachments
                if ahead is None:  # (a server saying "more" without moving on: ask again, as before)
                    ahead = fetcher.submit(client.pull, establishment, cursor, PULL_BATCH, own)

    def _store_page(self, batch: PullResponse, cursor: int, own: bool, establishment: str) -> None:
        """Store one page and move the pull cursor past it, in one transaction (not waiting for the disk:
        a page a power cut takes back takes the cursor back with it, and is pulled again).

        The page is stored whole first; if the database refuses one of its rows, the page is stored
        again the careful way, which holds that row aside (``pulled.store``)."""
        rows = [(r.entity, r.row_id, r.payload) for r in batch.rows]
        try:
            self._store_rows(rows, batch, cursor, own, establishment, whole=True)
        except pulled.BulkRefused:
            self._store_rows(rows, batch, cursor, own, establishment, whole=False)

    def _store_rows(
        self, rows: list, batch: PullResponse, cursor: int, own: bool, establishment: str, whole: bool
    ) -> None:
        now = self.now()
        with pulled.writing_unchecked(self.engine, durable=False) as session:
            state = session.get_one(SyncStateRow, 1)
            if state.pull_cursor != cursor:  # another sync of this desk moved on meanwhile
                raise SyncUnavailable(said("Another sync of this desk is running; try again in a moment."))
            pulled.store(session, rows, now, establishment, whole=whole)
            state.pull_cursor = batch.last_seq
            if own and not batch.more:
                state.own_rows_wanted = False  # caught up with what this desk sent after its backup
            session.commit()

    def _caught_up(self) -> None:
        with pulled.writing_unchecked(self.engine) as session:
            session.get_one(SyncStateRow, 1).own_rows_wanted = False
            session.commit()

    def _retry_held(self, establishment: str) -> None:
        """Rows held aside before an upgrade get another try (cheap when there are none)."""
        with self._reading() as session:
            if not held_rows.due(session):
                return
        with pulled.writing_unchecked(self.engine) as session:
            pulled.retry_held(session, self.now(), establishment)
            session.commit()

    def _fetch_receipts(self, client: SyncClient, establishment: str, shas: set[str]) -> None:
        """Download receipt files this desk lacks (best effort: a missing one is fetched next time)."""
        for sha in sorted(shas):
            if not _SHA256.fullmatch(sha) or receipt_files.blob_path(sha).exists():
                continue
            try:
                data = client.get_blob(establishment, sha)
                checked = receipt_files.CheckedFile(data, _media_type(sha, self.engine), sha)
                if receipt_files.hashlib.sha256(data).hexdigest() == sha:
                    receipt_files.store(checked)
            except SyncUnavailable as failure:
                log.info("Sync: receipt %s not fetched: %s", sha, failure)


_clients: dict[tuple, SyncClient] = {}
_clients_lock = threading.Lock()


def _client(credential: credentials.Credential, transport: httpx.BaseTransport | None) -> SyncClient:
    """One client per server, credential and line, kept between syncs: its connections and TLS set-up
    are reused, so a sync with nothing to do is one short request."""
    key = (credential.server_url, credential.token, id(transport) if transport is not None else None)
    with _clients_lock:
        client = _clients.get(key)
        if client is None or (transport is not None and client.transport is not transport):
            client = _clients[key] = SyncClient(credential.server_url, credential.token, transport)
            client.transport = transport
        return client


def _media_type(sha: str, engine: Engine) -> str:
    with Session(engine) as session:
        return (
            session.scalar(select(CostAttachment.media_type).where(CostAttachment.sha256 == sha).limit(1))
            or "application/pdf"
        )
