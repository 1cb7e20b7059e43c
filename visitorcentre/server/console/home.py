"""The console's start page: who is signed in, and where they can go."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from visitorcentre.server.console.accounts import EVERYONE, Staff
from visitorcentre.server.console.web import render, require

router = APIRouter()


@router.get("/")
def home(request: Request, staff: Staff = Depends(require(*EVERYONE))) -> Response:
    return render(request, "home.html")
