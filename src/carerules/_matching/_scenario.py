"""The matching part of a scenario file, and its part of the command-line report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import attrs

from carerules._charging._model import Session
from carerules._errors import InvalidInput, MissingDependency
from carerules._guard import _grounded
from carerules._matching._assign import Assignment, assign_all
from carerules._matching._cover import CoverOptions, _Booked, _Bookings, _cover
from carerules._matching._model import Match, ServiceUser, StaffMember, unique_staff, unique_users
from carerules._policy import Policy
from carerules._rules import Decision
from carerules._time import format_local
from carerules._validate import tuple_of


def _ids(_: object, __: object, value: Any) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InvalidInput("matching.waiting", value, "a tuple of Service User ids")


@attrs.frozen
class MatchingScenario:
    """Staff, Service Users, existing matches and who is waiting for a match.

    ``waiting`` names Service Users (listed in ``service_users``) who need a
    key worker and spare; sessions whose staff member is listed in
    ``staff`` get cover options when that person cannot work them.
    """

    staff: tuple[StaffMember, ...] = attrs.field(default=(), validator=tuple_of(StaffMember, "matching.staff"))
    service_users: tuple[ServiceUser, ...] = attrs.field(
        default=(), validator=tuple_of(ServiceUser, "matching.service_users")
    )
    waiting: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    matches: tuple[Match, ...] = attrs.field(default=(), validator=tuple_of(Match, "matching.matches"))

    def __attrs_post_init__(self) -> None:
        unique_staff(self.staff)
        known = {u.id for u in unique_users(self.service_users)}
        for ident in self.waiting:
            if ident not in known:
                raise InvalidInput(
                    "matching.waiting", ident, "the id of a Service User listed in matching.service_users"
                )


def matching_report(
    scenario: MatchingScenario,
    sessions: Iterable[Session],
    policy: Policy,
    *,
    on: date | None = None,
    _index: Callable[[tuple[Session, ...]], _Booked] = _Bookings,
) -> dict[str, Any]:
    """Suggestions for everyone waiting, and cover options for sessions whose staff cannot work them.

    ``on``: the date training is judged on for the waiting (the scenario's
    first day); cover is judged on each session's own local date.
    """
    users = {u.id: u for u in scenario.service_users}
    staff_ids = {s.id for s in scenario.staff}
    suggestions: Decision[Assignment] | None = None
    unavailable = None
    if scenario.waiting:
        try:
            waiting = [users[i] for i in scenario.waiting]
            suggestions = assign_all(waiting, scenario.staff, policy, existing=scenario.matches, on=on)
        except MissingDependency as exc:
            unavailable = str(exc)
    matches = {m.service_user: m for m in scenario.matches}
    booked = tuple(sessions)
    index = _index(booked)
    members = unique_staff(scenario.staff)
    by_id = {s.id: s for s in members}
    cover: list[Decision[CoverOptions]] = []
    for session in sorted(booked, key=lambda s: (s.start, s.id)):
        if session.staff in staff_ids and session.service_user in users:
            user = users[session.service_user]
            decision = _cover(session, user, members, by_id, policy, matches.get(user.id), index, None)
            if decision.answer.needed:
                # Grounded in the policy (its clauses, roles and stamp) as a call of cover_options is.
                cover.append(_grounded(decision, policy))
    return {"suggestions": suggestions, "unavailable": unavailable, "cover": cover}


def render_matching(report: dict[str, Any], policy: Policy, *, explain: bool = False) -> list[str]:
    """The matching and cover sections of the text report."""
    out: list[str] = []
    suggestions: Decision[Assignment] | None = report["suggestions"]
    if suggestions is not None or report["unavailable"]:
        out.append("== Matching ==")
        if report["unavailable"]:
            out.append(f"  suggestions unavailable: {report['unavailable']}")
    if suggestions is not None:
        result = suggestions.answer
        out.append(f"  {suggestions.reasons[0].detail}")
        for m in result.matches:
            k, s = m.key_worker, m.spare
            out.append(
                f"  {m.match.service_user}: key worker {k.staff} (score {k.score}; shares "
                f"{', '.join(sorted(k.shared_interests)) or 'nothing'}), spare {s.staff} (score {s.score}; shares "
                f"{', '.join(sorted(s.shared_interests)) or 'nothing'})"
            )
            if explain:
                out.extend(f"      {r}" for r in m.reasons)
        out.extend(f"  {u.service_user}: not matched: {u.why}" for u in result.unmatched)
        out.append("")
    if report["cover"]:
        out.append("== Cover ==")
        tz = policy.tz
        for decision in report["cover"]:
            options = decision.answer
            out.append(f"  {options.session_id} (preferred {options.preferred}): {options.why}")
            staff = ", ".join(
                f"{o.staff} ({'spare, ' if o.spare else ''}score {o.candidate.score})" for o in options.other_staff
            )
            out.append(f"    other staff at the original time: {staff or 'none free'}")
            times = ", ".join(f"{format_local(t.start, tz)} to {format_local(t.end, tz)}" for t in options.other_times)
            out.append(f"    other times with {options.preferred}: {times or 'none found'}")
            out.append("    the family chooses")
            if explain:
                out.extend(f"      {r}" for r in decision.reasons)
        out.append("")
    return out


def matching_json(report: dict[str, Any], *, redact: bool = False) -> dict[str, Any]:
    """The matching and cover part of ``--json`` (``redact``: sensitive fields hidden)."""
    from carerules.serialisation import to_data

    suggestions = report["suggestions"]
    return {
        "suggestions": None if suggestions is None else to_data(suggestions, redact=redact),
        "suggestions_unavailable": report["unavailable"],
        "cover": [to_data(d, redact=redact) for d in report["cover"]],
    }
