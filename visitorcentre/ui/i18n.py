"""Translatable strings for the desk app.

A minimal shim until the project's gettext catalogue exists: ``_()`` marks a string for
translation and returns it; ``N_()`` marks one whose translation happens later.
"""

from __future__ import annotations


def _(text: str) -> str:
    """The translation of ``text`` (for now, ``text`` itself)."""
    return text


def N_(text: str) -> str:
    """Mark ``text`` for translation without translating it yet (for module-level constants)."""
    return text
