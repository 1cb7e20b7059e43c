"""Reading a prisoner roster CSV: every row checked before anything is stored; every bad one named.

Columns (a header row, in any order, any case): ``prison_number``, ``first_name``,
``last_name``, ``date_of_birth`` (YYYY-MM-DD or DD/MM/YYYY), ``location``, ``status``
(remand, convicted, released) and ``restrictions`` (empty, or any of ``no_child_contact`` and
``closed_visits`` separated by ``;``). The file may be UTF-8 (with or without the byte-order
mark Excel writes) or Windows-1252 / Latin-1; at most ``MAX_BYTES``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from visitorcentre.core.errors import InvalidInput

MAX_BYTES = 20 * 1024 * 1024
MAX_SHOWN = 12
COLUMNS = ("prison_number", "first_name", "last_name", "date_of_birth", "location", "status", "restrictions")
REQUIRED = ("prison_number", "first_name", "last_name", "date_of_birth", "status")
STATUSES = ("remand", "convicted", "released")
RESTRICTIONS = ("no_child_contact", "closed_visits")
_NUMBER = re.compile(r"^[A-Z0-9]{1,20}$")


@dataclass(frozen=True)
class RosterEntry:
    prison_number: str
    first_name: str
    last_name: str
    date_of_birth: date
    location: str
    status: str
    no_child_contact: bool
    closed_visits: bool


class RosterError(InvalidInput):
    """The roster cannot be imported; ``problems`` lists (line, column, message)."""

    def __init__(self, name: str, problems: list[tuple[int, int, str]]):
        shown = "; ".join(f"line {line}, column {column}: {message}" for line, column, message in problems[:MAX_SHOWN])
        more = f"; and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
        rows = len({line for line, _, _ in problems})
        super().__init__(f"{name}: {rows} bad row{'s' if rows != 1 else ''}, nothing imported: {shown}{more}", "file")
        self.problems = problems


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (a BOM is dropped), else Windows-1252, else Latin-1."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _date(text: str) -> date:
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ValueError


def read_file(path: Path) -> list[RosterEntry]:
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InvalidInput(f"There is no file {path}.", "file") from None
    if not path.is_file():
        raise InvalidInput(f"{path} is not a file.", "file")
    if size > MAX_BYTES:
        raise InvalidInput(
            f"{path.name} is {size / 1048576:.0f} MB; a roster can be at most "
            f"{MAX_BYTES // 1048576} MB. Split it by establishment.",
            "file",
        )
    return parse(path.read_bytes(), path.name)


def parse(data: bytes, name: str = "roster") -> list[RosterEntry]:
    """Every row of the roster, or RosterError naming each bad row by line and column."""
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"{name} is larger than {MAX_BYTES // 1048576} MB.", "file")
    if b"\x00" in data:
        raise RosterError(
            name,
            [
                (
                    data[: data.index(b"\x00")].count(b"\n") + 1,
                    1,
                    "the file holds binary data, not text; save the roster as CSV",
                )
            ],
        )
    text = decode(data)
    if not text.strip():
        raise RosterError(name, [(1, 1, "the file is empty; it needs a header row and a row per prisoner")])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as error:
        raise RosterError(name, [(1, 1, f"the header row cannot be read ({error})")]) from None
    columns = [h.strip().lower().replace(" ", "_") for h in header]
    problems: list[tuple[int, int, str]] = []
    for position, column in enumerate(columns, 1):
        if column not in COLUMNS:
            problems.append(
                (1, position, f"unknown column “{header[position - 1]}”; the columns are {', '.join(COLUMNS)}")
            )
        elif columns.index(column) != position - 1:
            problems.append((1, position, f"the column {column} is there twice"))
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        problems.append((1, len(columns) + 1, f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"))
    if problems:
        raise RosterError(name, problems)
    entries: list[RosterEntry] = []
    seen: dict[str, int] = {}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append((reader.line_num, 1, f"this line cannot be read as CSV ({error})"))
            break
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            problems.append(
                (line, min(len(row), len(columns)) + 1, f"{len(row)} values where the header has {len(columns)}")
            )
            continue
        entry = _entry(dict(zip(columns, (cell.strip() for cell in row), strict=True)), columns, line, problems)
        if entry is None:
            continue
        if entry.prison_number in seen:
            problems.append(
                (
                    line,
                    columns.index("prison_number") + 1,
                    f"prison number {entry.prison_number} is also on line {seen[entry.prison_number]}",
                )
            )
            continue
        seen[entry.prison_number] = line
        entries.append(entry)
    if problems:
        raise RosterError(name, problems)
    if not entries:
        raise RosterError(name, [(2, 1, "the roster has a header but no prisoners")])
    return entries


def entry_from(values: dict[str, str], line: int, problems: list[tuple[int, int, str]]) -> RosterEntry | None:
    """One roster row from named values (a JSON feed's row), checked as a CSV row is; problems name
    the column by its position in ``COLUMNS``."""
    return _entry(values, list(COLUMNS), line, problems)


def _entry(
    values: dict[str, str], columns: list[str], line: int, problems: list[tuple[int, int, str]]
) -> RosterEntry | None:
    before = len(problems)

    def bad(column: str, message: str) -> None:
        problems.append((line, columns.index(column) + 1, f"{column}: {message}"))

    number = values.get("prison_number", "").upper().replace(" ", "")
    if not _NUMBER.match(number):
        bad(
            "prison_number",
            f"“{values.get('prison_number', '')}” is not a prison number (letters and digits, at most 20)",
        )
    for column in ("first_name", "last_name"):
        value = values.get(column, "")
        if not value:
            bad(column, "empty")
        elif len(value) > 80:
            bad(column, "longer than 80 characters")
    born = None
    try:
        born = _date(values.get("date_of_birth", ""))
        if not date(1900, 1, 1) <= born <= date.today():
            bad("date_of_birth", f"{born.isoformat()} is not a plausible date of birth")
    except ValueError:
        bad("date_of_birth", f"“{values.get('date_of_birth', '')}” is not a date (YYYY-MM-DD or DD/MM/YYYY)")
    status = values.get("status", "").lower()
    if status not in STATUSES:
        bad("status", f"“{values.get('status', '')}” is not one of {', '.join(STATUSES)}")
    location = values.get("location", "")
    if len(location) > 40:
        bad("location", "longer than 40 characters")
    restrictions = {r.strip().lower().replace(" ", "_") for r in values.get("restrictions", "").split(";") if r.strip()}
    unknown = restrictions - set(RESTRICTIONS)
    if unknown:
        bad(
            "restrictions",
            f"unknown restriction “{sorted(unknown)[0]}”; use {' or '.join(RESTRICTIONS)}, separated by ;",
        )
    if len(problems) > before or born is None:
        return None
    return RosterEntry(
        number,
        values["first_name"],
        values["last_name"],
        born,
        location,
        status,
        "no_child_contact" in restrictions,
        "closed_visits" in restrictions,
    )
