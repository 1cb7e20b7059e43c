"""The installer's files: name and version from the package, the Windows script's promises, the Linux entry, icons."""

from __future__ import annotations

import configparser
import os
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PIL import Image

import visitorcentre

INSTALLER = Path(__file__).resolve().parents[2] / "installer"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def text(name: str) -> str:
    return (INSTALLER / name).read_text(encoding="utf-8")


class TestOneSourceOfTruth:
    def test_the_spec_and_the_windows_script_write_down_no_name_or_version_of_their_own(self):
        spec, iss = text("visitorcentre.spec"), text("visitorcentre.iss")
        assert "visitorcentre.__version__" in spec and "visitorcentre.APP_NAME" in spec
        assert visitorcentre.__version__ not in spec and visitorcentre.__version__ not in iss
        assert not re.search(r"^\s*#define\s+AppVersion\s+\"", iss, re.MULTILINE)
        assert 'GetStringFileInfo(Bundle + "\\" + DeskProgram, "ProductVersion")' in iss

    def test_the_spec_collects_every_visitorcentre_module_but_not_the_migrations(self):
        spec = text("visitorcentre.spec")
        assert 'collect_submodules("visitorcentre", filter=not_a_migration' in spec
        assert 'rglob("migrations")' in spec and 'ROOT / "resources", "resources"' in spec


class TestWindowsInstaller:
    def test_per_machine_with_a_start_menu_shortcut_and_a_kiosk_choice_off_by_default(self):
        iss = text("visitorcentre.iss")
        assert "PrivilegesRequired=admin" in iss and "DefaultDirName={autopf}" in iss
        assert re.search(r'^Name: "\{autoprograms\}\\\{#AppName\}"', iss, re.MULTILINE)
        kiosk = re.search(r'^Name: "kiosk";.*$', iss, re.MULTILINE).group(0)
        assert "Flags: unchecked" in kiosk
        assert re.search(r'^Name: "\{commonstartup\}.*Tasks: kiosk$', iss, re.MULTILINE)

    def test_uninstalling_keeps_the_records_unless_asked(self):
        iss = text("visitorcentre.iss")
        assert "MB_DEFBUTTON2" in iss  # "No" is the default answer
        assert "if UninstallSilent() then\n    RemoveRecords := AskedToDeleteData()" in iss
        assert "/DELETEDATA" in iss and "{localappdata}\\VisitorCentre" in iss
        assert "[UninstallDelete]" not in iss


class TestLinuxDesktopEntry:
    def test_the_desktop_entry_names_the_installed_program_and_icon(self):
        entry = configparser.ConfigParser(interpolation=None)
        entry.optionxform = str
        entry.read(INSTALLER / "linux" / "visitorcentre.desktop", encoding="utf-8")
        desktop = entry["Desktop Entry"]
        assert desktop["Type"] == "Application" and desktop["Name"] == visitorcentre.APP_NAME
        assert desktop["Exec"] == "/opt/visitorcentre/visitorcentre" and desktop["Icon"] == "visitorcentre"
        assert desktop["Terminal"] == "false" and desktop["Categories"].endswith(";")

    def test_the_icon_is_drawn_once_and_rendered_at_every_size(self):
        root = ElementTree.parse(INSTALLER / "icons" / "visitorcentre.svg").getroot()
        assert root.get("viewBox") == "0 0 256 256"
        for size in ICON_SIZES:
            with Image.open(INSTALLER / "icons" / f"visitorcentre-{size}.png") as image:
                assert image.size == (size, size) and image.mode == "RGBA"
                assert image.getpixel((0, 0))[3] == 0 and image.getpixel((size // 2, size // 2))[3] == 255
        with Image.open(INSTALLER / "icons" / "visitorcentre.ico") as ico:
            assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= ico.info["sizes"]


@pytest.mark.skipif(os.name != "posix", reason="the Linux install script")
class TestLinuxInstallScript:
    @pytest.fixture
    def bundle(self, tmp_path) -> Path:
        """A stand-in bundle: a program that answers --version."""
        folder = tmp_path / "bundle"
        (folder / "_internal").mkdir(parents=True)
        program = folder / "visitorcentre"
        program.write_text(f"#!/bin/sh\necho visitorcentre {visitorcentre.__version__}\n")
        program.chmod(0o755)
        return folder

    def install(self, prefix: Path, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(INSTALLER / "linux" / "install.sh"), *args],
            env={**os.environ, "PREFIX": str(prefix)},
            capture_output=True,
            text=True,
        )

    def test_installs_the_program_entry_and_icons_and_removes_them_again(self, bundle, tmp_path):
        prefix = tmp_path / "root"
        done = self.install(prefix, "--kiosk", str(bundle))
        assert done.returncode == 0, done.stderr
        assert f"Visitor Centre {visitorcentre.__version__} installed" in done.stdout
        assert (prefix / "opt/visitorcentre/visitorcentre").is_file()
        assert (prefix / "usr/share/applications/visitorcentre.desktop").is_file()
        assert (prefix / "etc/xdg/autostart/visitorcentre.desktop").is_file()
        assert (prefix / "usr/share/icons/hicolor/48x48/apps/visitorcentre.png").is_file()
        assert (prefix / "usr/share/icons/hicolor/scalable/apps/visitorcentre.svg").is_file()
        assert os.readlink(prefix / "usr/local/bin/visitorcentre") == "/opt/visitorcentre/visitorcentre"

        removed = self.install(prefix, "--remove")
        assert removed.returncode == 0 and "records are still" in removed.stdout
        assert not (prefix / "opt/visitorcentre").exists()
        assert not (prefix / "etc/xdg/autostart/visitorcentre.desktop").exists()

    def test_without_a_bundle_it_says_how_to_build_one(self, tmp_path):
        done = self.install(tmp_path / "root", str(tmp_path / "nothing-here"))
        assert done.returncode == 2 and "installer/build.py" in done.stderr and done.stderr.count("\n") == 1
