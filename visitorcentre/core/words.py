"""``N_``: marks words in the core that people read, so the translation tools find them.

The core has no catalogues (it imports nothing outside itself); the screens and the PDFs
translate these words when they show them, with ``visitorcentre.i18n``.
"""

from __future__ import annotations


def N_(text: str) -> str:
    """Mark ``text`` for translation; it is translated where it is shown."""
    return text
