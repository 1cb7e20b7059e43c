"""The sync figures, against a real central server (uvicorn in a subprocess) on 127.0.0.1.

    python benchmarks/run.py --only sync [--quick] [--json FILE]

- ``sync_push_10k_s``: one sync of a desk holding 10,000 outbox ops (new visitors' details; the
  visitor rows and their ops are written straight into the desk's database for the set-up, as
  the register-visitor service writes them). The figure is the whole sync: the push and the
  pull that follows (which moves the cursor past the desk's own rows without sending them
  back); the push phase alone is shown too. Baseline: the same request bodies POSTed raw with httpx to the same
  server (to a path that answers without reading them: the transport's floor), plus a raw
  sqlite3 ``executemany`` of the same 10,000 JSON documents into a fresh file.
- ``sync_pull_100k_s``: the first sync of a freshly enrolled desk whose establishment has
  100,000 rows on the server (the demo's rows for it, topped up with visitors). It runs in a
  child process, which also reports the peak resident memory (RSS, Linux ``VmHWM`` reset just
  before the sync) of the desk process during the sync, beside its RSS just before; the same is
  done for an establishment of 10,000 rows, to show the peak does not grow with the pull.
  Baseline: the same pages fetched with raw httpx (bytes only) plus a raw sqlite3 ``executemany``
  of the same rows into a fresh desk database.
- ``sync_noop_ms``: the median of many syncs with nothing to send or fetch. Baseline: the median
  raw httpx GET of the same pull request.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

FULL = {"push_ops": 10_000, "pull_rows": 100_000, "small_pull_rows": 10_000, "noop_runs": 100, "demo_visitors": 400}
QUICK = {"push_ops": 2_000, "pull_rows": 20_000, "small_pull_rows": 5_000, "noop_runs": 30, "demo_visitors": 200}
# DESIGN.md's budgets: push 10,000 ops at most 2 s; first pull of 100,000 rows at most 5 s with memory
# growth under 50 MB; a sync with nothing to do at most 20 ms.
BUDGETS = {"sync_push_10k_s": 2.0, "sync_pull_100k_s": 5.0, "sync_pull_100k_growth_mb": 50.0, "sync_noop_ms": 20.0}
PUSH_DESK, BIG_PULL, SMALL_PULL = "KIL", "BAR", "GRE"
NOW = datetime(2026, 11, 22, 13, 0)


# --- the server -----------------------------------------------------------------------------------


class LoopbackServer:
    """``visitorcentre server`` on a free port of 127.0.0.1, its log in a file."""

    def __init__(self, url: str, log: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.address = f"http://127.0.0.1:{self.port}"
        self.log = log.open("wb")
        env = dict(os.environ, PYTHONPATH=str(HERE.parent))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "visitorcentre", "server", "--database-url", url, "--port", str(self.port)],
            stdout=self.log,
            stderr=self.log,
            env=env,
        )
        import httpx

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the central server stopped; see {log}")
            try:
                if httpx.get(f"{self.address}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise SystemExit("the central server did not answer within two minutes")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def _visitor_payloads(establishment: str, count: int, salt: str) -> list[dict]:
    """``count`` visitors' rows, as the desk's services would write them."""
    from visitorcentre.core.names import search_terms

    stamp = NOW.isoformat()
    first = ["Morag", "Callum", "Eilidh", "Fraser", "Iona", "Ruaridh", "Shona", "Euan", "Kirsty", "Lachlan"]
    last = ["MacLeod", "Campbell", "Stewart", "Robertson", "Murray", "Paterson", "Fraser", "Reid", "Ross"]
    rows = []
    for index in range(count):
        given, family = first[index % len(first)], f"{last[index % len(last)]}-{salt}{index}"
        family = family.translate(str.maketrans("0123456789", "abcdefghij"))
        rows.append(
            {
                "id": str(uuid.uuid4()),
                "establishment": establishment,
                "created_at": stamp,
                "updated_at": stamp,
                "version": 1,
                "first_name": given,
                "last_name": family,
                "date_of_birth": (date(1960, 1, 1) + timedelta(days=index % 15000)).isoformat(),
                "phone": "0141 555 0100",
                "email": "",
                "address": "1 High Street, Glasgow",
                "postcode": "G33 4RT",
                "language": "en",
                "support_needs": "",
                "id_checked": "passport",
                "photo_consent": False,
                "notes": "",
                "search_terms": search_terms(given, family),
            }
        )
    return rows


def _top_up(engine, establishment: str, rows: int) -> int:
    """Add visitors to the server until ``establishment``'s desks receive ``rows`` rows; returns how many."""
    from sqlalchemy import func, insert, select

    from visitorcentre.server import admin, documents
    from visitorcentre.server.models import Document, Feed

    with admin.writing(engine) as session:
        have = session.scalar(select(func.count()).select_from(Feed).where(Feed.scope.in_((establishment, "*"))))
        missing = max(0, rows - have)
        payloads = _visitor_payloads(establishment, missing, establishment.lower())
        for start in range(0, len(payloads), 10_000):
            chunk = payloads[start : start + 10_000]
            numbers = documents.take_seqs(session, len(chunk))
            session.execute(
                insert(Document),
                [
                    {
                        "entity": "visitor",
                        "row_id": p["id"],
                        "establishment": establishment,
                        "version": 1,
                        "payload": p,
                        "seq": numbers[i],
                        "written_by": "server",
                        "updated_at": NOW,
                    }
                    for i, p in enumerate(chunk)
                ],
            )
            session.execute(
                insert(Feed),
                [
                    {"scope": establishment, "entity": "visitor", "row_id": p["id"], "seq": numbers[i]}
                    for i, p in enumerate(chunk)
                ],
            )
        return missing


def _enrol(engine, address: str, db: Path, establishment: str) -> None:
    from visitorcentre.server import admin
    from visitorcentre.sync.enrolment import enrol

    code, _ = admin.enrolment_code(engine, establishment, datetime.utcnow())
    enrol(db, address, code)


# --- the desk side of a first pull, in its own process ---------------------------------------------


def _status_mb(field: str) -> float:
    """A figure from /proc/self/status (VmRSS: resident now, VmHWM: the peak), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child_pull(db: str) -> None:
    from visitorcentre.desk import open_desk
    from visitorcentre.sync import client, pulled, run  # noqa: F401 - loaded before the peak is reset

    desk = open_desk(db)
    try:  # forget the peak of opening the desk (Linux): what follows is the sync's own peak
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    before = _status_mb("VmRSS")
    started = time.perf_counter()
    result = desk.sync.now()
    seconds = time.perf_counter() - started
    peak = _status_mb("VmHWM")
    desk.close()
    print(json.dumps({"seconds": seconds, "pulled": result.pulled, "rss_before_mb": before, "rss_peak_mb": peak}))


def _first_pull(db: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    done = subprocess.run(
        [sys.executable, str(Path(__file__)), "pull", str(db)], capture_output=True, text=True, env=env, timeout=900
    )
    if done.returncode != 0:
        raise SystemExit(f"the first pull failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _pull_baseline(address: str, db: Path, fresh: Path) -> tuple[float, float]:
    """The same pages fetched raw (seconds), and the same rows inserted raw into a fresh desk database."""
    import httpx

    from visitorcentre.db.engine import migrate
    from visitorcentre.sync import credential as credentials
    from visitorcentre.sync import protocol as p
    from visitorcentre.sync.run import PULL_BATCH

    credential = credentials.load(db)
    headers = {
        p.PROTOCOL_HEADER: str(p.PROTOCOL_VERSION),
        p.SCHEMA_HEADER: str(p.SCHEMA_VERSION),
        "Authorization": f"Bearer {credential.token}",
    }
    pages, after = [], 0
    started = time.perf_counter()
    with httpx.Client(base_url=address, headers=headers, timeout=60) as client:
        while True:
            params = {"after": after, "limit": PULL_BATCH, "total": "true" if after == 0 else "false"}  # as a desk asks
            body = client.get(f"/v1/establishments/{credential.establishment}/pull", params=params).content
            pages.append(body)
            page = json.loads(body)
            after = page["last_seq"]
            if not page["more"]:
                break
    fetch = time.perf_counter() - started
    rows: dict[str, list[dict]] = {}
    for body in pages:
        for row in json.loads(body)["rows"]:
            rows.setdefault(row["entity"], []).append(row["payload"])
    migrate(fresh)
    connection = sqlite3.connect(fresh)
    connection.execute("PRAGMA foreign_keys=OFF")
    started = time.perf_counter()
    with connection:
        for entity, payloads in rows.items():
            columns = [c[1] for c in connection.execute(f"PRAGMA table_info({entity})")]
            keys = [c for c in columns if c in payloads[0]]
            connection.executemany(
                f"INSERT OR REPLACE INTO {entity} ({', '.join(keys)}) VALUES ({', '.join('?' * len(keys))})",
                [[_sql(p.get(k)) for k in keys] for p in payloads],
            )
    insert = time.perf_counter() - started
    connection.close()
    return fetch, insert


def _sql(value):
    return json.dumps(value) if isinstance(value, (dict, list)) else value


# --- push ----------------------------------------------------------------------------------------


def _queue_visitors(db: Path, establishment: str, count: int) -> None:
    """``count`` new visitors and their outbox ops, written as the register-visitor service writes them."""
    from visitorcentre.services.unit_of_work import SCHEMA_VERSION

    payloads = _visitor_payloads(establishment, count, "push")
    stamp = NOW.isoformat(" ")  # how SQLAlchemy keeps a DateTime in SQLite
    connection = sqlite3.connect(db)
    with connection:
        columns = list(payloads[0])
        connection.executemany(
            f"INSERT INTO visitor ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [[stamp if c in ("created_at", "updated_at") else p[c] for c in columns] for p in payloads],
        )
        connection.executemany(
            "INSERT INTO outbox_op (op_id, entity, row_id, operation, payload, schema_version, "
            "created_at) VALUES (?, 'visitor', ?, 'insert', ?, ?, ?)",
            [(str(uuid.uuid4()), p["id"], json.dumps(p), SCHEMA_VERSION, NOW.isoformat(" ")) for p in payloads],
        )
    connection.close()


def _queued(db: Path) -> list[dict]:
    connection = sqlite3.connect(db)
    ops = [json.loads(p) for (p,) in connection.execute("SELECT payload FROM outbox_op ORDER BY seq")]
    connection.close()
    return ops


def _push_baseline(address: str, ops: list[dict], folder: Path) -> tuple[float, float]:
    """Raw httpx POSTs of the same request bodies (answered without being read), and a raw insert of the ops."""
    import httpx

    from visitorcentre.sync.outbox_batches import PUSH_BATCH

    bodies = [json.dumps({"ops": ops[i : i + PUSH_BATCH]}).encode() for i in range(0, len(ops), PUSH_BATCH)]
    started = time.perf_counter()
    with httpx.Client(base_url=address, timeout=60) as client:
        for body in bodies:
            client.post("/health", content=body, headers={"Content-Type": "application/json"})
    http = time.perf_counter() - started
    raw = sqlite3.connect(folder / "raw-push.sqlite3")
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("CREATE TABLE document (id TEXT PRIMARY KEY, payload TEXT)")
    started = time.perf_counter()
    with raw:
        raw.executemany("INSERT INTO document VALUES (?, ?)", [(op["id"], json.dumps(op)) for op in ops])
    insert = time.perf_counter() - started
    raw.close()
    return http, insert


def measure_sync(folder: Path, quick: bool = False) -> dict:
    """All three figures, each with its baseline, on a fresh server in ``folder``."""
    from sqlalchemy import func, select

    from visitorcentre.desk import open_desk
    from visitorcentre.server import admin, database
    from visitorcentre.server.models import Feed
    from visitorcentre.sync import run as sync_run

    scale = QUICK if quick else FULL
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    url = f"sqlite:///{folder / 'server.sqlite3'}"
    engine = database.make_engine(url)
    database.migrate(engine)
    admin.demo(engine, scale["demo_visitors"], 1, NOW)
    added = _top_up(engine, BIG_PULL, scale["pull_rows"]) + _top_up(engine, SMALL_PULL, scale["small_pull_rows"])
    results: dict = {
        "sync_scale_pull_rows": scale["pull_rows"],
        "sync_scale_push_ops": scale["push_ops"],
        "sync_topped_up_visitors": added,
    }
    server = LoopbackServer(url, folder / "server.log")
    try:
        # Push: a desk of a small establishment with 10,000 changes waiting.
        push_db = folder / "push.sqlite3"
        _enrol(engine, server.address, push_db, PUSH_DESK)
        desk = open_desk(push_db)
        desk.sync.now()
        _queue_visitors(push_db, PUSH_DESK, scale["push_ops"])
        queued = _queued(push_db)
        phase = {}
        original = sync_run.DeskSync._push

        def timed_push(self, client, establishment):
            started = time.perf_counter()
            try:
                return original(self, client, establishment)
            finally:
                phase["push"] = time.perf_counter() - started

        sync_run.DeskSync._push = timed_push
        try:
            started = time.perf_counter()
            pushed = desk.sync.now()
            results["sync_push_10k_s"] = time.perf_counter() - started
        finally:
            sync_run.DeskSync._push = original
        assert pushed.pushed == scale["push_ops"] and pushed.pending == 0, pushed
        results["sync_push_phase_s"] = phase["push"]
        results["sync_push_http_baseline_s"], results["sync_push_insert_baseline_s"] = _push_baseline(
            server.address, queued, folder
        )

        # No-op: nothing to send, nothing to fetch.
        desk.sync.now()
        noop = []
        for _ in range(scale["noop_runs"]):
            started = time.perf_counter()
            desk.sync.now()
            noop.append((time.perf_counter() - started) * 1000)
        results["sync_noop_ms"] = statistics.median(noop)
        results["sync_noop_baseline_ms"] = _raw_pull_ms(server.address, push_db, scale["noop_runs"])
        desk.close()

        # First pulls of 100,000 and 10,000 rows into fresh desks, each in a process of its own.
        for key, establishment in (("sync_pull_100k", BIG_PULL), ("sync_pull_small", SMALL_PULL)):
            db = folder / f"pull-{establishment}.sqlite3"
            _enrol(engine, server.address, db, establishment)
            figures = _first_pull(db)
            with engine.connect() as connection:
                expected = connection.execute(
                    select(func.count()).select_from(Feed).where(Feed.scope.in_((establishment, "*")))
                ).scalar()
            assert figures["pulled"] == expected, (figures, expected)
            results[f"{key}_s"] = figures["seconds"]
            results[f"{key}_rows"] = figures["pulled"]
            results[f"{key}_peak_mb"] = figures["rss_peak_mb"]
            results[f"{key}_growth_mb"] = figures["rss_peak_mb"] - figures["rss_before_mb"]
            if key == "sync_pull_100k":
                fetch, insert = _pull_baseline(server.address, db, folder / "raw-pull.sqlite3")
                results["sync_pull_fetch_baseline_s"], results["sync_pull_insert_baseline_s"] = fetch, insert
    finally:
        server.stop()
        engine.dispose()
    results["sync_push_ratio"] = results["sync_push_10k_s"] / (
        results["sync_push_http_baseline_s"] + results["sync_push_insert_baseline_s"]
    )
    results["sync_pull_ratio"] = results["sync_pull_100k_s"] / (
        results["sync_pull_fetch_baseline_s"] + results["sync_pull_insert_baseline_s"]
    )
    results["sync_noop_ratio"] = results["sync_noop_ms"] / results["sync_noop_baseline_ms"]
    return results


def _raw_pull_ms(address: str, db: Path, runs: int) -> float:
    import httpx

    from visitorcentre.sync import credential as credentials
    from visitorcentre.sync import protocol as p

    credential = credentials.load(db)
    connection = sqlite3.connect(db)
    cursor = connection.execute("SELECT pull_cursor FROM sync_state WHERE id = 1").fetchone()[0]
    connection.close()
    headers = {
        p.PROTOCOL_HEADER: str(p.PROTOCOL_VERSION),
        p.SCHEMA_HEADER: str(p.SCHEMA_VERSION),
        "Authorization": f"Bearer {credential.token}",
    }
    times = []
    with httpx.Client(base_url=address, headers=headers, timeout=60) as client:
        for _ in range(runs):
            started = time.perf_counter()
            params = {"after": cursor, "limit": 1000, "total": "true"}  # a sync's first (here only) page
            client.get(f"/v1/establishments/{credential.establishment}/pull", params=params)
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def report(results: dict) -> list[tuple[str, float, float | None, str]]:
    """Rows for run.py's table: (label, value, baseline, budget)."""
    push_base = results["sync_push_http_baseline_s"] + results["sync_push_insert_baseline_s"]
    pull_base = results["sync_pull_fetch_baseline_s"] + results["sync_pull_insert_baseline_s"]
    return [
        (f"sync push {results['sync_scale_push_ops']} (s)", results["sync_push_10k_s"], push_base, "<= 2 s"),
        ("  of which push (s)", results["sync_push_phase_s"], None, ""),
        (f"sync pull {results['sync_pull_100k_rows']} (s)", results["sync_pull_100k_s"], pull_base, "<= 5 s"),
        ("  peak RSS (MB)", results["sync_pull_100k_peak_mb"], None, "bounded"),
        ("  growth (MB)", results["sync_pull_100k_growth_mb"], None, "< 50 MB over the open desk"),
        (f"sync pull {results['sync_pull_small_rows']} (s)", results["sync_pull_small_s"], None, ""),
        ("  peak RSS (MB)", results["sync_pull_small_peak_mb"], None, ""),
        ("  growth (MB)", results["sync_pull_small_growth_mb"], None, ""),
        ("sync no-op (ms)", results["sync_noop_ms"], results["sync_noop_baseline_ms"], "<= 20 ms"),
    ]


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "pull":
    _child_pull(sys.argv[2])
