"""Bar charts of the national figures drawn on the server as SVG: no script, no CDN, no inline style.

Each chart is one figure with a bar per establishment, its values written beside the bars; the
page puts the same numbers in a table next to it, so nobody needs the picture to read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
LABEL = 170
BAR = 22
GAP = 10
#: GOV.UK blue: 4.5:1 and more against white.
COLOUR = "#1d70b8"


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    svg: Markup


def bar_chart(key: str, title: str, bars: list[tuple[str, int]]) -> Chart:
    """A horizontal bar chart of ``bars`` (label, value), largest value at full width."""
    top = max([value for _label, value in bars] + [1])
    room = WIDTH - LABEL - 70
    height = len(bars) * (BAR + GAP) + GAP
    parts = [
        f'<svg class="vc-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="chart-{key}-title" focusable="false" '
        'font-family="system-ui, Arial, sans-serif">',
        f'<title id="chart-{key}-title">{escape(title)}</title>',
    ]
    for i, (label, value) in enumerate(bars):
        y = GAP + i * (BAR + GAP)
        length = round(room * value / top) if value else 0
        parts.append(
            f'<text x="{LABEL - 8}" y="{y + BAR * 0.7:.1f}" text-anchor="end" font-size="15" '
            f'fill="#0b0c0c">{escape(label)}</text>'
        )
        parts.append(f'<rect x="{LABEL}" y="{y}" width="{length}" height="{BAR}" fill="{COLOUR}"/>')
        parts.append(
            f'<text x="{LABEL + length + 6}" y="{y + BAR * 0.7:.1f}" font-size="15" fill="#0b0c0c">{value:,}</text>'
        )
    parts.append("</svg>")
    return Chart(key, title, Markup("".join(parts)))
