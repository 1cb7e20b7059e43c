"""The face scale: five faces, from very sad to very happy, that a child can point at.

The faces are drawn here with QPainter (no picture files): a round face, two eyes and a mouth
whose curve goes from a frown to a big smile. Each face has its word under it, so the scale never
relies on colour or on the face alone. Arrow keys move between the faces; 1 to 5 pick one.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QHBoxLayout, QSizePolicy, QWidget

from visitorcentre.ui.shared.i18n import N_, _, current_language, translator

#: Rating 1..5: the word under the face, and the face's colour (soft, with a dark outline for contrast).
FACES = {
    1: (N_("Very sad"), "#f4a6a6"),
    2: (N_("Sad"), "#f7c58f"),
    3: (N_("OK"), "#f6e27f"),
    4: (N_("Happy"), "#b9e2a0"),
    5: (N_("Very happy"), "#8fd3a8"),
}
OUTLINE = QColor("#1b2329")


def face_word(rating: int, language: str | None = None) -> str:
    """The word for a rating, as the family reads it under the face (in ``language``, else the desk's)."""
    if rating not in FACES:
        return ""
    return translator(language)(FACES[rating][0]) if language else _(FACES[rating][0])


def draw_face(painter: QPainter, box: QRectF, rating: int) -> None:
    """Draw the face for ``rating`` (1..5) inside ``box``."""
    size = min(box.width(), box.height())
    face = QRectF(0, 0, size, size)
    face.moveCenter(box.center())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(OUTLINE, max(2.0, size / 28)))
    painter.setBrush(QColor(FACES.get(rating, ("", "#dddddd"))[1]))
    painter.drawEllipse(face.adjusted(size * 0.04, size * 0.04, -size * 0.04, -size * 0.04))
    painter.setBrush(OUTLINE)
    eye = size * 0.075
    for x in (0.36, 0.64):
        painter.drawEllipse(QPointF(face.left() + size * x, face.top() + size * 0.38), eye, eye * 1.2)
    # The mouth: a curve whose middle sinks (smile) or rises (frown) with the rating.
    bend = (rating - 3) * size * 0.09
    left = QPointF(face.left() + size * 0.28, face.top() + size * 0.66 - max(bend, 0) * 0.3)
    right = QPointF(face.left() + size * 0.72, left.y())
    middle = QPointF(face.center().x(), left.y() + bend * 2)
    mouth = QPainterPath(left)
    mouth.quadTo(middle, right)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(OUTLINE, max(3.0, size / 18), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawPath(mouth)
    painter.restore()


class FaceButton(QAbstractButton):
    """One face and its word; checked when it is the family's choice."""

    def __init__(self, rating: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.rating = rating
        self.setCheckable(True)
        self.setObjectName(f"face{rating}")
        self.speak(None)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # As large as there is room for, down to minimumSizeHint on a small screen (still a big target).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def speak(self, language: str | None) -> None:
        """Its word in ``language`` (the desk's when None)."""
        word = face_word(self.rating, language)
        self.setText(word)
        _ = translator(language or current_language())
        self.setAccessibleName(_("{word} face ({rating} of 5)").format(word=word, rating=self.rating))

    def sizeHint(self) -> QSize:
        return QSize(190, 230)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 160)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        if self.isChecked() or self.hasFocus():
            # The choice shows as a thick frame and a tick word, not by colour alone.
            painter.setPen(
                QPen(
                    QColor("#1d5c63"),
                    6 if self.isChecked() else 3,
                    Qt.PenStyle.SolidLine if self.isChecked() else Qt.PenStyle.DashLine,
                )
            )
            painter.setBrush(QColor("#e3f1f2") if self.isChecked() else Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(area, 18, 18)
        words_height = area.height() * 0.24
        draw_face(painter, area.adjusted(12, 12, -12, -words_height), self.rating)
        font = QFont(self.font())
        font.setPointSizeF(max(14.0, area.height() / 14))
        font.setBold(self.isChecked())
        painter.setFont(font)
        painter.setPen(QColor("#111111"))
        words = area.adjusted(0, area.height() - words_height, 0, 0)
        text = ("✓ " if self.isChecked() else "") + self.text()
        painter.drawText(words, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
        painter.end()


class FaceScale(QWidget):
    """Five faces in a row; ``chosen`` gives the rating (1..5) when one is picked."""

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("faceScale")
        self.setAccessibleName(_("How was your visit? Choose a face"))
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.faces: list[FaceButton] = []
        row = QHBoxLayout(self)
        row.setSpacing(16)
        for rating in FACES:
            face = FaceButton(rating, self)
            self.group.addButton(face, rating)
            self.faces.append(face)
            row.addWidget(face, 1)
        self.group.idClicked.connect(self.chosen.emit)

    def speak(self, language: str) -> None:
        """The faces' words in the family's ``language``."""
        _ = translator(language)
        self.setAccessibleName(_("How was your visit? Choose a face"))
        for face in self.faces:
            face.speak(language)

    def rating(self) -> int | None:
        """The face chosen (1..5), or None."""
        rating = self.group.checkedId()
        return rating if rating in FACES else None

    def choose(self, rating: int) -> None:
        """Pick the face for ``rating`` as if it were pressed."""
        self.faces[rating - 1].setFocus()
        self.faces[rating - 1].click()

    def clear(self) -> None:
        self.group.setExclusive(False)
        for face in self.faces:
            face.setChecked(False)
        self.group.setExclusive(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.choose(key - Qt.Key.Key_0)
            return
        current = next((i for i, face in enumerate(self.faces) if face.hasFocus()), None)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and current is not None:
            step = -1 if key == Qt.Key.Key_Left else 1
            self.faces[max(0, min(len(self.faces) - 1, current + step))].setFocus()
            return
        super().keyPressEvent(event)
