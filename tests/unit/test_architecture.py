"""Imports point one way: core has no Qt and no SQLAlchemy; the UI never opens a database session itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import visitorcentre

PACKAGE = Path(visitorcentre.__file__).resolve().parent

#: Calls that open (or reach into) a database session; the UI goes through the Desk's areas instead.
SESSION_OPENERS = {"Session", "sessionmaker", "scoped_session", "create_engine", "make_engine", "reading", "_write",
                   "_read", "uow", "unit_of_work", "read_sessions", "write_sessions"}


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
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__" and node.args \
                and isinstance(node.args[0], ast.Constant):
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


@pytest.mark.parametrize("path", modules("services") + modules("db"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_services_and_db_have_no_qt(path):
    assert "PySide6" not in imported(parse(path)), f"{path.relative_to(PACKAGE)} imports PySide6"


def session_openers(tree: ast.Module) -> list[str]:
    """Calls in the module to anything that opens a database session, with their line numbers."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name in SESSION_OPENERS:
                found.append(f"{name}() on line {node.lineno}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sqlalchemy"):
            names = {alias.name for alias in node.names} & SESSION_OPENERS
            found += [f"import of {n} on line {node.lineno}" for n in sorted(names)]
    return found


def test_ui_never_opens_a_database_session():
    paths = modules("ui")
    if not any(p.name != "__init__.py" for p in paths):
        pytest.skip("ui/ has no modules yet")
    offenders = {str(p.relative_to(PACKAGE)): found for p in paths if (found := session_openers(parse(p)))}
    assert not offenders, f"the UI opens database sessions itself: {offenders}"


def test_the_session_check_would_catch_one():
    tree = ast.parse("from sqlalchemy.orm import Session\n"
                     "def load(desk):\n    with desk.ctx.reading() as s:\n        return Session(desk.ctx.engine)\n")
    assert len(session_openers(tree)) == 3
