"""The project's own pictograms, drawn with reportlab's vector shapes (no downloaded art).

Each is drawn on a 100 x 100 grid: a soft rounded tile and a bold, simple figure, so it reads
at 12 mm on an easy-read leaflet and at 30 mm on the children's one. The same drawings are
exported as SVG to resources/pictograms/<key>.svg for the desk's screens (Qt reads SVG);
``python -m visitorcentre.printing.pictograms`` writes them again after a change.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib.colors import HexColor, white

INK = HexColor("#1f2d3d")
TILE = HexColor("#e8f1fa")
MUST_TILE = HexColor("#fdecea")
ACCENT = HexColor("#2f6fad")
RED = HexColor("#c62828")
GOLD = HexColor("#d9a400")
GREEN = HexColor("#2e7d32")


def _r(x, y, w, h, fill=white, stroke=INK, width=4, radius=0):
    return Rect(x, y, w, h, rx=radius, ry=radius, fillColor=fill, strokeColor=stroke, strokeWidth=width)


def _c(x, y, r, fill=white, stroke=INK, width=4):
    return Circle(x, y, r, fillColor=fill, strokeColor=stroke, strokeWidth=width)


def _l(x1, y1, x2, y2, stroke=INK, width=4):
    return Line(x1, y1, x2, y2, strokeColor=stroke, strokeWidth=width, strokeLineCap=1)


def _p(points, fill=white, stroke=INK, width=4):
    return Polygon(points, fillColor=fill, strokeColor=stroke, strokeWidth=width, strokeLineJoin=1)


def _no():
    """The red 'not allowed' ring and bar over a figure."""
    return [Circle(50, 50, 40, fillColor=None, strokeColor=RED, strokeWidth=7), _l(22, 78, 78, 22, RED, 7)]


def _person(x, y, s=1.0, fill=ACCENT):
    return [
        _c(x, y + 22 * s, 9 * s, fill),
        _p([x - 15 * s, y - 20 * s, x + 15 * s, y - 20 * s, x + 11 * s, y + 10 * s, x - 11 * s, y + 10 * s], fill),
    ]


def _shirt(fill=ACCENT):
    return [
        _p(
            [30, 20, 70, 20, 70, 58, 82, 52, 88, 66, 66, 80, 58, 80, 50, 72, 42, 80, 34, 80, 12, 66, 18, 52, 30, 58],
            fill,
        )
    ]


DRAW = {
    "clock": lambda: [_c(50, 50, 34), _l(50, 50, 50, 72), _l(50, 50, 66, 42), _c(50, 50, 3, INK)],
    "id-card": lambda: [
        _r(14, 26, 72, 48, white, radius=6),
        _c(34, 54, 8, ACCENT),
        _p([22, 34, 46, 34, 42, 46, 26, 46], ACCENT),
        _l(54, 58, 76, 58),
        _l(54, 48, 76, 48),
        _l(54, 38, 70, 38),
    ],
    "locker": lambda: [
        _r(28, 12, 44, 76, white, radius=3),
        _l(28, 50, 72, 50),
        _c(62, 66, 3, INK),
        _c(62, 32, 3, INK),
        _l(36, 78, 52, 78, width=3),
        _l(36, 40, 52, 40, width=3),
    ],
    "coins": lambda: [
        _c(38, 42, 20, GOLD),
        _c(62, 58, 20, GOLD),
        String(62, 50, "£1", fontName="Helvetica-Bold", fontSize=20, fillColor=INK, textAnchor="middle"),
    ],
    "banknote": lambda: [_r(12, 30, 76, 40, HexColor("#cfe8d0"), radius=4), _c(50, 50, 11), *_no()],
    "cash-desk": lambda: [_r(14, 14, 72, 30, ACCENT), _r(26, 44, 48, 26), _c(50, 57, 7, GOLD), _l(40, 80, 60, 80)],
    "phone": lambda: [
        _r(34, 16, 32, 68, white, radius=6),
        _l(44, 24, 56, 24),
        _r(39, 32, 22, 44, TILE, width=2),
        *_no(),
    ],
    "no-smoking": lambda: [_r(16, 44, 56, 12, white), _r(72, 44, 12, 12, HexColor("#e65100")), *_no()],
    "hoodie": lambda: [*_shirt(HexColor("#7e57c2")), _p([36, 80, 50, 94, 64, 80, 50, 72], HexColor("#7e57c2")), *_no()],
    "hat": lambda: [_p([26, 40, 74, 40, 68, 70, 32, 70], ACCENT), _r(14, 34, 72, 8, ACCENT), *_no()],
    "sunglasses": lambda: [
        _r(14, 40, 30, 20, INK, radius=8),
        _r(56, 40, 30, 20, INK, radius=8),
        _l(44, 52, 56, 52),
        _l(14, 56, 8, 66),
        _l(86, 56, 92, 66),
    ],
    "shirt": lambda: _shirt(),
    "baby-bottle": lambda: [
        _r(36, 12, 28, 56, white, radius=8),
        _r(40, 68, 20, 8, ACCENT),
        _p([44, 76, 56, 76, 50, 90], GOLD),
        _l(36, 40, 48, 40, width=3),
        _l(36, 28, 48, 28, width=3),
    ],
    "child": lambda: [*_person(36, 44, 1.1, ACCENT), *_person(68, 36, 0.75, GOLD)],
    "security": lambda: [
        _p([20, 14, 80, 14, 80, 84, 70, 84, 70, 24, 30, 24, 30, 84, 20, 84], ACCENT),
        *_person(50, 42, 0.8, GOLD),
    ],
    "cafe": lambda: [
        _p([26, 22, 66, 22, 70, 62, 22, 62], white),
        Circle(76, 46, 9, fillColor=None, strokeColor=INK, strokeWidth=4),
        _l(34, 70, 36, 84, width=3),
        _l(46, 70, 48, 84, width=3),
        _l(58, 70, 60, 84, width=3),
    ],
    "info": lambda: [
        _c(50, 50, 36, ACCENT, ACCENT),
        _r(45, 24, 10, 34, white, white, 1),
        _c(50, 70, 6, white, white, 1),
    ],
    "bag": lambda: [
        _r(20, 18, 60, 48, HexColor("#8d6e63"), radius=6),
        PolyLine([36, 66, 36, 80, 64, 80, 64, 66], strokeColor=INK, strokeWidth=5),
    ],
    "door": lambda: [
        _r(30, 10, 40, 80, HexColor("#a1887f")),
        _c(60, 50, 3, INK),
        _p([70, 50, 88, 50, 82, 58, 82, 42], GREEN),
    ],
    "wave": lambda: [*_person(50, 40, 1.2, GREEN), _l(64, 52, 80, 76, GREEN, 7)],
    "toys": lambda: [
        _r(16, 16, 26, 26, RED),
        _r(46, 16, 26, 26, GOLD),
        _r(31, 42, 26, 26, ACCENT),
        _c(78, 70, 10, GREEN),
    ],
    "phone-call": lambda: [
        _p([22, 70, 36, 84, 46, 70, 38, 62, 48, 44, 62, 34, 70, 42, 84, 32, 70, 18, 56, 18, 22, 56], GREEN)
    ],
    "ticket": lambda: [
        _r(12, 30, 76, 40, GOLD, radius=4),
        _l(30, 30, 30, 70, width=3),
        _l(40, 58, 78, 58),
        _l(40, 44, 70, 44),
    ],
    "calendar": lambda: [
        _r(16, 14, 68, 64, white, radius=4),
        _r(16, 62, 68, 16, RED, radius=4),
        _l(32, 72, 32, 86),
        _l(68, 72, 68, 86),
        _c(36, 42, 4, INK),
        _c(50, 42, 4, INK),
        _c(64, 42, 4, INK),
        _c(36, 28, 4, INK),
    ],
    "bus": lambda: [
        _r(16, 22, 68, 58, ACCENT, radius=8),
        _r(24, 50, 52, 22, white, width=3),
        _c(32, 22, 8, INK),
        _c(68, 22, 8, INK),
        _r(24, 32, 12, 8, GOLD, width=2),
    ],
}


def drawing(key: str, size: float = 36, must: bool = False) -> Drawing:
    """Pictogram ``key`` as a reportlab Drawing (a flowable) ``size`` points square; unknown keys draw "info"."""
    shapes = DRAW.get(key, DRAW["info"])()
    tile = Rect(2, 2, 96, 96, rx=14, ry=14, fillColor=MUST_TILE if must else TILE, strokeColor=None)
    group = Group(tile, *shapes)
    scale = size / 100
    group.transform = (scale, 0, 0, scale, 0, 0)
    d = Drawing(size, size)
    d.add(group)
    return d


def svg(key: str) -> str:
    from reportlab.graphics import renderSVG

    return renderSVG.drawToString(drawing(key, 100))


def write_svgs() -> None:
    from visitorcentre.config import paths

    folder = paths.resources_dir() / "pictograms"
    folder.mkdir(parents=True, exist_ok=True)
    for key in DRAW:
        (folder / f"{key}.svg").write_text(svg(key), encoding="utf-8")


if __name__ == "__main__":
    write_svgs()
