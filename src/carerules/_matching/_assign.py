"""Organisation-wide suggestions: a key worker and a spare for everyone waiting."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from carerules._display import Tabular
from carerules._guard import public
from carerules._matching import _rules as R
from carerules._matching._caller_scores import caller_matrix
from carerules._matching._model import Match, ServiceUser, StaffMember, loads, unique_staff, unique_users
from carerules._matching._params import MatchingPolicy
from carerules._matching._score import Candidate, _records_note, _Scorer, check_training_names
from carerules._matching._solve import _numpy_scipy, jitter, solve
from carerules._policy import Policy
from carerules._rules import Decision, Reason


@attrs.frozen
class SuggestedMatch:
    """One Service User's suggested key worker and spare, with each one's fit.

    ``caller_scores``: the fits are the caller's own scores (``assign_all(...,
    scores=...)``); each candidate then carries only its score, with no
    interests or traits behind it (and zero points for them).
    """

    match: Match
    key_worker: Candidate
    spare: Candidate
    caller_scores: bool = False

    @property
    def total(self) -> int:
        """The key worker's plus the spare's fit score."""
        return self.key_worker.score + self.spare.score

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why this pair: each one's fit, and the rules the pair satisfies."""
        m = self.match
        fits = (
            tuple(
                R.FIT_SCORE.because(f"{c.staff} scores {c.score}, a fit score given by the caller")
                for c in (self.key_worker, self.spare)
            )
            if self.caller_scores
            else (*self.key_worker.reasons, *self.spare.reasons)
        )
        return (
            R.KEY_AND_SPARE.because(f"key worker {m.key_worker}, spare {m.spare} for {m.service_user}"),
            *fits,
            R.DIFFERENT_PEOPLE.because(f"{m.key_worker} and {m.spare} are different people"),
            R.CAPACITY.because(f"{m.key_worker} and {m.spare} each have free capacity in their role"),
        )


@attrs.frozen
class Unmatched:
    """A Service User left without a suggestion, and why."""

    service_user: str
    why: str


@attrs.frozen
class Assignment(Tabular):
    """Suggested matches for everyone waiting (by Service User id), and who is left unmatched."""

    matches: tuple[SuggestedMatch, ...]
    unmatched: tuple[Unmatched, ...]
    total_fit: int

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per Service User, ready for a DataFrame."""
        out: list[dict[str, Any]] = [
            {
                "service_user": s.match.service_user,
                "key_worker": s.match.key_worker,
                "key_score": s.key_worker.score,
                "spare": s.match.spare,
                "spare_score": s.spare.score,
                "total": s.total,
                "why_unmatched": None,
            }
            for s in self.matches
        ]
        out.extend(
            {
                "service_user": u.service_user,
                "key_worker": None,
                "key_score": None,
                "spare": None,
                "spare_score": None,
                "total": None,
                "why_unmatched": u.why,
            }
            for u in self.unmatched
        )
        return out


def _labels(np: Any, sets: list[frozenset[str]], vocab: dict[str, int]) -> Any:
    out = np.zeros((len(sets), max(1, len(vocab))), dtype=np.int32)
    for row, labels in enumerate(sets):
        for label in labels:
            col = vocab.get(label)
            if col is not None:
                out[row, col] = 1
    return out


def fit_matrices(
    users: tuple[ServiceUser, ...], staff: tuple[StaffMember, ...], params: MatchingPolicy, on: date | None
) -> tuple[Any, Any]:
    """The fit score and eligibility of every (Service User, staff) pair, as numpy arrays.

    Equal, pair by pair, to :func:`~carerules.fit` (a test checks it).
    """
    np, _, _ = _numpy_scipy("fit_matrices")
    interests = {t: k for k, t in enumerate(sorted(set().union(*(u.interests for u in users))))}
    shared = (
        _labels(np, [u.interests for u in users], interests) @ _labels(np, [s.interests for s in staff], interests).T
    )
    su_traits = {t: k for k, t in enumerate(sorted(set().union(*(u.traits for u in users))))}
    st_traits = {t: k for k, t in enumerate(sorted(set().union(*(s.traits for s in staff))))}
    fits = np.zeros((max(1, len(su_traits)), max(1, len(st_traits))), dtype=np.int32)
    for t, a in su_traits.items():
        for f in params.fitting(t):
            b = st_traits.get(f)
            if b is not None:
                fits[a, b] = 1
    traits = (
        _labels(np, [u.traits for u in users], su_traits) @ fits @ _labels(np, [s.traits for s in staff], st_traits).T
    )
    courses = {t: k for k, t in enumerate(sorted(set().union(*(u.required_training for u in users))))}
    need = _labels(np, [u.required_training for u in users], courses)
    lacks = 1 - _labels(np, [s.courses_completed(on) for s in staff], courses)
    eligible = (need @ lacks.T) == 0
    return params.interest_points * shared + params.trait_points * traits, eligible


@public
def assign_all(
    users: Iterable[ServiceUser],
    staff: Iterable[StaffMember],
    policy: Policy,
    *,
    existing: Iterable[Match] = (),
    on: date | None = None,
    candidates_per_user: int = 10,
    scores: object = None,
) -> Decision[Assignment]:
    """Suggest a key worker and a spare for every waiting Service User, maximising total fit.

    First as many people as possible are matched, then the sum of every
    key worker's and spare's fit score is maximised, within each staff
    member's free capacities (``existing`` matches of people not in
    ``users`` count against them), with both eligible (pre-start training
    completed, by ``on`` if given) and different. The result is optimal
    (see :mod:`carerules._matching._solve`); ``candidates_per_user`` only
    tunes speed. Among equally good answers the choice is deterministic for
    a given set of inputs (sorted by id), whatever their order.

    ``scores``: the caller's own fit scores instead of the policy's, as a
    function ``(service_user, staff) -> score``, a mapping by Service User id
    (rows by staff id or in ``staff`` order) or by ``(service_user_id,
    staff_id)``, or rows in ``users`` order (a list of lists, a 2-D numpy
    array). Each a whole number from -100,000 to 100,000; one is needed for
    every pair where the staff member holds the person's pre-start training
    (the others are never suggested). Bad scores raise
    :class:`~carerules.InvalidInput` naming the pair. See
    :mod:`carerules._matching._caller_scores`.

    Needs scipy (``pip install 'carerules[matching]'``); without it raises
    :class:`~carerules.MissingDependency`.
    """
    given_users, given_staff = tuple(users), tuple(staff)
    waiting = unique_users(given_users)
    members = unique_staff(given_staff)
    params = policy.matching_on(on or date.max)
    for u in waiting:
        check_training_names(u, members, params)
    key_load, spare_load = loads(existing, excluding=frozenset(u.id for u in waiting))
    free_key = [max(0, s.key_capacity - key_load.get(s.id, 0)) for s in members]
    free_spare = [max(0, s.spare_capacity - spare_load.get(s.id, 0)) for s in members]
    if waiting and members:
        W, E = fit_matrices(waiting, members, params, on)
        np, _, _ = _numpy_scipy("assign_all")
        if scores is not None:
            W = caller_matrix(np, scores, given_users, given_staff, waiting, members, E)
        ties = jitter(np, [u.id for u in waiting], [s.id for s in members])
        # Everyone matched has exactly two scores, so shifting every score by one number keeps the optimum
        # (the solver wants them >= 0: matching one more person must outweigh any fit).
        lowest = int(W[E].min()) if E.any() else 0
        choice, note = solve(W - min(0, lowest), E, free_key, free_spare, ties, candidates=candidates_per_user)
        eligible_counts = [int(n) for n in E.sum(axis=1)]
    else:
        choice, note, eligible_counts = [None] * len(waiting), "nothing to assign", [0] * len(waiting)
    matches: list[SuggestedMatch] = []
    unmatched: list[Unmatched] = []
    for i, (u, pick, n) in enumerate(zip(waiting, choice, eligible_counts, strict=True)):
        if pick is None:
            why = (
                f"only {n} staff hold the pre-start training {u.id} needs; two are needed"
                if n < 2
                else "not enough free key-worker or spare capacity among eligible staff"
            )
            unmatched.append(Unmatched(u.id, why))
            continue
        if scores is None:
            scorer = _Scorer(u, params, on)
            key, spare = scorer.candidate(members[pick[0]]), scorer.candidate(members[pick[1]])
        else:
            key, spare = (Candidate(members[j].id, int(W[i, j]), frozenset(), (), frozenset(), 0, 0) for j in pick)
        matches.append(SuggestedMatch(Match(u.id, key.staff, spare.staff), key, spare, scores is not None))
    total = sum(m.total for m in matches)
    reasons = [
        R.ORGANISATION_WIDE.because(
            f"{len(matches)} of {len(waiting)} waiting Service Users matched with total fit {total} ({note})"
        ),
        R.CAPACITY.because(
            f"capacities of {len(members)} staff respected, counting {sum(key_load.values())} existing match(es)"
        ),
        R.DIFFERENT_PEOPLE.because("every suggested key worker and spare are different people"),
        R.PRE_START_TRAINING.because("only staff holding each person's pre-start training were considered"),
        R.TRAINING_RECORDS.because(_records_note(on)),
    ]
    if scores is not None:
        reasons.insert(
            2,
            R.FIT_SCORE.because(
                "fit scores given by the caller, not worked out from the policy's interest and trait points"
            ),
        )
    missing = tuple(f"a key worker and spare for {u.service_user}: {u.why}" for u in unmatched)
    return Decision(Assignment(tuple(matches), tuple(unmatched), total), reasons, missing)
