"""The ``hcpv-quote`` verb: a quote for a cost-of-visits claim described in a JSON file."""

from __future__ import annotations

import json
import sys

from visitorcentre.cli.quote_file import read_quote_file
from visitorcentre.config.scheme_rates import current_rates
from visitorcentre.core.cost_of_visits.explain import money
from visitorcentre.core.cost_of_visits.rules import quote
from visitorcentre.core.cost_of_visits.views import Quote


def run_quote(args) -> int:
    """Print the quote for ``args.file`` (JSON in the reference format with ``--json``)."""
    form = read_quote_file(args.file)
    answer = quote(form, current_rates())
    if args.json:
        json.dump(answer.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(summary_text(answer))
    return 0


def summary_text(answer: Quote) -> str:
    """The quote as a worker would read it out."""
    lines = [f"{'Can claim' if answer.eligible else 'Cannot claim'} ({answer.claim_type} visit)"]
    lines += [f"  {sentence}" for sentence in answer.explanation]
    if answer.reasons:
        lines.append(f"  Reasons: {', '.join(answer.reasons)}")
    lines.append("")
    for item in answer.items:
        lines.append(f"  {item.type.replace('_', ' '):<14}{money(item.amount_pence):>10}  {item.note}".rstrip())
    lines.append(f"  {'refreshments':<14}{money(answer.refreshments_pence):>10}")
    lines.append(f"  {'Total':<14}{money(answer.total_pence):>10}")
    lines.append("")
    due = f" (by {answer.evidence_due:%d %B %Y})" if answer.evidence_required and answer.evidence_due else ""
    lines.append(f"Still to send: {', '.join(answer.evidence_required) or 'nothing'}{due}")
    lines.append(f"Manual check: {', '.join(answer.manual_check) or 'none'}")
    return "\n".join(lines)
