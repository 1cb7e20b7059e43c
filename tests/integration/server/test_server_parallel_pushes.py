"""Desks pushing at once through ``visitorcentre server --workers 4`` on PostgreSQL, while another desk pulls.

The feed must never skip a row: a puller that has seen sequence number N must never later find
a row committed behind it with a smaller one. Each pushing desk sends batches of new visitors
as fast as the server takes them; a pulling desk of the same establishment pulls all the while,
keeping its cursor as a desk does, and afterwards once more to the end. Every row pushed must
have reached it, each page in order, and its cursor must have moved past no row it did not get.
(A server that let commits land out of sequence order fails this: tried with the counter taken
outside the push's transaction and a pause before the commit.)
"""

from __future__ import annotations

import threading
import uuid
from datetime import date, datetime, timedelta

import httpx
import pytest
from sqlalchemy.orm import Session

from visitorcentre.core.names import search_terms
from visitorcentre.server import devices as device_store

pytestmark = pytest.mark.postgres
PUSHERS, BATCHES, PER_BATCH = 6, 6, 25
HEADERS = {"X-Sync-Protocol": "1", "X-Sync-Schema": "1"}


def enrolled(engine, count: int) -> list[str]:
    """Bearer tokens of ``count`` desks of BAR, enrolled straight in the database (no enrolment limit)."""
    tokens = []
    with Session(engine.execution_options(write=True)) as session:
        for n in range(count):
            code, _ = device_store.new_enrolment_code(session, "BAR", datetime.utcnow())
            device, secret = device_store.enrol(session, code, f"desk {n}", datetime.utcnow())
            tokens.append(f"{device.device_id}.{secret}")
        session.commit()
    return tokens


def visitor_op(desk: int, batch: int, index: int) -> dict:
    row_id = str(uuid.uuid4())
    stamp = datetime(2026, 11, 20, 9, 0).isoformat()
    last = f"Pusher{'abcdefgh'[desk]}{'abcdefgh'[batch]}{'abcdefghijklmnopqrstuvwxy'[index]}"
    return {
        "op_id": str(uuid.uuid4()),
        "seq": batch * PER_BATCH + index + 1,
        "entity": "visitor",
        "row_id": row_id,
        "operation": "insert",
        "schema_version": 1,
        "payload": {
            "id": row_id,
            "establishment": "BAR",
            "created_at": stamp,
            "updated_at": stamp,
            "version": 1,
            "first_name": "Morag",
            "last_name": last,
            "date_of_birth": (date(1970, 1, 1) + timedelta(days=desk * 100 + index)).isoformat(),
            "phone": "",
            "email": "",
            "address": "",
            "postcode": "",
            "language": "en",
            "support_needs": "",
            "id_checked": "",
            "photo_consent": False,
            "notes": "",
            "search_terms": search_terms("Morag", last),
        },
    }


def test_no_row_is_skipped_while_desks_push_at_once(server_on_four_workers):
    *pushers, puller = enrolled(server_on_four_workers.engine, PUSHERS + 1)
    pushed: set[str] = set()
    failures: list[str] = []
    lock = threading.Lock()

    def push(desk: int, token: str) -> None:
        with httpx.Client(
            base_url=server_on_four_workers.address, headers={**HEADERS, "Authorization": f"Bearer {token}"}
        ) as client:
            for batch in range(BATCHES):
                ops = [visitor_op(desk, batch, i) for i in range(PER_BATCH)]
                answer = client.post("/v1/establishments/BAR/push", json={"ops": ops}, timeout=120)
                outcomes = {r["outcome"] for r in answer.json()["results"]} if answer.status_code == 200 else set()
                with lock:
                    if outcomes != {"applied"}:
                        failures.append(f"desk {desk} batch {batch}: {answer.status_code} {outcomes}")
                    pushed.update(op["row_id"] for op in ops)

    seen: dict[str, int] = {}
    cursor_moves: list[tuple[int, int]] = []

    def pull_once(client: httpx.Client, cursor: int) -> tuple[int, bool]:
        page = client.get("/v1/establishments/BAR/pull", params={"after": cursor, "limit": 40}, timeout=120).json()
        numbers = [row["seq"] for row in page["rows"]]
        assert numbers == sorted(numbers) and all(n > cursor for n in numbers)
        for row in page["rows"]:
            seen[row["row_id"]] = row["seq"]
        cursor_moves.append((cursor, page["last_seq"]))
        return page["last_seq"], page["more"]

    with httpx.Client(
        base_url=server_on_four_workers.address, headers={**HEADERS, "Authorization": f"Bearer {puller}"}
    ) as client:
        cursor, _ = pull_once(client, 0)
        threads = [threading.Thread(target=push, args=(n, token)) for n, token in enumerate(pushers)]
        for thread in threads:
            thread.start()
        watcher = threading.Thread(target=lambda: [t.join() for t in threads] and None)
        watcher.start()
        while watcher.is_alive():  # pulling all the while the desks push
            cursor, _ = pull_once(client, cursor)
        watcher.join()
        more = True
        while more:  # and to the end afterwards, as a desk's next sync would
            cursor, more = pull_once(client, cursor)

    assert failures == []
    assert len(pushed) == PUSHERS * BATCHES * PER_BATCH
    assert pushed - set(seen) == set(), f"{len(pushed - set(seen))} rows were skipped by the puller"
    assert len(cursor_moves) > PUSHERS  # it really pulled while the pushes went on
