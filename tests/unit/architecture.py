"""The architecture test's checker: which folder a module belongs to, what it imports, where it opens a session.

The rules themselves (which folder may import which, who may open a database session, the size
limit) are data in ``test_architecture.py``; this module only reads source files with ``ast`` and
reports what breaks them, naming the module, the line and the import. It works on any package
folder, so its own tests can plant a bad import in a small tree under ``tmp_path``.

A *unit* is a key of the rules: a folder relative to the package (``ui/check_in``, ``db``) or a
module at the package's root (``i18n.py``). A module belongs to the longest key that contains it,
so ``db/models/visits.py`` belongs to ``db`` unless ``db/models`` has rules of its own.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

#: Calls that open a database session or connection whatever they are called on.
SESSION_OPENERS = frozenset(
    {
        "Session",
        "sessionmaker",
        "scoped_session",
        "create_engine",
        "engine_from_config",
        "make_engine",
        "UnitOfWork",
        "reading",
        "writing",
        "uow",
        "_read",
        "_write",
        "raw_connection",
        "unit_of_work",
        "read_sessions",
        "write_sessions",
    }
)
#: Calls that open one only when called on an engine or a database module (``engine.connect()``,
#: ``sqlite3.connect(path)``, ``engine.begin()``), so a Qt signal's ``.connect`` is not one.
OPENERS_ON_A_DATABASE = frozenset({"connect", "begin"})
DATABASE_NAMES = ("engine", "sqlite3", "bind", "database", "db")


@dataclass(frozen=True)
class Import:
    """One import of a module of the package, as written in a module."""

    module: str  # dotted name, e.g. visitorcentre.db.backups
    line: int


def python_modules(package: Path) -> list[Path]:
    """Every module of the package, sorted."""
    return sorted(path for path in package.rglob("*.py") if "__pycache__" not in path.parts)


def relative(package: Path, path: Path) -> str:
    """``ui/check_in/visit_panel.py`` for a module of the package."""
    return path.relative_to(package).as_posix()


def unit_of(relpath: str, units: Iterable[str]) -> str | None:
    """The longest unit (a folder or a root module of the rules) that holds the module, or None."""
    holders = [unit for unit in units if relpath == unit or relpath.startswith(unit + "/")]
    return max(holders, key=len) if holders else None


def _package_of(package: Path, name: str, path: Path) -> list[str]:
    """The dotted package a module is in (what its relative imports start from)."""
    parts = [name, *path.relative_to(package).with_suffix("").parts]
    return parts[:-1]


def imports(package: Path, name: str, path: Path) -> list[Import]:
    """Every import of the package's own modules in a module: at the top, inside functions, relative ones too."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Import] = []
    for node in ast.walk(tree):
        dotted: list[str] = []
        if isinstance(node, ast.Import):
            dotted = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(package, name, path)
                base = base[: len(base) - (node.level - 1)]
                start = ".".join(base + ([node.module] if node.module else []))
            else:
                start = node.module or ""
            # "from a.b import c" may name a module a.b.c or a name in a.b: resolve() decides.
            dotted = [f"{start}.{alias.name}" for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) in {"__import__", "import_module"}
        ):
            dotted = [node.args[0].value]
        found += [Import(d, node.lineno) for d in dotted if d == name or d.startswith(name + ".")]
    return found


def resolve(package: Path, name: str, dotted: str) -> str:
    """The module file an imported dotted name lands in, relative to the package (``db/backups.py``)."""
    parts = dotted.split(".")[1:]
    for length in range(len(parts), -1, -1):
        base = package.joinpath(*parts[:length])
        if length and base.with_suffix(".py").is_file():
            return relative(package, base.with_suffix(".py"))
        if (base / "__init__.py").is_file():
            return relative(package, base / "__init__.py")
    return "__init__.py"


def allowed(target: str, entries: Iterable[str]) -> bool:
    """Whether a unit is among the allowed entries (``services/*`` allows every unit under services/)."""
    for entry in entries:
        if entry == target or (entry.endswith("/*") and target.startswith(entry[:-1])):
            return True
    return False


def import_violations(
    package: Path,
    name: str,
    may_import: Mapping[str, Iterable[str]],
    also_allowed: Mapping[tuple[str, str], str] | None = None,
) -> list[str]:
    """Each import from a unit into a unit its allow-list does not name, as one readable line.

    ``also_allowed`` names single modules let through to one more unit, each with its reason:
    ``{("ui/records/damaged_records.py", "db"): "why"}``.
    """
    also_allowed = also_allowed or {}
    problems = []
    for path in python_modules(package):
        here = relative(package, path)
        unit = unit_of(here, may_import)
        if unit is None:
            problems.append(f"{here}: no rules say what its folder may import (add it to MAY_IMPORT)")
            continue
        for found in imports(package, name, path):
            target = unit_of(resolve(package, name, found.module), may_import)
            if target is None or target == unit or allowed(target, may_import[unit]) or (here, target) in also_allowed:
                continue
            problems.append(
                f"{here} line {found.line} imports {found.module} ({target}), which {unit} may not "
                f"import; {unit} may import: {', '.join(sorted(may_import[unit])) or 'nothing else'}"
            )
    return problems


def _receiver_name(node: ast.expr) -> str:
    """``engine`` for ``self.engine.connect``, ``sqlite3`` for ``sqlite3.connect``."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Call):
        return _receiver_name(node.func)
    return ""


def names_a_database(name: str) -> bool:
    """``engine``, ``db_engine``, ``sqlite3``: a name for a database rather than, say, a Qt signal."""
    words = name.lower().split("_")
    return any(word in DATABASE_NAMES for word in words)


def type_checking_only(tree: ast.Module) -> set[int]:
    """The ids of nodes under ``if TYPE_CHECKING:`` (imports there are for annotations, never run)."""
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden.update(id(inner) for statement in node.body for inner in ast.walk(statement))
    return hidden


def session_openers(tree: ast.Module) -> list[str]:
    """Calls in the module to anything that opens a database session (or imports of one), with their lines."""
    found = []
    hidden = type_checking_only(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name in SESSION_OPENERS:
                found.append(f"{name}() on line {node.lineno}")
            elif (
                name in OPENERS_ON_A_DATABASE
                and isinstance(func, ast.Attribute)
                and names_a_database(_receiver_name(func.value))
            ):
                found.append(f"{_receiver_name(func.value)}.{name}() on line {node.lineno}")
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and id(node) not in hidden
            and node.module.split(".")[0] in {"sqlalchemy", "sqlite3"}
        ):
            names = {alias.name for alias in node.names} & (SESSION_OPENERS | OPENERS_ON_A_DATABASE)
            found += [f"import of {n} on line {node.lineno}" for n in sorted(names)]
    return found


def session_violations(package: Path, units: Iterable[str], may_open: Iterable[str]) -> list[str]:
    """Each module outside the units that may open a database session that opens one anyway."""
    units, may_open = list(units), list(may_open)
    problems = []
    for path in python_modules(package):
        here = relative(package, path)
        unit = unit_of(here, units)
        if unit is not None and allowed(unit, may_open):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        if found := session_openers(tree):
            problems.append(
                f"{here} ({unit}) opens a database session itself: {', '.join(found)}; "
                "only these may: " + ", ".join(may_open)
            )
    return problems


def line_count(path: Path) -> int:
    """Lines in a module, as ``wc -l`` counts them."""
    return path.read_bytes().count(b"\n")


def size_violations(package: Path, limit: int, temporarily_over: Mapping[str, str]) -> list[str]:
    """Modules over the limit, and modules still listed as temporarily over it that no longer are (or are gone)."""
    problems = []
    sizes = {relative(package, path): line_count(path) for path in python_modules(package)}
    for here, lines in sizes.items():
        if lines > limit and here not in temporarily_over:
            problems.append(f"{here} has {lines} lines, over {limit}: split it into smaller modules by what they do")
    for here in temporarily_over:
        if sizes.get(here, 0) <= limit:
            problems.append(f"{here} is listed as temporarily over {limit} lines but is not: take it off the list")
    return problems
