"""Modules load without PySide reading their source first (the desk uses no PySide ``__feature__``).

Once PySide6 is imported, the first time any module is imported after it (the desk's own, and
standard ones such as ``typing`` or ``datetime`` when the desk first asks for them) PySide reads
its whole source, looking for the word "PySide6" (its ``__feature__`` import hook, PYSIDE-2029).
That only sets the module's default for PySide's optional ``from __feature__ import snake_case,
true_property``: "none switched on" if it mentions PySide6, "ignore this module" if not. The desk
switches on neither anywhere, so either default means the same for it; reading some eighty
modules' source cost about 8 ms of the desk's start-up (and kept their text in memory). So PySide
is told without reading: every module has "none switched on" (a module that does import from
``__feature__`` still gets what it asks for: that import sets it, not this default). If a PySide
version has no such hook, nothing changes.
"""

from __future__ import annotations

from types import ModuleType


def _uses_pyside(module: ModuleType) -> bool:
    return True


def skip_source_reads() -> None:
    """Let PySide take each module imported from now on as "no feature switched on" without reading its source."""
    import PySide6.QtCore  # noqa: F401 - the hook is PySide's own, put in place as it loads

    try:
        from shibokensupport import feature  # type: ignore[import-not-found]
    except ImportError:
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_pyside
