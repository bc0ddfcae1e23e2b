"""Make a copy of the sources mutable by mutmut (``make mutation`` runs this on a scratch copy).

mutmut 3 never mutates a decorated function (other than ``@staticmethod`` and
``@classmethod``), and every public function of carerules is decorated with
``@public`` (argument checking, ``_guard.py``). Left alone, the bodies of all
public entry points would be invisible to mutation testing.

This script rewrites, in the copy only, each ``@public`` decorator into an
equivalent assignment after the function::

    def decide_cancellation(...): ...
    decide_cancellation = public(decide_cancellation)

which behaves the same (the decorator is applied to the same function object,
once, at import) but lets mutmut put its trampoline on the undecorated body.
It refuses to run on a git work tree (only on a scratch copy) and changes no
other line. ``--module`` and ``--tests`` restrict the run (``only_mutate`` and
``pytest_add_cli_args_test_selection`` in the copy's ``pyproject.toml``).

Usage: ``python benchmarks/mutation_prepare.py COPY [--module carerules._charging._pricing] [--tests tests/charging]``
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path


def rewrite(source: str) -> str:
    """``source`` with every top-level ``@public`` decorator turned into an assignment."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, str]] = []  # (decorator line index, end line index, function name)
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if isinstance(decorator, ast.Name) and decorator.id == "public" and len(node.decorator_list) == 1:
                assert node.end_lineno is not None
                edits.append((decorator.lineno - 1, node.end_lineno, node.name))
    for decorator_index, end, name in reversed(edits):
        lines.insert(end, f"{name} = public({name})\n")
        del lines[decorator_index]
    return "".join(lines)


def configure(pyproject: Path, module: str | None, tests: list[str]) -> None:
    """Restrict ``[tool.mutmut]`` in the copy's ``pyproject.toml`` to one module and some tests."""
    text = pyproject.read_text(encoding="utf-8")
    extra = ""
    if module:
        where = "src/" + module.replace(".", "/")
        extra += f'only_mutate = ["{where}.py", "{where}/*"]\n'
    if tests:
        extra += "pytest_add_cli_args_test_selection = [" + ", ".join(f'"{t}"' for t in tests) + "]\n"
    pyproject.write_text(text.replace("[tool.mutmut]\n", "[tool.mutmut]\n" + extra, 1), encoding="utf-8")


def main() -> None:
    """Rewrite every ``*.py`` file under ``COPY/src`` and restrict the run if asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("copy", type=Path, help="the scratch copy of the repository (not a git work tree)")
    parser.add_argument("--module", help="mutate only this module or package, e.g. carerules._charging._pricing")
    parser.add_argument("--tests", nargs="*", default=[], help="run only these test paths, e.g. tests/charging")
    args = parser.parse_args()
    if (args.copy / ".git").exists():
        sys.exit(f"{args.copy}: refusing to rewrite a git work tree; run on a scratch copy (see Makefile)")
    count = 0
    for path in sorted((args.copy / "src").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        new = rewrite(text)
        if new != text:
            count += text.count("\n@public\n")
            path.write_text(new, encoding="utf-8")
    configure(args.copy / "pyproject.toml", args.module, args.tests)
    print(f"made {count} @public functions mutable in {args.copy}/src")


if __name__ == "__main__":
    main()
