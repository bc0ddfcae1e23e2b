"""The 1-2-1 Support rules, each citing its clause."""

from __future__ import annotations

from carerules._rules import PRODUCT_DECISIONS, Rule, Source

#: The 1-2-1 Support document (the same string as ``carerules.ONE_TO_ONE_DOCUMENT``;
#: it cannot be imported from ``carerules._policy``, which imports this package).
DOCUMENT = "000_efb936d1ab05b6a6.txt"

_OFFER = Source(DOCUMENT, "1-2-1 Support")
_AREAS = Source(DOCUMENT, "Support could be offered in the following areas")
_DECIDED = Source(PRODUCT_DECISIONS, "1-2-1 Support")
_TIME = Source(PRODUCT_DECISIONS, "Time")

NEED_IDENTIFIED = Rule(
    "support121.eligibility.need-identified",
    _OFFER,
    "The resident has recognised a need, whether by talking it through or on their own.",
)
WILL_COMPLETE = Rule(
    "support121.eligibility.will-complete",
    _OFFER,
    "The resident is prepared to keep going until the task or goal is finished.",
)
WILL_ATTEND = Rule(
    "support121.eligibility.will-attend",
    _OFFER,
    "The resident is prepared to come to sessions every week or every second week.",
)
ONE_TO_ONE = Rule(
    "support121.eligibility.one-to-one",
    _OFFER,
    "The resident accepts being supported intensively, one worker with one resident.",
)
WILL_USE_SKILLS = Rule(
    "support121.eligibility.will-use-skills",
    _OFFER,
    "The resident is prepared to put what they learn into practice.",
)
ALL_CRITERIA = Rule(
    "support121.eligibility.all-criteria",
    _OFFER,
    "A resident is eligible only when every one of the five criteria holds; each unmet one is listed.",
)
UNRECORDED_CRITERION = Rule(
    "support121.eligibility.unrecorded",
    _DECIDED,
    "A criterion nobody has recorded leaves eligibility undetermined; it is never assumed to hold.",
)
GOAL_AREA = Rule(
    "support121.goals.area",
    _AREAS,
    "Each goal belongs to one of the policy's support areas (Motivation, Confidence, "
    "Networks/Relationships and Practical in the built-in policy); a provider may add areas and topics.",
)
GOAL_TOPIC = Rule(
    "support121.goals.topic",
    _DECIDED,
    "A goal's topic is optional and may be one of its area's listed topics or the provider's own words.",
)
CADENCE = Rule(
    "support121.plan.cadence",
    _OFFER,
    "Sessions recur weekly or fortnightly on the plan's weekday and local time; other intervals only "
    "where the provider's policy allows them.",
)
WALL_CLOCK = Rule(
    "support121.plan.local-wall-time",
    _TIME,
    "Sessions keep their local wall time across clock changes (18:00 stays 18:00 in GMT and BST); a time "
    "the clocks skip moves forward by the gap, and a time they repeat means its first occurrence.",
)
PLAN_END = Rule(
    "support121.plan.end-date",
    _DECIDED,
    "Regular sessions and reviews run from the plan's first session to its end date, if it has one.",
)
REVIEWS = Rule(
    "support121.reviews.interval",
    _OFFER,
    "Reviews are held regularly, every N weeks from the first session (N set by the provider per plan), "
    "at the plan's weekday and local time.",
)
REVIEW_OVERDUE = Rule(
    "support121.reviews.overdue",
    _DECIDED,
    "A review whose time has passed is overdue until a review is held; reviews held count against the "
    "due reviews in order, earliest first.",
)
REFRESHERS = Rule(
    "support121.refreshers.after-goal",
    _OFFER,
    "Where the plan offers refresher sessions, they follow an achieved goal at the plan's interval, on "
    "the plan's weekday and local time, even after the plan has ended.",
)
NEXT_DUE = Rule(
    "support121.sessions.next-due",
    _DECIDED,
    "What is due is the first session, refresher or review at or after the moment asked about.",
)
ATTENDANCE = Rule(
    "support121.attendance.record",
    _DECIDED,
    "Attendance compares sessions attended with sessions scheduled before the moment asked about; "
    "sessions the service called off are not held against the resident, and unrecorded ones are listed.",
)
MISSED_IN_A_ROW = Rule(
    "support121.attendance.missed-in-a-row",
    _DECIDED,
    "Missed sessions in a row are counted back from the latest past session, skipping sessions the "
    "service called off and stopping at one attended or not recorded.",
)
NO_PROGRESS = Rule(
    "support121.goals.no-progress-since-review",
    _DECIDED,
    "An open goal that existed at the last review held and has no progress or completed step dated after "
    "it is reported for attention.",
)

RULES = (
    NEED_IDENTIFIED,
    WILL_COMPLETE,
    WILL_ATTEND,
    ONE_TO_ONE,
    WILL_USE_SKILLS,
    ALL_CRITERIA,
    UNRECORDED_CRITERION,
    GOAL_AREA,
    GOAL_TOPIC,
    CADENCE,
    WALL_CLOCK,
    PLAN_END,
    REVIEWS,
    REVIEW_OVERDUE,
    REFRESHERS,
    NEXT_DUE,
    ATTENDANCE,
    MISSED_IN_A_ROW,
    NO_PROGRESS,
)
