"""The console users page (national administrators only): list, add, deactivate or reactivate,
reset the password or the second factor, unlock. Every change is in the central audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput
from visitorcentre.server.console import accounts
from visitorcentre.server.console.accounts import NATIONAL_ADMIN, ROLES, Staff
from visitorcentre.server.console.models import ConsoleUser
from visitorcentre.server.console.web import NavItem, Reader, Writer, invalid, now, redirect, render, require
from visitorcentre.server.models import Document

router = APIRouter()
NAVIGATION = [NavItem("Console users", "/users", (NATIONAL_ADMIN,))]
PAGE_SIZE = 50
ROLE_CHOICES = list(ROLES.items())
Admin = Annotated[Staff, Depends(require(NATIONAL_ADMIN))]


def establishment_choices(db: Session) -> list[tuple[str, str]]:
    """(code, "code – name") of every establishment on the server (a few dozen at most)."""
    rows = db.execute(select(Document.establishment, Document.payload).where(Document.entity == "establishment"))
    return sorted((code, f"{code} – {payload.get('name') or code}") for code, payload in rows)


@router.get("/users")
def list_users(
    request: Request, db: Reader, staff: Admin, after: Annotated[str, Query(max_length=120)] = ""
) -> Response:
    query = select(ConsoleUser).order_by(ConsoleUser.name).limit(PAGE_SIZE + 1)
    if after:
        query = query.where(ConsoleUser.name > after)
    users = list(db.scalars(query))
    more = len(users) > PAGE_SIZE
    users = users[:PAGE_SIZE]
    return render(
        request,
        "users/list.html",
        users=users,
        roles=ROLES,
        moment=now(request),
        next_after=users[-1].name if more else "",
        first_page=not after,
    )


def _new_page(request: Request, db: Session, **context) -> Response:
    return render(request, "users/new.html", roles=ROLE_CHOICES, choices=establishment_choices(db), **context)


@router.get("/users/new")
def new_user_form(request: Request, db: Reader, staff: Admin) -> Response:
    return _new_page(request, db)


@router.post("/users/new")
def add_user(
    request: Request,
    db: Writer,
    staff: Admin,
    name: Annotated[str, Form(max_length=500)] = "",
    role: Annotated[str, Form(max_length=40)] = "",
    establishments: Annotated[list[str], Form()] = [],  # noqa: B006 - FastAPI copies the default
    password: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    try:
        user = accounts.add(
            db,
            actor=staff.name,
            name=name,
            role=role,
            establishments=establishments,
            password=password,
            now=now(request),
        )
    except InvalidInput as error:
        values = {"name": name, "role": role, "establishments": establishments}
        return invalid(
            request,
            "users/new.html",
            error,
            values=values,
            roles=ROLE_CHOICES,
            choices=establishment_choices(db),
        )
    return redirect(
        request,
        f"/users/{user.id}",
        flash=f"Added {user.name}. Give them their password; they set up their authenticator app when they sign in.",
    )


@router.get("/users/{user_id}")
def show_user(request: Request, user_id: str, db: Reader, staff: Admin) -> Response:
    user = accounts.find(db, user_id[:36])
    return render(request, "users/show.html", user=user, roles=ROLES, moment=now(request))


def _change(request: Request, db: Session, staff: Staff, user_id: str, change, done: str) -> Response:
    try:
        user = change(db, actor=staff.name, user_id=user_id[:36], now=now(request))
    except InvalidInput as error:
        user = accounts.find(db, user_id[:36])
        return invalid(request, "users/show.html", error, user=user, roles=ROLES, moment=now(request))
    return redirect(request, f"/users/{user.id}", flash=done.format(name=user.name))


@router.post("/users/{user_id}/deactivate")
def deactivate(request: Request, user_id: str, db: Writer, staff: Admin) -> Response:
    return _change(request, db, staff, user_id, accounts.deactivate, "{name} can no longer sign in.")


@router.post("/users/{user_id}/reactivate")
def reactivate(request: Request, user_id: str, db: Writer, staff: Admin) -> Response:
    return _change(request, db, staff, user_id, accounts.reactivate, "{name} can sign in again.")


@router.post("/users/{user_id}/unlock")
def unlock(request: Request, user_id: str, db: Writer, staff: Admin) -> Response:
    return _change(request, db, staff, user_id, accounts.unlock, "{name} is unlocked.")


@router.post("/users/{user_id}/second-factor")
def reset_second_factor(request: Request, user_id: str, db: Writer, staff: Admin) -> Response:
    return _change(
        request,
        db,
        staff,
        user_id,
        accounts.reset_second_factor,
        "{name} sets up their authenticator app again at their next sign-in.",
    )


@router.post("/users/{user_id}/password")
def reset_password(
    request: Request,
    user_id: str,
    db: Writer,
    staff: Admin,
    password: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    def change(session: Session, *, actor: str, user_id: str, now):
        return accounts.reset_password(session, actor=actor, user_id=user_id, password=password, now=now)

    return _change(request, db, staff, user_id, change, "{name}'s password is changed. Give them the new one.")
