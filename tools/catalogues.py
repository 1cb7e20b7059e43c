"""Keep the gettext catalogues in step (Babel): extract the template, update and compile pl / gd.

python tools/catalogues.py extract   # resources/locale/visitorcentre.pot from the code
python tools/catalogues.py update    # merge the template into each .po (new strings untranslated)
python tools/catalogues.py compile   # each .po -> .mo (committed; tests check they match)
python tools/catalogues.py all       # the three in turn (``make catalogues``)

Each file's header says its texts need a native speaker's review (see TRANSLATORS.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
LANGUAGES = ("pl", "gd")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "said": None, "said_n": (1, 2)}
LANGUAGE_NAMES = {"pl": "Polish", "gd": "Scottish Gaelic"}
REVIEW = (
    "{language} translations for Visitor Centre.\n"
    "Copyright (C) 2026 the Visitor Centre project.\n"
    "This file is distributed under the same license as the Visitor Centre project.\n"
    "\n"
    "NEEDS A NATIVE SPEAKER'S REVIEW: these texts were written by the developers, not by a\n"
    "native speaker, and must be checked by one before families rely on them. See TRANSLATORS.md\n"
    "at the root of the repository for how to review and update them."
)


def template() -> Catalog:
    catalog = Catalog(
        project="Visitor Centre",
        domain="visitorcentre",
        header_comment="# " + REVIEW.format(language="Template of the").replace("\n", "\n# "),
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT / "visitorcentre", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        catalog.add(message, None, [(f"visitorcentre/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "visitorcentre.po"


def load(language: str) -> Catalog:
    with po_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    catalog.header_comment = "# " + REVIEW.format(language=LANGUAGE_NAMES[language]).replace("\n", "\n# ")
    catalog.fuzzy = False
    return catalog


def save(catalog: Catalog, path: Path, mo: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        (write_mo if mo else write_po)(handle, catalog, **({} if mo else {"width": 100}))


def main(verb: str) -> None:
    if verb == "extract":
        save(template(), LOCALE / "visitorcentre.pot")
    elif verb == "update":
        fresh = template()
        for language in LANGUAGES:
            catalog = load(language)
            catalog.update(fresh, no_fuzzy_matching=True)
            save(catalog, po_path(language))
    elif verb == "compile":
        for language in LANGUAGES:
            save(load(language), po_path(language).with_suffix(".mo"), mo=True)
    elif verb == "all":
        for step in ("extract", "update", "compile"):
            main(step)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
