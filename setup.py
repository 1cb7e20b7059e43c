"""The one packaging step pyproject.toml cannot say: the wheel carries ``resources/`` inside the package.

In a checkout (and an editable install) the desk reads ``resources/`` at the repository root; an
installed wheel reads its copy at ``visitorcentre/resources``, and the PyInstaller bundle its own
(``visitorcentre/paths.py`` knows all three). Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RESOURCES = Path(__file__).resolve().parent / "resources"


class BuildWithResources(build_py):
    """build_py, then a copy of resources/ into the built package (not for an editable install)."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "visitorcentre" / "resources"
        shutil.copytree(RESOURCES, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.pot", "*~"))


setup(cmdclass={"build_py": BuildWithResources})
