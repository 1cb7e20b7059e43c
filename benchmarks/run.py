"""The performance harness: builds the demo at budget scale and measures against baselines in the same run.

    python benchmarks/run.py [--quick] [--desk-only] [--json FILE] [--db PATH] [--only sync]

Budgets (DESIGN.md, "Budgets"): the first window at most 1.5x a bare PySide6 window and records
open (board filled, search live) at most 3x; desk resident memory at most 150 MB; search p95 at
most 2 ms per keystroke (service layer), warm and on a freshly opened file; one pass PDF at most
1.2x a bare reportlab page with the same QR and a day's 300 passes at most 1.2x their baseline; a
command-line verb touching one record (verify, visit, search) at most 0.4 s as a whole process.
Figures drift on shared machines, so each is reported beside a baseline measured in this run.
The sync figures run against a real server on loopback: see sync_bench.py.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import sync_bench  # noqa: E402

from visitorcentre.core import names  # noqa: E402
from visitorcentre.db.engine import migrate  # noqa: E402
from visitorcentre.demo import generate  # noqa: E402
from visitorcentre.desk import open_desk  # noqa: E402

FULL = {"visitors": 200_000, "startup_runs": 7, "typists": 60}
QUICK = {"visitors": 10_000, "startup_runs": 3, "typists": 20}
BUDGETS = {
    "startup_ratio": 1.5,
    "records_open_ratio": 3.0,
    "search_p95_ms": 2.0,
    "search_fresh_p95_ms": 2.0,
    "rss_mb": 150.0,
    "pass_ratio": 1.2,
    "passes_300_ratio": 1.2,
    "cli_verify_s": 0.4,
    "cli_visit_s": 0.4,
    "cli_search_s": 0.4,
}
PASS_RUNS = 300  # one pass and one bare page each, in turns


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def build_demo(path: Path, visitors: int) -> tuple[float, bool]:
    """Build (or reuse) the demo database; returns (seconds, reused)."""
    if path.exists():
        connection = sqlite3.connect(path)
        try:
            have = connection.execute("SELECT count(*) FROM visitor").fetchone()[0]
        except sqlite3.Error:
            have = -1
        connection.close()
        if have >= visitors:
            return 0.0, True
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    migrate(path)
    generate.build(path, visitors, 14, 1, datetime.now())
    return time.perf_counter() - started, False


def probe(kind: str, *extra: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(HERE.parent))
    # As an installed desk starts: with its modules' bytecode cached (installing the wheel compiles
    # them). Without it every start compiles the app's ~240 modules again, which no desk ever does.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["VC_PROBE_LAUNCHED"] = repr(time.perf_counter())  # the probe measures from here
    out = subprocess.run(
        [sys.executable, str(HERE / "probe_startup.py"), kind, *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if out.returncode != 0:
        raise SystemExit(f"start-up probe failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_startup(db: Path, runs: int) -> dict:
    bare, app, data, rss = [], [], [], []
    probe("app", str(db), "0")  # once first, so the bytecode is cached, as on an installed desk
    for _ in range(runs):  # interleaved, so drift hits both alike
        bare.append(probe("bare")["ready_ms"])
        result = probe("app", str(db), "7")
        app.append(result["ready_ms"])
        data.append(result["data_ready_ms"])
        rss.append(result["rss_mb"])
    bare_ms, app_ms = statistics.median(bare), statistics.median(app)
    return {
        "startup_bare_ms": bare_ms,
        "startup_app_ms": app_ms,
        "startup_ratio": app_ms / bare_ms,
        "startup_data_ready_ms": statistics.median(data),
        "records_open_ratio": statistics.median(data) / bare_ms,
        "rss_mb": max(rss),
    }


def keystrokes(db: Path, typists: int) -> list[str]:
    """What desk workers type: names of real visitors, a letter at a time, in either order."""
    connection = sqlite3.connect(db)
    rows = connection.execute(
        "SELECT first_name, last_name FROM visitor ORDER BY random() LIMIT ?", (typists,)
    ).fetchall()
    connection.close()
    rng = random.Random(7)
    typed = []
    for first, last in rows:
        text = f"{last} {first}" if rng.random() < 0.5 else f"{first} {last}"
        typed += [text[:i] for i in range(1, len(text) + 1) if not text[:i].endswith(" ")]
    return typed


def measure_search(db: Path, typists: int) -> dict:
    typed = keystrokes(db, typists)
    desk = open_desk(db)
    desk.visits.search("warm up")
    service, cpu = [], []
    for text in typed:
        started, started_cpu = time.perf_counter(), time.thread_time()
        desk.visits.search(text)
        service.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)  # the desk's own work, without waits
    desk.close()
    # Baseline: the bare index lookup for the same keystrokes, straight through sqlite3.
    connection = sqlite3.connect(db)
    raw = []
    for text in typed:
        match = " ".join(f'"{w}"*' for w in names.query_words(text))
        started = time.perf_counter()
        connection.execute(
            "SELECT visitor_id FROM visitor_search WHERE visitor_search MATCH ? LIMIT 20", (match,)
        ).fetchall()
        raw.append((time.perf_counter() - started) * 1000)
    connection.close()
    fresh = measure_fresh_search(db, typists // 4)
    return {
        "search_keystrokes": len(typed),
        "search_fresh_p50_ms": statistics.median(fresh),
        "search_fresh_p95_ms": percentile(fresh, 0.95),
        "search_p50_ms": statistics.median(service),
        "search_p95_ms": percentile(service, 0.95),
        "search_cpu_p95_ms": percentile(cpu, 0.95),
        "search_raw_p50_ms": statistics.median(raw),
        "search_raw_p95_ms": percentile(raw, 0.95),
    }


def measure_fresh_search(db: Path, typists: int) -> list[float]:
    """Keystroke times on a freshly opened database file: each name typed by a desk just opened."""
    times = []
    desk = None
    for text in keystrokes(db, typists):
        if desk is None or len(text) == 1:  # a new name: a new desk, nothing cached in SQLite or the service
            if desk is not None:
                desk.close()
            desk = open_desk(db)
        started = time.perf_counter()
        desk.visits.search(text)
        times.append((time.perf_counter() - started) * 1000)
    if desk is not None:
        desk.close()
    return times


def measure_cli(db: Path, runs: int = 3) -> dict:
    """Whole-process times of the verbs that touch one record, beside ``--version`` (the interpreter alone)."""
    connection = sqlite3.connect(db)
    reference, last_name = connection.execute(
        "SELECT v.reference, p.last_name FROM visit v JOIN visit_person vp ON vp.visit_id = v.id"
        " JOIN visitor p ON p.id = vp.visitor_id LIMIT 1"
    ).fetchone()
    connection.close()
    verbs = {
        "cli_version_s": ["--version"],
        "cli_verify_s": ["verify", "not-a-pass", "--db", str(db)],
        "cli_visit_s": ["visit", reference, "--db", str(db)],
        "cli_search_s": ["search", last_name, "--db", str(db)],
    }
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    figures: dict[str, list[float]] = {name: [] for name in verbs}
    for _ in range(runs):  # interleaved, so drift hits each alike
        for name, argv in verbs.items():
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "visitorcentre", *argv], env=env, capture_output=True, timeout=120)
            figures[name].append(time.perf_counter() - started)
    return {name: statistics.median(times) for name, times in figures.items()}


def pass_sheets(db: Path, count: int) -> list:
    """``count`` pass sheets for real demo visits (today's first), each with a freshly signed token."""
    from sqlalchemy import select

    from visitorcentre.core import passes as tokens
    from visitorcentre.db import models as m
    from visitorcentre.services.passes.visit_passes import pass_sheet

    desk = open_desk(db)
    key_id, private, _ = tokens.new_key_pair()
    now = datetime.now().replace(microsecond=0)
    sheets = []
    with desk.ctx.reading() as session:
        visits = list(
            session.scalars(
                select(m.Visit)
                .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
                .where(m.VisitSession.date >= now.date())
                .order_by(m.VisitSession.date, m.VisitSession.starts_at)
                .limit(count)
            )
        )
        for index in range(count):
            visit = visits[index % len(visits)]
            claims = tokens.PassClaims(
                visit.establishment,
                visit.reference,
                visit.session.date,
                visit.session.starts_at,
                len(visit.party),
                index + 1,
                now,
                key_id,
            )
            row = m.VisitPass(token=tokens.issue(claims, private), serial=index + 1, printed_at=now, times_printed=1)
            sheets.append(pass_sheet(session, visit, row))
    desk.close()
    return sheets


def measure_passes(db: Path) -> dict:
    import io

    from reportlab.pdfgen.canvas import Canvas

    from visitorcentre.printing import qr
    from visitorcentre.printing.passes import pass_pdf

    sheets = pass_sheets(db, 300)
    pass_pdf(sheets[:1])  # fonts registered, modules loaded: what every pass after the first costs
    # One pass, then the baseline: a bare reportlab page carrying the same QR code, nothing else.
    # Taken in turns, so a stall of the machine (a shared host, the collector) hits both alike.
    one, bare = [], []
    for index in range(PASS_RUNS):
        sheet = sheets[index % len(sheets)]
        started = time.perf_counter()
        pass_pdf([sheet])
        one.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        out = io.BytesIO()
        canvas = Canvas(out, pagesize=(105 * 72 / 25.4, 148 * 72 / 25.4))
        qr.draw(canvas, sheet.token, 150, 100, 85)
        canvas.showPage()
        canvas.save()
        bare.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    pdf = pass_pdf(sheets)
    day = time.perf_counter() - started
    started = time.perf_counter()
    out = io.BytesIO()
    canvas = Canvas(out)
    for sheet in sheets:
        qr.draw(canvas, sheet.token, 150, 100, 85)
        canvas.showPage()
    canvas.save()
    bare_day = time.perf_counter() - started
    return {
        "pass_ratio": statistics.median(one) / statistics.median(bare),
        "passes_300_ratio": day / bare_day,
        "pass_ms": statistics.median(one),
        "pass_p95_ms": percentile(one, 0.95),
        "pass_baseline_ms": statistics.median(bare),
        "passes_300_s": day,
        "passes_300_baseline_s": bare_day,
        "passes_300_pdf_kb": len(pdf) / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a small demo (10,000 visitors) for a fast look")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--db", type=Path, help="the demo database to build or reuse")
    parser.add_argument(
        "--only",
        choices=["sync", "load", "console"],
        help="run one group of figures alone (sync: the three sync figures; load: 20 desks at once "
        "on PostgreSQL with 1 and 4 server workers, see server_load.py; console: every console page at "
        "national scale on PostgreSQL, see console_pages.py)",
    )
    parser.add_argument("--desk-only", action="store_true", help="the desk figures alone, without the sync ones")
    args = parser.parse_args()
    if args.only == "sync":
        return sync_only(args)
    if args.only == "console":
        import console_pages

        results = console_pages.measure(args.quick)
        print("\n".join(console_pages.report(results)))
        over = console_pages.over_budget(results)
        print("within budget" if not over else f"OVER BUDGET: {', '.join(over)}")
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        return 0
    if args.only == "load":
        import server_load

        results = server_load.measure_load(HERE / "out" / "load", args.quick)
        print("\n".join(server_load.report(results)))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        return 0
    scale = QUICK if args.quick else FULL
    db = args.db or HERE / "out" / f"demo-{scale['visitors']}.sqlite3"
    results: dict = {"scale_visitors": scale["visitors"]}
    seconds, reused = build_demo(db, scale["visitors"])
    results["demo_build_s"] = None if reused else seconds
    with sqlite3.connect(db) as connection:
        results["scale_visits"] = connection.execute("SELECT count(*) FROM visit").fetchone()[0]
    results.update(measure_search(db, scale["typists"]))
    results.update(measure_startup(db, scale["startup_runs"]))
    results.update(measure_passes(db))
    results.update(measure_cli(db))
    if not args.desk_only:
        results.update(sync_bench.measure_sync(HERE / "out" / "sync", args.quick))
    print(f"{'measure':<22}{'value':>12}  {'baseline':>12}  budget")
    rows = [
        ("demo build (s)", results["demo_build_s"], None, "< 120 s at full scale"),
        ("search p50 (ms)", results["search_p50_ms"], results["search_raw_p50_ms"], ""),
        ("search p95 (ms)", results["search_p95_ms"], results["search_raw_p95_ms"], "<= 2 ms"),
        ("  fresh file p95 (ms)", results["search_fresh_p95_ms"], results["search_raw_p95_ms"], "<= 2 ms"),
        ("  CPU time p95 (ms)", results["search_cpu_p95_ms"], None, "the desk's own work, warm"),
        ("start-up (ms)", results["startup_app_ms"], results["startup_bare_ms"], ""),
        ("start-up ratio", results["startup_ratio"], 1.0, "<= 1.5x bare window"),
        (
            "records open (ms)",
            results["startup_data_ready_ms"],
            results["startup_bare_ms"],
            "board filled, search live",
        ),
        ("records open ratio", results["records_open_ratio"], 1.0, "<= 3x bare window"),
        ("desk RSS (MB)", results["rss_mb"], None, "<= 150 MB"),
        ("pass PDF (ms)", results["pass_ms"], results["pass_baseline_ms"], "<= 1.2x bare page"),
        ("300 passes (s)", results["passes_300_s"], results["passes_300_baseline_s"], "<= 1.2x baseline"),
        ("verify verb (s)", results["cli_verify_s"], results["cli_version_s"], "<= 0.4 s (baseline --version)"),
        ("visit verb (s)", results["cli_visit_s"], results["cli_version_s"], "<= 0.4 s"),
        ("search verb (s)", results["cli_search_s"], results["cli_version_s"], "<= 0.4 s"),
        *([] if args.desk_only else sync_bench.report(results)),
    ]
    for label, value, baseline, budget in rows:
        show = "reused" if value is None else f"{value:.2f}"
        base = "" if baseline is None else f"{baseline:.2f}"
        print(f"{label:<22}{show:>12}  {base:>12}  {budget}")
    print(
        f"({results['scale_visitors']} visitors, {results['scale_visits']} visits, "
        f"{results['search_keystrokes']} keystrokes)"
    )
    budgets = BUDGETS if args.desk_only else {**BUDGETS, **sync_bench.BUDGETS}
    over = [k for k, limit in budgets.items() if results[k] > limit]
    print("within budget" if not over else f"OVER BUDGET: {', '.join(over)}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


def sync_only(args) -> int:
    """The sync figures alone (a real server on loopback; no desk demo needed)."""
    results = sync_bench.measure_sync(HERE / "out" / "sync", args.quick)
    print(f"{'measure':<22}{'value':>12}  {'baseline':>12}  budget")
    for label, value, baseline, budget in sync_bench.report(results):
        base = "" if baseline is None else f"{baseline:.2f}"
        print(f"{label:<22}{value:>12.2f}  {base:>12}  {budget}")
    over = [k for k, limit in sync_bench.BUDGETS.items() if results[k] > limit]
    print("within budget" if not over else f"OVER BUDGET: {', '.join(over)}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
