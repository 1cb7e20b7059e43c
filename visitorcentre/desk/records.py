"""``desk.records``: keeping personal data — retention, subject access and erasure (services.records)."""

from __future__ import annotations

from visitorcentre.config import settings
from visitorcentre.desk.area import Area, action, query, same_as
from visitorcentre.services.records import anonymise, retention, subject_access


class Records(Area):
    """What this desk keeps about people, and for how long."""

    retention_policy = query(settings.retention_policy)
    export_visitor = action(subject_access.export)

    @same_as(retention.purge)
    def purge(self, dry_run: bool = False) -> retention.PurgeResult:
        ctx = self.ctx
        return retention.purge(ctx.reading, ctx.unit_of_work, self.retention_policy(), ctx.clock.today(), dry_run)

    @same_as(subject_access.erase)
    def erase_visitor(self, visitor_id: str, reason: str) -> None:
        files = subject_access.erase(self.ctx.unit_of_work(), visitor_id, reason)
        anonymise.delete_receipt_files(files)
