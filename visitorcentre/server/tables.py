"""Every table of the server's database, in one metadata: what Alembic and the tests compare.

Import this (not ``models`` alone) wherever all the server's tables must be known.
"""

from visitorcentre.server.centre import claim_automation_models, integration_models, timetable_models, typed
from visitorcentre.server.centre import models as centre_models
from visitorcentre.server.console import models as console_models
from visitorcentre.server.models import ServerBase

__all__ = [
    "ServerBase",
    "centre_models",
    "claim_automation_models",
    "console_models",
    "integration_models",
    "timetable_models",
    "typed",
]
