"""The visits that need review at one establishment (a tab of its pages): the flags its desks raised
when a change made a booked visit's checks worse, still open or lately settled (``centre.review_flags``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from visitorcentre.server.centre import review_flags
from visitorcentre.server.console.accounts import Staff
from visitorcentre.server.console.centre_scope import READERS, scope_of
from visitorcentre.server.console.web import Reader, now, render, require

router = APIRouter()


@router.get("/establishments/{code}/needs-review")
def needs_review(request: Request, code: str, db: Reader, staff: Staff = Depends(require(*READERS))) -> Response:
    found = review_flags.flags(db, scope_of(staff), code, now(request))
    return render(
        request,
        "establishments/needs_review.html",
        place=found.place,
        found=found,
        recent_days=review_flags.RECENT.days,
    )
