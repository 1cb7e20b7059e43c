"""Advice rules: versions in force by date, the manager's changes, the check-in checklist, the leaflets' text layer."""

from __future__ import annotations

import io
from datetime import timedelta

import pypdfium2
import pytest

from tests.conftest import TODAY
from tests.unit.ledger import execute, visit_id
from visitorcentre.core.advice import LEAFLET_KINDS, AdviceRuleDraft, RuleText
from visitorcentre.core.errors import ChangedElsewhere, InvalidInput, NotAllowed
from visitorcentre.demo import advice as defaults
from visitorcentre.services.advice import rules as service

LANGUAGES = ("en", "pl", "gd")


def pdf_text(pdf: bytes) -> str:
    """The PDF's text layer, as a reader (or a screen reader) gets it, with line breaks made spaces."""
    document = pypdfium2.PdfDocument(io.BytesIO(pdf))
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    return " ".join(text.replace("\ufffe", "").replace("\x02", "").split())


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def rules(world):
    """BAR and GRE with their default rules (as a new desk would get them)."""
    service.install_defaults(world.desk.ctx.unit_of_work(), "BAR", 20)
    service.install_defaults(world.desk.ctx.unit_of_work(), "GRE", 30)
    execute(world, "UPDATE establishment SET local_support = ? WHERE code = 'BAR'", (defaults.LOCAL_SUPPORT["BAR"],))
    return world


def draft(**changes) -> AdviceRuleDraft:
    values = dict(
        category="dress",
        severity="must",
        text="No onesies in the visit room.",
        easy_read="No onesies.",
        pictogram="shirt",
    )
    values.update(changes)
    return AdviceRuleDraft(**values)


class TestDefaults:
    def test_each_demo_establishment_has_rules_in_every_category_it_needs(self):
        for code in ("BAR", "GRE", "KIL", "ADD", "EDI"):
            found = {r.category for r in defaults.rules_for(code, 15)}
            assert {"arrival", "id", "lockers", "items", "dress", "money", "children"} <= found, code

    def test_the_establishments_own_facts(self):
        def texts(code):
            return " ".join(r.text for r in defaults.rules_for(code, 15))

        assert "£10, in coins only" in texts("BAR") and "cash desk" in texts("BAR")
        assert "hooded tops" in texts("GRE") and "café" in texts("GRE")
        assert "no more than £20, in coins only" in texts("KIL") and "gloves" in texts("KIL")
        assert "under 17" in texts("ADD")

    def test_every_default_rule_is_translated_into_polish_and_gaelic(self):
        for code in ("BAR", "GRE", "KIL", "ADD", "EDI"):
            for rule in defaults.rules_for(code, 20):
                wording = defaults.translations(rule)
                assert set(wording) == {"pl", "gd"}, rule.text
                assert all(w["text"] and w["easy_read"] for w in wording.values())

    def test_listed_in_position_order_with_translations(self, rules):
        shown = rules.desk.advice.rules("BAR", "pl")
        assert [r.position for r in shown] == sorted(r.position for r in shown)
        assert shown[0].category == "arrival" and "20 minut" in shown[0].text
        assert not any(r.missing_translation for r in shown)
        assert all(r.translations == ("gd", "pl") for r in shown)


class TestEffectiveDates:
    def test_a_future_rule_is_left_out_until_its_day(self, rules):
        desk = rules.desk
        later = TODAY + timedelta(days=10)
        desk.advice.add_rule(draft(effective_from=later))
        assert "No onesies in the visit room." not in [r.text for r in desk.advice.rules()]
        assert "No onesies in the visit room." not in pdf_text(desk.advice.leaflet_pdf("visit-guide"))
        assert "No onesies in the visit room." in [r.text for r in desk.advice.rules(on=later)]
        rules.clock.moment += timedelta(days=10)  # the day comes: the desk's own "today" now includes it
        assert "No onesies in the visit room." in [r.text for r in desk.advice.rules()]
        assert "No onesies in the visit room." in pdf_text(desk.advice.leaflet_pdf("visit-guide"))

    def test_the_demo_rule_agreed_for_later_is_not_shown_yet(self, rules):
        texts = [r.text for r in rules.desk.advice.rules("GRE")]
        assert "Smart watches and fitness trackers must go in the locker." not in texts
        soon = [r.text for r in rules.desk.advice.rules("GRE", on=TODAY + timedelta(days=30))]
        assert "Smart watches and fitness trackers must go in the locker." in soon

    def test_an_edit_supersedes_the_old_wording_from_its_day(self, rules):
        desk = rules.desk
        rule_id = desk.advice.add_rule(draft())
        version = next(r.version for r in desk.advice.rules() if r.id == rule_id)
        later = TODAY + timedelta(days=7)
        desk.advice.edit_rule(
            rule_id, draft(text="No onesies or pyjamas in the visit room.", effective_from=later), version
        )
        today_texts = [r.text for r in desk.advice.rules()]
        assert "No onesies in the visit room." in today_texts  # still in force until the new wording starts
        assert "No onesies or pyjamas in the visit room." not in today_texts
        then = [r.text for r in desk.advice.rules(on=later)]
        assert "No onesies in the visit room." not in then and "No onesies or pyjamas in the visit room." in then
        history = desk.advice.rules(include_retired=True)
        old = next(r for r in history if r.id == rule_id)
        assert old.ends_on == later
        new = next(r for r in history if r.text.startswith("No onesies or"))
        assert new.rule_key == old.rule_key and new.position == old.position

    def test_an_edit_from_today_replaces_at_once_and_the_old_version_cannot_be_edited(self, rules):
        desk = rules.desk
        rule_id = desk.advice.add_rule(draft())
        desk.advice.edit_rule(rule_id, draft(text="Onesies stay at home."), 1)
        texts = [r.text for r in desk.advice.rules()]
        assert "Onesies stay at home." in texts and "No onesies in the visit room." not in texts
        with pytest.raises(NotAllowed):
            desk.advice.edit_rule(rule_id, draft(text="Again"), 2)

    def test_a_retired_rule_disappears(self, rules):
        desk = rules.desk
        rule = next(r for r in desk.advice.rules() if r.category == "dress")
        desk.advice.retire_rule(rule.id, "The prison dropped this rule")
        assert rule.id not in [r.id for r in desk.advice.rules()]
        assert rule.text not in pdf_text(desk.advice.leaflet_pdf("visit-guide"))
        retired = next(r for r in desk.advice.rules(include_retired=True) if r.id == rule.id)
        assert retired.retired

    def test_a_stale_version_is_refused(self, rules):
        desk = rules.desk
        rule_id = desk.advice.add_rule(draft())
        with pytest.raises(ChangedElsewhere):
            desk.advice.edit_rule(rule_id, draft(text="x y z"), 99)


class TestEditing:
    @pytest.mark.parametrize(
        "changes, field",
        [
            (dict(text="   "), "text"),
            (dict(category="hats"), "category"),
            (dict(severity="maybe"), "severity"),
            (dict(pictogram="unicorn"), "pictogram"),
            (dict(effective_from=TODAY - timedelta(days=1)), "effective_from"),
            (dict(effective_from=TODAY + timedelta(days=3000)), "effective_from"),
            (dict(translations={"fr": RuleText("Non")}), "translations"),
            (dict(establishment="NOPE"), "establishment"),
        ],
    )
    def test_validation_names_the_field_and_writes_nothing(self, rules, ledger, changes, field):
        with ledger.nothing_written(), pytest.raises(InvalidInput) as error:
            rules.desk.advice.add_rule(draft(**changes))
        assert error.value.field == field

    def test_a_desk_worker_cannot_change_rules(self, rules, ledger, desk_worker):
        rule = rules.desk.advice.rules()[0]
        with ledger.nothing_written():
            for action in (
                lambda: desk_worker.advice.add_rule(draft()),
                lambda: desk_worker.advice.edit_rule(rule.id, draft(), rule.version),
                lambda: desk_worker.advice.retire_rule(rule.id, "no"),
                lambda: desk_worker.advice.move_rule(rule.id, 3),
            ):
                with pytest.raises(NotAllowed):
                    action()
        assert desk_worker.advice.rules()  # but can read them

    def test_add_is_audited_and_sent(self, rules, ledger):
        ledger.mark()
        rule_id = rules.desk.advice.add_rule(draft(translations={"pl": RuleText("Bez piżam.", "Bez piżam.")}))
        ledger.expect(
            [("Test Worker", "advice_rule_added", "advice_rule", rule_id)], [("advice_rule", rule_id, "insert")]
        )
        shown = rules.desk.advice.rules(language="pl")[-1]
        assert (shown.text, shown.missing_translation) == ("Bez piżam.", False)
        gaelic = rules.desk.advice.rules(language="gd")[-1]
        assert (gaelic.text, gaelic.missing_translation) == ("No onesies in the visit room.", True)

    def test_edit_writes_the_new_version_and_ends_the_old_in_one_go(self, rules, ledger):
        rule_id = rules.desk.advice.add_rule(draft())
        ledger.mark()
        rules.desk.advice.edit_rule(rule_id, draft(text="Onesies stay at home."), 1)
        new_id = next(r.id for r in rules.desk.advice.rules() if r.text == "Onesies stay at home.")
        ledger.expect(
            [("Test Worker", "advice_rule_edited", "advice_rule", new_id)],
            [("advice_rule", rule_id, "update"), ("advice_rule", new_id, "insert")],
        )

    def test_retire_needs_a_reason(self, rules, ledger):
        rule = rules.desk.advice.rules()[0]
        with ledger.nothing_written(), pytest.raises(InvalidInput):
            rules.desk.advice.retire_rule(rule.id, "  ")

    def test_move_renumbers_and_the_leaflet_follows(self, rules, ledger):
        desk = rules.desk
        before = desk.advice.rules()
        last = before[-1]
        ledger.mark()
        desk.advice.move_rule(last.id, 0)
        after = desk.advice.rules()
        assert after[0].id == last.id
        assert [r.position for r in after] == list(range(len(after)))
        assert [a.action for a in ledger.audit()] == ["advice_rule_moved"]
        assert len(ledger.outbox()) == len(before)  # every rule's position changed
        text = pdf_text(desk.advice.leaflet_pdf("easy-read"))
        assert text.index(flat(last.easy_read)) < text.index(flat(before[0].easy_read))

    def test_the_editors_preview_uses_unsaved_rules(self, rules):
        preview = rules.desk.advice.leaflet_pdf("visit-guide", rules_override=[draft(text="A rule not saved yet.")])
        assert "A rule not saved yet." in pdf_text(preview)


class TestChecklist:
    def test_the_checklist_matches_the_establishment(self, rules):
        desk = rules.desk
        vid = visit_id(rules, desk.visits.book_visit(rules.session_today, rules.prisoner, [rules.mum]))
        checklist = desk.advice.checklist(vid)
        topics = {item.topic: item for item in checklist.items}
        assert list(topics) == ["wear", "cash", "lockers", "money_for_prisoner", "not_to_bring"]
        assert "Bring no more than £10, in coins only." in topics["cash"].lines
        assert any("cash desk" in line for line in topics["money_for_prisoner"].lines)
        assert "Hooded coats go in the locker." in topics["wear"].lines
        assert any("Phones" in line for line in topics["not_to_bring"].lines)
        assert checklist.establishment_name == "HMP Barlinnie"
        polish = desk.advice.checklist(vid, "pl")
        assert polish.items[0].heading == "W co się ubrać"

    def test_first_visit_gets_the_whole_guide_and_a_returning_family_does_not(self, rules):
        desk = rules.desk
        first = visit_id(rules, desk.visits.book_visit(rules.session_today, rules.prisoner, [rules.mum]))
        second = visit_id(rules, desk.visits.book_visit(rules.session_tomorrow, rules.prisoner, [rules.mum]))
        checklist = desk.advice.checklist(first)
        assert checklist.first_visit and checklist.first_timers == ("Siobhán MacDonald",)
        assert [i.topic for i in checklist.first_visit_guide][:2] == ["arrival", "id"]
        desk.visits.check_in(first)
        desk.visits.check_out(first)
        again = desk.advice.checklist(second)
        assert not again.first_visit and again.first_visit_guide == ()

    def test_advice_given_is_recorded_once(self, rules, ledger):
        desk = rules.desk
        vid = visit_id(rules, desk.visits.book_visit(rules.session_today, rules.prisoner, [rules.mum]))
        assert not desk.advice.checklist(vid).advice_given
        ledger.mark()
        desk.advice.record_advice_given(vid)
        desk.advice.record_advice_given(vid)
        assert [a.action for a in ledger.audit()] == ["advice_given"]
        assert [o.entity for o in ledger.outbox()] == ["advice_given"]
        checklist = desk.advice.checklist(vid)
        assert checklist.advice_given and checklist.given_by == "Test Worker" and checklist.given_at


class TestLeaflets:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_the_visit_guide_has_every_current_rule(self, rules, language):
        text = pdf_text(rules.desk.advice.leaflet_pdf("visit-guide", "BAR", language))
        current = rules.desk.advice.rules("BAR", language)
        assert current
        for rule in current:
            assert flat(rule.text) in text, rule.text
        assert "0800 254 0088" in text and "HMP Barlinnie" in text and "Barlinnie Visitor Centre" in text

    @pytest.mark.parametrize("language", LANGUAGES)
    @pytest.mark.parametrize("kind", LEAFLET_KINDS)
    def test_every_leaflet_is_dated_names_the_prison_and_signposts_help(self, rules, kind, language):
        text = pdf_text(rules.desk.advice.leaflet_pdf(kind, "BAR", language))
        assert "HMP Barlinnie" in text and "0800 254 0088" in text
        as_of = {
            "en": "Rules as of 22 November 2026",
            "pl": "Zasady na dzień 22 listopada 2026",
            "gd": "Riaghailtean mar a bha iad air 22mh dhen t-Samhain 2026",
        }[language]
        assert as_of in text

    def test_easy_read_has_each_rules_easy_words(self, rules):
        text = pdf_text(rules.desk.advice.leaflet_pdf("easy-read", "GRE", "gd"))
        for rule in rules.desk.advice.rules("GRE", "gd"):
            assert flat(rule.easy_read) in text

    def test_help_with_costs_reads_the_rates_file(self, rules):
        text = pdf_text(rules.desk.advice.leaflet_pdf("help-with-costs", "BAR"))
        assert "£0.30 a mile" in text and "£4.50" in text and "£5.10" in text and "16 or older" in text

    def test_unknown_kind_language_or_establishment(self, rules):
        for kwargs, field in (
            (dict(kind="poster"), "kind"),
            (dict(kind="children", language="fr"), "language"),
            (dict(kind="children", establishment="NOPE"), "establishment"),
        ):
            with pytest.raises(InvalidInput) as error:
                rules.desk.advice.leaflet_pdf(**kwargs)
            assert error.value.field == field
