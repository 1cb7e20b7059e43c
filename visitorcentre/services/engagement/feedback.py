"""Feedback from families, "you said, we did" responses, and the support directory."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.engagement import (
    COMMENT_LIMIT,
    NAME_LIMIT,
    RESPONSE_LIMIT,
    SUPPORT_CATEGORIES,
    THEME_LIMIT,
    FeedbackView,
    ResponseView,
    SupportService,
)
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.roles import MANAGER, require_role
from visitorcentre.core.support_national import NATIONAL_SERVICES
from visitorcentre.core.words import said
from visitorcentre.db import models as m
from visitorcentre.i18n import N_, _
from visitorcentre.services.unit_of_work import UnitOfWork


def _rating(rating) -> int:
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise InvalidInput(said("Choose a face from 1 (very sad) to 5 (very happy)."), "rating")
    return rating


def leave_feedback(
    uow: UnitOfWork,
    rating: int,
    comment: str = "",
    visit_id: str | None = None,
    by_child: bool = False,
    anonymous: bool = True,
    name: str = "",
) -> str:
    """A family's (or a child's) rating and comment after a visit; returns the feedback's id.

    No staff role is needed: it is the family at the desk's feedback screen. ``rating`` is
    1..5 (the face scale of core.engagement.RATINGS). Feedback is anonymous unless they choose
    otherwise: anonymous feedback keeps no name and no link to the visit (only the kind of
    visit it was about and the day). With ``anonymous=False`` a ``name`` is required.
    Raises InvalidInput with ``field`` "rating", "comment" (over COMMENT_LIMIT characters),
    "name" or "visit" (unknown visit). One transaction with audit and outbox.
    """
    rating = _rating(rating)
    comment = (comment or "").strip()
    if len(comment) > COMMENT_LIMIT:
        raise InvalidInput(
            said(
                "Please keep the comment to {limit} characters or fewer (it has {count}).",
                limit=COMMENT_LIMIT,
                count=len(comment),
            ),
            "comment",
        )
    name = " ".join((name or "").split())
    if anonymous:
        name = ""
    elif not name:
        raise InvalidInput(said("Please give your name, or leave the feedback without a name."), "name")
    elif len(name) > NAME_LIMIT:
        raise InvalidInput(said("Please give a name of at most {limit} characters.", limit=NAME_LIMIT), "name")
    with uow:
        establishment = uow.establishment
        kind = ""
        if visit_id:
            visit = uow.session.get(m.Visit, visit_id)
            if visit is None:
                raise InvalidInput(said("That visit is not known here."), "visit")
            establishment, kind = visit.session.establishment, visit.session.kind
        now = uow.clock.now()
        row = uow.stamp_new(
            m.Feedback(
                rating=rating,
                comment=comment,
                by_child=bool(by_child),
                anonymous=bool(anonymous),
                name=name,
                visit_id=None if anonymous else visit_id,
                session_kind=kind,
                given_at=now,
                given_on=now.date(),
                responded=False,
            ),
            establishment=establishment,
        )
        who = "a child" if by_child else "a family"
        # The audit says what was left, never who left it or what they wrote.
        uow.record(
            "leave_feedback",
            row,
            f"Feedback from {who}: {rating} of 5" + (" (anonymous)" if anonymous else ""),
            {"rating": rating, "by_child": bool(by_child), "anonymous": bool(anonymous)},
        )
        uow.commit()
        return row.id


def feedback(session: Session, start: date, end: date, establishment: str) -> list[FeedbackView]:
    """Feedback left from ``start`` to ``end`` (both included) at ``establishment``, newest first."""
    if end < start:
        raise InvalidInput(_("The end date is before the start date."), "end")
    rows = session.execute(
        select(m.Feedback, m.Visit.reference)
        .outerjoin(m.Visit, m.Visit.id == m.Feedback.visit_id)
        .where(m.Feedback.establishment == establishment, m.Feedback.given_on >= start, m.Feedback.given_on <= end)
        .order_by(m.Feedback.given_at.desc(), m.Feedback.id)
    ).all()
    return [
        FeedbackView(
            id=f.id,
            establishment=f.establishment,
            given_at=f.given_at,
            rating=f.rating,
            comment=f.comment,
            by_child=f.by_child,
            anonymous=f.anonymous,
            name=f.name,
            visit_reference=reference or "",
            session_kind=f.session_kind,
            responded=f.responded,
        )
        for f, reference in rows
    ]


def _text(value: str, field: str, words: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(_("Please write {what}.").format(what=_(words)), field)
    if len(value) > limit:
        raise InvalidInput(
            _("Please keep {what} to {limit} characters or fewer (it has {count}).").format(
                what=_(words), limit=limit, count=len(value)
            ),
            field,
        )
    return value


def respond(uow: UnitOfWork, theme: str, you_said: str, we_did: str, feedback_ids: Sequence[str] = ()) -> str:
    """A manager's "you said, we did" response (manager only); returns its id.

    ``feedback_ids`` are the pieces of feedback it answers (they are then marked responded).
    Raises NotAllowed for a desk role; InvalidInput with ``field`` "theme", "you_said",
    "we_did" (empty or too long) or "feedback_ids" (unknown id). Audit and outbox.
    """
    require_role(uow.actor, MANAGER, N_("publish a “you said, we did” response"))
    theme = _text(theme, "theme", N_("a short theme (for example “Waiting times”)"), THEME_LIMIT)
    you_said = _text(you_said, "you_said", N_("what families said"), RESPONSE_LIMIT)
    we_did = _text(we_did, "we_did", N_("what was done about it"), RESPONSE_LIMIT)
    ids = list(dict.fromkeys(feedback_ids or ()))
    with uow:
        cited = []
        for feedback_id in ids:
            row = uow.session.get(m.Feedback, feedback_id)
            if row is None:
                raise InvalidInput(_("One of the pieces of feedback chosen is not known here."), "feedback_ids")
            cited.append(row)
        response = uow.stamp_new(
            m.FeedbackResponse(
                theme=theme,
                you_said=you_said,
                we_did=we_did,
                feedback_ids=ids,
                responded_on=uow.clock.today(),
                responded_by=uow.actor.name,
            )
        )
        uow.record(
            "respond_to_feedback",
            response,
            f"{uow.actor.name} responded to feedback: {theme}",
            {"theme": theme, "feedback": len(ids)},
        )
        for row in cited:
            if not row.responded:
                row.responded = True
                uow.stamp_changed(row)
                uow.outbox(row)
        uow.commit()
        return response.id


def responses(session: Session, establishment: str) -> list[ResponseView]:
    """The "you said, we did" responses of ``establishment``, newest first."""
    rows = session.scalars(
        select(m.FeedbackResponse)
        .where(m.FeedbackResponse.establishment == establishment)
        .order_by(m.FeedbackResponse.responded_on.desc(), m.FeedbackResponse.created_at.desc())
    )
    return [
        ResponseView(
            id=r.id,
            establishment=r.establishment,
            theme=r.theme,
            you_said=r.you_said,
            we_did=r.we_did,
            responded_on=r.responded_on,
            responded_by=r.responded_by,
            feedback_ids=tuple(r.feedback_ids or ()),
        )
        for r in rows
    ]


def _establishment_name(session: Session, code: str) -> str:
    name = session.scalar(select(m.Establishment.name).where(m.Establishment.code == code))
    if name is None:
        raise InvalidInput(_("There is no establishment with the code “{code}”.").format(code=code), "establishment")
    return name


def support_services(session: Session, establishment: str) -> list[SupportService]:
    """National and local support for families at ``establishment``, in directory order.

    National services (Families Outside's helpline and the others) come first in each
    category, then the establishment's own. Built-in national services are used when the
    database holds none.
    """
    rows = session.scalars(
        select(m.SupportServiceRow)
        .where((m.SupportServiceRow.national.is_(True)) | (m.SupportServiceRow.establishment == establishment))
        .order_by(m.SupportServiceRow.position, m.SupportServiceRow.name)
    ).all()
    found = [
        SupportService(
            id=r.id,
            name=r.name,
            category=r.category,
            description=r.description,
            phone=r.phone,
            website=r.website,
            hours=r.hours,
            national=r.national,
            establishment="" if r.national else r.establishment,
        )
        for r in rows
    ]
    if not any(s.national for s in found):
        found += [
            SupportService(
                id=f"national-{i}",
                name=name,
                category=category,
                description=description,
                phone=phone,
                website=website,
                hours=hours,
                national=True,
            )
            for i, (name, category, description, phone, website, hours) in enumerate(NATIONAL_SERVICES)
        ]
    order = list(SUPPORT_CATEGORIES)
    rank = lambda s: order.index(s.category) if s.category in order else len(order)  # noqa: E731
    return sorted(found, key=lambda s: (rank(s), not s.national))


def poster(session: Session, establishment: str, today: date) -> bytes:
    """The "you said, we did" poster (A4 PDF) for ``establishment``. Records nothing."""
    from visitorcentre.printing.engagement import poster_pdf

    name = _establishment_name(session, establishment)
    return poster_pdf(name, responses(session, establishment), today)


def directory(session: Session, establishment: str, today: date, language: str = "en") -> bytes:
    """The printable support directory (A4 PDF) for ``establishment``, in ``language``. Records nothing.

    Raises InvalidInput (field "language") for a language the desk has no words for.
    """
    from visitorcentre import i18n
    from visitorcentre.printing.engagement import directory_pdf

    i18n.check_language(language)
    name = _establishment_name(session, establishment)
    return directory_pdf(name, support_services(session, establishment), today, language)
