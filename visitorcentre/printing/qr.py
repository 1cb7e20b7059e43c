"""QR codes drawn straight onto a reportlab canvas as vector squares (sharp at any printer resolution).

The code's modules come from ``qrcode``; the canvas gets one filled path of horizontal runs. The mask
pattern is fixed rather than chosen by trying all eight: that search is most of qrcode's time
(about 7 ms of a pass's 10 ms budget), and scanners read every mask alike.
"""

from __future__ import annotations

QUIET_ZONE = 4  # modules of white around the code, as the standard asks
_MASK = 2


def modules(data: str) -> list[list[bool]]:
    """The code's dark (True) and light modules, without the quiet zone."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=_MASK)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def draw(canvas, data: str, centre_x: float, bottom: float, dark_side: float) -> float:
    """Draw the code centred on ``centre_x``, its quiet zone starting at ``bottom``, the dark part ``dark_side`` across.

    Returns the height used, quiet zone included.
    """
    matrix = modules(data)
    count = len(matrix)
    step = dark_side / count
    left, top = centre_x - dark_side / 2, bottom + QUIET_ZONE * step + dark_side
    # Drawn in module units (y downwards from the top-left corner), written as raw path operators:
    # whole numbers format quickly, where reportlab's float formatting of ~450 rectangles would
    # take several milliseconds. The slight overlap downwards hides seams at odd printer resolutions.
    runs = []
    for row, cells in enumerate(matrix):
        col = 0
        while col < count:
            if cells[col]:
                start = col
                while col < count and cells[col]:
                    col += 1
                runs.append(f"{start} {row} {col - start} 1.02 re")
            else:
                col += 1
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.transform(step, 0, 0, -step, left, top)
    canvas.addLiteral("\n".join(runs) + "\nf")
    canvas.restoreState()
    return (count + 2 * QUIET_ZONE) * step
