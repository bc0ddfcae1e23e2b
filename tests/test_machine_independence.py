"""Results never depend on the machine: the same output under any hash seed and any local timezone.

Python randomises the iteration order of sets of strings per process
(``PYTHONHASHSEED``), and a process's local timezone comes from ``TZ``. The
report holds frozensets (needs, training, contact kinds) and local times, so
an output that leaked either would differ between two processes started with
different values. This test starts two such processes and compares
everything the command prints, byte for byte, with each other and with this
process (which runs under whatever seed and zone ``make test`` gave it).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import carerules as cr
from carerules._cli import main

COMMANDS = (
    ("--json",),
    ("--explain",),
    ("--example", "one-to-one", "--json"),
    ("--example", "one-to-one", "--explain"),
    ("rules", "--markdown"),
)

_SCRIPT = """
import io, json, sys
from carerules._cli import main
outputs = {}
for argv in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    outputs[" ".join(argv)] = [main(list(argv), out, err), out.getvalue(), err.getvalue()]
json.dump({"hash": hash("carerules"), "outputs": outputs}, sys.stdout)
"""


def outputs_in_a_process(seed: str, tz: str) -> tuple[int, dict[str, list[object]]]:
    src = str(Path(cr.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src, "PYTHONHASHSEED": seed, "TZ": tz}
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT, json.dumps(COMMANDS)], capture_output=True, text=True, check=True, env=env
    )
    found = json.loads(result.stdout)
    return found["hash"], found["outputs"]


def outputs_here() -> dict[str, list[object]]:
    outputs: dict[str, list[object]] = {}
    for argv in COMMANDS:
        out, err = io.StringIO(), io.StringIO()
        outputs[" ".join(argv)] = [main(list(argv), out, err), out.getvalue(), err.getvalue()]
    return outputs


def test_every_command_prints_the_same_under_other_hash_seeds_and_timezones() -> None:
    hash_a, a = outputs_in_a_process("0", "UTC")
    hash_b, b = outputs_in_a_process("4242", "Pacific/Kiritimati")
    # The two processes really did order strings differently.
    assert hash_a != hash_b
    assert a.keys() == b.keys() == {" ".join(argv) for argv in COMMANDS}
    for command, (status, out, err) in a.items():
        assert status == 0, (command, err)
        assert out, command
        assert b[command] == [status, out, err], command
    assert outputs_here() == a
