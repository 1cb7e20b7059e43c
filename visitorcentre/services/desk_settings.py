"""The desk's own settings that staff change: its establishment, printer for each layout, text size and language.

Also the desk's set-up on its own (no central server): its establishment from the file of
defaults. Settings are this desk's alone, so they are audited but never synced.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre import i18n
from visitorcentre.config import settings
from visitorcentre.core.errors import InvalidInput
from visitorcentre.db import models as m
from visitorcentre.i18n import _
from visitorcentre.services.unit_of_work import UnitOfWork


def establishments(session: Session) -> list[tuple[str, str]]:
    """Every establishment in the desk's records as (code, name), by name."""
    return [
        (code, name)
        for code, name in session.execute(
            select(m.Establishment.code, m.Establishment.name).order_by(m.Establishment.name)
        )
    ]


def chosen_establishment(session: Session) -> str:
    """The establishment this desk serves: the one chosen, else the first by code ("" with none at all)."""
    chosen = settings.get(session, settings.DESK_ESTABLISHMENT)
    if chosen:
        return chosen
    return session.scalar(select(m.Establishment.code).order_by(m.Establishment.code)) or ""


def _put(uow: UnitOfWork, option: settings.Option, value: Any, summary: str) -> None:
    """Store a setting with its audit event, in the unit of work's transaction."""
    session = uow.session
    settings.put(session, option, value)
    session.flush()
    uow.audit("setting_changed", session.get(m.Setting, option.key), summary, {"setting": option.key, "value": value})


def use_establishment(uow: UnitOfWork, code: str) -> None:
    """Make this desk serve the establishment ``code`` from now on (audited).

    Raises InvalidInput (field "establishment") for a code the desk's records do not hold.
    """
    with uow:
        if code not in dict(establishments(uow.session)):
            raise InvalidInput(
                _("There is no establishment with the code “{code}”.").format(code=code), "establishment"
            )
        _put(uow, settings.DESK_ESTABLISHMENT, code, f"This desk now serves {code}")
        uow.commit()


def printer_option(layout: str) -> settings.Option:
    """The setting naming the printer for ``layout`` ("a6", "receipt", "a4"); InvalidInput (field "layout")."""
    if layout not in settings.PRINTERS:
        raise InvalidInput(_("There is no paper layout “{layout}”.").format(layout=layout), "layout")
    return settings.PRINTERS[layout]


def printer_for(session: Session, layout: str) -> str:
    """The printer this desk last used for ``layout`` ("a6", "receipt", "a4"); "" when none was chosen."""
    return settings.get(session, printer_option(layout))


def remember_printer(uow: UnitOfWork, layout: str, printer_name: str) -> None:
    """Remember ``printer_name`` as this desk's printer for ``layout`` (audited); InvalidInput for a layout."""
    option = printer_option(layout)
    with uow:
        _put(uow, option, printer_name, f"Printer for {layout}: {printer_name or 'ask each time'}")
        uow.commit()


def text_size(session: Session) -> int:
    """How large this desk shows its text, in per cent (settings.TEXT_SIZES; 100 unless chosen)."""
    chosen = settings.get(session, settings.TEXT_SIZE)
    return chosen if chosen in settings.TEXT_SIZES else settings.TEXT_SIZE.default


def use_text_size(uow: UnitOfWork, percent: int) -> None:
    """Show this desk's text at ``percent`` (100, 125 or 150) from now on (audited); InvalidInput ("text_size")."""
    if percent not in settings.TEXT_SIZES:
        sizes = ", ".join(f"{size}%" for size in settings.TEXT_SIZES)
        raise InvalidInput(
            _("The text size can be {sizes}, not {percent}%.").format(sizes=sizes, percent=percent), "text_size"
        )
    with uow:
        _put(uow, settings.TEXT_SIZE, percent, f"Text size on this desk: {percent}%")
        uow.commit()


def language(session: Session) -> str:
    """The language this desk's screens were last set to ("en", "pl", "gd"; "" when never chosen)."""
    chosen = settings.get(session, settings.DESK_LANGUAGE)
    return chosen if chosen in i18n.LANGUAGES else ""


def use_language(uow: UnitOfWork, language: str) -> None:
    """Show this desk's screens in ``language`` from now on (audited); InvalidInput ("language").

    The families' own language is each visitor's (services.visits.visitors), not this.
    """
    if language not in i18n.LANGUAGES:
        raise InvalidInput(
            _("There is no language “{language}” (known: {known}).").format(
                language=language, known=", ".join(i18n.LANGUAGES)
            ),
            "language",
        )
    with uow:
        _put(uow, settings.DESK_LANGUAGE, language, f"Language of this desk's screens: {i18n.LANGUAGES[language]}")
        uow.commit()


def set_up_on_its_own(uow: UnitOfWork, establishment: dict[str, Any]) -> None:
    """A new desk serving ``establishment`` (the columns of its row, from the file of defaults), audited.

    The establishment's row is the centre's to change, so it goes in no outbox; the desk is
    marked as set up on its own (settings.SET_UP_ON_ITS_OWN) until it is enrolled.
    """
    with uow:
        row = uow.stamp_new(m.Establishment(**establishment), establishment=establishment["code"])
        settings.put(uow.session, settings.DESK_ESTABLISHMENT, row.code)
        settings.put(uow.session, settings.SET_UP_ON_ITS_OWN, True)
        uow.audit("desk_set_up", row, f"Desk set up on its own for {row.name}", {"code": row.code})
        uow.commit()
