"""The Service Plan's stated needs, read by the care rules.

Each care need is a :class:`~carerules.Task` classified with
:func:`~carerules.classify_task` under the policy: a need that is personal
care blocks the start and is escalated at once to the role the policy names
(``escalation``: the CEO for Buddies); a need the rules leave unclear blocks
the start until the answer of ``care_adviser`` is on file. A need written
only in the plan's own words cannot be classified, so one that names an
activity of the personal-care definition blocks the start until a care need
in that area describes the help given.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import attrs

from carerules._care import CareAnswer, CareArea, Place, Task, classify_task
from carerules._care._personal import AREA_LABEL, label
from carerules._display import Tabular
from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._onboarding import _rules as R
from carerules._onboarding._model import CareNeed, ServicePlan
from carerules._policy import Policy
from carerules._rules import Decision, Reason, role_ref

#: Words that, in a need written in the plan's own words, name an area of the personal-care definition.
#: A heuristic safety net, not a classification: a match asks for the help to be described as a care need.
_AREA_WORDS: tuple[tuple[CareArea, re.Pattern[str]], ...] = tuple(
    (area, re.compile(rf"\b(?:{words})\b", re.IGNORECASE))
    for area, words in (
        (
            CareArea.EATING_DRINKING,
            r"eat\w*|drink\w*|feeds?|feeding|meals?|parenteral|nutrition|swallow\w*|tube[- ]fed",
        ),
        (CareArea.TOILETING, r"toilet\w*|continence|incontinen\w*|nappy|nappies|pads?|menstrua\w*|catheter\w*|stoma"),
        (CareArea.WASHING_BATHING, r"wash\w*|bath\w*|shower\w*|hygiene"),
        (CareArea.DRESSING, r"dress\w*|undress\w*|cloth\w*"),
        (CareArea.ORAL_CARE, r"oral|teeth|tooth\w*|dentures?|mouth care"),
        (CareArea.SKIN_CARE, r"skin|eczema|lotions?|make-?up"),
        (CareArea.HAIR_CARE, r"hair\w*"),
        (CareArea.NAIL_CARE, r"nails?|chiropod\w*|podiatr\w*"),
    )
)


_PLACE: dict[str, str] = {Place.OWN_HOME: "at home", Place.ELSEWHERE: "away from home"}


def named_areas(text: str) -> tuple[CareArea, ...]:
    """The areas of the personal-care definition that words in ``text`` name (empty when none does)."""
    return tuple(area for area, words in _AREA_WORDS if words.search(text))


def describe(task: Task) -> str:
    """A care need in a few words: the kind of help, the activity and the place ("physical assistance with toileting
    at home")."""
    place = _PLACE.get(task.place, "place not recorded")
    who = " by a podiatrist" if task.by_podiatrist else ""
    return f"{task.help.value.replace('-', ' ')} with {label(task.activity)}{who} {place}"


@attrs.frozen
class NeedAnswer:
    """One care need of a plan: what the care rules say, the answer on file, and the answer that stands.

    ``number`` counts from 1 in the plan's ``care_needs``; ``answer`` is
    ``classified`` unless a ruling on file settles an unclear need (or says
    personal care); a ruling of "permitted" never overrides personal care.
    Only personal care and unclear block the start: a need that is permitted,
    or another professional's task (a podiatrist's nail care), does not.
    """

    number: int
    task: Task
    classified: CareAnswer
    answer: CareAnswer
    ruling: CareAnswer | None = None


@attrs.frozen
class PlanNeeds(Tabular):
    """A plan's needs as the care rules read them.

    ``answers`` has one entry per care need, in plan order;
    ``undescribed`` lists, for each need in the plan's own words that names
    an area of the definition no care need covers, its number (from 1) and
    that area.
    """

    answers: tuple[NeedAnswer, ...] = ()
    undescribed: tuple[tuple[int, CareArea], ...] = ()

    @property
    def personal_care(self) -> tuple[NeedAnswer, ...]:
        """The care needs that are personal care: the start is blocked and the need escalated."""
        return tuple(a for a in self.answers if a.answer is CareAnswer.PERSONAL_CARE)

    @property
    def unclear(self) -> tuple[NeedAnswer, ...]:
        """The care needs still unclear: the start waits for the answer of whoever the policy says to ask."""
        return tuple(a for a in self.answers if a.answer is CareAnswer.UNCLEAR)

    @property
    def escalate(self) -> bool:
        """True when any need is personal care."""
        return bool(self.personal_care)

    @property
    def settled(self) -> bool:
        """True when every need is permitted and every need in the plan's own words is described."""
        return not self.personal_care and not self.unclear and not self.undescribed

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per care need, then one per undescribed need in the plan's own words."""
        out: list[dict[str, Any]] = [
            {
                "need": f"care need {a.task.id or a.number}",
                "activity": str(a.task.activity),
                "help": a.task.help.value,
                "place": a.task.place.value,
                "can_decide": a.task.can_decide.value,
                "classified": a.classified.value,
                "ruling": None if a.ruling is None else a.ruling.value,
                "answer": a.answer.value,
            }
            for a in self.answers
        ]
        out += [
            {
                "need": f"need {n}",
                "activity": area.value,
                "help": None,
                "place": None,
                "can_decide": None,
                "classified": None,
                "ruling": None,
                "answer": CareAnswer.UNCLEAR.value,
            }
            for n, area in self.undescribed
        ]
        return out


@attrs.frozen
class NeedsFound:
    """What :func:`read_needs` found, in the parts readiness and the compliance report cite.

    Each of ``personal_care``, ``unclear``, ``undescribed`` and ``settled``
    (unclear needs answered "permitted") holds one detail per need;
    ``escalated_by`` and ``unclear_by`` are the care rules' reasons for the
    needs of each kind; ``missing`` the facts an unclear need lacks.
    """

    needs: PlanNeeds
    personal_care: tuple[str, ...]
    unclear: tuple[str, ...]
    undescribed: tuple[str, ...]
    settled: tuple[str, ...]
    escalated_by: tuple[Reason, ...]
    unclear_by: tuple[Reason, ...]
    missing: tuple[str, ...]


def _classify(need: CareNeed, i: int, policy: Policy) -> Decision[CareAnswer]:
    try:
        return classify_task(need.task, policy)
    except InvalidInput as err:
        at = None if err.subject is None else (err.subject, err.subject_field or "")
        raise InvalidInput(f"service_plan.care_needs[{i}].{err.field}", err.value, err.expected, at=at) from None


def _answer(classified: CareAnswer, ruling: CareAnswer | None) -> CareAnswer:
    if CareAnswer.PERSONAL_CARE in (classified, ruling):
        return CareAnswer.PERSONAL_CARE
    if classified is CareAnswer.UNCLEAR and ruling is not None:
        return ruling
    return classified


def read_needs(plan: ServicePlan, policy: Policy) -> NeedsFound:
    """Classify every care need of ``plan`` under ``policy`` and look for undescribed needs in its own words.

    Rulings are taken as given: callers judge the plan as of a date with
    :meth:`PersonalFile.as_of`. Raises :class:`~carerules.InvalidInput`
    (naming ``service_plan.care_needs[i]``) for an activity the policy does
    not know.
    """
    answers: list[NeedAnswer] = []
    escalated: list[str] = []
    unclear: list[str] = []
    settled: list[str] = []
    escalated_by: list[Reason] = []
    unclear_by: list[Reason] = []
    missing: list[str] = []
    for i, need in enumerate(plan.care_needs):
        decision = _classify(need, i, policy)
        ruling = need.ruling
        ruled = None if ruling is None else ruling.answer
        answer = _answer(decision.answer, ruled)
        answers.append(NeedAnswer(i + 1, need.task, decision.answer, answer, ruled))
        what = f"care need {need.task.id or i + 1} ({describe(need.task)})"
        if answer is CareAnswer.PERSONAL_CARE:
            because = ""
            if ruling is not None and decision.answer is not CareAnswer.PERSONAL_CARE:
                because = f", as {ruling.by} answered on {ruling.on}"
            elif ruling is not None and ruled is CareAnswer.PERMITTED:
                because = f"; the answer 'permitted' ({ruling.by}, {ruling.on}) cannot override the care rules"
            escalated.append(f"{what} is personal care{because}: refuse it and tell {role_ref('escalation')} at once")
            escalated_by.extend(decision.reasons)
        elif answer is CareAnswer.UNCLEAR:
            unclear.append(
                f"{what} is unclear under the care rules: ask {role_ref('care_adviser')} and put the answer on file"
            )
            unclear_by.extend(decision.reasons)
            missing.extend(f"care need {need.task.id or i + 1}: {m}" for m in decision.missing)
        elif ruling is not None and decision.answer is CareAnswer.UNCLEAR:
            settled.append(f"{what} was unclear under the care rules; {ruling.by} answered 'permitted' on {ruling.on}")
    covered = {policy.care.area_of(n.task.activity) for n in plan.care_needs}
    gaps: list[tuple[int, CareArea]] = []
    undescribed: list[str] = []
    for n, words in enumerate(plan.needs, start=1):
        named = [area for area in named_areas(words) if area not in covered]
        if named:
            gaps.extend((n, area) for area in named)
            areas = " and ".join(AREA_LABEL[a] for a in named)
            undescribed.append(
                f"need {n} in the plan's own words names {areas}, which no care need describes: describe the help "
                "given (activity, kind of help, place, whether the person can decide)"
            )
    return NeedsFound(
        PlanNeeds(tuple(answers), tuple(gaps)),
        tuple(escalated),
        tuple(unclear),
        tuple(undescribed),
        tuple(settled),
        tuple(escalated_by),
        tuple(unclear_by),
        tuple(missing),
    )


@public
def check_plan_needs(plan: ServicePlan, policy: Policy, *, on: date | None = None) -> Decision[PlanNeeds]:
    """How the care rules read a Service Plan's needs under ``policy``.

    Every care need is classified with :func:`~carerules.classify_task`; one
    that is personal care is escalated at once to the role the policy names
    (``escalation``), one left unclear waits for the answer of
    ``care_adviser`` (a :class:`~carerules.CareRuling` on file, counted from
    its date: pass ``on`` to judge the plan as of a local date). A need in
    the plan's own words naming an area of the definition that no care need
    covers is listed as undescribed. The reasons cite each rule that fired,
    the care rules' own included.
    """
    if on is not None:
        needs = tuple(
            n if n.ruling is None or n.ruling.on <= on else attrs.evolve(n, ruling=None) for n in plan.care_needs
        )
        plan = attrs.evolve(plan, care_needs=needs)
    found = read_needs(plan, policy)
    reasons: list[Reason] = []
    reasons.extend(R.PLAN_NEEDS_PERSONAL_CARE.because(d) for d in found.personal_care)
    reasons.extend(R.PLAN_NEEDS_UNCLEAR.because(d) for d in (*found.unclear, *found.settled))
    reasons.extend(R.PLAN_NEEDS_DESCRIBED.because(d) for d in found.undescribed)
    reasons.extend((*found.escalated_by, *found.unclear_by))
    if not found.personal_care:
        count = len(plan.care_needs)
        reasons.append(
            R.PLAN_NEEDS_PERSONAL_CARE.because(f"no need in the plan is personal care ({count} care need(s))")
        )
    return Decision(found.needs, reasons, found.missing)
