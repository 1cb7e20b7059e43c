"""A pull page counts the rest of the feed only when asked (``total``), on SQLite and PostgreSQL: a desk asks on
its sync's first page only, an older desk that does not say is answered as before, and a bad ``total`` is a 422
naming it, never a 5xx."""

from __future__ import annotations

import sqlite3

import httpx
import pytest
from sqlalchemy import event
from starlette.testclient import TestClient

from tests.integration.server.test_server_numbers import bearer, register, world  # noqa: F401 (world: a fixture)
from visitorcentre.sync import run

PULL = "/v1/establishments/BAR/pull"


class Counts:
    """The COUNT queries the server's database is sent while it is listened to."""

    def __init__(self, engine):
        self.engine, self.seen = engine, 0
        event.listen(engine, "before_cursor_execute", self._heard)

    def _heard(self, connection, cursor, statement, parameters, context, executemany) -> None:
        self.seen += "count(" in statement.lower()

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._heard)


def pages(client: TestClient, desk, limit: int, asks: dict[int, str | None]) -> list[dict]:
    """Every page from the start, ``limit`` rows each; the n-th request (from 0) sends ``total=asks[n]``
    (nothing when None or not given)."""
    found, after = [], 0
    while True:
        params: dict = {"after": after, "limit": limit}
        if asks.get(len(found)) is not None:
            params["total"] = asks[len(found)]
        answer = client.get(PULL, params=params, headers=bearer(desk))
        assert answer.status_code == 200, answer.text
        found.append(answer.json())
        after = found[-1]["last_seq"]
        if not found[-1]["more"]:
            return found


def test_a_desk_asking_on_its_first_page_only_gets_the_whole_count_once(world):
    a = world.enrol("a")
    client = TestClient(world.app)
    everything = pages(client, a, 2000, {0: "true"})
    assert len(everything) == 1
    rows = len(everything[0]["rows"])
    assert rows > 20 and everything[0]["total"] == rows  # every entry of this one page (a's own are left out)
    counts = Counts(world.engine)
    try:
        paged = pages(client, a, 7, {n: "true" if n == 0 else "false" for n in range(1000)})
        assert counts.seen == 1  # the first page's count; the later pages are not counted
    finally:
        counts.close()
    assert len(paged) > 3 and sum(len(page["rows"]) for page in paged) == rows
    assert paged[0]["total"] == rows and all(page["total"] == 0 for page in paged[1:])


def test_a_page_asked_for_its_total_in_the_middle_of_the_feed_counts_what_is_still_to_come(world):
    a = world.enrol("a")
    client = TestClient(world.app)
    paged = pages(client, a, 7, {})
    after = paged[1]["last_seq"]
    still = sum(len(page["rows"]) for page in paged[2:])
    for limit in (7, 2000):  # more to come (counted), and the rest on one page (the page is the count)
        answer = client.get(PULL, params={"after": after, "limit": limit, "total": "1"}, headers=bearer(a))
        assert answer.status_code == 200 and answer.json()["total"] == still, (limit, answer.text)


def test_an_older_desk_that_does_not_say_is_counted_as_before(world):
    """Counted on the first page and on every page with more to come; the last page of a later pull says 0."""
    a = world.enrol("a")
    client = TestClient(world.app)
    paged = pages(client, a, 7, {})
    rows = [len(page["rows"]) for page in paged]
    assert len(paged) > 3
    for n, page in enumerate(paged):
        assert page["total"] == (sum(rows[n:]) if page["more"] else 0), n
    alone = pages(client, a, 2000, {})
    assert alone[0]["total"] == sum(rows)


@pytest.mark.parametrize(
    "value",
    ["2", "-1", "maybe", "", "null", "None", "truee", "1" * 5000, "tru\x00e", "\u00e9", "[true]", str(2**64), "1.0"],
)
def test_a_bad_total_is_a_422_naming_it(world, value):
    a = world.desks.get("a") or world.enrol("a")
    answer = TestClient(world.app).get(PULL, params={"after": 0, "total": value}, headers=bearer(a))
    assert answer.status_code == 422, answer.text
    assert "total" in answer.text and len(answer.text) < 1000  # named, and the value never echoed


def test_a_repeated_or_oddly_cased_total_is_never_a_5xx(world):
    a = world.enrol("a")
    client = TestClient(world.app)
    for query in ("total=true&total=false", "total=TRUE", "total=&total=1", "total=%ff", "total"):
        answer = client.get(f"{PULL}?after=0&{query}", headers=bearer(a))
        assert answer.status_code in (200, 422), (query, answer.status_code)


class Recording(httpx.BaseTransport):
    """The desk's line, noting the ``total`` each pull asked with."""

    def __init__(self, inner: httpx.BaseTransport):
        self.inner, self.asked = inner, []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/pull"):
            self.asked.append(request.url.params.get("total"))
        return self.inner.handle_request(request)


def test_a_desks_progress_has_the_whole_total_over_a_first_pull_and_a_later_one(world, monkeypatch):
    desk = world.enrol("a")
    other = world.enrol("b")
    line = Recording(world.network)
    desk.sync.transport = line
    monkeypatch.setattr(run, "PULL_BATCH", 10)
    with sqlite3.connect(desk.ctx.db_path) as connection:
        connection.execute("UPDATE sync_state SET pull_cursor = 0")
    seen: list[tuple[int, int]] = []
    first = desk.sync.now(lambda done, total: seen.append((done, total)))
    assert first.pulled > 30 and line.asked == ["true"] + ["false"] * (len(line.asked) - 1)
    assert {total for _, total in seen} == {first.pulled}  # the right total from the first page on
    assert [done for done, _ in seen] == sorted(done for done, _ in seen) and seen[-1][0] == first.pulled

    for n in range(25):  # another desk's changes: a later sync of several pages
        register(other, f"Later{chr(65 + n)}")
    other.sync.now()
    line.asked.clear()
    seen.clear()
    later = desk.sync.now(lambda done, total: seen.append((done, total)))
    assert later.pulled >= 25 and len(line.asked) > 2 and line.asked == ["true"] + ["false"] * (len(line.asked) - 1)
    assert {total for _, total in seen} == {later.pulled} and seen[-1][0] == later.pulled
