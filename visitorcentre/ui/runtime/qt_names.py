"""Qt's namespace of names (``Qt.AlignmentFlag``, ``Qt.Key``…), made the first time one is used.

PySide makes all 94 enums of Qt's namespace as Python enums the first time anything touches it
(importing ``Qt`` from ``PySide6.QtCore`` is enough): about 119 M instructions, an eighth of the
desk's way to its first paint, where a bare window never touches it. So the desk's modules import
``Qt`` from here, and nothing on the way to the first paint makes it (tests/ui/runtime/
test_qt_names.py keeps it so). Before the paint the desk sets such properties by name instead
(``setProperty("alignment", "AlignCenter")``: Qt's meta-object reads the name, not PySide), and
keeps clear of what would hand Python one of Qt's enums or ask one back: a Python model's headers
(``table_model.shown_once_painted``), a layout's expanding directions (``FlowLayout``), eliding a
label (``elided_label.elide_right``), a call PySide tells apart by such an argument (by keyword:
``QSplitter(parent=...)``). A few numbers Qt fixes in its API are here too.

``Qt.X`` here is ``PySide6.QtCore.Qt.X`` itself (type checkers see the real one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

#: ``Qt.ItemDataRole.DisplayRole``, ``UserRole``: a model's default role and the first of its own
#: (tests/ui/runtime/test_qt_names.py checks them against Qt's).
DISPLAY_ROLE = 0
USER_ROLE = 0x0100

if TYPE_CHECKING:
    from PySide6.QtCore import Qt as Qt
else:

    class _Namespace:
        """Stands in for ``PySide6.QtCore.Qt`` until a name in it is first used, then hands out Qt's own."""

        def __getattr__(self, name: str) -> Any:
            from PySide6.QtCore import Qt as made

            value = getattr(made, name)
            setattr(self, name, value)  # from now on found without asking again
            return value

        def __repr__(self) -> str:
            return "<Qt's namespace, made on first use>"

    Qt = _Namespace()
