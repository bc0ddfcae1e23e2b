"""The default text report in a care manager's words (``--explain`` keeps the exact form).

The sections are rendered by their own modules, with rule ids and UTC
offsets, which an auditor needs and ``--explain`` shows. For the default
report :func:`plain_words` rewrites that text:

* rule ids go: ``- [charging.minimum-session] 1 h 30 min booked`` becomes
  ``- 1 h 30 min booked``; a finding's trailing ``[compliance.x]`` is dropped,
  and "set aside by care.permitted.x" (the overriding reason is the next
  line) becomes "overruled below";
* a date-time with an offset (``2027-03-27 22:00 +00:00``,
  ``2027-03-11T16:00:00+00:00``) becomes the local time in the policy's
  zone, ``2027-03-27 22:00``; in the hour the clocks show twice the zone's
  abbreviation is added (``01:30 BST``, ``01:30 GMT``), so the two stay
  apart;
* the matching section's certificate, "certified optimal: within 1 of the
  Lagrangian bound", becomes "checked optimal".
"""

from __future__ import annotations

import functools
import re
from datetime import datetime, tzinfo

from carerules._registry import all_rules

_INSTANT = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})[ T](?P<clock>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) ?(?P<offset>[+-]\d{2}:\d{2}|Z)"
    r"(?:\[[A-Za-z0-9_+\-/]+\])?"
)
_OPTIMAL = re.compile(r"(?:compact programme: restricted problem )?certified optimal(?: by LP duality|: within [^)]*)?")


_ID = r"[a-z][a-z0-9.\-]*[a-z0-9]"
#: "[id] " before a reason; " [id]" ending a finding; "; set aside by id, id" inside a reason.
_BEFORE = re.compile(rf"\[(?P<id>{_ID})\] ")
_AFTER = re.compile(rf" \[(?P<id>{_ID})\](?=[ \t]*$)", re.MULTILINE)
_SET_ASIDE = re.compile(rf"; set aside by (?P<ids>{_ID}(?:, {_ID})*)")


@functools.cache
def _ids() -> frozenset[str]:
    return frozenset(r.id for r in all_rules())


def local_time(instant: datetime, tz: tzinfo) -> str:
    """``instant`` as local wall time without an offset, with the zone's abbreviation when the clocks show it twice."""
    local = instant.astimezone(tz)
    text = f"{local.year:04d}-{local.month:02d}-{local.day:02d} {local.hour:02d}:{local.minute:02d}"
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        text += f" {local.tzname()}"
    return text


def plain_words(text: str, tz: tzinfo) -> str:
    """``text`` with rule ids dropped, local times without offsets and the matching certificate in words."""

    seen: dict[str, str] = {}

    def instant(match: re.Match[str]) -> str:
        found = seen.get(match[0])
        if found is None:
            offset = "+00:00" if match["offset"] == "Z" else match["offset"]
            try:
                found = local_time(datetime.fromisoformat(f"{match['day']}T{match['clock']}{offset}"), tz)
            except ValueError:
                found = match[0]
            seen[match[0]] = found
        return found

    ids = _ids()

    def rule(match: re.Match[str]) -> str:
        return "" if match["id"] in ids else match[0]

    def set_aside(match: re.Match[str]) -> str:
        return "; overruled below" if all(i in ids for i in match["ids"].split(", ")) else match[0]

    text = _BEFORE.sub(rule, text)
    while True:  # " [a] [b]" at the end of a finding: one id per pass, from the end
        shorter = _AFTER.sub(rule, text)
        if shorter == text:
            break
        text = shorter
    text = _SET_ASIDE.sub(set_aside, text)
    text = _INSTANT.sub(instant, text)
    return _OPTIMAL.sub("checked optimal", text)
