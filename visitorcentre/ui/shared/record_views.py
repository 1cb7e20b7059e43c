"""The read-only list views the dialogs share: whole rows selected, rows as tall as their text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def record_table(
    parent: QWidget, model, name: str, accessible: str, stretch: tuple[int, ...] = (), rows: int = 0
) -> QTableView:
    """A table of ``model`` picking one whole row; ``stretch`` columns take the spare width, and
    a layout never squeezes it below ``rows`` rows."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setAccessibleName(accessible)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    # A heading cut short by a narrow column keeps its first words (centred, it lost both ends).
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    ColumnFitter(view, stretch)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Wrapped text changes height when a column is resized.
    header.sectionResized.connect(lambda *_: view.resizeRowsToContents())
    if rows:
        shows_rows(view, rows)
    return view


def shows_rows(view: QTableView, rows: int) -> None:
    """Never let a layout squeeze ``view`` below its header and ``rows`` one-line rows."""
    line = view.fontMetrics().height() + 12  # a row's text and its padding
    view.setMinimumHeight(view.horizontalHeader().sizeHint().height() + rows * line + 2 * view.frameWidth())


def column_widths(wants: list[int], room: int, stretch: tuple[int, ...]) -> list[int]:
    """Each column's width in ``room`` pixels: as wide as its text when everything fits (the spare
    going to the ``stretch`` columns), else the narrow columns whole and the wide ones sharing what
    is left, so their words wrap and no column is squeezed to nothing."""
    if not wants:
        return []
    if sum(wants) <= room:
        widths = list(wants)
        takers = [c for c in stretch if c < len(wants)] or [len(wants) - 1]
        spare = room - sum(wants)
        for n, column in enumerate(takers):
            widths[column] += spare // len(takers) + (1 if n < spare % len(takers) else 0)
        return widths
    widths = [0] * len(wants)
    left, wide = room, sorted(range(len(wants)), key=lambda c: wants[c])
    while wide:
        fair = left // len(wide)
        narrow = [c for c in wide if wants[c] <= fair]
        if not narrow:
            for c in wide:
                widths[c] = max(fair, 1)
            break
        for c in narrow:
            widths[c] = wants[c]
            left -= wants[c]
        wide = [c for c in wide if c not in narrow]
    return widths


class ColumnFitter(QObject):
    """Keeps a table's columns inside its width whatever the screen, language or text size."""

    def __init__(self, view: QTableView, stretch: tuple[int, ...]):
        super().__init__(view)
        self._view, self._stretch = view, stretch
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.fit)
        model.dataChanged.connect(self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self, *_args) -> None:
        view, header = self._view, self._view.horizontalHeader()
        count = view.model().columnCount()
        wants = [max(header.sectionSizeHint(c), view.sizeHintForColumn(c)) for c in range(count)]
        for column, width in enumerate(column_widths(wants, view.viewport().width(), self._stretch)):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
