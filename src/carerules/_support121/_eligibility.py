"""Who may have 1-2-1 Support: the five criteria, each explained."""

from __future__ import annotations

import attrs

from carerules._enums import Choice
from carerules._guard import public

# Policy has a field of this package's type, so carerules._policy imports this package and the
# Policy class may not exist yet while these modules load: bind its module and name the class
# through it (annotations are resolved only when a function is called).
from carerules._policy import _model as _policy_model
from carerules._rules import Decision, Reason, Rule
from carerules._support121 import _rules as R
from carerules._support121._model import Resident
from carerules._support121._usage import terms_of


class Criterion(Choice):
    """The five eligibility criteria, in the document's order."""

    NEED_IDENTIFIED = "need-identified"
    WILL_COMPLETE = "will-complete"
    WILL_ATTEND = "will-attend"
    ONE_TO_ONE = "one-to-one"
    WILL_USE_SKILLS = "will-use-skills"


@attrs.frozen
class Eligibility:
    """The answer of :func:`check_eligibility`.

    ``eligible`` is ``None`` when no criterion is known to fail but some are
    not recorded (``unknown``); ``unmet`` lists every criterion that fails.
    """

    resident: str
    eligible: bool | None
    unmet: tuple[Criterion, ...]
    unknown: tuple[Criterion, ...]


#: (criterion, rule, Resident field, what must hold, its negation)
_CHECKS: tuple[tuple[Criterion, Rule, str, str, str], ...] = (
    (
        Criterion.NEED_IDENTIFIED,
        R.NEED_IDENTIFIED,
        "need_identified",
        "a need has been identified",
        "no need has been identified",
    ),
    (
        Criterion.WILL_COMPLETE,
        R.WILL_COMPLETE,
        "will_complete",
        "willing to work through to a finished task or goal",
        "not willing to work through to a finished task or goal",
    ),
    (
        Criterion.WILL_ATTEND,
        R.WILL_ATTEND,
        "will_attend",
        "willing to attend sessions {cadences}",
        "not willing to attend sessions {cadences}",
    ),
    (
        Criterion.ONE_TO_ONE,
        R.ONE_TO_ONE,
        "accepts_one_to_one",
        "willing to be supported one to one, intensively",
        "not willing to be supported one to one, intensively",
    ),
    (
        Criterion.WILL_USE_SKILLS,
        R.WILL_USE_SKILLS,
        "will_use_skills",
        "willing to use the skills learned",
        "not willing to use the skills learned",
    ),
)


@public
def check_eligibility(resident: Resident, policy: _policy_model.Policy) -> Decision[Eligibility]:
    """Whether ``resident`` is eligible for 1-2-1 Support under ``policy``.

    Every criterion gets a reason (met, not met, or not recorded); the
    answer lists each unmet criterion, and each unrecorded one appears in
    ``missing``. Raises :class:`~carerules.InvalidInput` if ``policy`` has
    no 1-2-1 terms.
    """
    terms = terms_of(policy)
    cadences = terms.describe_cadences()
    reasons: list[Reason] = []
    unmet: list[Criterion] = []
    unknown: list[Criterion] = []
    missing: list[str] = []
    for criterion, rule, field, wording, negation in _CHECKS:
        what = wording.format(cadences=cadences)
        value = getattr(resident, field)
        if value is True:
            reasons.append(rule.because(f"met: {what}"))
        elif value is False:
            unmet.append(criterion)
            reasons.append(
                rule.because(f"not met: {negation.format(cadences=cadences)}", would_change=f"eligible only if {what}")
            )
        else:
            unknown.append(criterion)
            reasons.append(R.UNRECORDED_CRITERION.because(f"not recorded whether {what} ({rule.id})"))
            missing.append(f"whether {resident.id} is {what}" if what.startswith("willing") else f"whether {what}")
    if unmet:
        names = ", ".join(c.value for c in unmet)
        eligible: bool | None = False
        summary = f"not eligible: {len(unmet)} of 5 criteria unmet ({names})"
    elif unknown:
        eligible = None
        summary = f"undetermined: {len(unknown)} of 5 criteria not recorded, none unmet"
    else:
        eligible = True
        summary = "eligible: all 5 criteria met"
    reasons.append(R.ALL_CRITERIA.because(summary))
    return Decision(Eligibility(resident.id, eligible, tuple(unmet), tuple(unknown)), tuple(reasons), tuple(missing))
