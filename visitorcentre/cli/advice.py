"""The command-line verbs for advice: the current rules as JSON, and a printed leaflet to a PDF file."""

from __future__ import annotations

import json

from visitorcentre.cli.common import _existing_desk
from visitorcentre.cli.passes import _establishment, _write
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.staff import Actor
from visitorcentre.i18n import check_language

COMMAND_LINE = Actor("Command line", "desk")


def run_advice(args) -> int:
    check_language(args.lang)
    desk = _existing_desk(args.verb_db, COMMAND_LINE)
    try:
        code = _establishment(desk, args.establishment)
        found = desk.advice.rules(code, args.lang)
    finally:
        desk.close()
    rules = [
        {
            "category": r.category,
            "severity": r.severity,
            "text": r.text,
            "easy_read": r.easy_read,
            "effective_from": r.effective_from.isoformat(),
        }
        for r in found
    ]
    if args.json:
        print(json.dumps(rules, ensure_ascii=False, indent=2))
    else:
        for rule in rules:
            print(f"[{rule['category']}, {rule['severity']}] {rule['text']}")
    return 0


def run_leaflet(args) -> int:
    from visitorcentre.core.advice import LEAFLET_KINDS

    if args.kind not in LEAFLET_KINDS:
        raise InvalidInput(f"There is no leaflet “{args.kind}” (choose one of: {', '.join(LEAFLET_KINDS)}).", "kind")
    check_language(args.lang)
    desk = _existing_desk(args.verb_db, COMMAND_LINE)
    try:
        code = _establishment(desk, args.establishment)
        pdf = desk.advice.leaflet_pdf(args.kind, code, args.lang)
    finally:
        desk.close()
    _write(args.out, pdf)
    print(f"Leaflet {args.kind} ({args.lang}) for {code} written to {args.out}.")
    return 0
