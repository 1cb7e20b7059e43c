"""Every page module of the console, in the order their routes are added; a module's ``NAVIGATION``
(a list of ``web.NavItem``) goes into the primary navigation. Add your module here (PAGES.md)."""

from __future__ import annotations

from visitorcentre.server.console import (
    audit_log,
    desks,
    establishment_advice,
    establishment_support,
    establishments,
    home,
    sign_in_pages,
    users,
)

PAGES = (sign_in_pages, home, users, audit_log, establishments, establishment_advice, establishment_support, desks)
