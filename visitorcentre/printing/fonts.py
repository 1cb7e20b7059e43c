"""The typeface every printed document uses: DejaVu Sans from resources/fonts, so names print as spelt.

reportlab's built-in Helvetica has no "ś" or "ł"; a family's name must come out right on the
pass. If the font files are missing (a broken install), Helvetica is used rather than failing.
"""

from __future__ import annotations

import logging
from functools import cache

from visitorcentre.config import paths

log = logging.getLogger(__name__)

REGULAR = "VC-Sans"
BOLD = "VC-Sans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_FALLBACK = {REGULAR: "Helvetica", BOLD: "Helvetica-Bold"}


@cache
def faces() -> tuple[str, str]:
    """(regular, bold) font names registered with reportlab (once per process)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = paths.resources_dir() / "fonts"
    try:
        for name, file in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    except Exception:  # noqa: BLE001 - print with a plainer font rather than not at all
        log.warning("Could not load the fonts in %s; printing with Helvetica", folder, exc_info=True)
        return _FALLBACK[REGULAR], _FALLBACK[BOLD]
    from reportlab.lib.fonts import addMapping

    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    return REGULAR, BOLD
