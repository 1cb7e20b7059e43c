"""The desk's credential for the central server: a small JSON file beside its database, mode 0600.

``desk.sqlite3`` keeps its credential in ``desk.sqlite3.credential``: the server's address, the
device id, the establishment and the secret. Only the desk's own account can read it; the
secret never goes into the database, the log or the screen.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from visitorcentre.core.errors import SyncUnavailable
from visitorcentre.core.words import said


@dataclass(frozen=True)
class Credential:
    server_url: str
    device_id: str
    establishment: str
    token: str  # "<device id>.<secret>", sent as the bearer token

    def __repr__(self) -> str:  # never show the secret
        return f"Credential(server_url={self.server_url!r}, device_id={self.device_id!r})"


def credential_path(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".credential")


def save(db_path: Path | str, credential: Credential) -> Path:
    """Write the credential (readable by this account only), replacing any earlier one in one step."""
    target = credential_path(db_path)
    temporary = target.with_name(target.name + f".{os.getpid()}.part")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(asdict(credential), handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(temporary, 0o600)
    os.replace(temporary, target)
    return target


def load(db_path: Path | str) -> Credential:
    """The saved credential; SyncUnavailable with what to do when it is missing or damaged."""
    path = credential_path(db_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Credential(**{key: str(data[key]) for key in ("server_url", "device_id", "establishment", "token")})
    except FileNotFoundError:
        raise SyncUnavailable(
            said(
                "This desk's server credential ({file}) is missing; enrol the desk again with a new code.",
                file=path.name,
            )
        ) from None
    except (ValueError, KeyError, TypeError):
        raise SyncUnavailable(
            said(
                "This desk's server credential ({file}) is damaged; enrol the desk again with a new code.",
                file=path.name,
            )
        ) from None
