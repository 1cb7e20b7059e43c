"""A tick box whose words wrap: the words never widen the form, and pressing them ticks the box."""

from PySide6.QtCore import Qt

from visitorcentre.ui.shared.wrapping_tick import TARGET, WrappingTick

LONG = "Pomoce sensoryczne (nauszniki wyciszające, zabawki sensoryczne) i jeszcze trochę słów"


def test_the_words_wrap_in_a_narrow_form_instead_of_widening_it(qtbot):
    tick = WrappingTick(LONG, "Support need")
    qtbot.addWidget(tick)
    tick.resize(200, tick.heightForWidth(200) if tick.hasHeightForWidth() else 120)
    tick.show()
    assert tick.minimumSizeHint().width() < tick.label.fontMetrics().horizontalAdvance(LONG)
    assert tick.label.wordWrap()


def test_pressing_the_words_ticks_the_box_and_again_unticks_it(qtbot):
    tick = WrappingTick("A quiet space", "Support need: A quiet space")
    qtbot.addWidget(tick)
    tick.show()
    qtbot.mouseClick(tick.label, Qt.MouseButton.LeftButton)
    assert tick.box.isChecked()
    qtbot.mouseClick(tick.label, Qt.MouseButton.LeftButton)
    assert not tick.box.isChecked()


def test_the_box_is_a_fingers_target_and_says_what_it_is(qtbot):
    tick = WrappingTick("A quiet space", "Support need: A quiet space")
    qtbot.addWidget(tick)
    tick.show()
    assert tick.box.width() >= TARGET and tick.box.height() >= TARGET
    assert tick.box.accessibleName() == "Support need: A quiet space"
    tick.box.setEnabled(False)
    qtbot.mouseClick(tick.label, Qt.MouseButton.LeftButton)
    assert not tick.box.isChecked()  # a box that cannot be ticked is not ticked by its words
