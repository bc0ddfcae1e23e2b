"""The onboarding parameters a policy sets (data, not code).

Imports nothing from ``carerules._policy``: ``Policy`` holds one of these.
"""

from __future__ import annotations

from typing import Any

import attrs

from carerules._errors import InvalidInput


def _whole(field: str, low: int, high: int) -> Any:
    def check(_: object, __: object, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidInput(field, value, f"a whole number from {low} to {high}")

    return check


@attrs.frozen
class OnboardingParameters:
    """How a policy paces onboarding and its paperwork duties.

    ``minimum_age`` is in whole years on the first session's local date;
    ``final_risk_assessment_days`` counts local calendar days after the first
    1:1 session (the final risk assessments are due by the end of that day);
    ``feedback_every_years`` is the interval between feedback forms.
    There are no defaults: a provider states its own figures (the Buddies
    policy's are 8, 14 and 1), and never inherits another provider's.
    """

    minimum_age: int = attrs.field(validator=_whole("onboarding.minimum_age", 0, 130))
    final_risk_assessment_days: int = attrs.field(validator=_whole("onboarding.final_risk_assessment_days", 0, 366))
    feedback_every_years: int = attrs.field(validator=_whole("onboarding.feedback_every_years", 1, 10))
