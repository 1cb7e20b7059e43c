"""Run in a fresh process by benchmarks/run.py: start a window, say when it is usable, report memory.

    python probe_startup.py bare
    python probe_startup.py app DB_PATH [SEARCHES]

Prints one JSON line: {"ready_ms": ..., "rss_mb": ...}; ready_ms is measured from process start.
"""

from __future__ import annotations

import json
import os
import sys
import time


def _process_age_ms() -> float:
    """Milliseconds since this process was launched, so interpreter start-up counts too.

    run.py stamps the launch with the monotonic clock just before it starts the process (the same
    clock as this process's `perf_counter` on Linux), to the microsecond. Run by hand, the start
    comes from /proc, whose clock ticks are 10 ms apart.
    """
    launched = os.environ.get("VC_PROBE_LAUNCHED")
    if launched:
        return (time.perf_counter() - float(launched)) * 1000
    with open("/proc/self/stat") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return (uptime - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    wall_start = time.perf_counter()
    if sys.argv[1] == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1600, 900)
        window.show()
        app.processEvents()
        ready = _process_age_ms()
    else:
        from visitorcentre.ui.runtime.app import application, build_main_window
        from visitorcentre.ui.runtime.desk_app import desk_for

        app = application(sys.argv[:1])  # the app's own start: QApplication and the stylesheet
        desk = desk_for(sys.argv[2], demo=False, staff="Benchmark")
        window = build_main_window(desk)
        window.resize(1600, 900)
        window.show()
        app.processEvents()
        ready = _process_age_ms()
        # "Records open": the Today board filled with the day's sessions from the records, and a
        # search typed as the window showed answered (with people found) through the desk's worker.
        found: list = []
        window.tasks.run(lambda: desk.visits.search("mac"), found.append)
        while not (window.board.model.rowCount() > 0 and found and found[0]):
            app.processEvents()
            time.sleep(0.002)
        data_ready = _process_age_ms()
        # Everything else opened too (SQLAlchemy, the counts, the status bar), for the memory figure.
        while not (desk.is_open and not window.tasks.busy):
            app.processEvents()
            time.sleep(0.002)
        all_open = _process_age_ms()
        # Then a while at the desk: a few searches, for the memory figure.
        searches = int(sys.argv[3]) if len(sys.argv) > 3 else 0
        for text in ["m", "mac", "macd", "sio", "kow", "smith j", "camp"][:searches]:
            desk.visits.search(text)
        deadline = time.perf_counter() + 1.0
        while time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.01)
    data_ready = locals().get("data_ready", ready)
    all_open = locals().get("all_open", ready)
    print(
        json.dumps(
            {
                "ready_ms": ready,
                "data_ready_ms": data_ready,
                "all_open_ms": all_open,
                "wall_ms": (time.perf_counter() - wall_start) * 1000,
                "rss_mb": _rss_mb(),
            }
        )
    )
    sys.stdout.flush()
    os._exit(0)  # skip teardown: only start-up is being measured


if __name__ == "__main__":
    main()
