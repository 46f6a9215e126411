"""Build the one-folder program with PyInstaller and package it.

Writes ``build/dist/mutualdesk/`` (the program: ``mutualdesk`` opens the window,
``mutualdesk-cli`` is the command line), ``build/version.iss`` (the version for the
Windows installer script) and, on Linux, ``build/MutualDesk-VERSION-linux-x86_64.tar.gz``
with a ``.desktop`` file and the icon. Prints the size on disk and compressed, and
the Qt modules left out.

Usage: python installer/build.py
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
DIST = BUILD / "dist"


def _version() -> str:
    sys.path.insert(0, str(ROOT))
    from app import __version__

    return __version__


def _size(folder: Path) -> int:
    """Bytes on disk, counting each file once (PyInstaller links some libraries)."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def _mb(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def _excluded() -> list[str]:
    spec = (ROOT / "installer" / "mutualdesk.spec").read_text(encoding="utf-8")
    start = spec.index("QT_UNUSED = [")
    block = spec[start : spec.index("]", start)]
    return [part.strip().strip('"') for part in block.split("[", 1)[1].split(",") if part.strip()]


def _tarball(version: str) -> Path:
    """The Linux download: the folder, a .desktop file and the icon."""
    out = BUILD / f"MutualDesk-{version}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(DIST / "mutualdesk", arcname=f"MutualDesk-{version}/mutualdesk")
        tar.add(
            ROOT / "installer" / "mutualdesk.desktop",
            arcname=f"MutualDesk-{version}/mutualdesk.desktop",
        )
        tar.add(
            ROOT / "resources" / "icons" / "mutualdesk.png",
            arcname=f"MutualDesk-{version}/mutualdesk.png",
        )
        tar.add(
            ROOT / "installer" / "INSTALL-linux.txt", arcname=f"MutualDesk-{version}/INSTALL.txt"
        )
    return out


def main() -> int:
    version = _version()
    BUILD.mkdir(exist_ok=True)
    (BUILD / "version.iss").write_text(f'#define MyAppVersion "{version}"\n', encoding="utf-8")
    shutil.rmtree(DIST / "mutualdesk", ignore_errors=True)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
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
            str(DIST),
            "--workpath",
            str(BUILD / "pyinstaller"),
            str(ROOT / "installer" / "mutualdesk.spec"),
        ],
        cwd=ROOT,
        env=env,
    )
    if done.returncode != 0:
        print("build: PyInstaller failed (see above).", file=sys.stderr)
        return done.returncode
    folder = DIST / "mutualdesk"
    print(f"\nBuilt {folder}")
    print(f"Size on disk: {_mb(_size(folder))}")
    if sys.platform.startswith("linux"):
        tarball = _tarball(version)
        print(f"Compressed ({tarball.name}): {_mb(tarball.stat().st_size)}")
    print("Qt modules left out: " + ", ".join(m.replace("PySide6.", "") for m in _excluded()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
