"""The catalogues are complete: every word in Polish and Scottish Gaelic, placeholders kept, nothing left unwrapped.

Fails on a missing string: a msgid of the template with no translation (or an empty plural
form) in pl or gd, a translation that drops or invents a placeholder ({name}, %(date)s, %s),
a template out of step with the code (run ``make catalogues``), a .mo not compiled from its
.po, a literal handed to a Qt text call in ui/ (or a Paragraph in printing/) without ``_()``, or
an English message raised by a desk service, by the core rules, files/, sync/ enrolment, desk/ or db/, or
given to a CheckResult in core/checks.py.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tests.unit.i18n.unwrapped import hidden_from_the_extractor, scan, scan_messages, scan_source
from visitorcentre.i18n import PLACEHOLDER

ROOT = Path(__file__).resolve().parents[3]
LOCALE = ROOT / "resources" / "locale"
LANGUAGES = {"pl": 3, "gd": 4}  # and how many plural forms each has

#: Literals the scan finds that are not words for a person to read, each with why.
ALLOWED = {
    ("visitorcentre/ui/sync/connect_later.py", "https://visits.example.scot"): "an example address, not words",
    ("visitorcentre/ui/window/first_run.py", "https://visits.example.scot"): "an example address, not words",
    ("visitorcentre/printing/estate_figures.py", "Figure"): "the central console's printout: the console is in English",
    (
        "visitorcentre/printing/estate_figures.py",
        "National figures of family contact",
    ): "the console's printout (English)",
}


def _catalogue(path: Path, language: str | None = None):
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def _template():
    return _catalogue(LOCALE / "visitorcentre.pot")


def _forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def _ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_template_is_translated(language):
    catalogue = _catalogue(LOCALE / language / "LC_MESSAGES" / "visitorcentre.po", language)
    missing = []
    for message in _template():
        if not message.id:
            continue
        found = catalogue.get(message.id, message.context)
        if found is None or found.fuzzy or not all(form.strip() for form in _forms(found)):
            missing.append(_ids(message)[0])
    assert not missing, f"{len(missing)} strings have no {language} translation, e.g. {missing[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder_and_have_the_right_plural_forms(language):
    catalogue = _catalogue(LOCALE / language / "LC_MESSAGES" / "visitorcentre.po", language)
    assert catalogue.num_plurals == LANGUAGES[language]
    wrong = []
    for message in catalogue:
        if not message.id or not any(_forms(message)):
            continue
        sources = {tuple(_placeholders(text)) for text in _ids(message)}
        if isinstance(message.id, tuple):
            assert len(_forms(message)) == LANGUAGES[language], message.id
        for form in _forms(message):
            if tuple(_placeholders(form)) not in sources:
                wrong.append((_ids(message)[0], form))
    assert not wrong, f"placeholders differ in {language}: {wrong[:5]}"


def test_the_template_holds_exactly_the_strings_in_the_code():
    from tools.catalogues import template

    in_code = {message.id for message in template() if message.id}
    in_file = {message.id for message in _template() if message.id}
    assert in_code == in_file, (
        f"run `make catalogues`: new {sorted(map(str, in_code - in_file))[:5]}, "
        f"gone {sorted(map(str, in_file - in_code))[:5]}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_mo_is_compiled_from_its_po(language):
    folder = LOCALE / language / "LC_MESSAGES"
    compiled = io.BytesIO()
    write_mo(compiled, _catalogue(folder / "visitorcentre.po", language))
    assert (folder / "visitorcentre.mo").read_bytes() == compiled.getvalue(), "run `make catalogues`"


@pytest.mark.parametrize(
    "path", ["visitorcentre.pot", "pl/LC_MESSAGES/visitorcentre.po", "gd/LC_MESSAGES/visitorcentre.po"]
)
def test_the_catalogues_say_a_native_speaker_must_review_them(path):
    head = (LOCALE / path).read_text(encoding="utf-8")[:1500]
    assert re.search(r"native speaker", head, re.IGNORECASE) and "TRANSLATORS.md" in head


def test_no_words_on_the_screens_or_the_printouts_are_left_unwrapped():
    found = [
        item
        for folder in ("ui", "printing")
        for item in scan(ROOT / "visitorcentre" / folder, ROOT)
        if (item.path, item.text) not in ALLOWED
    ]
    assert not found, "\n".join(map(str, found))


#: Modules outside services/ whose refusals reach a desk screen (or the command line): core and the
#: layers that may not import i18n raise a ``said(...)``, desk/ and i18n.py raise ``_(...)``.
MESSAGE_MODULES = (
    "core/checks.py",
    "core/sign_in.py",
    "core/roles.py",
    "core/visitor_details.py",
    "core/cost_of_visits/rules.py",
    "core/cost_of_visits/rates.py",
    "config/settings.py",
    "files",
    "sync",
    "desk",
    "db",
    "i18n.py",
)
#: core/cost_of_visits modules used only by the central server's console, which is English by design
#: (a caseworker's decision, the automatic approval checks, the rates form): not scanned.
SERVER_ONLY = (
    "core/cost_of_visits/decisions.py",
    "core/cost_of_visits/auto_approval.py",
    "core/cost_of_visits/rate_tables.py",
)


def _message_files() -> list[Path]:
    found = []
    for name in ("services", *MESSAGE_MODULES):
        path = ROOT / "visitorcentre" / name
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return found


def test_every_module_scanned_for_messages_is_there():
    missing = [name for name in (*MESSAGE_MODULES, *SERVER_ONLY) if not (ROOT / "visitorcentre" / name).exists()]
    assert not missing, f"moved or renamed: {missing} (update MESSAGE_MODULES)"


def test_no_message_a_desk_service_raises_or_a_check_gives_is_left_unwrapped():
    found = [
        item
        for file in _message_files()
        for item in scan_messages(file.read_text(encoding="utf-8"), file.relative_to(ROOT).as_posix())
    ]
    assert not found, "\n".join(map(str, found))


def test_every_translated_literal_is_one_the_extractor_can_see():
    found = [
        item
        for file in sorted((ROOT / "visitorcentre").rglob("*.py"))
        for item in hidden_from_the_extractor(file.read_text(encoding="utf-8"), file.relative_to(ROOT).as_posix())
    ]
    assert not found, "\n".join(f"{item.path}:{item.line}: {item.text!r}: {item.call} hides it" for item in found)


class TestTheScanItself:
    def test_it_finds_a_bare_literal_an_f_string_and_a_message_box(self):
        source = (
            "label = QLabel('Check in', self)\n"
            "button.setText(f'Print {n} passes')\n"
            "QMessageBox.warning(self, 'Oops', 'Something went wrong')\n"
            "self.setWindowTitle('Hall door' + suffix)\n"
        )
        found = [(item.call, item.text) for item in scan_source(source, "x.py")]
        assert ("QLabel", "Check in") in found
        assert ("setText", "Print  passes") in found
        assert ("warning", "Oops") in found and ("warning", "Something went wrong") in found
        assert ("setWindowTitle", "Hall door") in found

    def test_it_passes_wrapped_words_symbols_and_the_log(self):
        source = (
            "QLabel(_('Check in'), self)\n"
            "button.setText(ngettext('{n} pass', '{n} passes', n).format(n=n))\n"
            "self.icon.setText('✓')\n"
            "label.setText('')\n"
            "log.warning('Could not read %s', path)\n"
            "label.setText(name)\n"
        )
        assert list(scan_source(source, "x.py")) == []

    def test_it_finds_a_raised_message_and_a_check_message_in_english(self):
        source = (
            "raise NotAllowed(f'Visit {ref} is {state}; it cannot be checked in.')\n"
            "raise InvalidInput('Please give a reason.', 'reason')\n"
            "CheckResult('banned', Severity.STOP, f'{name} is banned', 'Refuse them.', visitor_id)\n"
            "CheckResult('late', Severity.WARNING, message='Late', next_step=f'Ask {who}')\n"
        )
        found = [(item.call, item.text) for item in scan_messages(source, "x.py")]
        assert found == [
            ("NotAllowed", "Visit  is ; it cannot be checked in."),
            ("InvalidInput", "Please give a reason."),
            ("CheckResult", " is banned"),
            ("CheckResult", "Refuse them."),
            ("CheckResult", "Late"),
            ("CheckResult", "Ask "),
        ]

    def test_it_passes_translated_messages_and_codes(self):
        source = (
            "raise NotAllowed(_('Visit {ref} is {state}.').format(ref=ref, state=state))\n"
            "raise InvalidInput(_('Please give a reason.'), 'reason')\n"
            "raise NotFound(ngettext('{n} visit', '{n} visits', n).format(n=n), 'date')\n"
            "raise ChecksFailed(message, results)\n"
            "CheckResult('banned', Severity.STOP, said('{name} is banned', name=n), said('Refuse them.'))\n"
        )
        assert list(scan_messages(source, "x.py")) == []

    def test_it_finds_words_the_extractor_cannot_see(self):
        source = "title = translator(language)('Visit pass')\n_ = translator(language)\nok = _('Visit pass')\n"
        assert [item.text for item in hidden_from_the_extractor(source, "x.py")] == ["Visit pass"]

    def test_it_finds_words_in_an_f_string_the_extractor_cannot_see(self):
        source = "text = f\"{_(sign.word)}: {_('What to do:')} {step}\"\nok = _('What to do:') + f'{step}'\n"
        assert [item.text for item in hidden_from_the_extractor(source, "x.py")] == ["What to do:"]
