"""Receipt and visit-confirmation files: checked by their content, stored once by SHA-256, pictured small.

A file is accepted only if its first bytes say PNG, JPEG or PDF *and* it opens as one
(Pillow for images, pdfium for PDFs); its name is never trusted. The store is
``<data>/receipts/ab/abcdef…`` with a ``.thumb.png`` beside each file for the desk to show.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from visitorcentre.config import paths
from visitorcentre.core.cost_of_visits.vocab import MAX_ATTACHMENT_BYTES
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.words import said
from visitorcentre.files.private import write_private

THUMBNAIL_SIZE = (160, 160)
#: What a file is called when the family's own name for it is not known (said in the desk's language).
THE_FILE = said("The file")
_MAGIC = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"%PDF-", "application/pdf"))


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    media_type: str
    sha256: str


def check_file(path: Path) -> CheckedFile:
    """The file's bytes and true type; InvalidInput with the reason when it cannot be a receipt."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InvalidInput(said("{name} could not be found.", name=name), "file") from None
    if not path.is_file():
        raise InvalidInput(said("{name} is not a file.", name=name), "file")
    if size > MAX_ATTACHMENT_BYTES:
        megabytes = format(size / (1024 * 1024), ".1f")
        raise InvalidInput(
            said(
                "{name} is {size} MB; a receipt can be at most 5 MB — "
                "take the photo again at a lower size, or scan it as a PDF.",
                name=name,
                size=megabytes,
            ),
            "file",
        )
    if size == 0:
        raise InvalidInput(said("{name} is empty.", name=name), "file")
    with open(path, "rb") as handle:
        data = handle.read(MAX_ATTACHMENT_BYTES + 1)
    if len(data) > MAX_ATTACHMENT_BYTES:  # it grew while we looked
        raise InvalidInput(said("{name} is larger than 5 MB.", name=name), "file")
    return check_bytes(data, name)


def media_type_of(data: bytes) -> str | None:
    """What the first bytes say the file is (PNG, JPEG or PDF), or None."""
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def check_bytes(data: bytes, name: str = THE_FILE) -> CheckedFile:
    """The bytes as a receipt (the central server checks uploads this way too); InvalidInput if they cannot be one."""
    media_type = media_type_of(data)
    if media_type is None:
        raise InvalidInput(
            said("{name} is not a photo (PNG or JPEG) or a PDF, whatever its name says.", name=name), "file"
        )
    try:
        _open(data, media_type)
    except Exception:  # noqa: BLE001 - any parser failure means the same thing to the worker
        raise InvalidInput(
            said("{name} looks like a {kind} but is damaged and cannot be opened.", name=name, kind=_word(media_type)),
            "file",
        ) from None
    return CheckedFile(data, media_type, hashlib.sha256(data).hexdigest())


def _word(media_type: str) -> str:
    return {"image/png": said("PNG picture"), "image/jpeg": said("JPEG photo"), "application/pdf": said("PDF")}[
        media_type
    ]


def _open(data: bytes, media_type: str) -> None:
    if media_type == "application/pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(data)
        try:
            if len(document) < 1:
                raise ValueError("no pages")
        finally:
            document.close()
        return
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        if image.format not in ("PNG", "JPEG"):
            raise ValueError(image.format)
        image.load()  # decodes every pixel: a truncated or corrupt file fails here


def blob_path(sha256: str) -> Path:
    """Where the file with this SHA-256 lives (it may not exist yet)."""
    return paths.receipts_dir() / sha256[:2] / sha256


def thumbnail_path(sha256: str) -> Path:
    return blob_path(sha256).with_name(f"{sha256}.thumb.png")


def store(checked: CheckedFile) -> Path:
    """Keep the file (once: the same content is never stored twice) and its thumbnail; returns its path."""
    target = blob_path(checked.sha256)
    if not target.exists():
        paths.private_folder(target.parent)
        write_private(target, checked.data)  # a half-written file never carries the final name
    thumb = thumbnail_path(checked.sha256)
    if not thumb.exists():
        write_private(thumb, make_thumbnail(checked.data, checked.media_type))
    return target


def thumbnail(sha256: str, media_type: str) -> bytes:
    """The stored thumbnail, made again if it went missing (empty if the file itself is gone)."""
    if not sha256:  # anonymised: the file was deleted after its retention period
        return b""
    thumb = thumbnail_path(sha256)
    if thumb.exists():
        return thumb.read_bytes()
    source = blob_path(sha256)
    if not source.exists():
        return b""
    return make_thumbnail(source.read_bytes(), media_type)


def make_thumbnail(data: bytes, media_type: str) -> bytes:
    """A PNG at most 160 x 160: the picture itself, or a PDF's first page."""
    from PIL import Image, ImageOps

    if media_type == "application/pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(data)
        try:
            page = document[0]
            image = page.render(scale=0.5).to_pil()
            page.close()
        finally:
            document.close()
    else:
        image = Image.open(io.BytesIO(data))
        image = ImageOps.exif_transpose(image)  # phone photos come sideways otherwise
    image = image.convert("RGB")
    image.thumbnail(THUMBNAIL_SIZE)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
