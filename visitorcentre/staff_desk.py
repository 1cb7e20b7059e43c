"""The Desk's staff and audit-log actions (a part of bootstrap.Desk kept in its own module).

Signing in changes who the Desk acts for: every audit event after it names that staff member.
"""

from __future__ import annotations

from pathlib import Path

from visitorcentre.config import settings
from visitorcentre.core.audit_chain import ChainReport
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.roles import ADMIN, require_role
from visitorcentre.core.staff import NOBODY, Actor


class StaffAtTheDesk:
    """Mixed into bootstrap.Desk: ``reading()``, ``uow()``, ``actor`` and ``clock`` come from there."""

    # --- staff ----------------------------------------------------------------------------------

    def has_staff(self) -> bool:
        """Whether anyone can sign in here yet (if not, the first screen makes the first admin)."""
        from visitorcentre.services.staff import members as staff

        with self.reading() as session:
            return staff.has_staff(session)

    def staff_list(self):
        """Every staff member (name, role, disabled, locked until, last signed in), by name. Never a hash."""
        from visitorcentre.services.staff import members as staff

        with self.reading() as session:
            return staff.staff_list(session)

    def add_staff(self, name: str, role: str, pin: str, pin_again: str | None = None) -> str:
        """Add a staff member (admin only); InvalidInput with field "name", "role", "pin" or "pin_again"."""
        from visitorcentre.services.staff import members as staff

        return staff.add_staff(self.uow(), name, role, pin, pin_again)

    def add_first_admin(self, name: str, pin: str, pin_again: str) -> Actor:
        """Make the first admin of a database with no staff, and sign them in."""
        from visitorcentre.services.staff import members as staff

        self.actor = staff.add_first_admin(self.uow(), name, pin, pin_again)
        return self.actor

    def disable_staff(self, name: str) -> None:
        """Stop a staff member signing in (admin only)."""
        from visitorcentre.services.staff import members as staff

        staff.disable_staff(self.uow(), name)

    def sign_in(self, name: str, pin: str) -> Actor:
        """Sign in: from now on this Desk acts for them. WrongPin, SignInLocked, NotFound, NotAllowed otherwise."""
        from visitorcentre.services.staff import members as staff

        self.actor = staff.sign_in(self.uow(), name, pin)
        return self.actor

    def sign_out(self) -> None:
        """Nobody is signed in: nothing needing a role can be done until someone signs in."""
        self.actor = NOBODY

    def change_pin(self, current_pin: str, new_pin: str, new_pin_again: str) -> None:
        """The signed-in staff member changes their own PIN."""
        from visitorcentre.services.staff import members as staff

        staff.change_pin(self.uow(), current_pin, new_pin, new_pin_again)

    def require_admin(self, what: str) -> None:
        """Refuse (NotAllowed) unless an admin is signed in, e.g. ``require_admin("enrol this desk")``."""
        require_role(self.actor, ADMIN, what)

    def idle_lock_seconds(self) -> int:
        """How long the desk app waits with no key or mouse activity before it locks itself."""
        with self.reading() as session:
            return int(settings.get(session, settings.IDLE_LOCK_SECONDS))

    def is_demo(self) -> bool:
        """Whether this database holds demo data (the sign-in screen then shows the demo PINs)."""
        with self.reading() as session:
            return bool(settings.get(session, settings.IS_DEMO))

    # --- the audit log --------------------------------------------------------------------------

    def audit_entries(self, query=None):
        """The audit log as the manager's viewer shows it (managers only): an AuditPage, newest first."""
        from visitorcentre.services.staff import audit_log

        with self.reading() as session:
            return audit_log.entries(session, self.actor, self.clock, query or audit_log.AuditQuery())

    def audit_csv(self, query=None) -> str:
        """The matching audit entries as CSV text (managers only)."""
        from visitorcentre.services.staff import audit_log

        return audit_log.to_csv(self.audit_entries(query))

    def export_audit_csv(self, query, path: Path | str) -> int:
        """Write the matching entries to a CSV file (managers only); returns how many were written."""
        from visitorcentre.services.staff import audit_log

        page = self.audit_entries(query)
        try:
            Path(path).write_text(audit_log.to_csv(page), encoding="utf-8-sig", newline="")
        except OSError:
            raise InvalidInput("The CSV file could not be saved there. Choose another folder, such as Documents, "
                               "and try again.", "path") from None
        return len(page.entries)

    def verify_audit(self) -> ChainReport:
        """Check the audit log's hash chain from the first entry to the newest."""
        from visitorcentre.services.staff import audit_log

        with self.reading() as session:
            return audit_log.verify(session)
