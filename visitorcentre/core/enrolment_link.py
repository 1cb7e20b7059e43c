"""The enrolment link: a central server's address and a one-time enrolment code in one line of text.

The console shows it as a QR code beside the code; a desk's first-run screen takes it from a
scanner (which types it into the address field) or from a paste, and fills in both fields. The
code rides in the fragment (``#enrol=``), which a browser never sends to a server, so a phone
that opens the link by mistake does not leave the code in any server's log.

    https://visits.example.scot/#enrol=ABCD-EFGH-JKLM
"""

from __future__ import annotations

import re

MARK = "#enrol="
_CODE = re.compile(r"[A-Za-z0-9-]{4,64}")


def link(server_url: str, code: str) -> str:
    """The line to show as a QR code for ``code`` on the server at ``server_url``."""
    return server_url.rstrip("/") + "/" + MARK + code


def parse(text: str) -> tuple[str, str] | None:
    """(server address, code) from an enrolment link, or None when ``text`` is not one."""
    address, mark, code = (text or "").strip().rpartition(MARK)
    address = address.rstrip("/")
    if not mark or not address.startswith(("http://", "https://")) or not _CODE.fullmatch(code):
        return None
    return address, code
