"""``import carerules`` loads none of the frames extra; ``import carerules.frames`` loads no dataframe library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import carerules

HEAVY = ("numpy", "narwhals", "pyarrow", "dask", "polars", "pandas")


def _loaded(statement: str) -> list[str]:
    code = f"import sys; {statement}; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    src = str(Path(carerules.__file__).parent.parent)  # this checkout's src, as pytest put it first
    env = {**os.environ, "PYTHONPATH": src}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return out.stdout.split()


def test_import_carerules_loads_no_frames_dependency() -> None:
    assert _loaded("import carerules") == []


def test_frames_load_only_their_own_extra() -> None:
    """narwhals, pyarrow and numpy; never polars, pandas or dask (a caller's table brings its own)."""
    assert sorted(_loaded("import carerules.frames")) == ["narwhals", "numpy", "pyarrow"]
