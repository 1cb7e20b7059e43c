"""An embedded face's PDF objects, formatted once and written again into every document that uses them.

For each subset of a TrueType face it uses, a PDF holds four objects: the subset's map back to
Unicode, its bytes, its descriptor (ascent, bounding box, flags) and the font itself (its name,
first and last character, the table of widths). reportlab builds and formats all four afresh
for every document, key by key and number by number in Python: for a one-pass PDF that was as
much as the pass's own drawing. Their text depends only on the subset's characters and the
names the document gives them, apart from the references between them (object numbers, which
the document decides), so each is formatted the first time; a later document with the same
subset registers the kept text in the same order reportlab would, with only its references
formatted anew. The PDF comes out byte for byte the same.
"""

from __future__ import annotations

import re
from typing import Any

#: Subsets' objects kept per face (a day's passes use a handful; a few more for other documents).
KEPT = 64
_MARK = re.compile(rb"\x00(\d+)\x00")


def keep_font_objects(font: Any) -> None:
    """Make ``font.addObjects`` (reportlab's TTFont) put each subset's objects in from text formatted once."""
    from reportlab.pdfbase.pdfdoc import NoEncryption, PDFObject
    from reportlab.pdfbase.ttfonts import SUBSETN

    class Mark(PDFObject):
        """A reference's place while an object is formatted for keeping."""

        def __init__(self, index: int):
            self.text = b"\x00%d\x00" % index

        def format(self, document) -> bytes:  # noqa: ARG002 - reportlab's signature
            return self.text

    class Kept(PDFObject):
        """An object's text as formatted once: bytes, with its references (by name) formatted for each document."""

        def __init__(self, parts: tuple, ref_only: bool):
            self.parts = parts
            if ref_only:  # (reportlab writes such an object only as a reference inside another)
                self.__RefOnly__ = 1

        def format(self, document) -> bytes:
            return b"".join(part if type(part) is bytes else part.format(document) for part in self.parts)

    def kept(original: Any, references: list, document) -> tuple[tuple, bool]:
        """``original`` formatted, its ``references`` (already replaced by marks 0, 1, ...) left to format later."""
        text = original.format(document)
        ref_only = hasattr(original, "__RefOnly__")
        if not references:  # (a stream's bytes are never searched for marks: a font file may hold anything)
            return (text,), ref_only
        pieces = _MARK.split(text)
        return tuple(references[int(p)] if i % 2 else p for i, p in enumerate(pieces) if i % 2 or p), ref_only

    def kept_objects(font_name: str, pdf_font: Any, document) -> dict[str, tuple[tuple, bool]]:
        """The subset's objects as reportlab made them in ``document``, by name, in the order it registers them."""
        objects = document.idToObject
        descriptor_ref, cmap_ref = pdf_font.FontDescriptor, pdf_font.ToUnicode
        descriptor = objects[descriptor_ref.name]
        file_ref = descriptor.dict["FontFile2"]
        made = {
            cmap_ref.name: kept(objects[cmap_ref.name], [], document),
            file_ref.name: kept(objects[file_ref.name], [], document),
        }
        descriptor.dict["FontFile2"] = Mark(0)
        made[descriptor_ref.name] = kept(descriptor, [file_ref], document)
        descriptor.dict["FontFile2"] = file_ref
        pdf_font.FontDescriptor, pdf_font.ToUnicode = Mark(0), Mark(1)
        made[font_name] = kept(pdf_font, [descriptor_ref, cmap_ref], document)
        pdf_font.FontDescriptor, pdf_font.ToUnicode = descriptor_ref, cmap_ref
        return made

    add = font.addObjects
    made: dict[tuple, dict[str, tuple[tuple, bool]]] = {}
    face = font.face

    def keys(document) -> list[tuple]:
        """Each subset's key to what is kept: its font's name in the document, its base name, its characters."""
        state = font.state.get(document)
        if state is None:
            return []
        return [
            (
                font.getSubsetInternalName(number, document)[1:],
                b"".join((SUBSETN(number), b"+", face.name, face.subfontNameX)).decode("pdfdoc"),
                tuple(chars),
                document.compression,
            )
            for number, chars in enumerate(state.subsets)
        ]

    def add_objects(document) -> None:
        fonts = document.idToObject["BasicFonts"].dict
        wanted = keys(document)
        if not isinstance(document.encrypt, NoEncryption):
            add(document)  # an encrypted document's streams differ with their object numbers: nothing to keep
            return
        if wanted and all(key in made for key in wanted):
            for key in wanted:  # registered as reportlab registers them: the same object numbers
                for name, (parts, ref_only) in made[key].items():
                    document.Reference(Kept(parts, ref_only), name)
                fonts[key[0]] = document.idToObject[key[0]]
            del font.state[document]
            return
        add(document)
        for key in wanted:
            if key not in made:
                if len(made) >= KEPT:
                    made.pop(next(iter(made)))
                made[key] = kept_objects(key[0], fonts[key[0]], document)

    font.addObjects = add_objects
