"""A built wheel, installed into a fresh virtual environment, finds its resources with no checkout around.

The fresh environment gets the wheel itself from pip; the third-party libraries it needs come
from the test run's own environment through a .pth file, so nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "visitorcentre", "resources")

pytestmark = pytest.mark.slow


def run(command: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The project's wheel, built from a copy of the sources (the checkout is left as it was)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", work / "dist", source], work)
    (built,) = (work / "dist").glob("visitorcentre-*.whl")
    return built


def test_the_wheel_carries_the_resources_and_the_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for wanted in (
        "visitorcentre/resources/style.qss",
        "visitorcentre/resources/hcpv_rates.json",
        "visitorcentre/resources/fonts/DejaVuSans.ttf",
        "visitorcentre/resources/icons/visitorcentre.svg",
        "visitorcentre/resources/pictograms/hoodie.svg",
        "visitorcentre/resources/locale/pl/LC_MESSAGES/visitorcentre.mo",
        "visitorcentre/db/migrations/env.py",
        "visitorcentre/db/migrations/versions/0001_first_desk_schema.py",
    ):
        assert wanted in names


def test_installed_in_a_fresh_venv_it_prints_a_polish_leaflet(wheel, tmp_path):
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], tmp_path)
    python = venv / "bin" / "python"
    site = Path(
        run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path).stdout.strip()
    )
    # The libraries (not this project) from the test run's environment: the editable install's
    # own .pth file is in there too, but Python does not read .pth files in a folder added this way.
    (site / "libraries-from-the-test-run.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel],
        tmp_path,
    )

    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}/usr/bin:/bin"
    env["VISITORCENTRE_DATA_DIR"] = str(tmp_path / "data")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = run(
        [python, "-c", "import visitorcentre.config.paths as p; print(p.__file__); print(p.resources_dir())"],
        elsewhere,
        env,
    ).stdout.split()
    assert where[0].startswith(str(site)) and where[1] == str(site / "visitorcentre" / "resources")

    command = venv / "bin" / "visitorcentre"
    assert run([command, "--version"], elsewhere, env).stdout.strip().startswith("visitorcentre ")
    run([command, "demo", "--db", "desk.sqlite3", "--visitors", "40"], elsewhere, env)
    run(
        [
            command,
            "leaflet",
            "first-visit",
            "--db",
            "desk.sqlite3",
            "--establishment",
            "BAR",
            "--lang",
            "pl",
            "--out",
            "ulotka.pdf",
        ],
        elsewhere,
        env,
    )
    pdf = (elsewhere / "ulotka.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"DejaVuSans" in pdf  # the bundled font, so Polish letters print
