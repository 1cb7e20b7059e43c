"""The one-folder bundle: `installer/build.py` builds it here and smoke-tests it with no project venv on the path.

Slow (several minutes on the development machine): kept out of the default run; `.ci/run` runs it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import visitorcentre

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_build_py_builds_a_bundle_that_passes_its_smoke_test(tmp_path):
    figures_file = tmp_path / "figures.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "installer" / "build.py"),
            "--out",
            str(tmp_path / "dist"),
            "--work",
            str(tmp_path / "work"),
            "--json",
            str(figures_file),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(figures_file.read_text())
    assert figures["version"] == visitorcentre.__version__
    steps = [step["step"] for step in figures["smoke_test"]]
    for wanted in (
        "--version",
        "demo",
        "search",
        "visit",
        "pass",
        "leaflet (pl)",
        "desk app: open, check in, print a pass through Qt",
    ):
        assert wanted in steps
    bundle = Path(figures["bundle"])
    internal = bundle / "_internal"
    assert (internal / "resources" / "style.qss").is_file()
    assert (internal / "resources" / "locale" / "pl" / "LC_MESSAGES" / "visitorcentre.mo").is_file()
    assert (internal / "visitorcentre" / "db" / "migrations" / "versions" / "0001_first_desk_schema.py").is_file()
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for plugin in ("platforms/libqoffscreen.so", "imageformats/libqsvg.so", "printsupport/libcupsprintersupport.so"):
        if sys.platform.startswith("linux"):
            assert (plugins / plugin).is_file(), plugin
    assert not list(internal.glob("zxing*")) and not (internal / "pytest").exists()
    assert "Smoke test passed." in done.stdout
