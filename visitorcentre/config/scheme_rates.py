"""Where the desk gets the cost-of-visits rates: the data file in resources/ (read once)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from visitorcentre.config import paths
from visitorcentre.core.cost_of_visits.rates import RateTable

RATES_FILE = "hcpv_rates.json"


def rates_file() -> Path:
    return paths.resources_dir() / RATES_FILE


@lru_cache(maxsize=1)
def current_rates() -> RateTable:
    """The rate table shipped with the desk (later: as sent down by the central server)."""
    return RateTable.from_json(json.loads(rates_file().read_text(encoding="utf-8")))
