"""Files holding personal data that the desk writes for someone: private (mode 0600), whole or not at all."""

from __future__ import annotations

import json
import os
from pathlib import Path

from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.words import said


def keep_private() -> None:
    """Every file and folder this process makes is for this account only (umask 077): the log, receipts,
    thumbnails, PDFs, the database's journal. Called once, where the command line starts."""
    if os.name == "posix":
        os.umask(0o077)


def write_private(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` (mode 0600), under a temporary name until it is complete."""
    target = Path(target)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(partial, target)
        os.chmod(target, 0o600)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


class PrivateFile:
    """A file made (mode 0600) before the work is done, and given its name only once it is complete."""

    def __init__(self, target: Path):
        self.target = Path(target)
        if self.target.is_dir():
            raise InvalidInput(said("{path} is a folder; give a file name to write.", path=self.target), "out")
        if not self.target.parent.is_dir():
            raise InvalidInput(
                said(
                    "There is no folder {folder} to write {name} into.",
                    folder=self.target.parent,
                    name=self.target.name,
                ),
                "out",
            )
        self.partial = self.target.with_name(f".{self.target.name}.{os.getpid()}.part")
        try:
            descriptor = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        except OSError as error:
            raise InvalidInput(
                said("Cannot write {path}: {why}.", path=self.target, why=error.strerror), "out"
            ) from None
        os.close(descriptor)

    def write(self, text: str) -> None:
        try:
            self.partial.write_text(text, encoding="utf-8")
            os.replace(self.partial, self.target)
            os.chmod(self.target, 0o600)
        except OSError as error:
            self.discard()
            raise InvalidInput(
                said("Cannot write {path}: {why}.", path=self.target, why=error.strerror), "out"
            ) from None

    def discard(self) -> None:
        try:
            self.partial.unlink()
        except FileNotFoundError:
            pass


def export_visitor_to(desk, visitor_id: str, path: Path) -> dict:
    """Write everything held about a person to ``path`` as JSON (checked writable before the export is recorded)."""
    out = PrivateFile(path)
    try:
        data = desk.records.export_visitor(visitor_id)
        out.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        return data
    finally:
        out.discard()
