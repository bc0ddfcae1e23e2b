"""``carerules --version`` prints the installed version (issue 18)."""

from __future__ import annotations

import io
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import carerules as cr
from carerules._cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_version_prints_the_installed_distributions_version_and_nothing_else() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["--version"], out, err) == 0
    assert out.getvalue() == f"carerules {version('carerules')}\n"
    assert err.getvalue() == ""


def test_the_versions_agree_with_pyproject() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert version("carerules") == declared == cr.__version__


def test_version_from_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "carerules", "--version"],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"carerules {cr.__version__}\n", "")
