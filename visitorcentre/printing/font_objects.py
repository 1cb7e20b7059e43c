"""An embedded face's PDF objects, formatted once and written again into every document that uses them.

For each subset of a TrueType face it uses, a PDF holds four objects: the font (its name, first
and last character, the table of widths), its descriptor (ascent, bounding box, flags), the
subset's bytes and its map back to Unicode. reportlab builds and formats all four afresh for
every document, key by key and number by number in Python: for a one-pass PDF that was as much
as the pass's own drawing. Their text depends only on the subset's characters and the names the
document gives it, apart from the references between them (object numbers, which the document
decides), so each is formatted the first time and afterwards written from that text, with just
its references formatted for the document at hand. The PDF comes out byte for byte the same.
"""

from __future__ import annotations

import re
from typing import Any

#: Subsets' objects kept per face (a day's passes use a handful; a few more for other documents).
KEPT = 64
_MARK = re.compile(rb"\x00(\d+)\x00")


def keep_font_objects(font: Any) -> None:
    """Make ``font.addObjects`` (reportlab's TTFont) put, for each subset, its objects formatted once in their place."""
    from reportlab.pdfbase.pdfdoc import NoEncryption, PDFObject

    class Mark(PDFObject):
        """A reference's place while an object is formatted for keeping."""

        def __init__(self, index: int):
            self.text = b"\x00%d\x00" % index

        def format(self, document) -> bytes:  # noqa: ARG002 - reportlab's signature
            return self.text

    class Kept(PDFObject):
        """An object's text as formatted once: bytes, with its references (by name) formatted for each document."""

        def __init__(self, name: str, parts: tuple, original: Any):
            self.__InternalName__ = name  # registered under the same name as the object it stands for
            self.parts = parts
            if hasattr(original, "__RefOnly__"):
                self.__RefOnly__ = 1
            if hasattr(original, "__Comment__"):
                self.__Comment__ = original.__Comment__

        def format(self, document) -> bytes:
            return b"".join(part if type(part) is bytes else part.format(document) for part in self.parts)

    def kept(name: str, original: Any, references: list, document) -> Kept:
        """``original`` formatted, its ``references`` (already replaced by marks 0, 1, ...) left to format later."""
        text = original.format(document)
        if not references:  # (a stream's bytes are never searched for marks: a font file may hold anything)
            return Kept(name, (text,), original)
        pieces = _MARK.split(text)
        parts = tuple(references[int(p)] if i % 2 else p for i, p in enumerate(pieces) if i % 2 or p)
        return Kept(name, parts, original)

    def kept_objects(font_name: str, pdf_font: Any, document) -> dict[str, Kept]:
        objects = document.idToObject
        descriptor_ref, cmap_ref = pdf_font.FontDescriptor, pdf_font.ToUnicode
        descriptor = objects[descriptor_ref.name]
        file_ref = descriptor.dict["FontFile2"]
        made = {
            file_ref.name: kept(file_ref.name, objects[file_ref.name], [], document),
            cmap_ref.name: kept(cmap_ref.name, objects[cmap_ref.name], [], document),
        }
        descriptor.dict["FontFile2"] = Mark(0)
        made[descriptor_ref.name] = kept(descriptor_ref.name, descriptor, [file_ref], document)
        descriptor.dict["FontFile2"] = file_ref
        pdf_font.FontDescriptor, pdf_font.ToUnicode = Mark(0), Mark(1)
        made[font_name] = kept(font_name, pdf_font, [descriptor_ref, cmap_ref], document)
        pdf_font.FontDescriptor, pdf_font.ToUnicode = descriptor_ref, cmap_ref
        return made

    add = font.addObjects
    made: dict[tuple, dict[str, Kept]] = {}

    def add_objects(document) -> None:
        fonts = document.idToObject["BasicFonts"].dict
        state = font.state.get(document)
        subsets = [tuple(chars) for chars in state.subsets] if state is not None else []
        before = set(fonts)
        add(document)
        if not isinstance(document.encrypt, NoEncryption):
            return  # an encrypted document's streams differ with their object numbers: nothing to keep
        for name in fonts.keys() - before:
            pdf_font = fonts[name]
            number = int(name.rpartition("+")[2])  # reportlab names a subset's font "<font>+<subset number>"
            key = (name, pdf_font.BaseFont, subsets[number], document.compression)
            objects = made.get(key)
            if objects is None:
                if len(made) >= KEPT:
                    made.pop(next(iter(made)))
                objects = made[key] = kept_objects(name, pdf_font, document)
            for object_name, each in objects.items():
                document.idToObject[object_name] = each
            fonts[name] = objects[name]

    font.addObjects = add_objects
