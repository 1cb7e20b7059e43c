"""Render the app icon (installer/icons/visitorcentre.svg) to the PNG sizes and the Windows .ico.

    python installer/make_icons.py

Run it after changing the SVG and commit what it writes: the PNGs (16 to 512 pixels, for the Linux
desktop's icon theme) and visitorcentre.ico (for the Windows program and its installer).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon at ``size`` x ``size`` pixels as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "visitorcentre.svg"))
    if not renderer.isValid():
        print("make_icons.py: visitorcentre.svg could not be read", file=sys.stderr)
        return 1
    images = {}
    for size in SIZES:
        png = render(renderer, size)
        (ICONS / f"visitorcentre-{size}.png").write_bytes(png)
        images[size] = Image.open(io.BytesIO(png))
    # Each size drawn from the SVG at that size (sharper than Pillow scaling one big image down).
    largest = images[max(ICO_SIZES)]
    largest.save(
        ICONS / "visitorcentre.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    print(f"Wrote {len(SIZES)} PNGs and visitorcentre.ico in {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
