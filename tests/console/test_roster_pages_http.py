"""The roster upload page and the integrations page over HTTP."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.console.harness import add_establishment, signed_in
from visitorcentre.server.centre.integration_models import RosterIntegration
from visitorcentre.server.console import accounts
from visitorcentre.server.models import Document

HEADER = "prison_number,first_name,last_name,date_of_birth,location,status,restrictions\n"
GOOD = (
    HEADER
    + "A1234BC,Sean,MacDonald,1990-05-01,Hall B,convicted,\nB2345CD,Mary,Jones,02/03/1985,,remand,closed_visits\n"
)
ONE_PRISONER = (
    b'{"prisoners": [{"prison_number": "A1", "first_name": "A", "last_name": "B", '
    b'"date_of_birth": "1990-01-01", "status": "remand"}]}'
)
BAD = HEADER + "A1234BC,Sean,MacDonald,1990-05-01,Hall B,convicted,\nB2345CD,Mary,,31/02/1985,,remand,\n"


def upload(client, text: str, establishment: str = "BAR", name: str = "roster.csv"):
    return client.post(
        "/console/roster",
        data={"csrf_token": client.csrf, "establishment": establishment},
        files={"roster_file": (name, text.encode(), "text/csv")},
    )


def prisoners(app) -> list[dict]:
    with Session(app.state.engine) as session:
        return [d.payload for d in session.scalars(select(Document).where(Document.entity == "prisoner"))]


def test_a_bad_roster_names_each_row_by_line_and_column_and_imports_nothing(app):
    add_establishment(app.state.engine, "BAR")
    admin = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    assert admin.get("/console/roster").status_code == 200
    bad = upload(admin, BAD)
    assert bad.status_code == 400 and "There is a problem" in bad.text
    assert "Line 3, column 3: last_name: empty" in bad.text and 'href="#line-3-3"' in bad.text
    assert "Line 3, column 4" in bad.text and 'id="line-3-4"' in bad.text and 'href="#roster_file"' in bad.text
    assert prisoners(app) == []
    good = upload(admin, GOOD)
    assert good.status_code == 200 and "Roster imported" in good.text and "Mary" in good.text
    assert len(prisoners(app)) == 2
    again = upload(admin, GOOD)
    assert "What changed" not in again.text and len(prisoners(app)) == 2


def test_the_upload_refuses_no_file_another_establishment_and_a_missing_token(app):
    add_establishment(app.state.engine, "BAR")
    add_establishment(app.state.engine, "GRE")
    admin = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    nothing = admin.post("/console/roster", data={"csrf_token": admin.csrf, "establishment": "BAR"})
    assert nothing.status_code == 400 and 'href="#roster_file"' in nothing.text
    other = upload(admin, GOOD, establishment="GRE")
    assert other.status_code == 400 and 'href="#establishment"' in other.text
    binary = upload(admin, "\x00\x01", name="photo.png")
    assert binary.status_code == 400 and "binary" in binary.text
    stolen = admin.post(
        "/console/roster", data={"establishment": "BAR"}, files={"roster_file": ("r.csv", GOOD.encode())}
    )
    assert stolen.status_code == 403
    assert signed_in(app, accounts.ANALYST).get("/console/roster").status_code == 403
    assert prisoners(app) == []


def test_an_integration_key_is_shown_once_and_revoked(app):
    add_establishment(app.state.engine, "BAR")
    assert signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"]).get("/console/integrations").status_code == 403
    admin = signed_in(app)
    assert admin.get("/console/integrations").status_code == 200
    unnamed = admin.post("/console/integrations", data={"csrf_token": admin.csrf, "name": "", "establishment": "BAR"})
    assert unnamed.status_code == 400 and 'href="#name"' in unnamed.text
    made = admin.post("/console/integrations", data={"csrf_token": admin.csrf, "name": "NOMIS", "establishment": "BAR"})
    assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
    key = made.text.split('id="api-key" type="text" value="', 1)[1].split('"', 1)[0]
    assert key.startswith("vcr_") and "/v1/establishments/BAR/roster" in made.text
    listing = admin.get("/console/integrations")
    assert "NOMIS" in listing.text and key not in listing.text and key[:8] in listing.text
    feed = admin.post(
        "/v1/establishments/BAR/roster",
        content=ONE_PRISONER,
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )
    assert feed.status_code == 200 and feed.json()["added"] == 1
    with Session(app.state.engine) as session:
        integration_id = session.scalars(select(RosterIntegration.id)).one()
    assert admin.post(f"/console/integrations/{integration_id}/revoke", data={}).status_code == 403
    assert (
        admin.post(f"/console/integrations/{integration_id}/revoke", data={"csrf_token": admin.csrf}).status_code == 303
    )
    assert "Revoked" in admin.get("/console/integrations").text
    refused = admin.post(
        "/v1/establishments/BAR/roster",
        content=b"{}",
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )
    assert refused.status_code == 401
