"""Reading a roster CSV: encodings, empty and huge files, and every bad row named by line and column."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from visitorcentre.core.errors import InvalidInput
from visitorcentre.server import roster
from visitorcentre.server.roster import RosterError, parse

HEADER = "prison_number,first_name,last_name,date_of_birth,location,status,restrictions\r\n"


def test_a_good_roster_reads_every_row():
    text = (
        HEADER + "S200001,Seán,Ó Briain,1980-03-04,Hall A,convicted,\r\n"
        "s200002,Jo,Smith,04/05/1999,,remand,no_child_contact; closed_visits\r\n"
    )
    entries = parse(text.encode())
    assert [e.prison_number for e in entries] == ["S200001", "S200002"]
    assert entries[0].first_name == "Seán" and entries[1].date_of_birth == date(1999, 5, 4)
    assert entries[1].no_child_contact and entries[1].closed_visits and not entries[0].no_child_contact


def test_a_byte_order_mark_and_latin_1_are_read():
    text = HEADER + "S200001,Zoë,Ní Bhriain,1980-03-04,Hall A,convicted,\r\n"
    assert parse(b"\xef\xbb\xbf" + text.encode())[0].first_name == "Zoë"
    assert parse(text.encode("latin-1"))[0].last_name == "Ní Bhriain"
    assert parse(text.encode("cp1252"))[0].first_name == "Zoë"


def test_headers_in_any_order_and_case():
    text = "Status,Last Name,First_Name,Prison_Number,Date of Birth\nconvicted,Grant,Peter,S1,1970-01-01\n"
    assert parse(text.encode())[0].last_name == "Grant"


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (HEADER.encode(), "no prisoners"),
        (b"\x00\x01\x02binary", "binary"),
        (b"prison_number,first_name\nS1,Jo\n", "missing columns last_name, date_of_birth, status"),
        (b"prison_number,first_name,last_name,date_of_birth,status,shoe_size\n", "unknown column"),
    ],
)
def test_unusable_files_are_one_clear_error(data, words):
    with pytest.raises(RosterError) as caught:
        parse(data, "roster.csv")
    assert words in caught.value.message and caught.value.message.startswith("roster.csv:")
    assert "\n" not in caught.value.message


def test_every_bad_row_is_named_by_line_and_column_and_nothing_is_returned():
    text = (
        HEADER
        + "S1,Jo,Smith,1980-01-01,A,convicted,\n"
        + "S2,,Smith,1980-01-01,A,convicted,\n"
        + "S3,Jo,Smith,31/02/1980,A,convicted,\n"
        + "S4,Jo,Smith,1980-01-01,A,paroled,\n"
        + "S1,Jo,Smith,1980-01-01,A,convicted,\n"
        + "S6,Jo,Smith,1980-01-01,A,convicted,wings\n"
        + "S7,Jo,Smith\n"
        + "bad number!,Jo,Smith,1980-01-01,A,convicted,\n"
    )
    with pytest.raises(RosterError) as caught:
        parse(text.encode(), "roster.csv")
    problems = {(line, column) for line, column, _ in caught.value.problems}
    assert problems == {(3, 2), (4, 4), (5, 6), (6, 1), (7, 7), (8, 4), (9, 1)}
    message = caught.value.message
    assert "7 bad rows, nothing imported" in message and "line 3, column 2: first_name: empty" in message
    assert "also on line 2" in message and "“31/02/1980” is not a date" in message


def test_an_unreadable_csv_line_is_named():
    with pytest.raises(RosterError, match="line 2"):
        parse((HEADER + 'S1,"Jo,Smith,1980-01-01,A,convicted,\n').encode())


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(roster, "MAX_BYTES", 1000)
    path = tmp_path / "roster.csv"
    path.write_text(HEADER + "S1,Jo,Smith,1980-01-01,A,convicted,\n" * 100)
    with pytest.raises(InvalidInput, match="at most"):
        roster.read_file(path)


def test_a_missing_file_is_a_plain_error(tmp_path):
    with pytest.raises(InvalidInput, match="no file"):
        roster.read_file(tmp_path / "nowhere.csv")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_rows_or_one_clear_error(data):
    try:
        entries = parse(data, "r.csv")
    except InvalidInput as error:
        assert error.message and "\n" not in error.message
    else:
        assert entries


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=9), max_size=6))
def test_any_table_of_text_gives_rows_or_named_errors(cells):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["prison_number", "first_name", "last_name", "date_of_birth", "status"])
    writer.writerows(cells)
    try:
        parse(buffer.getvalue().encode(), "r.csv")
    except RosterError as error:
        assert all(line >= 2 and column >= 1 for line, column, _ in error.problems)
