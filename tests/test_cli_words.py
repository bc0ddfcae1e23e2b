"""The default text report in a care manager's words (issue 18); ``--explain`` keeps ids and offsets."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

import carerules as cr
from carerules._cli import main
from carerules._cli_words import local_time, plain_words

LONDON = ZoneInfo("Europe/London")
OFFSET = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?: ?[+-]\d{2}:\d{2}|Z)| [+-]\d{2}:\d{2}\b")


def report(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert main(list(argv), out, err) == 0, err.getvalue()
    return out.getvalue()


def _body(text: str) -> str:
    """The generated sections (the scenario's own notes above them are the author's words)."""
    return text.split("\n\n", 1)[1]


@pytest.mark.parametrize("example", ["buddies", "one-to-one"])
def test_the_default_report_has_no_rule_ids_and_no_offsets(example: str) -> None:
    body = _body(report("--example", example))
    for rule in cr.all_rules():
        assert rule.id not in body, rule.id
    assert not OFFSET.search(body), OFFSET.search(body)


def test_explain_keeps_rule_ids_offsets_and_the_certificate() -> None:
    text = report("--explain")
    assert "[charging.hourly-rate]" in text
    assert "Lagrangian bound" in text
    assert OFFSET.search(text)


def test_the_matching_certificate_reads_checked_optimal() -> None:
    text = report()
    assert "matched with total fit 9 (checked optimal)" in text
    assert "Lagrangian" not in text


# (text as a section renders it, in the default report)
WORDS = [
    ("- [charging.minimum-session] 1 h 30 min booked", "- 1 h 30 min booked"),
    ("      [contact.not-assumed] hug; set aside by contact.plan-rules-out", "      hug; overruled below"),
    ("x; set aside by care.permitted.brushing-hair, contact.plan-rules-out", "x; overruled below"),
    ("    - no terms given [onboarding.terms-given]", "    - no terms given"),
    ("    - not valid [matching.capacity] [onboarding.key-worker-and-spare]", "    - not valid"),
    ("[not.a-rule] stays", "[not.a-rule] stays"),
    # Times become local wall times in the policy's zone, whatever offset they were written with.
    ("2027-03-27 22:00 +00:00 to 2027-03-28 08:00 +01:00", "2027-03-27 22:00 to 2027-03-28 08:00"),
    ("at 2027-07-11T16:00:00+00:00 (m3)", "at 2027-07-11 17:00 (m3)"),
    ("at 2027-07-11T16:00:00Z", "at 2027-07-11 17:00"),
    ("at 2027-07-11T16:00:00+01:00[Europe/London]", "at 2027-07-11 16:00"),
    # The autumn 2027 repeated hour: the zone's abbreviation keeps the two 01:30s apart.
    ("2027-10-31 01:30 +01:00 and 2027-10-31 01:30 +00:00", "2027-10-31 01:30 BST and 2027-10-31 01:30 GMT"),
    ("(certified optimal: within 1 of the Lagrangian bound)", "(checked optimal)"),
    ("(compact programme: restricted problem certified optimal by LP duality)", "(checked optimal)"),
]


@pytest.mark.parametrize(("rendered", "plain"), WORDS, ids=[w for w, _ in WORDS])
def test_plain_words(rendered: str, plain: str) -> None:
    assert plain_words(rendered, LONDON) == plain


def test_local_time_marks_only_the_repeated_hour() -> None:
    assert local_time(datetime(2027, 10, 31, 0, 30, tzinfo=UTC), LONDON) == "2027-10-31 01:30 BST"
    assert local_time(datetime(2027, 10, 31, 1, 30, tzinfo=UTC), LONDON) == "2027-10-31 01:30 GMT"
    assert local_time(datetime(2027, 10, 31, 2, 30, tzinfo=UTC), LONDON) == "2027-10-31 02:30"
    assert local_time(datetime(2027, 3, 28, 1, 30, tzinfo=UTC), LONDON) == "2027-03-28 02:30"
