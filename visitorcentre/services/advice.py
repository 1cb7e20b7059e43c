"""Advice rules: reading, the manager's changes (each one transaction with audit and outbox), the checklist.

The versioning model is described in visitorcentre.core.advice.
"""

from __future__ import annotations


def _todo(*args, **kwargs):
    raise NotImplementedError("advice rules are being built")


rules = draft_of = add_rule = edit_rule = retire_rule = move_rule = checklist = record_advice_given = leaflet = _todo
