"""A guard against a PySide6 fault that would stop the desk app after a few thousand signals.

With PySide6 6.12.0 on CPython 3.11, every ``signal.emit()`` made from Python hands back ``True``
without holding a reference to it, so each one lowers the reference count of ``True`` by one.
The desk emits several signals for every piece of background work (each search keystroke, each
sync progress step); after some thousands — well within a day at the desk — the count reaches
zero and the interpreter aborts ("bool_dealloc: deallocating True or False").

CPython 3.12 and later make ``True`` and ``False`` immortal, and a fixed PySide6 holds its
reference, so ``guard()`` first measures whether the fault is there at all; only where it shows
does it give ``True`` and ``False`` a reference count no desk session can use up. It runs once,
when the desk's sync starts just after the window's first paint (``SyncRunner.start``), so it
costs the start-up nothing; a few hundred signals before it are far from the limit.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

PROBES = 16
#: References added to True and False where the fault shows: about a trillion signals' worth.
RESERVE = 1 << 40

_guarded: bool | None = None


class _Probe(QObject):
    ping = Signal()


def emit_drops_references() -> bool:
    """Whether emitting a signal from Python lowers the reference count of True (the fault)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(PROBES):
        probe.ping.emit()
    return sys.getrefcount(True) <= before - PROBES


def guard() -> bool:
    """Protect True and False from the fault if this PySide6 has it; True if protection was needed."""
    global _guarded
    if _guarded is not None:
        return _guarded
    _guarded = False
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return _guarded  # True and False are immortal there
    if emit_drops_references():
        import ctypes  # only here: it costs the start-up a few milliseconds

        for value in (True, False):
            # ob_refcnt is the first field of every CPython object.
            ctypes.c_ssize_t.from_address(id(value)).value += RESERVE
        log.info("This PySide6 drops a reference to True on each signal; True and False are guarded")
        _guarded = True
    return _guarded
