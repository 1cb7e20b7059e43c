"""The advice and leaflet verbs, the demo's default rules, migration 0004, and the shared catalogues."""

from __future__ import annotations

import gettext
import json
import sqlite3
from pathlib import Path

import pypdfium2
import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.integration.records.test_migrations import downgrade, schema, upgrade
from visitorcentre import cli, i18n
from visitorcentre.config import paths
from visitorcentre.core.advice import LEAFLET_KINDS
from visitorcentre.services.advice import rules as service


def run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def db(world):
    service.install_defaults(world.desk.ctx.unit_of_work(), "BAR", 20)
    world.desk.close()
    return world.desk.ctx.db_path


def text_of(path: Path) -> str:
    document = pypdfium2.PdfDocument(path.read_bytes())
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    finally:
        document.close()


@pytest.mark.parametrize(
    "language, words",
    [
        ("en", "Bring no more than £10, in coins only."),
        ("pl", "Zabierz nie więcej niż 10 £, tylko w monetach."),
        ("gd", "Na toir leat barrachd air £10, ann am buinn a-mhàin."),
    ],
)
def test_advice_json_in_each_language(db, capsys, language, words):
    status, out, err = run(capsys, "advice", "--db", db, "--establishment", "bar", "--lang", language, "--json")
    assert status == 0 and err == ""
    rules = json.loads(out)
    assert set(rules[0]) == {"category", "severity", "text", "easy_read", "effective_from"}
    assert words in [r["text"] for r in rules]
    assert rules[0]["category"] == "arrival" and rules[0]["severity"] == "must"


@pytest.mark.parametrize("kind", LEAFLET_KINDS)
def test_leaflet_to_a_file(db, capsys, tmp_path, kind):
    out = tmp_path / f"{kind}.pdf"
    status, said, err = run(capsys, "leaflet", kind, "--db", db, "--establishment", "BAR", "--lang", "gd", "--out", out)
    assert status == 0 and err == "" and str(out) in said
    text = text_of(out)
    assert "HMP Barlinnie" in text and "0800 254 0088" in text and "Riaghailtean mar a bha iad" in text


@pytest.mark.parametrize(
    "argv, words",
    [
        (("advice", "--establishment", "XYZ", "--json"), "no establishment with the code “XYZ”"),
        (("advice", "--establishment", "BAR", "--lang", "fr", "--json"), "no language “fr”"),
        (("leaflet", "poster", "--establishment", "BAR", "--out", "x.pdf"), "no leaflet “poster”"),
        (("leaflet", "children", "--establishment", "NOPE", "--out", "x.pdf"), "no establishment"),
        (("leaflet", "children", "--establishment", "BAR", "--lang", "xx", "--out", "x.pdf"), "no language “xx”"),
        (("leaflet", "children", "--establishment", "BAR"), "--out"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(db, capsys, tmp_path, argv, words):
    argv = [a if a != "x.pdf" else tmp_path / a for a in argv]
    status, out, err = run(capsys, argv[0], *argv[1:], "--db", db)
    assert status == 2 and words in err and err.count("\n") == 1
    assert not (tmp_path / "x.pdf").exists()


def test_a_missing_database(tmp_path, capsys):
    status, _, err = run(capsys, "advice", "--db", tmp_path / "none.sqlite3", "--establishment", "BAR")
    assert status == 2 and "no database" in err


def test_demo_loads_each_establishments_rules_and_local_support(tmp_path, capsys):
    db = tmp_path / "demo.sqlite3"
    assert run(capsys, "demo", "--db", db, "--visitors", "40", "--days", "2")[0] == 0
    for code, fact in (("BAR", "cash desk"), ("GRE", "café"), ("KIL", "£20"), ("ADD", "under 17"), ("EDI", "token")):
        status, out, _ = run(capsys, "advice", "--db", db, "--establishment", code, "--json")
        assert status == 0 and fact in out, code
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM establishment WHERE local_support = ''").fetchone()[0] == 0


def test_migration_0004_down_and_up(tmp_path):
    db = tmp_path / "desk.sqlite3"
    upgrade(db)
    assert {"advice_rule", "advice_given"} <= schema(db)["table"]
    downgrade(db, "0003")
    assert not {"advice_rule", "advice_given"} & schema(db)["table"]
    with sqlite3.connect(db) as connection:
        assert "local_support" not in [r[1] for r in connection.execute("PRAGMA table_info(establishment)")]
    upgrade(db)
    assert {"advice_rule", "advice_given"} <= schema(db)["table"]


class TestCatalogues:
    @pytest.mark.parametrize("language", ["pl", "gd"])
    def test_each_mo_matches_its_po(self, language):
        folder = paths.resources_dir() / "locale" / language / "LC_MESSAGES"

        def key(value):  # a plural entry's forms come as a tuple from the .po and a list from the .mo
            return tuple(value) if isinstance(value, (list, tuple)) else value

        with (folder / "visitorcentre.po").open("rb") as handle:
            po = {key(m.id): key(m.string) for m in read_po(handle) if m.id and m.string and not m.fuzzy}
        with (folder / "visitorcentre.mo").open("rb") as handle:
            mo = {key(m.id): key(m.string) for m in read_mo(handle) if m.id}
        assert mo == po, "run: python tools/catalogues.py compile"

    @pytest.mark.parametrize("language", ["pl", "gd"])
    def test_the_leaflets_and_rules_are_fully_translated(self, language):
        import sys

        sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
        import catalogues

        wanted = [
            m.id
            for m in catalogues.template()
            if m.id
            and any(
                "printing/leaflets/" in where or where.endswith(("demo/advice.py", "services/advice.py"))
                for where, _ in m.locations
            )
        ]
        assert len(wanted) > 100
        missing = [w for w in wanted if not i18n.has_translation(w, language)]
        assert not missing

    def test_placeholders_survive_translation(self):
        for language in ("pl", "gd"):
            _ = i18n.translator(language)
            assert "%(date)s" in _("Rules as of %(date)s") and "%(phone)s" in _("Booking line: %(phone)s")

    def test_switching_language_tells_the_listeners(self):
        heard = []
        stop = i18n.on_language_changed(heard.append)
        try:
            i18n.set_language("pl")
            assert i18n._("What to wear") == "W co się ubrać"
            from visitorcentre.ui.shared.i18n import _ as ui_

            assert ui_("What to wear") == "W co się ubrać"
            i18n.set_language("gd")
            assert i18n._("What to wear") == "Dè a chuireas tu ort"
        finally:
            i18n.set_language("en")
            stop()
        assert heard == ["pl", "gd", "en"]
        assert i18n._("What to wear") == "What to wear"
        assert isinstance(i18n.catalogue("pl"), gettext.GNUTranslations)
