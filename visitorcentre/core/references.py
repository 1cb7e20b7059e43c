"""Visit references: six characters a family can read over the phone without confusion.

The alphabet is Crockford's base 32: digits and capitals with no I, L, O or U. What a worker
types is normalised the same way Crockford does (O is read as 0, I and L as 1).
"""

from __future__ import annotations

import random

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 6
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_reference(rng: random.Random | None = None) -> str:
    """A fresh random reference (``rng`` makes it repeatable for demo data)."""
    if rng is None:
        import secrets  # loads hashlib and OpenSSL; the desk app reads references long before it makes one

        return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "".join(rng.choice(ALPHABET) for _ in range(LENGTH))


def from_number(number: int) -> str:
    """The reference spelling ``number`` (below 32**6) in the reference alphabet."""
    chars = []
    for _ in range(LENGTH):
        number, digit = divmod(number, 32)
        chars.append(ALPHABET[digit])
    return "".join(chars)


def normalise(text: str) -> str | None:
    """The reference a worker meant, or None if ``text`` cannot be one."""
    cleaned = text.strip().upper().replace("-", "").replace(" ", "").translate(_TYPED)
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned
