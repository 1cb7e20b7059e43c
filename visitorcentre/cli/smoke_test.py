"""The desk app's smoke test, for a freshly built bundle: open the window, check a family in, print their pass.

``visitorcentre --db DEMO.sqlite3 --smoke-test FOLDER`` (a hidden option; ``installer/build.py``
runs it on the bundle with ``QT_QPA_PLATFORM=offscreen``) opens the main window as the desk app
does, waits for the records and the Today board, opens a booked visit whose family the checks
let in, checks them in with the visit panel's button, saves a picture of the window
(``desk.png``), and prints the pass through the visit panel's print flow and Qt's print system
onto a PDF printer (``pass.pdf``). It exits 0 when all of that worked, and 1 with the reason on
stderr otherwise. The desk's clock is set to 40 minutes before that visit's session, so it
behaves the same whatever the time of day.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from visitorcentre.core.clock import FixedClock
from visitorcentre.core.staff import Actor

STAFF = Actor("Smoke Test", "manager")
PRINTER = "Smoke test PDF printer"
DEADLINE_MS = 120_000
POLL_MS = 50


def visit_to_check_in(db: Path) -> tuple[str, datetime]:
    """A booked visit from today on that the checks let in, and a moment 40 minutes before its session."""
    from sqlalchemy import select

    from visitorcentre.core.errors import NotFound
    from visitorcentre.db import models as m
    from visitorcentre.desk import open_desk

    desk = open_desk(db, actor=STAFF)
    try:
        with desk.ctx.reading() as session:
            rows = session.execute(
                select(m.Visit.id, m.VisitSession.date, m.VisitSession.starts_at)
                .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
                .where(
                    m.Visit.status == "booked",
                    m.VisitSession.establishment == desk.ctx.establishment,
                    m.VisitSession.date >= desk.ctx.clock.today(),
                    m.VisitSession.kind != "virtual",
                )
                .order_by(m.VisitSession.date, m.VisitSession.starts_at, m.Visit.reference)
                .limit(50)
            ).all()
        for visit_id, day, starts in rows:
            moment = datetime.combine(day, starts) - timedelta(minutes=40)
            desk.ctx.clock = FixedClock(moment)
            detail = desk.visits.visit(visit_id)
            results = [*detail.party_results, *(r for person in detail.party for r in person.results)]
            if not any(result.stops for result in results):
                return visit_id, moment
    finally:
        desk.close()
    raise NotFound(
        f"The smoke test found no booked visit from today on in {db} that the checks let in; make "
        "the database with `visitorcentre demo --days 3`.",
        "db",
    )


class SmokeTest:
    """Drives the main window step by step, each step waiting (without blocking) for the one before."""

    def __init__(self, app, window, desk, visit_id: str, folder: Path):
        from PySide6.QtCore import QTimer

        self.app, self.window, self.desk, self.visit_id, self.folder = app, window, desk, visit_id, folder
        self.deadline = QTimer(singleShot=True, interval=DEADLINE_MS)
        self.deadline.timeout.connect(lambda: self.fail(f"timed out waiting for: {self.waiting_for}"))
        self.deadline.start()
        self.waiting_for = ""

    def wait(self, what: str, ready: Callable[[], bool], then: Callable[[], None]) -> None:
        from PySide6.QtCore import QTimer

        self.waiting_for = what

        def poll() -> None:
            try:
                done = ready()
            except Exception as error:  # noqa: BLE001 - the smoke test reports, it does not crash
                self.fail(f"{what}: {error}")
                return
            if done:
                then()
            else:
                QTimer.singleShot(POLL_MS, poll)

        QTimer.singleShot(POLL_MS, poll)

    def say(self, line: str) -> None:
        print(f"smoke test: {line}", flush=True)

    def fail(self, reason: str) -> None:
        notice = self.window.notice.text()
        print(
            f"smoke test failed: {reason}" + (f" (the desk says: {notice})" if notice else ""),
            file=sys.stderr,
            flush=True,
        )
        self.app.exit(1)

    def idle(self) -> bool:
        return not self.window.tasks.busy

    # --- the steps ------------------------------------------------------------------------------

    def start(self) -> None:
        self.wait(
            "the records to open and the Today board to fill",
            lambda: self.desk.is_open and self.idle() and self.window.board.model.rowCount() > 0,
            self.open_visit,
        )

    def open_visit(self) -> None:
        self.say(
            f"window open on {self.desk.settings.establishment_name()}; Today board has "
            f"{self.window.board.model.rowCount()} sessions"
        )
        self.window.open_visit(self.visit_id)
        panel = self.window.visit_panel
        self.wait(
            "the visit to open",
            lambda: (
                self.idle()
                and panel.detail is not None
                and panel.detail.id == self.visit_id
                and panel.check_in_button.isEnabled()
            ),
            self.check_in,
        )

    def check_in(self) -> None:
        panel = self.window.visit_panel
        self.say(f"visit {panel.detail.reference} open; checking the family in")
        panel.check_in_button.click()
        self.wait(
            "the check-in",
            lambda: self.idle() and panel.detail.status == "checked_in" and panel.print_pass_button.isEnabled(),
            self.paint,
        )

    def paint(self) -> None:
        picture = self.folder / "desk.png"
        if not self.window.grab().save(str(picture)):
            self.fail(f"could not save {picture}")
            return
        self.say(f"checked in; window painted to {picture}")
        self.print_pass()

    def print_pass(self) -> None:
        from PySide6.QtPrintSupport import QPrinter

        from visitorcentre.ui.shared import printouts

        out = self.folder / "pass.pdf"

        def pdf_printer(name: str) -> QPrinter:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            return printer

        # The seams the print flow offers (its tests use them too): the preview answers "print on
        # the PDF printer" instead of waiting for a click, and that printer writes a file.
        printouts.available_printers = lambda: [PRINTER]
        printouts.ask_how_to_print = lambda *args, **kwargs: printouts.PrintChoice("print", printer=PRINTER)
        printouts.open_printer = pdf_printer
        self.window.passes.print_pass(reason="Smoke test of the installed desk")
        self.wait(
            "the pass to print",
            lambda: self.idle() and out.is_file() and out.stat().st_size > 0 and "printed" in self.window.notice.text(),
            lambda: self.finish(out),
        )

    def finish(self, out: Path) -> None:
        data = out.read_bytes()
        if not data.startswith(b"%PDF"):
            self.fail(f"{out} is not a PDF")
            return
        self.say(f"pass printed through Qt to {out} ({len(data):,} bytes)")
        self.deadline.stop()
        self.app.exit(0)


def run(db: Path | None, folder: Path, staff: str | None = None) -> int:
    """Run the smoke test on the demo database ``db``, writing desk.png and pass.pdf into ``folder``."""
    from visitorcentre.core.errors import InvalidInput, NotFound

    if db is None or not Path(db).is_file():
        raise NotFound(f"The smoke test needs a demo database: there is none at {db} (give it with --db).", "db")
    folder = Path(folder)
    if not folder.is_dir():
        raise InvalidInput(f"There is no folder {folder} for the smoke test's files.", "smoke_test")
    visit_id, moment = visit_to_check_in(Path(db))
    clock = FixedClock(moment)

    from PySide6.QtCore import QTimer

    from visitorcentre.desk import Desk
    from visitorcentre.desk.context import DeskContext
    from visitorcentre.desk.on_demand import DeskOnDemand
    from visitorcentre.ui.runtime.app import application, build_main_window
    from visitorcentre.ui.shared import printouts, reason_dialog

    actor = Actor(staff or STAFF.name, STAFF.role)
    desk = DeskOnDemand(DeskContext(Path(db), actor, clock), lambda ctx: Desk(ctx.open()))
    app = application()
    seams = {
        (module, name): getattr(module, name)
        for module, name in (
            (reason_dialog, "ask_reason"),
            (printouts, "available_printers"),
            (printouts, "ask_how_to_print"),
            (printouts, "open_printer"),
        )
    }
    reason_dialog.ask_reason = lambda *args, **kwargs: "Smoke test of the installed desk"
    window = build_main_window(desk)
    try:
        window.scanner.enabled = False  # nothing is typed here; no keystrokes to tell from a scanner
        window.resize(1600, 900)
        window.show()
        test = SmokeTest(app, window, desk, visit_id, folder)
        QTimer.singleShot(0, test.start)
        return app.exec()
    finally:
        window.close()
        desk.close()
        for (module, name), original in seams.items():
            setattr(module, name, original)
