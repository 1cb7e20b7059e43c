"""A day's worth of signals must not stop the desk app (the PySide6 fault guarded in ui/signal_refs.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from visitorcentre.ui.runtime import signal_refs

#: More signals than a long day at a busy desk emits, and far more than True's references in a small process.
SIGNALS = 60_000

SCRIPT = textwrap.dedent(f"""
    import gc, sys
    from PySide6.QtCore import QCoreApplication, QObject, Signal
    from visitorcentre.ui.runtime import signal_refs

    class Relay(QObject):
        done = Signal(int, object)

    app = QCoreApplication([])
    if sys.argv[1] == "guarded":
        signal_refs.guard()
    relay = Relay()
    relay.done.connect(lambda n, value: None)
    for n in range({SIGNALS}):
        relay.done.emit(n, None)
    gc.collect()
    print("still here")
""")


def run(mode: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, mode],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )


def test_a_day_of_signals_does_not_stop_the_desk():
    done = run("guarded")
    assert done.returncode == 0, done.stderr[-500:]
    assert "still here" in done.stdout


def test_the_guard_is_needed_where_the_fault_shows():
    if not signal_refs.emit_drops_references():
        pytest.skip("this PySide6 holds its reference to True: nothing to guard")
    unguarded = run("unguarded")
    assert unguarded.returncode != 0 and "deallocating True or False" in unguarded.stderr


def test_guarding_twice_changes_nothing_more():
    first = signal_refs.guard()
    count = sys.getrefcount(True)
    assert signal_refs.guard() is first
    assert abs(sys.getrefcount(True) - count) < 1000
