"""Compile the C twin of the counter's piles (app/services/counting/_cpiles.c).

Run by ``make``. Builds ``_cpiles`` beside its source with the C compiler
Python was built with, recording the SHA-256 of the source in the module so that
``fast.py`` uses the build only while it is current. Without a compiler it says
so and exits 0: counts then run in plain Python (``piles.py``), with the same
results, only slower.

Usage: python scripts/build_cpiles.py
"""

from __future__ import annotations

import hashlib
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "app" / "services" / "counting" / "_cpiles.c"


def main() -> int:
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    target = SOURCE.with_name("_cpiles" + sysconfig.get_config_var("EXT_SUFFIX"))
    compiler = shlex.split(sysconfig.get_config_var("CC") or "cc")
    if shutil.which(compiler[0]) is None:
        print(
            f"No C compiler ({compiler[0]}) found: counts will run in plain Python, "
            "with the same results, only slower.",
            file=sys.stderr,
        )
        return 0
    command = [
        *compiler,
        "-O2",
        "-shared",
        "-fPIC",
        "-Wall",
        "-Werror",
        "-Wno-unused-parameter",
        f"-I{sysconfig.get_paths()['include']}",
        f'-DSOURCE_SHA256="{digest}"',
        "-o",
        str(target.with_suffix(".tmp")),
        str(SOURCE),
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        print(
            "The C piles did not compile: counts will run in plain Python, "
            "with the same results, only slower.",
            file=sys.stderr,
        )
        return 0
    target.with_suffix(".tmp").replace(target)
    print(f"compiled {SOURCE.relative_to(ROOT)} -> {target.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
