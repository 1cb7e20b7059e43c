"""The roster feed's JSON body: any JSON gives checked entries or problems naming a row and a known field."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from visitorcentre.server.centre import roster_feed
from visitorcentre.server.roster import COLUMNS

KNOWN = set(COLUMNS) | {"body", "prisoners"}
values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=12), st.lists(st.text(max_size=8), max_size=3)
)
row = st.dictionaries(st.sampled_from([*COLUMNS, "nickname"]), values, max_size=8)
bodies = st.one_of(
    st.builds(lambda rows: {"prisoners": rows}, st.lists(st.one_of(row, values), max_size=5)),
    st.recursive(values, lambda inner: st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6),
)


@settings(max_examples=300, deadline=None)
@given(bodies)
def test_any_json_gives_entries_or_problems_naming_row_and_field(data):
    body = json.dumps(data).encode()
    try:
        found = roster_feed.entries(body)
    except roster_feed.FeedRefused as refused:
        assert refused.problems and refused.message.startswith("Nothing was applied")
        rows = (
            len(data.get("prisoners") or [])
            if isinstance(data, dict) and isinstance(data.get("prisoners"), list)
            else 0
        )
        for number, field, _message in refused.problems:
            assert 0 <= number <= rows and (field in KNOWN or field == "nickname")
    else:
        assert found and len({e.prison_number for e in found}) == len(found)


@given(st.binary(max_size=200))
def test_any_bytes_are_refused_plainly_or_read(data):
    try:
        roster_feed.entries(data)
    except roster_feed.FeedRefused as refused:
        assert refused.problems
