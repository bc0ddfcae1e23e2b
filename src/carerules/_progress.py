"""Progress lines for the command-line report on large scenario files.

Only a person watching a terminal wants them: :func:`progress_for` returns a
silent :class:`Progress` unless the stream is a terminal and the file is
large. Progress goes to that stream (the command gives it stderr), never to
the report's own output, so ``--json`` output stays clean.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO, TypeVar

T = TypeVar("T")

#: A scenario with at least this many items (sessions, cancellations, cases, files...) shows progress.
LARGE_SCENARIO = 500


class Progress:
    """Writes ``carerules: <section> <done>/<total>`` lines to ``stream`` (or nothing, if ``stream`` is None).

    While a section runs the line is redrawn in place (a carriage return,
    at most about 50 times); when it ends the line is finished with a
    newline, so each section leaves one line with its count.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream
        self._open = False

    @property
    def shown(self) -> bool:
        """Whether anything is written."""
        return self._stream is not None

    def each(self, section: str, items: Iterable[T]) -> Iterator[T]:
        """Yield ``items``, reporting how many of them are done (nothing for an empty section)."""
        listed: Sequence[T] = tuple(items)
        total = len(listed)
        if not total:
            return
        every = max(1, total // 50)
        for done, item in enumerate(listed):
            if done % every == 0:
                self._write(f"\rcarerules: {section} {done}/{total}")
            yield item
        self.done(section, total)

    def done(self, section: str, count: int) -> None:
        """Report that ``section`` is finished, with ``count`` items (nothing when ``count`` is 0)."""
        if count:
            self._write(f"\rcarerules: {section} {count}/{count}\n")

    def close(self) -> None:
        """End a line left open by a section that stopped early (an error), so the next message starts afresh."""
        if self._open:
            self._write("\n")

    def _write(self, text: str) -> None:
        if self._stream is not None:
            self._stream.write(text)
            self._stream.flush()
            self._open = not text.endswith("\n")


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (OSError, ValueError):
        return False


def progress_for(stream: TextIO, items: int, *, large: int = LARGE_SCENARIO) -> Progress:
    """Progress on ``stream`` if it is a terminal and ``items`` is at least ``large``; else a silent one."""
    return Progress(stream if items >= large and _is_terminal(stream) else None)
