"""Every page module of the console, in the order their routes are added; a module's ``NAVIGATION``
(a list of ``web.NavItem``) goes into the primary navigation. Add your module here (PAGES.md)."""

from __future__ import annotations

from visitorcentre.server.console import (
    audit_log,
    claim_automation_pages,
    claim_decision_pages,
    claim_figures_pages,
    claim_pages,
    desks,
    establishment_advice,
    establishment_support,
    establishments,
    figures_pages,
    home,
    in_building_pages,
    prisoner_actions,
    prisoner_pages,
    review_pages,
    roster_pages,
    scheme_rates_pages,
    sign_in_pages,
    timetable_pages,
    timetable_session_pages,
    users,
    visitor_pages,
)

PAGES = (
    sign_in_pages,
    home,
    users,
    audit_log,
    establishments,
    establishment_advice,
    establishment_support,
    desks,
    timetable_pages,
    timetable_session_pages,
    visitor_pages,
    prisoner_pages,
    prisoner_actions,
    roster_pages,
    figures_pages,
    in_building_pages,
    claim_pages,
    claim_decision_pages,
    review_pages,
    claim_automation_pages,
    scheme_rates_pages,
    claim_figures_pages,
)
