"""The typeface every printed document uses: DejaVu Sans from resources/fonts, so names print as spelt.

reportlab's built-in Helvetica has no "ś" or "ł"; a family's name must come out right on the
pass. If the font files are missing (a broken install), Helvetica is used rather than failing.

Each PDF embeds a subset of each face holding the characters it uses; reportlab cuts that subset
out of the TrueType file anew for every document, which was a sixth of a one-pass PDF's time.
The same characters give the same subset (ASCII is always there; a name's accented letters are
added), so each face keeps the last few subsets it made; each character's width is formatted
once; and the subset's PDF objects are formatted once for the same characters (font_objects.py).
The PDF comes out byte for byte as before.
"""

from __future__ import annotations

import logging
from functools import cache

from visitorcentre.config import paths
from visitorcentre.printing import font_objects

log = logging.getLogger(__name__)

REGULAR = "VC-Sans"
BOLD = "VC-Sans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_FALLBACK = {REGULAR: "Helvetica", BOLD: "Helvetica-Bold"}
#: Subsets each face keeps (a day's passes use a handful: ASCII plus the letters of a few names).
SUBSETS_KEPT = 32


def _keep_subsets(face) -> None:
    """Make ``face.makeSubset`` (a pure function of the characters asked for) remember its last answers."""
    make = face.makeSubset
    made: dict[tuple[int, ...], bytes] = {}

    def subset(chars: list[int]) -> bytes:
        key = tuple(chars)
        found = made.pop(key, None)  # taken out and put back: the most recently used stay
        if found is None:
            found = make(chars)
            if len(made) >= SUBSETS_KEPT:
                made.pop(next(iter(made)))
        made[key] = found
        return found

    face.makeSubset = subset


def _keep_cmaps() -> None:
    """Make reportlab's ToUnicode map of a subset (a pure function of the subset's name and characters) made once."""
    from reportlab.pdfbase import ttfonts

    make = ttfonts.makeToUnicodeCMap
    if getattr(make, "kept", False):
        return
    made: dict[tuple[str, tuple[int, ...]], str] = {}

    def cmap(fontname: str, subset: list[int]) -> str:
        key = (fontname, tuple(subset))
        found = made.get(key)
        if found is None:
            if len(made) >= 2 * SUBSETS_KEPT:
                made.pop(next(iter(made)))
            found = made[key] = make(fontname, subset)
        return found

    cmap.kept = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = cmap


def _keep_widths(face) -> None:
    """Make ``face.getCharWidth`` (read only for a subset's /Widths array) answer with the number already formatted."""
    from reportlab.lib.rl_accel import fp_str
    from reportlab.pdfbase.pdfdoc import PDFObject

    class Width(PDFObject):
        def __init__(self, value: float):
            self.text = fp_str(value).encode("ascii")

        def format(self, document) -> bytes:  # noqa: ARG002 - reportlab's signature
            return self.text

    width_of = face.getCharWidth
    made: dict[int, Width] = {}

    def width(code: int) -> Width:
        found = made.get(code)
        if found is None:
            found = made[code] = Width(width_of(code))
        return found

    face.getCharWidth = width


@cache
def faces() -> tuple[str, str]:
    """(regular, bold) font names registered with reportlab (once per process)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = paths.resources_dir() / "fonts"
    _keep_cmaps()
    try:
        for name, file in _FILES.items():
            font = TTFont(name, str(folder / file))
            _keep_subsets(font.face)
            _keep_widths(font.face)
            font_objects.keep_font_objects(font)
            pdfmetrics.registerFont(font)
    except Exception:  # noqa: BLE001 - print with a plainer font rather than not at all
        log.warning("Could not load the fonts in %s; printing with Helvetica", folder, exc_info=True)
        return _FALLBACK[REGULAR], _FALLBACK[BOLD]
    from reportlab.lib.fonts import addMapping

    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    return REGULAR, BOLD
