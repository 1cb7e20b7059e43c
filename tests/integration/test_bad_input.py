"""Bad input everywhere: every verb and file reader gives one clear line and exit 2, never a traceback.

Hypothesis throws arbitrary files at the quote-file reader and arbitrary text at the argument
parsers and the verbs; a damaged, truncated, foreign or missing ``--db`` and an output that cannot
be written are refused before anything is written.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import shutil
import sqlite3
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.integration.cost_of_visits.test_quote_cli import EXAMPLE
from visitorcentre import cli
from visitorcentre.db import backups

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def call(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main([str(a) for a in argv])
        except SystemExit as done:  # --help / --version print and leave, as argparse does
            status = done.code
    return status, out.getvalue(), err.getvalue()


def one_clear_line(status: int, err: str) -> None:
    assert "Traceback" not in err
    if status == 2:
        assert err.count("\n") == 1 and err.startswith("visitorcentre"), err


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """A small demo database the read-only verbs look at (and a damaged copy of it)."""
    folder = tmp_path_factory.mktemp("bad-input")
    path = folder / "desk.sqlite3"
    assert cli.main(["demo", "--db", str(path), "--visitors", "60", "--days", "4"]) == 0
    damaged = folder / "damaged.sqlite3"
    shutil.copy(path, damaged)
    size = damaged.stat().st_size
    with open(damaged, "r+b") as handle:
        handle.seek(size // 3)
        handle.write(os.urandom(size // 3))
    truncated = folder / "truncated.sqlite3"
    shutil.copy(path, truncated)
    with open(truncated, "r+b") as handle:
        handle.truncate(size // 2)
    return {"db": path, "damaged": damaged, "truncated": truncated}


# --- the quote file ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, says",
    [
        (b"", "is empty"),
        (b"   \n", "is empty"),
        (
            '{"prison_nation": "scotland", "visit_date": "2026-11-20", "claimant": {"name": "Zoë"}}'.encode("latin-1"),
            "is not UTF-8 text",
        ),
        (b'{"escort": "caf\xe9"}', "is not UTF-8 text"),
        (b"[" * 100_000, "nested far too deeply"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "is not UTF-8 text"),
    ],
)
def test_a_bad_quote_file_is_one_line(tmp_path, content, says):
    path = tmp_path / "claim.json"
    path.write_bytes(content)
    status, out, err = call("hcpv-quote", path)
    assert status == 2 and out == "" and says in err
    one_clear_line(status, err)


def test_a_quote_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "claim.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(EXAMPLE).encode("utf-8"))
    status, out, err = call("hcpv-quote", path, "--json")
    assert status == 0 and json.loads(out)["total_pence"] == 4140


def test_a_huge_quote_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "claim.json"
    with open(path, "wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB on paper
    status, _out, err = call("hcpv-quote", path)
    assert status == 2 and "a quote file is a few hundred bytes" in err


def test_a_folder_is_not_a_quote_file(tmp_path):
    status, _out, err = call("hcpv-quote", tmp_path)
    assert status == 2 and "is a folder" in err


@FUZZ
@given(content=st.binary(max_size=400))
def test_any_bytes_as_a_quote_file(tmp_path, content):
    path = tmp_path / "claim.json"
    path.write_bytes(content)
    status, _out, err = call("hcpv-quote", path, "--json")
    assert status in (0, 2)
    one_clear_line(status, err)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
_FIELDS = [
    "prison_nation",
    "visit_date",
    "application_date",
    "claimant",
    "children",
    "escort",
    "claims_in_last_12_months",
    "hours_away_from_home",
    "expenses",
]


@FUZZ
@given(
    field=st.sampled_from(
        _FIELDS
        + [
            "claimant.date_of_birth",
            "claimant.benefit",
            "claimant.monthly_household_income_pence",
            "expenses.0.miles_one_way",
            "expenses.1.cost_pence",
            "expenses.0.type",
            "children.0.date_of_birth",
        ]
    ),
    value=_JSON
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.decimals(allow_nan=False, allow_infinity=False).map(str)
    | st.sampled_from(["1e999999", "-0", "1e-999999"]),
    as_number=st.booleans(),
)
def test_any_value_in_any_field_of_a_quote_file(tmp_path, field, value, as_number):
    data = copy.deepcopy(EXAMPLE)
    *parents, last = field.split(".")
    target = data
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    text = json.dumps(data)
    if (
        as_number
        and isinstance(value, str)
        and value.lstrip("-")
        .replace(".", "", 1)
        .replace("e", "", 1)
        .replace("E", "", 1)
        .replace("-", "")
        .replace("+", "")
        .isdigit()
    ):
        target[last] = "@@NUMBER@@"
        text = json.dumps(data).replace('"@@NUMBER@@"', value)  # a raw JSON number, however large or small
    else:
        target[last] = value
        text = json.dumps(data)
    path = tmp_path / "claim.json"
    path.write_text(text, encoding="utf-8")
    status, _out, err = call("hcpv-quote", path, "--json")
    assert status in (0, 2), err
    one_clear_line(status, err)


# --- argument parsers and verbs ------------------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20)


@FUZZ
@given(
    verb=st.sampled_from(
        [
            "visits",
            "passes",
            "day-list",
            "report",
            "demo",
            "search",
            "purge",
            "backup",
            "export-visitor",
            "erase-visitor",
            "verify",
            "pass",
            "leaflet",
        ]
    ),
    values=st.lists(_TEXT, min_size=1, max_size=4),
    flags=st.lists(
        st.sampled_from(
            [
                "--date",
                "--from",
                "--to",
                "--visitors",
                "--days",
                "--activity",
                "--seed",
                "--limit",
                "--format",
                "--layout",
                "--out",
                "--reason",
                "--json",
                "--dry-run",
                "--lang",
                "--establishment",
            ]
        ),
        max_size=4,
    ),
)
def test_any_arguments_parse_or_give_one_line(verb, values, flags):
    argv = [verb]
    for flag, value in zip(flags + [None] * len(values), values, strict=False):
        argv += [flag, value] if flag else [value]
    try:
        cli.build_parser().parse_args(argv)
    except cli.UsageError as error:
        assert "\n" not in error.message
    except SystemExit as done:  # --help typed as a value
        assert done.code == 0


@FUZZ
@given(day=_TEXT, other=_TEXT)
def test_any_dates_on_the_verbs_that_read(shared, day, other):
    for argv in (
        ["visits", "--db", shared["db"], "--date", day],
        ["report", "--db", shared["db"], "--from", day, "--to", other, "--format", "json"],
    ):
        status, _out, err = call(*argv)
        assert status in (0, 2)
        one_clear_line(status, err)


@FUZZ
@given(text=_TEXT)
def test_any_reference_token_or_id(shared, tmp_path, text):
    for argv in (
        ["search", text, "--db", shared["db"], "--json"],
        ["visit", text, "--db", shared["db"]],
        ["verify", text, "--db", shared["db"]],
        ["export-visitor", text, "--db", shared["db"], "--out", tmp_path / "out.json"],
    ):
        status, _out, err = call(*argv)
        assert status in (0, 1, 2)
        one_clear_line(status, err)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize(
    "which, says",
    [
        ("damaged", "damaged"),
        ("truncated", "damaged"),
        ("folder", "is a folder"),
        ("foreign", "is not a database"),
        ("empty", "is not a database"),
    ],
)
@pytest.mark.parametrize(
    "verb",
    [
        ["search", "smith"],
        ["visits", "--date", "2026-11-22"],
        ["purge", "--dry-run"],
        ["report", "--from", "2026-01-01", "--to", "2026-12-31"],
        ["backup", "--out", "{out}"],
        ["export-visitor", "someone", "--out", "{out}"],
    ],
)
def test_a_db_that_is_not_a_sound_database_is_one_line(shared, tmp_path, which, says, verb):
    paths_ = {"damaged": shared["damaged"], "truncated": shared["truncated"], "folder": tmp_path}
    if which == "foreign":
        paths_[which] = tmp_path / "notes.txt"
        paths_[which].write_text("Shopping: milk, bread\n")
    if which == "empty":
        paths_[which] = tmp_path / "empty.sqlite3"
        paths_[which].write_bytes(b"")
    db = paths_[which]
    before = db.read_bytes() if db.is_file() else None
    out = tmp_path / "out.file"
    status, stdout, err = (
        call(*[v.format(out=out) for v in verb[:1]], *verb[1:2], "--db", db, *[v.format(out=out) for v in verb[2:]])
        if verb[0] in ("search",)
        else call(verb[0], "--db", db, *[v.format(out=out) for v in verb[1:]])
    )
    if which in ("damaged", "truncated") and verb[0] in ("search", "visits", "report"):
        # A damaged page may not be touched by this question: then the answer comes, else one line.
        assert status in (0, 2)
    else:
        assert status == 2, (stdout, err)
    one_clear_line(status, err)
    if status == 2:
        assert says in err or "could not be used" in err or "damaged" in err, err
    assert not out.exists()
    if before is not None:
        assert db.read_bytes() == before  # nothing written into it


@pytest.mark.parametrize(
    "argv, says",
    [
        (["demo", "--db", "{db}", "--visitors", "99999999999999"], "too many visitors"),
        (["demo", "--db", "{db}", "--days", "1e9"], "is not a whole number"),
        (["search", "x", "--db", "{db}", "--limit", "100000000"], "too many results"),
    ],
)
def test_numbers_out_of_all_reason_are_refused_before_any_work(tmp_path, argv, says):
    db = tmp_path / "new.sqlite3"
    status, _out, err = call(*[a.format(db=db) for a in argv])
    assert status == 2 and says in err and not db.exists()
    one_clear_line(status, err)


def test_the_start_up_check_finds_damaged_and_truncated_files(shared):
    assert backups.check(shared["db"]).ok and backups.check(shared["db"], thorough=True).ok
    for which in ("damaged", "truncated"):
        assert not backups.check(shared[which]).ok
        assert not backups.check(shared[which], thorough=True).ok


def test_an_output_that_cannot_be_written_leaves_nothing_behind(shared, tmp_path):
    with sqlite3.connect(shared["db"]) as c:
        audit = c.execute("SELECT count(*) FROM audit_event").fetchone()[0]
        visitor = c.execute("SELECT id FROM visitor LIMIT 1").fetchone()[0]
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        for argv in (
            ["export-visitor", visitor, "--db", shared["db"], "--out", tmp_path / "nowhere" / "x.json"],
            ["export-visitor", visitor, "--db", shared["db"], "--out", tmp_path],
            ["backup", "--db", shared["db"], "--out", tmp_path / "nowhere" / "b.sqlite3"],
            ["backup", "--db", shared["db"], "--out", shared["db"]],
        ):
            status, _out, err = call(*argv)
            assert status == 2
            one_clear_line(status, err)
        if os.geteuid() != 0:  # root may write anywhere
            status, _out, err = call("export-visitor", visitor, "--db", shared["db"], "--out", locked / "x.json")
            assert status == 2 and "Cannot write" in err
    finally:
        locked.chmod(stat.S_IRWXU)
    with sqlite3.connect(shared["db"]) as c:
        assert c.execute("SELECT count(*) FROM audit_event").fetchone()[0] == audit  # no export was recorded


def test_a_pass_whose_pdf_cannot_be_saved_is_not_recorded_as_printed(world, tmp_path):
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    world.desk.visits.check_in(world.desk.visits.visit_for_scan(reference))
    world.desk.close()
    for out in (tmp_path / "nowhere" / "pass.pdf", tmp_path):
        status, _out, err = call("pass", reference, "--db", world.desk.ctx.db_path, "--out", out)
        assert status == 2
        one_clear_line(status, err)
    with sqlite3.connect(world.desk.ctx.db_path) as c:
        assert c.execute("SELECT count(*) FROM visit_pass").fetchone()[0] == 0
    status, _out, err = call("pass", reference, "--db", world.desk.ctx.db_path, "--out", tmp_path / "pass.pdf")
    assert status == 0, err
    assert (tmp_path / "pass.pdf").read_bytes().startswith(b"%PDF") and not list(tmp_path.glob(".*.part"))
