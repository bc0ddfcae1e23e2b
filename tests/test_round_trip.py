"""Serialisation is total (issue 14): ``from_data(to_data(x)) == x`` for every public type the strategies build,
for the datetimes and durations at the edges, and JSON objects with a key twice are refused."""

from __future__ import annotations

import inspect
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
import carerules.strategies as strategies
from carerules.serialisation import from_data, to_data
from tests.conftest import FUZZ_EXAMPLES, LONDON, PUBLIC_NAMES
from tests.test_equal_means_equal import _OBJECT_STRATEGIES

#: Strategies whose objects are not public types of their own (a generated policy is a Policy, and so on).
_ROUND_TRIPPED = sorted(_OBJECT_STRATEGIES)


@pytest.mark.parametrize("name", _ROUND_TRIPPED)
@settings(max_examples=FUZZ_EXAMPLES * 2)
@given(data=st.data())
def test_every_shipped_object_round_trips_through_plain_data(name: str, data: st.DataObject) -> None:
    obj = data.draw(getattr(strategies, name)())
    back = from_data(to_data(obj), type(obj))
    assert back == obj
    assert to_data(back) == to_data(obj)


def _care_reports() -> st.SearchStrategy[cr.CareReport]:
    return st.tuples(strategies.care_policies(), st.data()).map(
        lambda pd: cr.care_report(pd[1].draw(strategies.care_cases(pd[0].care)), pd[0])
    )


#: Public types whose strategies need arguments or return tuples, built here from the shipped ones.
EXTRA: dict[str, st.SearchStrategy[Any]] = {
    "Cancellation": strategies.sessions().flatmap(strategies.cancellations),
    "ReviewRecord": strategies.plans().flatmap(strategies.review_records).filter(bool).map(lambda t: t[0]),
    "SessionRecord": st.tuples(strategies.plans(), strategies.one_to_one_policies())
    .flatmap(lambda pp: strategies.session_records(*pp))
    .filter(bool)
    .map(lambda t: t[0]),
    "AgreedTraining": strategies.agreed_trainings().filter(bool).map(lambda t: t[0]),
    "WeeklySlot": strategies.weekly_patterns().filter(bool).map(lambda t: t[0]),
    "Calendar": st.builds(cr.Calendar, closure_days=st.frozensets(strategies.local_dates(), max_size=3)),
    "EpilepsyProcedure": st.builds(cr.EpilepsyProcedure, documented_on=strategies.local_dates()),
    "Rule": st.sampled_from(cr.all_rules()),
    "Source": st.sampled_from(cr.all_rules()).map(lambda r: r.source),
    "PolicyStamp": st.builds(
        cr.PolicyStamp, st.sampled_from(["buddies", "harbour-support"]), st.text(min_size=1).filter(str.strip)
    ),
    "Document": st.builds(
        cr.Document, st.text(min_size=1).filter(str.strip), st.text(), st.none() | strategies.local_dates(), st.text()
    ),
    "Clause": st.builds(
        cr.Clause, st.text(min_size=1).filter(str.strip), st.text(min_size=1).filter(str.strip), st.text()
    ),
    "PolicyChoice": st.builds(
        cr.PolicyChoice,
        rates=st.lists(strategies.rates(), max_size=2).map(tuple),
        closure_days=st.frozensets(strategies.local_dates(), max_size=2),
    ),
    "Scenario": st.builds(
        cr.Scenario,
        period=strategies.periods(),
        sessions=st.lists(strategies.sessions(), max_size=3, unique_by=lambda x: x.id).map(tuple),
        expenses=st.lists(strategies.expenses(), max_size=2).map(tuple),
        care=st.lists(strategies.care_cases(), max_size=2).map(tuple),
        onboarding=st.none() | strategies.onboarding_scenarios(),
    ),
    "CareReport": _care_reports(),
    "ClassifiedTasks": _care_reports().map(lambda r: r.tasks),
    "ContactChecks": _care_reports().map(lambda r: r.contacts),
    "TariffRate": strategies.tariffs().map(lambda t: t.rates[-1]),
    "DayType": strategies.tariffs().filter(lambda t: bool(t.day_types)).map(lambda t: t.day_types[-1]),
    "Band": strategies.tariffs().filter(lambda t: bool(t.bands)).map(lambda t: t.bands[0]),
    "DurationRules": strategies.tariffs().filter(lambda t: bool(t.durations)).map(lambda t: t.durations[0]),
    "CancellationTerms": strategies.cancellation_terms(),
    "NoticeTier": strategies.cancellation_terms().map(lambda c: c.tiers[-1]),
    "TierCharge": strategies.cancellation_terms().map(lambda c: c.tiers[0].charge),
    "CancellationWaiver": strategies.cancellation_terms()
    .filter(lambda c: bool(c.waivers))
    .map(lambda c: c.waivers[-1]),
    "LengthPrice": st.builds(cr.LengthPrice, strategies.durations(), strategies.money()),
    "Travel": strategies.tariffs().filter(lambda t: t.travel is not None).map(lambda t: t.travel),
    "Mileage": strategies.tariffs()
    .filter(lambda t: t.travel is not None and bool(t.travel.mileage))
    .map(lambda t: t.travel.mileage[0] if t.travel else None),
    "TravelTime": strategies.tariffs()
    .filter(lambda t: t.travel is not None and t.travel.time is not None)
    .map(lambda t: t.travel.time if t.travel else None),
    "ExpenseTerms": strategies.tariffs().filter(lambda t: bool(t.expenses)).map(lambda t: t.expenses[0]),
    "Fee": strategies.tariffs().filter(lambda t: bool(t.fees)).map(lambda t: t.fees[0]),
    "Billing": strategies.tariffs().filter(lambda t: t.billing is not None).map(lambda t: t.billing),
    "Surcharge": st.builds(cr.Surcharge, st.just("Card fee"), strategies.money(), methods=st.just(frozenset({"card"}))),
    "Journey": st.builds(
        cr.Journey, strategies.money(), st.none() | st.just("with-client"), st.none() | strategies.durations()
    ),
    "ExpenseClaim": st.builds(
        cr.ExpenseClaim, st.just("meal"), strategies.money(), strategies.local_dates(), st.booleans()
    ),
    "Nights": st.builds(cr.Nights, st.none() | st.just("sleeper"), st.integers(0, 5), st.none() | st.integers(0, 9)),
    "ScopedMinimum": st.builds(
        cr.ScopedMinimum, st.sampled_from(cr.Scope), strategies.durations(), st.sampled_from(["", "the daily minimum"])
    ),
}


@pytest.mark.parametrize("name", sorted(EXTRA))
@settings(max_examples=FUZZ_EXAMPLES * 2)
@given(data=st.data())
def test_every_other_public_input_type_round_trips(name: str, data: st.DataObject) -> None:
    obj = data.draw(EXTRA[name])
    assert type(obj).__name__ == name
    back = from_data(to_data(obj), type(obj))
    assert back == obj


def _built_type(strategy: Any) -> str:
    """The class a strategy function says it builds (``SearchStrategy[Session]`` gives ``Session``)."""
    found = re.search(r"\[(?:ForwardRef\(')?(\w+)", str(inspect.signature(strategy).return_annotation))
    assert found is not None, strategy
    return found[1]


def test_the_round_trips_reach_every_public_type_that_checks_its_fields() -> None:
    """Every public domain type with validators is built by a shipped strategy or by :data:`EXTRA`."""
    reached = {_built_type(getattr(strategies, name)) for name in _OBJECT_STRATEGIES}
    public = [getattr(cr, n) for n in PUBLIC_NAMES]
    checked = {
        c.__name__ for c in public if isinstance(c, type) and attrs.has(c) and any(a.validator for a in attrs.fields(c))
    }
    assert checked - reached - set(EXTRA) == set()


@pytest.mark.parametrize(
    "instant",
    [
        datetime(2026, 3, 29, 1, 30, tzinfo=LONDON),  # in the skipped spring hour (read with the earlier offset)
        datetime(2026, 3, 29, 1, 30, tzinfo=LONDON, fold=1),
        datetime(2026, 10, 25, 1, 30, tzinfo=LONDON),  # the repeated hour, first pass
        datetime(2026, 10, 25, 1, 30, tzinfo=LONDON, fold=1),  # and second
        datetime(1, 1, 2, tzinfo=UTC),
        datetime(9999, 12, 29, 23, 59, 59, 999999, tzinfo=UTC),
    ],
)
def test_edge_datetimes_round_trip_exactly_wall_time_fold_and_zone(instant: datetime) -> None:
    back = from_data(to_data(instant), datetime)
    assert (back.replace(tzinfo=None), back.fold, back.tzinfo) == (
        instant.replace(tzinfo=None),
        instant.fold,
        instant.tzinfo,
    )
    assert back.utcoffset() == instant.utcoffset()


def test_a_session_starting_in_the_skipped_hour_round_trips() -> None:
    """to_data wrote 01:30+00:00[Europe/London] and from_data refused it."""
    session = cr.Session(
        "g", "su", datetime(2026, 3, 29, 1, 30, tzinfo=LONDON), datetime(2026, 3, 29, 4, tzinfo=LONDON)
    )
    assert from_data(to_data(session), cr.Session) == session


@pytest.mark.parametrize("span", [timedelta.max, timedelta.min, timedelta(days=-1, microseconds=1), timedelta(0)])
def test_extreme_durations_round_trip_exactly(span: timedelta) -> None:
    """timedelta.max came back as 105,215,146 days."""
    assert from_data(to_data(span), timedelta) == span


@given(st.timedeltas())
def test_every_duration_round_trips_exactly(span: timedelta) -> None:
    assert from_data(to_data(span), timedelta) == span


@pytest.mark.parametrize(
    "text",
    ["P1Y", "P1M", "PT", "P", "-P", "PT1.5H", "PT1.0000001S", "P99999999999999999D", "PT" + "9" * 5000 + "S", "2h"],
)
def test_durations_that_are_not_exact_elapsed_time_are_refused(text: str) -> None:
    with pytest.raises(cr.ScenarioError):
        from_data(text, timedelta)


@pytest.mark.parametrize(("text", "span"), [("P1W", timedelta(weeks=1)), ("P1DT2H", timedelta(days=1, hours=2)),
                                             ("PT0,5S", timedelta(milliseconds=500))])  # fmt: skip
def test_iso_durations_with_weeks_days_and_decimal_commas_are_read(text: str, span: timedelta) -> None:
    assert from_data(text, timedelta) == span
