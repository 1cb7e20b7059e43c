"""Leaflets from the desk: chosen (in the family's language), previewed, printed on the A4 printer or saved."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui import advice_helpers as rules
from tests.ui.helpers import settle
from tests.ui.printing_helpers import page_count, pass_calls, printing  # noqa: F401 (fixtures)
from visitorcentre.ui.advice import leaflets


def test_a_leaflet_is_previewed_printed_and_its_printer_remembered(qtbot, window, world, printing, monkeypatch):
    rules.add_rules(world.desk)
    asked = []
    monkeypatch.setattr(
        leaflets, "ask_leaflet", lambda parent, language: asked.append(language) or ("visit-guide", language)
    )
    printing.printer = "Desk card printer"
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "is printed on Desk card printer" in window.notice.text())
    settle(qtbot, window)
    assert asked == ["en"]  # no visit open: English
    preview = printing.previews[0]
    assert preview.printout.title == "Visit guide: every rule (English)"
    ((printer, path),) = printing.printed
    assert printer == "Desk card printer" and page_count(path) == len(preview.printout.pages) >= 1
    assert world.desk.settings.printer_for(leaflets.A4) == "Desk card printer"


def test_the_leaflet_defaults_to_the_language_of_the_family_and_saves_as_pdf(
    qtbot, window, world, printing, monkeypatch, tmp_path
):
    rules.add_rules(world.desk)
    with world.desk.ctx.write_sessions() as session:
        session.connection().exec_driver_sql("UPDATE visitor SET language = 'pl' WHERE id = ?", (world.mum,))
        session.commit()
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    window.open_visit(world.desk.visits.visit_for_scan(reference))
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    settle(qtbot, window)
    asked = []
    monkeypatch.setattr(
        leaflets, "ask_leaflet", lambda parent, language: asked.append(language) or ("first-visit", language)
    )
    printing.printers = []
    printing.answer = "save"
    printing.save_as = str(tmp_path / "leaflet")
    qtbot.mouseClick(window.leaflets_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "is saved as" in window.notice.text())
    assert asked == ["pl"]
    saved = tmp_path / "leaflet.pdf"
    assert saved.read_bytes().startswith(b"%PDF") and page_count(saved) >= 1
    assert printing.previews[0].printout.title == "First visit: step by step (Polski)"


def test_the_leaflet_dialog_offers_every_leaflet_in_every_language(qtbot):
    dialog = leaflets.LeafletDialog(None, "gd", "children")
    qtbot.addWidget(dialog)
    assert dialog.choice() == ("children", "gd")
    assert list(dialog.kinds) == ["visit-guide", "first-visit", "children", "easy-read", "help-with-costs"]
    dialog.kinds["easy-read"].setChecked(True)
    dialog.language.setCurrentIndex(dialog.language.findData("pl"))
    assert dialog.choice() == ("easy-read", "pl")
