"""Qt's namespace made on first use (ui/runtime/qt_names.py): the same names, and the desk's settings given by name."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt as QtItself

from visitorcentre.ui.runtime import qt_names
from visitorcentre.ui.runtime.qt_names import Qt


def test_the_roles_given_as_numbers_are_qt_s_own():
    assert qt_names.DISPLAY_ROLE == QtItself.ItemDataRole.DisplayRole.value
    assert qt_names.USER_ROLE == QtItself.ItemDataRole.UserRole.value


def test_a_name_in_it_is_qt_s_own():
    assert Qt.AlignmentFlag is QtItself.AlignmentFlag
    assert Qt.Key.Key_Return is QtItself.Key.Key_Return


def test_what_the_window_sets_by_name_is_set(window):
    assert window.splitter.orientation() == QtItself.Orientation.Horizontal
    for view in (window.board.view, window.search.view):
        assert view.horizontalScrollBarPolicy() == QtItself.ScrollBarPolicy.ScrollBarAlwaysOff
    assert window.search.view.contextMenuPolicy() == QtItself.ContextMenuPolicy.CustomContextMenu
    assert window.visit_panel.empty.alignment() == QtItself.AlignmentFlag.AlignCenter
    assert window.notice.text_label.textInteractionFlags() == QtItself.TextInteractionFlag.TextSelectableByMouse


def test_the_window_s_first_paint_does_not_make_qt_s_namespace(world, tmp_path):
    # In a process of its own, as the desk starts (this one made the namespace long ago). QStyle too:
    # importing it makes its every enum (several hundred names, 5 ms), for what is measured after the paint.
    script = tmp_path / "first_paint.py"
    script.write_text(
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import PySide6.QtCore, PySide6.QtWidgets\n"
        "from visitorcentre.ui.runtime.app import application, build_main_window\n"
        "from visitorcentre.ui.runtime.desk_app import desk_for\n"
        "app = application(sys.argv[:1])\n"
        "window = build_main_window(desk_for(sys.argv[1], demo=False, staff='Ann Test'))\n"
        "window.resize(1280, 720)\n"
        "window.show()\n"
        "app.processEvents()\n"
        "made = 'Qt' in vars(PySide6.QtCore) or 'QStyle' in vars(PySide6.QtWidgets)\n"
        "print('made' if made else 'not made', flush=True)\n"
        "os._exit(0)\n"
    )
    path = world.desk.ctx.db_path
    world.desk.close()
    out = subprocess.run([sys.executable, str(script), str(path)], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1:] == ["not made"], out.stderr
