"""The shipped strategies pass Hypothesis' health checks on a fresh runner (issue 14).

``expenses()`` used to fail ``too_slow`` on every first run without a
``.hypothesis`` directory; the suite's own profiles suppress that check, so it
never showed. Here each strategy runs with no example database, every health
check on and fresh random examples, as a user's CI would on its first run.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules.strategies as strategies
from tests.test_equal_means_equal import _OBJECT_STRATEGIES

FRESH = settings.get_profile("fresh")
#: Strategies of plain values and collections, also public, also checked.
_VALUE_STRATEGIES = ["amounts", "money", "durations", "instants", "shift_kinds", "interests", "traits", "local_dates",
                     "local_times", "staff_teams", "waiting_lists", "agreed_trainings", "completed_training",
                     "contact_pairs", "weekly_patterns", "ready_to_start"]  # fmt: skip


@pytest.mark.parametrize("name", sorted(_OBJECT_STRATEGIES + _VALUE_STRATEGIES))
def test_each_strategy_passes_health_checks_with_an_empty_database(name: str) -> None:
    assert FRESH.database is None
    assert FRESH.suppress_health_check == ()

    @settings(FRESH)
    @given(st.data())
    def draw_some(data: st.DataObject) -> None:
        data.draw(getattr(strategies, name)())

    draw_some()
