"""Every table of the server's database, in one metadata: what Alembic and the tests compare.

Import this (not ``models`` alone) wherever all the server's tables must be known.
"""

from visitorcentre.server.centre import models as centre_models
from visitorcentre.server.centre import typed
from visitorcentre.server.models import ServerBase

__all__ = ["ServerBase", "centre_models", "typed"]
