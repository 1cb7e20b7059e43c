"""The central server under load: 20 desks pushing and pulling at once, on PostgreSQL, with 1 and 4 workers.

    python benchmarks/server_load.py [--quick] [--json FILE]      (or: python benchmarks/run.py --only load)

Each desk is a process of its own speaking the sync protocol with raw httpx (no desk database, so
the figure is the server's): rounds of one push of new visitors' details (a desk's ``PUSH_BATCH``
worth at most) followed by pulls until nothing is left (the other desks of its establishment
send it their changes). Desks are spread over the demo's five establishments and enrolled
straight in the database (the enrolment limit is for strangers, not for a benchmark).

Figures per worker count: ops/s (ops applied by all desks over the wall time of the phase),
push p50/p95 and pull p50/p95 (one HTTP request each), beside one desk alone on the same server.
Budget (DESIGN.md): 20 desks on PostgreSQL at least 2,000 ops/s with push p95 under 500 ms.

Two crowds are measured. "crowd": every desk starts its next round as soon as the last one
ends (a closed loop with no pause). That finds the server's most ops/s, but at that point its
latency is set by the queue, not by the server: by Little's law each request waits for about
the other 19 desks' work (20 desks x 200 ops at C ops/s: a round takes 4,000 / C seconds), so a
push p95 under 500 ms and 2,000 ops/s cannot both be read from it unless the server could do
several times 2,000 ops/s. "paced": every desk starts a round every ``interval_s`` (20 desks x
200 ops every 1.8 s: 2,222 ops/s offered, a tenth over the budget's rate so that the phase's
first and last rounds do not count against the server; as desks syncing on a timer do, their
timers spread over the interval, not all at the same instant). A
desk whose round runs past its next start begins the next at once (never skips one), so a
server that cannot keep up shows it as fewer ops/s and longer pushes; "late" counts those rounds.
The paced desks are the crowd's desks going on, each from the pull cursor it had reached (as a desk
keeps its cursor between syncs): begun from nothing, every desk's first round pulled its
establishment's share of the crowd phase again (8,000 rows, 8 pages; about 100 MB of pages from
the 20 desks in the phase's first three seconds), and that catch-up, not the paced traffic, set
the paced push p95 (a desk's catch-up after time offline is the first pull's figure, issue 19 goal 1).

Each desk makes the bodies of all its pushes before the phase starts (the same ops a desk's
outbox holds), so the load generator's own work, on the same two cores, is not in the phase.

Bounded: every desk stops after its rounds or at the phase's deadline, whichever comes first;
loopback only (127.0.0.1); the server and its PostgreSQL schema are removed at the end.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
FULL = {"desks": 20, "rounds": 10, "ops": 200, "deadline_s": 300.0, "interval_s": 1.8}
QUICK = {"desks": 20, "rounds": 5, "ops": 50, "deadline_s": 120.0, "interval_s": 0.5}
ESTABLISHMENTS = ("ADD", "BAR", "EDI", "GRE", "KIL")
HEADERS = {"X-Sync-Protocol": "1", "X-Sync-Schema": "1"}
BUDGETS = {"load_ops_per_s_min": 2000.0, "load_push_p95_ms": 500.0}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


# --- the server and its database ------------------------------------------------------------------


def new_schema() -> str:
    import psycopg

    schema = f"vc_load_{uuid.uuid4().hex[:10]}"
    with psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres", autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    return schema


def drop_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres", autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


class Server:
    """``visitorcentre server --workers N`` on a free loopback port, its log in a file."""

    def __init__(self, url: str, workers: int, log: Path):
        import httpx

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.address = f"http://127.0.0.1:{self.port}"
        self.log = log.open("wb")
        env = dict(os.environ, PYTHONPATH=str(HERE.parent), VISITORCENTRE_LOG_DIR=str(log.parent))
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "visitorcentre",
                "server",
                "--database-url",
                url,
                "--port",
                str(self.port),
                "--workers",
                str(workers),
            ],
            stdout=self.log,
            stderr=self.log,
            env=env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the central server stopped; see {log}")
            try:
                if httpx.get(f"{self.address}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit("the central server did not answer within two minutes")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()


def prepare(url: str, desks: int) -> list[tuple[str, str]]:
    """Migrate and load the demo's reference data; returns (establishment, token) for each desk."""
    from sqlalchemy.orm import Session

    from visitorcentre.server import admin, database
    from visitorcentre.server import devices as device_store

    engine = database.make_engine(url)
    try:
        database.migrate(engine)
        admin.demo(engine, 100, 1, datetime.utcnow())
        credentials = []
        with Session(engine.execution_options(write=True)) as session:
            for n in range(desks):
                establishment = ESTABLISHMENTS[n % len(ESTABLISHMENTS)]
                code, _ = device_store.new_enrolment_code(session, establishment, datetime.utcnow())
                device, secret = device_store.enrol(session, code, f"load desk {n}", datetime.utcnow())
                credentials.append((establishment, f"{device.device_id}.{secret}"))
            session.commit()
        return credentials
    finally:
        engine.dispose()


# --- one desk -------------------------------------------------------------------------------------


def desk(
    address: str,
    establishment: str,
    token: str,
    rounds: int,
    ops: int,
    deadline: float,
    start_at: float,
    out,
    interval: float = 0.0,
    offset: float = 0.0,
    cursor: int = 0,
) -> None:
    """Rounds of one push and pulls to the end, one every ``interval`` seconds from ``offset`` seconds after
    the start (interval 0: back to back), pulling from ``cursor``; puts {"ops", "push_ms": [...],
    "pull_ms": [...], "late", "token", "cursor"} on ``out``."""
    import httpx

    headers = {**HEADERS, "Authorization": f"Bearer {token}"}
    pushed, push_ms, pull_ms, errors, late = 0, [], [], 0, 0
    bodies = _bodies(establishment, rounds, ops)
    with httpx.Client(base_url=address, headers=headers, timeout=120) as client:
        while time.time() < start_at:  # every desk starts together
            time.sleep(0.005)
        for round_, body in enumerate(bodies):
            if interval:
                due = start_at + offset + round_ * interval
                if time.time() > due + 0.05:
                    late += 1
                while time.time() < due:
                    time.sleep(max(0.0, min(0.01, due - time.time())))  # (due may pass between the two readings)
            if time.time() > deadline:
                break
            started = time.perf_counter()
            answer = client.post(
                f"/v1/establishments/{establishment}/push", content=body, headers={"Content-Type": "application/json"}
            )
            push_ms.append((time.perf_counter() - started) * 1000)
            if answer.status_code == 200:
                pushed += sum(1 for r in answer.json()["results"] if r["outcome"] == "applied")
            else:
                errors += 1
            more, first = True, True
            while more and time.time() < deadline:
                started = time.perf_counter()
                params = {"after": cursor, "total": "true" if first else "false"}  # as a desk's sync asks
                answer = client.get(f"/v1/establishments/{establishment}/pull", params=params)
                first = False
                pull_ms.append((time.perf_counter() - started) * 1000)
                if answer.status_code != 200:
                    errors += 1
                    break
                page = answer.json()
                cursor, more = page["last_seq"], page["more"]
    figures = {"ops": pushed, "push_ms": push_ms, "pull_ms": pull_ms, "errors": errors, "late": late}
    out.put(figures | {"token": token, "cursor": cursor})


def _bodies(establishment: str, rounds: int, ops: int) -> list[bytes]:
    """The body of each round's push: ``ops`` new visitors, as a desk's outbox sends them."""
    from sync_bench import _visitor_payloads

    salt, seq, bodies = uuid.uuid4().hex[:6], 0, []
    for round_ in range(rounds):
        batch = []
        for payload in _visitor_payloads(establishment, ops, f"{salt}{round_}x"):
            seq += 1
            batch.append(
                {
                    "op_id": str(uuid.uuid4()),
                    "seq": seq,
                    "entity": "visitor",
                    "row_id": payload["id"],
                    "operation": "insert",
                    "schema_version": 1,
                    "payload": payload,
                }
            )
        bodies.append(json.dumps({"ops": batch}).encode())
    return bodies


def phase(
    address: str,
    credentials: list[tuple[str, str]],
    rounds: int,
    ops: int,
    limit_s: float,
    interval: float = 0.0,
    cursors: dict[str, int] | None = None,
) -> dict:
    """All ``credentials`` at once (each round ``interval`` apart, 0: back to back), each desk pulling from
    its cursor in ``cursors`` (by token; none: from the start); the figures of the phase, and under
    "cursors" where each desk's pulls ended."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    start_at = time.time() + 3.0  # time for every process to import, make its bodies and connect
    deadline = start_at + limit_s
    workers = [
        context.Process(
            target=desk,
            args=(address, est, token, rounds, ops, deadline, start_at, out, interval, interval * n / len(credentials))
            + ((cursors or {}).get(token, 0),),
        )
        for n, (est, token) in enumerate(credentials)
    ]
    for process in workers:
        process.start()
    results = [out.get(timeout=limit_s + 120) for _ in workers]
    wall = time.time() - start_at
    for process in workers:
        process.join(timeout=30)
        if process.is_alive():
            process.kill()
    push = [v for r in results for v in r["push_ms"]]
    pull = [v for r in results for v in r["pull_ms"]]
    done = sum(r["ops"] for r in results)
    return {
        "desks": len(credentials),
        "ops": done,
        "wall_s": wall,
        "ops_per_s": done / wall,
        "push_p50_ms": percentile(push, 0.5),
        "push_p95_ms": percentile(push, 0.95),
        "pull_p50_ms": percentile(pull, 0.5),
        "pull_p95_ms": percentile(pull, 0.95),
        "pushes": len(push),
        "pulls": len(pull),
        "errors": sum(r["errors"] for r in results),
        "late": sum(r["late"] for r in results),
        "cursors": {r["token"]: r["cursor"] for r in results},
    }


def measure_load(folder: Path, quick: bool = False, worker_counts=(1, 4)) -> dict:
    """One desk alone, then 20 at once, on a fresh PostgreSQL schema for each worker count."""
    scale = QUICK if quick else FULL
    folder.mkdir(parents=True, exist_ok=True)
    results: dict = {"load_scale": scale}
    for workers in worker_counts:
        schema = new_schema()
        url = f"{PG}?options=-csearch_path%3D{schema}"
        try:
            credentials = prepare(url, scale["desks"] + 1)
            server = Server(url, workers, folder / f"server-{workers}w.log")
            try:
                alone = phase(server.address, credentials[-1:], scale["rounds"], scale["ops"], scale["deadline_s"])
                crowd = phase(server.address, credentials[:-1], scale["rounds"], scale["ops"], scale["deadline_s"])
                paced = phase(
                    server.address,
                    credentials[:-1],
                    scale["rounds"],
                    scale["ops"],
                    scale["deadline_s"],
                    scale["interval_s"],
                    crowd["cursors"],  # the same desks going on (see the docstring)
                )
            finally:
                server.stop()
        finally:
            drop_schema(schema)
        for figures in (alone, crowd, paced):
            del figures["cursors"]  # (credentials: not for the report)
        results[f"load_{workers}w_alone"] = alone
        results[f"load_{workers}w_crowd"] = crowd
        results[f"load_{workers}w_paced"] = paced
    return results


def report(results: dict) -> list[str]:
    lines = [
        f"{'phase':<22}{'desks':>6}{'ops':>8}{'ops/s':>9}{'push p50':>10}{'push p95':>10}"
        f"{'pull p50':>10}{'pull p95':>10}{'errors':>8}{'late':>6}"
    ]
    for name, figures in results.items():
        if not name.startswith("load_") or name == "load_scale":
            continue
        label = name[len("load_") :].replace("_", " ")
        lines.append(
            f"{label:<22}{figures['desks']:>6}{figures['ops']:>8}{figures['ops_per_s']:>9.0f}"
            f"{figures['push_p50_ms']:>10.1f}{figures['push_p95_ms']:>10.1f}"
            f"{figures['pull_p50_ms']:>10.1f}{figures['pull_p95_ms']:>10.1f}"
            f"{figures['errors']:>8}{figures.get('late', 0):>6}"
        )
    lines.append("(latencies in ms, one HTTP request each; budget: 20 desks >= 2,000 ops/s, push p95 < 500 ms)")
    lines.append(
        "(crowd: rounds back to back, the server's most ops/s, latency set by the queue; paced: a round "
        "every 1.8 s per desk, 2,222 ops/s offered; late: rounds begun after their time)"
    )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="5 rounds of 50 ops per desk")
    parser.add_argument("--workers", default="1,4", help="worker counts to measure (default 1,4)")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    args = parser.parse_args()
    counts = tuple(int(w) for w in args.workers.split(","))
    results = measure_load(HERE / "out" / "load", args.quick, counts)
    print("\n".join(report(results)))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
