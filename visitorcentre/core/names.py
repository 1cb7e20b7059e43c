"""Name folding for the desk's search: case-, accent- and Mc/Mac-insensitive.

The same folding is applied to the names stored in the search index and to what a worker
types, so "Sean macdonald" finds "Seán McDonald" and "mcdon" finds "MacDonald".
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters that Unicode decomposition does not reduce to ASCII.
_SPECIAL = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "đ": "d",
        "Đ": "d",
        "ı": "i",
    }
)
_APOSTROPHES = re.compile(r"[’'‘`´]")
_OLD_MC = re.compile(r"\bm['’‘`´]")
_SPLIT = re.compile(r"[^a-z0-9]+")
_MC_PREFIXES = ("mac", "mc")
_JOINING = _MC_PREFIXES + ("o",)  # typed apart from the rest of the name: "mac donald", "o brien"


def fold(text: str) -> str:
    """Lower-case ASCII form of ``text`` with accents and apostrophes removed."""
    if text.isascii():  # (most names: nothing to translate or decompose)
        text = text.lower()
    else:
        text = text.translate(_SPECIAL)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    if "'" not in text and "`" not in text and text.isascii():  # (no apostrophe of any kind)
        return text
    # M'Donald is the old spelling of McDonald.
    text = _OLD_MC.sub("mc", text)
    return _APOSTROPHES.sub("", text)


def tokens(text: str) -> list[str]:
    """The folded words of ``text``."""
    return list(_tokens(text))


@functools.lru_cache(maxsize=4096)  # names repeat: a server indexing a push of thousands folds each once
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(t for t in _SPLIT.split(fold(text)) if t)


def _mc_variants(token: str) -> set[str]:
    """Both the Mc and the Mac spelling of a surname word, when it has one."""
    for prefix in _MC_PREFIXES:
        rest = token[len(prefix) :]
        if token.startswith(prefix) and len(rest) >= 2:
            return {"mc" + rest, "mac" + rest}
    return {token}


@functools.lru_cache(maxsize=4096)
def _variants(word: str) -> tuple[str, ...]:
    return tuple(sorted(_mc_variants(word)))


def search_terms(*names: str) -> str:
    """The words to index for a person: every word, its Mc/Mac twin and joined pairs."""
    terms: dict[str, None] = {}  # (in order, each once)
    for name in names:
        words = _tokens(name)
        for word in words:
            terms.update(dict.fromkeys(_variants(word)))
        for first, second in zip(words, words[1:], strict=False):
            terms.update(dict.fromkeys(_variants(first + second)))
    return " ".join(terms)


def query_words(query: str) -> list[str]:
    """The folded words of a typed query; a lone "Mac", "Mc" or "O" is joined to the next word."""
    return _joined(tokens(query))


def _joined(words: list[str]) -> list[str]:
    merged: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in _JOINING and i + 1 < len(words):
            merged.append(words[i] + words[i + 1])
            i += 2
        else:
            merged.append(words[i])
            i += 1
    return merged


def identity(first: str, last: str) -> str:
    """One spelling for a person's name, to spot the same person registered twice.

    "Siobhán Mac Donald", "Siobhan McDonald" and "SIOBHAN MACDONALD" all give "siobhan mcdonald".
    """
    words = []
    for word in _joined(tokens(f"{first} {last}")):
        for prefix in _MC_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                word = "mc" + word[len(prefix) :]
                break
        words.append(word)
    return " ".join(words)


def matches(query_words_: list[str], terms: str) -> bool:
    """Whether every query word starts one of the indexed ``terms`` (the index's own rule)."""
    padded = f" {terms}"  # terms are single-space separated: " word" is a term starting with it
    return all(f" {word}" in padded for word in query_words_)


def full_name(first: str, last: str) -> str:
    """The name as staff read it out."""
    return f"{first} {last}".strip()
