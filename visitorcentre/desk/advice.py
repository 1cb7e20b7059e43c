"""``desk.advice``: the visiting rules, the check-in checklist and the printed leaflets (services.advice)."""

from __future__ import annotations

from datetime import date

from visitorcentre.core.advice import AdviceChecklist, AdviceRuleView
from visitorcentre.desk.area import Area, action, query, same_as
from visitorcentre.services.advice import checklist as at_check_in
from visitorcentre.services.advice import rules as advice


class Advice(Area):
    """Advice to families at this desk, and the manager's rules behind it."""

    @same_as(advice.rules)
    def rules(
        self,
        establishment: str | None = None,
        language: str = "en",
        include_retired: bool = False,
        on: date | None = None,
    ) -> list[AdviceRuleView]:
        ctx = self.ctx
        with ctx.reading() as session:
            return advice.rules(
                session, establishment or ctx.establishment, language, include_retired, on or ctx.clock.today()
            )

    rule_draft = query(advice.draft_of)
    add_rule = action(advice.add_rule)
    edit_rule = action(advice.edit_rule)
    retire_rule = action(advice.retire_rule)
    move_rule = action(advice.move_rule)
    record_advice_given = action(at_check_in.record_advice_given)

    @same_as(at_check_in.checklist)
    def checklist(self, visit_id: str, language: str = "en") -> AdviceChecklist:
        with self.ctx.reading() as session:
            return at_check_in.checklist(session, visit_id, language, self.ctx.clock.today())

    @same_as(at_check_in.leaflet)
    def leaflet_pdf(
        self, kind: str, establishment: str | None = None, language: str = "en", rules_override: list | None = None
    ) -> bytes:
        ctx = self.ctx
        with ctx.reading() as session:
            return at_check_in.leaflet(
                session, kind, establishment or ctx.establishment, language, rules_override, ctx.clock.today()
            )
