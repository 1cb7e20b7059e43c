"""Imports point one way, by allow-list: each folder of the app names the folders it may import.

Core has no Qt and no SQLAlchemy; only the layers that own the database open a session; no
module grows past 400 lines. The rules are the tables below; ``architecture.py`` reads the source
and names the module, the line and the import that breaks them. A new folder needs its own line
in ``MAY_IMPORT`` before anything in it passes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import visitorcentre
from tests.unit import architecture as check

PACKAGE = Path(visitorcentre.__file__).resolve().parent
NAME = "visitorcentre"

#: What every screen of the desk may use: rules and words, settings, documents, the runtime and
#: shared widgets, and the desk's facades (never db/ or services/ directly).
UI = ("__init__.py", "core", "core/*", "config", "i18n.py", "printing", "printing/*", "desk", "ui/shared", "ui/runtime")
#: The service areas' common ground: rules, the database, receipts' files, words and documents.
SERVICES = ("core", "core/*", "config", "db", "files", "i18n.py", "printing", "printing/*", "services")
#: What builds the desk: everything but the screens.
COMPOSITION = (
    "__init__.py",
    "config",
    "core",
    "core/*",
    "db",
    "files",
    "i18n.py",
    "printing",
    "printing/*",
    "services",
    "services/*",
    "sync",
    "desk",
)

#: Folder (or root module) -> the folders it may import besides itself. ``x/*`` is every folder under x/.
MAY_IMPORT: dict[str, tuple[str, ...]] = {
    "__init__.py": (),
    "__main__.py": ("cli",),
    "core": (),
    "core/cost_of_visits": ("core",),
    "config": ("core", "core/*", "db"),  # settings live in the desk database's setting table
    "files": ("config", "core", "core/*"),
    "i18n.py": ("config", "core"),
    "db": ("config", "core", "core/*", "files"),
    "db/migrations": ("db",),
    "printing": ("config", "core", "core/*", "i18n.py", "printing/*"),
    "printing/leaflets": ("config", "core", "core/*", "i18n.py", "printing"),
    "services": SERVICES,
    "services/advice": SERVICES,
    "services/cost_of_visits": SERVICES + ("services/visits",),
    "services/engagement": SERVICES,
    "services/passes": SERVICES + ("services/visits",),
    "services/records": SERVICES + ("services/visits",),
    "services/staff": SERVICES,
    "services/visits": SERVICES,
    "sync": ("__init__.py", "config", "core", "core/*", "db", "files"),  # __init__: the app version a row was held at
    "server": ("__init__.py", "config", "core", "core/*", "files", "sync"),  # files: a receipt's bytes checked
    "server/migrations": ("server",),
    "desk": COMPOSITION,
    "demo": COMPOSITION,
    "cli": COMPOSITION + ("demo", "server", "ui/runtime"),
    "ui/shared": UI,
    "ui": UI,
    "ui/runtime": UI + ("ui/*",),
    "ui/window": UI + ("ui/*",),
    "ui/advice": UI,
    "ui/check_in": UI + ("ui/advice", "ui/cost_of_visits", "ui/records"),
    "ui/cost_of_visits": UI + ("ui/check_in",),
    "ui/engagement": UI + ("ui/check_in", "ui/cost_of_visits"),
    "ui/passes": UI + ("ui/check_in",),
    "ui/records": UI,
    "ui/staff": UI,
    "ui/sync": UI,
}

#: Single modules let through to one more folder, each with its reason. Keep this short.
ALSO_ALLOWED: dict[tuple[str, str], str] = {
    ("cli/smoke_test.py", "ui/shared"): "drives the real window, with the print and reason dialogs answered by itself",
    ("ui/runtime/desk_app.py", "db"): "upgrades and checks the database file before the desk opens it",
    ("ui/runtime/desk_app.py", "demo"): "makes the demo database for `visitorcentre --demo`",
    ("ui/records/damaged_records.py", "db"): "checks a damaged file with plain sqlite3 (db.backups) before "
    "any session can open",
    ("ui/records/damaged_records.py", "sync"): "restores a backup under the sync's lock, before any desk is "
    "open on the file",
    ("ui/records/personal_data.py", "files"): "writes a subject-access export to the file staff chose",
    ("ui/staff/audit_viewer.py", "services/staff"): "the audit log's query (a frozen dataclass) is built by the screen",
    ("ui/staff/desk_lock.py", "demo"): "lists the demo staff on the lock screen of a demo database",
    ("ui/sync/connect_later.py", "sync"): "enrols the desk on its worker until the sync facade carries it",
    ("services/advice/rules.py", "demo"): "the default advice rules are written in demo/advice.py",
    ("server/admin.py", "db"): "`server-admin demo` builds a desk demo database and loads it",
    ("server/admin.py", "demo"): "`server-admin demo` builds a desk demo database and loads it",
    ("server/console/figures_pages.py", "printing"): "prints the national figures with the desks' reportlab layouts",
    ("server/console/in_building_pages.py", "printing"): "prints the evacuation list the desk prints, the same PDF",
}

#: Folders (and root modules) whose modules may open a database session or connection.
MAY_OPEN_A_SESSION = (
    "db",
    "db/migrations",
    "services",
    "services/*",
    "sync",
    "server",
    "server/migrations",
    "desk",
    "cli",
    "demo",
)

MODULE_LINES = 400
#: Modules allowed over the limit for a while, each with its reason (keep it empty).
TEMPORARILY_OVER: dict[str, str] = {}


def modules(folder: str) -> list[Path]:
    root = PACKAGE / folder
    return sorted(root.rglob("*.py")) if root.is_dir() else []


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported(tree: ast.Module) -> set[str]:
    """Top-level package names a module imports (absolute imports only)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", None) == "__import__"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.add(str(node.args[0].value).split(".")[0])
    return found


def imported_modules(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


# --- the app's own tree -----------------------------------------------------------------------------


def test_every_folder_imports_only_what_its_allow_list_names():
    problems = check.import_violations(PACKAGE, NAME, MAY_IMPORT, ALSO_ALLOWED)
    assert not problems, "\n".join(problems)


def test_every_exception_is_still_needed():
    """A module let through to a folder it no longer imports comes off ALSO_ALLOWED."""
    strict = check.import_violations(PACKAGE, NAME, MAY_IMPORT)
    unused = [
        f"{module} -> {target}"
        for module, target in ALSO_ALLOWED
        if not any(line.startswith(f"{module} line ") and f"({target})" in line for line in strict)
    ]
    assert not unused, f"no longer needed in ALSO_ALLOWED: {unused}"


def test_only_the_database_layers_open_a_session():
    problems = check.session_violations(PACKAGE, MAY_IMPORT, MAY_OPEN_A_SESSION)
    assert not problems, "\n".join(problems)


def test_no_module_is_over_400_lines():
    problems = check.size_violations(PACKAGE, MODULE_LINES, TEMPORARILY_OVER)
    assert not problems, "\n".join(problems)


def test_core_has_modules_to_check():
    assert len(modules("core")) >= 5


@pytest.mark.parametrize("path", modules("core"), ids=lambda p: p.name)
def test_core_imports_neither_qt_nor_sqlalchemy(path):
    banned = imported(parse(path)) & {"PySide6", "PyQt5", "PyQt6", "shiboken6", "sqlalchemy", "alembic"}
    assert not banned, f"{path.relative_to(PACKAGE)} imports {sorted(banned)}"


@pytest.mark.parametrize("path", modules("core"), ids=lambda p: p.name)
def test_core_imports_nothing_outside_core_from_the_app(path):
    ours = {m for m in imported_modules(parse(path)) if m.startswith("visitorcentre")}
    outside = {m for m in ours if not m.startswith("visitorcentre.core")}
    assert not outside, f"{path.relative_to(PACKAGE)} imports {sorted(outside)}"


@pytest.mark.parametrize(
    "path",
    modules("services") + modules("db") + modules("sync") + modules("printing") + modules("server"),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_services_and_db_have_no_qt(path):
    """Nor have sync/, printing/ and server/: Qt stays in ui/."""
    assert not imported(parse(path)) & {"PySide6", "shiboken6"}, f"{path.relative_to(PACKAGE)} imports PySide6"


def test_ui_never_opens_a_database_session():
    paths = modules("ui")
    offenders = {str(p.relative_to(PACKAGE)): found for p in paths if (found := check.session_openers(parse(p)))}
    assert not offenders, f"the UI opens database sessions itself: {offenders}"


# --- the checker itself, on small planted trees -------------------------------------------------------


def plant(root: Path, files: dict[str, str]) -> Path:
    """A package ``shop`` under root with the given modules (and an __init__.py in every folder)."""
    package = root / "shop"
    for name, text in {"__init__.py": "", **files}.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for folder in [path.parent, *path.parent.parents]:
            if folder == root:
                break
            (folder / "__init__.py").touch()
        path.write_text(text, encoding="utf-8")
    return package


RULES = {"__init__.py": (), "core": (), "db": ("core",), "ui": ("core",)}


def test_the_session_check_would_catch_one():
    tree = ast.parse(
        "from sqlalchemy.orm import Session\n"
        "def load(desk):\n    with desk.reading() as s:\n        return Session(desk.engine)\n"
    )
    assert len(check.session_openers(tree)) == 3


def test_the_session_check_skips_imports_for_annotations_only():
    tree = ast.parse(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from sqlalchemy.orm import Session\n"
        "from sqlalchemy.orm import sessionmaker\n"
    )
    assert check.session_openers(tree) == ["import of sessionmaker on line 4"]


def test_the_session_check_tells_an_engine_from_a_signal():
    tree = ast.parse(
        "import sqlite3\nbutton.clicked.connect(save)\npainter.begin(page)\n"
        "with self.engine.connect() as c, db_engine.begin():\n    sqlite3.connect(path)\n"
    )
    assert [found.split(" on line")[0] for found in check.session_openers(tree)] == [
        "engine.connect()",
        "db_engine.begin()",
        "sqlite3.connect()",
    ]


def test_a_planted_import_outside_the_allow_list_is_named(tmp_path):
    package = plant(
        tmp_path,
        {
            "core/rules.py": "X = 1\n",
            "db/tables.py": "Y = 2\n",
            "ui/screen.py": "from shop.core.rules import X\n\ndef f():\n    from shop.db import tables\n",
        },
    )
    problems = check.import_violations(package, "shop", RULES)
    assert len(problems) == 1
    assert problems[0].startswith("ui/screen.py line 4 imports shop.db.tables (db), which ui may not import")


def test_relative_and_dynamic_imports_are_seen_too(tmp_path):
    package = plant(
        tmp_path,
        {
            "db/tables.py": "",
            "ui/screen.py": "",
            "core/rules.py": ("import importlib\nfrom ..ui import screen\nimportlib.import_module('shop.db.tables')\n"),
        },
    )
    problems = check.import_violations(package, "shop", RULES)
    assert [p.split(",")[0] for p in problems] == [
        "core/rules.py line 2 imports shop.ui.screen (ui)",
        "core/rules.py line 3 imports shop.db.tables (db)",
    ]


def test_an_allowed_import_and_a_listed_exception_pass(tmp_path):
    package = plant(
        tmp_path,
        {
            "core/rules.py": "",
            "db/tables.py": "from shop.core import rules\n",
            "ui/screen.py": "from shop.db import tables\n",
        },
    )
    assert len(check.import_violations(package, "shop", RULES)) == 1
    assert check.import_violations(package, "shop", RULES, {("ui/screen.py", "db"): "planted"}) == []


def test_a_folder_without_rules_fails(tmp_path):
    package = plant(tmp_path, {"core/rules.py": "", "reports/monthly.py": "from shop.core import rules\n"})
    problems = check.import_violations(package, "shop", RULES)
    assert "reports/monthly.py: no rules say what its folder may import (add it to MAY_IMPORT)" in problems
    assert not any(problem.startswith("core/") for problem in problems)


def test_a_wildcard_allows_every_folder_under_it(tmp_path):
    package = plant(tmp_path, {"ui/a/one.py": "from shop.ui.b import two\n", "ui/b/two.py": ""})
    rules = {"__init__.py": (), "ui": (), "ui/a": ("ui/*",), "ui/b": ()}
    assert check.import_violations(package, "shop", rules) == []
    assert len(check.import_violations(package, "shop", {**rules, "ui/a": ("ui",)})) == 1


def test_a_planted_session_outside_the_database_layers_is_named(tmp_path):
    package = plant(
        tmp_path,
        {
            "db/tables.py": "def rows(engine):\n    with engine.connect() as c:\n        pass\n",
            "ui/screen.py": "def show(desk):\n    with desk.reading() as s:\n        pass\n",
        },
    )
    problems = check.session_violations(package, RULES, ("db",))
    assert problems == ["ui/screen.py (ui) opens a database session itself: reading() on line 2; only these may: db"]


def test_a_planted_long_module_is_named_and_a_stale_exemption_too(tmp_path):
    package = plant(tmp_path, {"ui/long.py": "x = 1\n" * 401, "ui/fine.py": "x = 1\n" * 400})
    assert check.size_violations(package, 400, {}) == [
        "ui/long.py has 401 lines, over 400: split it into smaller modules by what they do"
    ]
    assert check.size_violations(package, 400, {"ui/long.py": "planted"}) == []
    assert check.size_violations(package, 400, {"ui/long.py": "planted", "ui/fine.py": "planted"}) == [
        "ui/fine.py is listed as temporarily over 400 lines but is not: take it off the list"
    ]
