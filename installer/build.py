"""Build the one-folder bundle on this machine, then smoke-test it as a kiosk PC would run it.

    python installer/build.py [--out DIR] [--work DIR] [--no-smoke-test] [--json FILE]

Needs PyInstaller (``pip install -e ".[installer]"``). The bundle is ``DIR/visitorcentre``
(default ``dist/visitorcentre``); on Windows, Inno Setup then turns it into an installer
(``installer/visitorcentre.iss``). The smoke test runs the bundle's own program with a clean
environment (no virtual environment on PATH, no PYTHONPATH, a scratch data folder, Qt's
offscreen platform): ``--version``, ``demo``, ``visits``, ``search``, ``visit``, ``pass``,
``leaflet`` in Polish and in Gaelic, and the desk app itself (``--smoke-test``: the window
opens, a family is checked in, their pass printed through Qt). It prints the bundle's size and
the build time; a failure is one line on stderr and exit status 1 (2 for a wrong argument).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "visitorcentre.spec"
NAME = "visitorcentre"
sys.path.insert(0, str(ROOT))
from visitorcentre import __version__  # noqa: E402 - the version being built, from the checkout


class BuildFailed(Exception):
    """The build or one step of the smoke test went wrong; the message says which."""


def folder_size(folder: Path) -> int:
    """Bytes on disk of everything under ``folder`` (what ``du`` would count, near enough)."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def build(out: Path, work: Path) -> tuple[Path, float]:
    """Run PyInstaller on the spec; returns the bundle folder and the seconds it took."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise BuildFailed('PyInstaller is not installed here: pip install -e ".[installer]"') from None
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(out),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.monotonic() - started
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-30:])
        raise BuildFailed(f"PyInstaller failed (exit {done.returncode}):\n{tail}")
    bundle = out / NAME
    if not program(bundle).is_file():
        raise BuildFailed(f"PyInstaller finished but there is no program at {program(bundle)}")
    return bundle, seconds


def program(bundle: Path) -> Path:
    return bundle / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def clean_environment(data: Path) -> dict[str, str]:
    """What a kiosk PC gives the program: the system's own PATH, no Python paths, a scratch data folder."""
    env = {"VISITORCENTRE_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen", "HOME": str(data), "LANG": "C.UTF-8"}
    if sys.platform == "win32":
        for name in ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "TEMP", "TMP", "USERPROFILE", "LOCALAPPDATA", "APPDATA"):
            if name in os.environ:
                env[name] = os.environ[name]
        env["PATH"] = os.path.join(os.environ.get("SYSTEMROOT", r"C:\Windows"), "System32")
    else:
        env["PATH"] = "/usr/bin:/bin"
    return env


class SmokeTest:
    """Runs the bundle's program step by step, as an admin would at a kiosk PC."""

    def __init__(self, bundle: Path, scratch: Path):
        self.program = program(bundle)
        self.scratch = scratch
        self.env = clean_environment(scratch / "data")
        self.steps: list[dict] = []

    def run(self, what: str, *args: str, timeout: int = 300) -> str:
        started = time.monotonic()
        done = subprocess.run(
            [str(self.program), *args],
            cwd=self.scratch,
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
        )
        seconds = time.monotonic() - started
        if done.returncode != 0:
            raise BuildFailed(
                f"smoke test step “{what}” failed (exit {done.returncode}): "
                f"{(done.stderr or done.stdout).strip()[-2000:]}"
            )
        self.steps.append({"step": what, "seconds": round(seconds, 2)})
        print(f"  ok  {what} ({seconds:.1f} s)", flush=True)
        return done.stdout

    def expect_pdf(self, name: str) -> None:
        data = (self.scratch / name).read_bytes() if (self.scratch / name).is_file() else b""
        if not data.startswith(b"%PDF"):
            raise BuildFailed(f"smoke test: {name} is not a PDF")
        if b"DejaVuSans" not in data:
            raise BuildFailed(f"smoke test: {name} was printed without the desk's font (resources missing?)")

    def everything(self) -> None:
        version = self.run("--version", "--version").strip()
        if version != f"{NAME} {__version__}":
            raise BuildFailed(f"smoke test: --version says “{version}”, expected “{NAME} {__version__}”")
        # Three days of sessions, so there are booked visits today or tomorrow whatever the time.
        self.run("demo", "demo", "--db", "desk.sqlite3", "--visitors", "50", "--days", "3")
        visit = self.in_person_visit()
        reference, name = visit["reference"], visit["party"][0]["name"]
        found = json.loads(self.run("search", "search", name, "--db", "desk.sqlite3", "--json"))
        if not any(v["reference"] == reference for hit in found for v in hit["visits"]):
            raise BuildFailed(f"smoke test: searching for {name} did not find visit {reference}")
        shown = json.loads(self.run("visit", "visit", reference, "--db", "desk.sqlite3", "--json"))
        if shown.get("reference") != reference:
            raise BuildFailed(f"smoke test: `visit {reference}` showed another visit")
        self.run("pass", "pass", reference, "--db", "desk.sqlite3", "--out", "pass.pdf")
        self.expect_pdf("pass.pdf")
        for language in ("pl", "gd"):
            out = f"first-visit-{language}.pdf"
            self.run(
                f"leaflet ({language})",
                "leaflet",
                "first-visit",
                "--db",
                "desk.sqlite3",
                "--establishment",
                "BAR",
                "--lang",
                language,
                "--out",
                out,
            )
            self.expect_pdf(out)
        desk = self.scratch / "desk-app"
        desk.mkdir()
        self.run(
            "desk app: open, check in, print a pass through Qt",
            "--db",
            "desk.sqlite3",
            "--smoke-test",
            str(desk),
            timeout=180,
        )
        if not (desk / "pass.pdf").read_bytes().startswith(b"%PDF") or not (desk / "desk.png").is_file():
            raise BuildFailed("smoke test: the desk app did not leave its pass.pdf and desk.png")

    def in_person_visit(self) -> dict:
        """A visit today or tomorrow at the demo desk's establishment that has a pass (not a video call)."""
        today = date.today()
        for day in (today, date.fromordinal(today.toordinal() + 1)):
            listed = json.loads(
                self.run(
                    f"visits ({day})",
                    "visits",
                    "--db",
                    "desk.sqlite3",
                    "--date",
                    day.isoformat(),
                    "--establishment",
                    "BAR",
                    "--json",
                )
            )
            for visit in listed:
                if visit["kind"] != "virtual" and visit["status"] in ("booked", "arrived", "checked_in"):
                    return visit
        raise BuildFailed("smoke test: the demo has no in-person visit today or tomorrow to print a pass for")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="installer/build.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the bundle goes (default: dist/)")
    parser.add_argument(
        "--work", type=Path, default=None, help="PyInstaller's work folder (default: build/ beside --out)"
    )
    parser.add_argument("--no-smoke-test", action="store_true", help="build only")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here as JSON")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    work = (args.work or out.parent / "build" / "pyinstaller").resolve()
    try:
        print(f"Building {NAME} {__version__} for {sys.platform} into {out / NAME} …", flush=True)
        bundle, seconds = build(out, work)
        size = folder_size(bundle)
        print(f"Built in {seconds:.0f} s: {bundle} ({size / 1e6:.0f} MB)", flush=True)
        figures = {
            "version": __version__,
            "platform": sys.platform,
            "bundle": str(bundle),
            "build_seconds": round(seconds, 1),
            "bundle_bytes": size,
            "smoke_test": None,
        }
        if not args.no_smoke_test:
            print("Smoke test (clean environment, no Python on the path):", flush=True)
            scratch = Path(tempfile.mkdtemp(prefix="visitorcentre-smoke-"))
            try:
                test = SmokeTest(bundle, scratch)
                test.everything()
                figures["smoke_test"] = test.steps
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            print("Smoke test passed.", flush=True)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    except BuildFailed as failure:
        print(f"build.py: {failure}", file=sys.stderr)
        return 1
    except subprocess.TimeoutExpired as timeout:
        print(f"build.py: smoke test step timed out after {timeout.timeout} s: {timeout.cmd}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
