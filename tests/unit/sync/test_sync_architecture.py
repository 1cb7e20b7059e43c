"""The sync and server packages keep to their lanes: sync -> db, server -> db and sync; neither touches Qt."""

from __future__ import annotations

import pytest

from tests.unit.test_architecture import imported_modules, modules, parse

QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


@pytest.mark.parametrize("path", modules("sync"), ids=lambda p: p.name)
def test_sync_uses_neither_qt_nor_the_server_nor_the_ui(path):
    names = imported_modules(parse(path))
    bad = {
        n
        for n in names
        if n.split(".")[0] in QT
        or n.startswith(("visitorcentre.server", "visitorcentre.ui", "visitorcentre.desk", "visitorcentre.services"))
    }
    assert not bad, f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("path", modules("server"), ids=lambda p: p.name)
def test_server_uses_neither_qt_nor_the_desk_app(path):
    names = imported_modules(parse(path))
    bad = {
        n
        for n in names
        if n.split(".")[0] in QT or n.startswith(("visitorcentre.ui", "visitorcentre.desk", "visitorcentre.services"))
    }
    assert not bad, f"{path.name} imports {sorted(bad)}"


def test_there_are_modules_to_check():
    assert len(modules("sync")) >= 6 and len(modules("server")) >= 6
