"""Readiness with the matching rules' people: staff training records and the key worker plus spare check."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._matching import _rules as M
from carerules._matching._model import Match, ServiceUser, StaffMember, unique_staff
from carerules._matching._pair import check_pair
from carerules._onboarding._contract import Contract
from carerules._onboarding._dates import local_day
from carerules._onboarding._duties import TrainingRecords
from carerules._onboarding._model import PersonalFile
from carerules._onboarding._readiness import Readiness, check_readiness
from carerules._policy import Policy
from carerules._rules import Decision


@public
def training_from_staff(staff: Iterable[StaffMember], *, on: date | None = None) -> TrainingRecords:
    """Each staff member's completed training (course -> earliest completion date), from their own records.

    With ``on``, only records that count on that date (completed by then and
    not expired, ``matching.training-expiry``); without it, every completed
    record.
    """
    out: dict[str, dict[str, date]] = {}
    for s in unique_staff(staff):
        held: dict[str, date] = {}
        for r in s.training:
            if (
                r.completed_on is not None
                and r.counts_on(on)
                and (r.course not in held or r.completed_on < held[r.course])
            ):
                held[r.course] = r.completed_on
        out[s.id] = held
    return out


@public
def readiness_with_staff(
    file: PersonalFile,
    policy: Policy,
    *,
    user: ServiceUser,
    contract: Contract,
    staff: Iterable[StaffMember],
    existing: Iterable[Match] = (),
    first_session: date | datetime | None = None,
) -> Decision[Readiness]:
    """:func:`check_readiness` with staff members instead of bare training records.

    Pre-start training is read from the key worker's and spare's own
    training records; the pair is validated with the matching rules'
    :func:`~carerules.check_pair` (capacities counted over ``existing``
    matches), and its failures other than training are cited under the key
    worker and spare condition. Raises :class:`~carerules.InvalidInput` when
    ``user`` is someone else or the contract's staff are not in ``staff``.
    """
    if not isinstance(user, ServiceUser) or user.id != file.service_user:
        raise InvalidInput("user", getattr(user, "id", user), f"the file's Service User ({file.service_user})")
    team = {s.id: s for s in unique_staff(staff)}
    for role, who in (("key_worker", contract.key_worker), ("spare", contract.spare)):
        if who not in team:
            raise InvalidInput(f"contract.{role}", who, "a staff member listed in staff")
    first = file.first_session if first_session is None else local_day(first_session, policy, "first_session")
    pair = check_pair(user, team[contract.key_worker], team[contract.spare], policy, existing=existing, on=first)
    failed = set(pair.answer.failures)
    problems = [r for r in pair.reasons if r.detail in failed and r.rule_id != M.PRE_START_TRAINING.id]
    return check_readiness(
        file,
        policy,
        contract=contract,
        training=training_from_staff(team.values(), on=first),
        first_session=first_session,
        pair_problems=problems,
    )
