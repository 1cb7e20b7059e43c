"""A core refusal (core/words.Said) is said in the desk's language wherever a screen shows it.

The notice bar and the message beside a field translate it themselves, so a refusal caught by a
dialog directly (a travel-cost form the rules refuse, a rate missing for the visit's day) reads
the same as one the background runner hands back.
"""

from __future__ import annotations

import pytest

from visitorcentre import i18n
from visitorcentre.core.words import said
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.notice import NoticeBar

MILES = said("Miles cannot be negative.")


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def test_the_notice_bar_says_a_core_refusal_in_polish(qtbot):
    bar = NoticeBar()
    qtbot.addWidget(bar)
    i18n.set_language("pl")
    bar.say(MILES)
    assert bar.text().endswith(": Liczba mil nie może być ujemna.")


def test_the_message_beside_a_field_says_it_in_gaelic_and_english_text_is_left_as_it_is(qtbot):
    message = FieldMessage(None, "miles")
    qtbot.addWidget(message)
    i18n.set_language("gd")
    message.say(MILES)
    assert message.text().endswith(": Chan fhaod na mìltean a bhith àicheil.")
    message.say("Already said.")
    assert message.text().endswith(": Already said.")
    i18n.set_language("en")
    message.say(MILES)
    assert message.text().endswith(": Miles cannot be negative.")
