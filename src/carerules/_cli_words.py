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


@functools.cache
def _ids() -> re.Pattern[str]:
    ids = sorted({r.id for r in all_rules()}, key=len, reverse=True)
    alternatives = "|".join(re.escape(i) for i in ids)
    # "[id] " before a reason, " [id]" after a finding, "; set aside by id, id" inside one.
    return re.compile(
        rf"\[(?:{alternatives})\] |\s*\[(?:{alternatives})\](?=\s*(?:\[|$))"
        rf"|; set aside by (?:{alternatives})(?:, (?:{alternatives}))*",
        re.MULTILINE,
    )


def local_time(instant: datetime, tz: tzinfo) -> str:
    """``instant`` as local wall time without an offset, with the zone's abbreviation when the clocks show it twice."""
    local = instant.astimezone(tz)
    text = local.strftime("%Y-%m-%d %H:%M")
    wall = local.replace(tzinfo=None)
    if wall.replace(tzinfo=tz, fold=0).utcoffset() != wall.replace(tzinfo=tz, fold=1).utcoffset():
        text += f" {local.tzname()}"
    return text


def plain_words(text: str, tz: tzinfo) -> str:
    """``text`` with rule ids dropped, local times without offsets and the matching certificate in words."""

    def instant(match: re.Match[str]) -> str:
        offset = "+00:00" if match["offset"] == "Z" else match["offset"]
        try:
            when = datetime.fromisoformat(f"{match['day']}T{match['clock']}{offset}")
        except ValueError:
            return match[0]
        return local_time(when, tz)

    def rule(match: re.Match[str]) -> str:
        return "; overruled below" if match[0].startswith("; set aside") else ""

    text = _ids().sub(rule, text)
    text = _INSTANT.sub(instant, text)
    return _OPTIMAL.sub("checked optimal", text)
