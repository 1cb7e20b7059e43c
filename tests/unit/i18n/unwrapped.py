"""Finds words a person would see that are not passed through ``_()``: an AST scan of ui/ and printing/.

A string literal (or f-string) handed straight to a Qt call that shows text (``setText``,
``QLabel(...)``, ``setWindowTitle``, ``addItem``, ``QMessageBox.warning`` ...) or to a reportlab
``Paragraph`` is a word the translators never see. Wrapped ones (``_("...")``,
``ngettext(...)``, ``N_("...")``) are fine, as are strings with no letters ("—", "·", "%").
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: Calls whose text arguments a person reads.
SHOWN = frozenset(
    {
        "setText",
        "setWindowTitle",
        "setToolTip",
        "setStatusTip",
        "setWhatsThis",
        "setPlaceholderText",
        "setAccessibleName",
        "setAccessibleDescription",
        "setTitle",
        "setTabText",
        "addTab",
        "insertTab",
        "addItem",
        "insertItem",
        "addItems",
        "setHeaderLabels",
        "setHorizontalHeaderLabels",
        "setVerticalHeaderLabels",
        "setSpecialValueText",
        "setPrefix",
        "setSuffix",
        "setLabelText",
        "setInformativeText",
        "setDetailedText",
        "setCancelButtonText",
        "setButtonText",
        "showMessage",
        "addMenu",
        "addAction",
        "addButton",
        "addRow",
        "setSectionTitle",
        "QLabel",
        "QPushButton",
        "QToolButton",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QAction",
        "QMenu",
        "QCommandLinkButton",
        "information",
        "warning",
        "critical",
        "question",
        "about",
        "getText",
        "getItem",
        "getInt",
        "Paragraph",
        "say",
        "show_message",
        "setHeading",
    }
)
TRANSLATED = frozenset({"_", "N_", "ngettext", "translate", "tr", "said", "said_n"})
#: Receivers whose messages go to the log file, for support staff, not to a person at the desk.
LOGGERS = frozenset({"log", "logger", "_log", "LOG", "logging"})
_TAG = re.compile(r"<[^<>]*>")


@dataclass(frozen=True)
class Unwrapped:
    path: str
    line: int
    call: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.call}({self.text!r}) is not wrapped in _()"


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _literal_text(node: ast.expr) -> str | None:
    """The words of a bare literal (or f-string, or a literal + something), None if it is not one."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp):
        left, right = _literal_text(node.left), _literal_text(node.right)
        return (left or "") + (right or "") if left is not None or right is not None else None
    if isinstance(node, ast.IfExp):
        found = [t for t in (_literal_text(node.body), _literal_text(node.orelse)) if t is not None]
        return " / ".join(found) if found else None
    return None


def _has_words(text: str) -> bool:
    return sum(ch.isalpha() for ch in _TAG.sub("", text)) >= 2


def _to_the_log(func: ast.expr) -> bool:
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in LOGGERS


def scan_source(source: str, path: str) -> Iterator[Unwrapped]:
    """Every literal with words handed straight to a call in SHOWN in ``source``."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _name(node.func) not in SHOWN or _to_the_log(node.func):
            continue
        for arg in [*node.args, *(k.value for k in node.keywords if k.arg in {"text", "title", "message"})]:
            text = _literal_text(arg)
            if text is not None and _has_words(text):
                yield Unwrapped(path, arg.lineno, _name(node.func), text)


def scan(folder: Path, root: Path) -> list[Unwrapped]:
    """Every unwrapped literal in the Python files under ``folder`` (paths relative to ``root``)."""
    found: list[Unwrapped] = []
    for file in sorted(folder.rglob("*.py")):
        found.extend(scan_source(file.read_text(encoding="utf-8"), file.relative_to(root).as_posix()))
    return found


#: Errors a desk worker reads (core/errors.py): the message is their first argument.
ERRORS = frozenset(
    {
        "VisitorCentreError",
        "InvalidInput",
        "NotFound",
        "NotAllowed",
        "SessionFull",
        "ChangedElsewhere",
        "ChecksFailed",
        "ArrivalAfterCutOff",
        "ReprintNeedsReason",
        "UpgradeFailed",
        "SyncUnavailable",
        "StaffError",
    }
)
#: Calls that carry a message, and which of their positional arguments are words (the rest are codes).
MESSAGES = {"CheckResult": (2, 3), **{name: (0,) for name in ERRORS}}
_MESSAGE_KEYWORDS = frozenset({"message", "next_step"})


def scan_messages(source: str, path: str) -> Iterator[Unwrapped]:
    """Every literal with words given as the message of an error or of a check's result, not through ``_()``.

    For services/ (what a desk service raises reaches the worker's screen and the command line) and
    core/checks.py (whose results the visit panel reads out): ``raise NotAllowed(f"Visit {ref} …")``
    and ``CheckResult("code", Severity.STOP, "Words…")`` are found; ``_("…").format(...)``,
    ``said("…", ...)`` and ``ngettext(...)`` are not.
    """
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _name(node.func) not in MESSAGES:
            continue
        positions = MESSAGES[_name(node.func)]
        args = [arg for i, arg in enumerate(node.args) if i in positions]
        args += [k.value for k in node.keywords if k.arg in _MESSAGE_KEYWORDS]
        for arg in args:
            text = _literal_text(arg)
            if text is not None and _has_words(text):
                yield Unwrapped(path, arg.lineno, _name(node.func), text)


def hidden_from_the_extractor(source: str, path: str) -> Iterator[Unwrapped]:
    """``translator(lang)("words")`` or ``f"{_('words')}"``: translated at run time, but Babel never sees the words.

    The extractor only knows calls named ``_``, ``N_`` and ``ngettext`` outside f-strings; write
    ``_ = translator(lang)`` and then ``_("words")``, and take ``_("words")`` out of the f-string.
    """
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Call)
            and _name(node.func.func) in {"translator", "plural_translator"}
            and node.args
            and _literal_text(node.args[0])
        ):
            yield Unwrapped(path, node.lineno, "translator(...)", _literal_text(node.args[0]) or "")
    # Inside an f-string the extractor sees one string token, never the _("…") in its braces.
    for joined in ast.walk(tree):
        if not isinstance(joined, ast.JoinedStr):
            continue
        for node in ast.walk(joined):
            if (
                isinstance(node, ast.Call)
                and _name(node.func) in {"_", "N_", "ngettext"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                yield Unwrapped(path, node.lineno, "_(...) inside an f-string", node.args[0].value)
