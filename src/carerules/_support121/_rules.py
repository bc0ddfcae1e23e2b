"""The 1-2-1 Support rules, each citing its clause."""

from __future__ import annotations

from carerules._rules import DEFAULT_RULES, PRODUCT_DECISIONS, Rule, Source

_TERMS = Source(DEFAULT_RULES, "1-2-1 support")
_DECIDED = Source(PRODUCT_DECISIONS, "1-2-1 Support")
_TIME = Source(PRODUCT_DECISIONS, "Time")

NEED_IDENTIFIED = Rule(
    "one-to-one.eligibility.need-identified",
    _TERMS,
    "The resident has recognised a need, whether by talking it through or on their own.",
)
WILL_COMPLETE = Rule(
    "one-to-one.eligibility.will-complete",
    _TERMS,
    "The resident is prepared to keep going until the task or goal is finished.",
)
WILL_ATTEND = Rule(
    "one-to-one.eligibility.will-attend",
    _TERMS,
    'The resident is prepared to come to sessions as often as the policy\'s cadences ask (weekly or "bi-weekly" in '
    "the document).",
)
ONE_TO_ONE = Rule(
    "one-to-one.eligibility.one-to-one",
    _TERMS,
    "The resident accepts being supported intensively, one worker with one resident.",
)
WILL_USE_SKILLS = Rule(
    "one-to-one.eligibility.will-use-skills",
    _TERMS,
    "The resident is prepared to put what they learn into practice.",
)
ALL_CRITERIA = Rule(
    "one-to-one.eligibility.all-criteria",
    _TERMS,
    "A resident is eligible only when every one of the five criteria holds; each unmet one is listed.",
)
UNRECORDED_CRITERION = Rule(
    "one-to-one.eligibility.unrecorded",
    _TERMS,
    "A criterion nobody has recorded leaves eligibility undetermined; it is never assumed to hold.",
)
GOAL_AREA = Rule(
    "one-to-one.goals.area",
    _TERMS,
    "Each goal belongs to one support area; the policy's areas are examples, so a goal in another area is accepted "
    "and said to be outside them; a provider may add areas and topics.",
)
ONLY_LISTED_AREAS = Rule(
    "one-to-one.goals.only-listed-areas",
    _DECIDED,
    "A provider may close its list of support areas (only_listed_areas); a goal outside a closed list is refused, "
    "naming the goal's area.",
)
GOAL_TOPIC = Rule(
    "one-to-one.goals.topic",
    _TERMS,
    "A goal's topic is optional and may be one of its area's listed topics or the provider's own words.",
)
CADENCE = Rule(
    "one-to-one.plan.cadence",
    _TERMS,
    "Sessions recur every N weeks at each of the plan's weekly slots (a weekday and a local time); the plan's "
    "cadence, N weeks and its number of slots, must be one the provider's policy allows.",
)
BI_WEEKLY = Rule(
    "one-to-one.plan.bi-weekly",
    _DECIDED,
    '"Bi-weekly" is read both ways British usage allows, every two weeks and twice a week: fortnightly plans and '
    "twice-weekly plans (two weekly slots) are both allowed, alongside weekly ones.",
)
PLAN_ELIGIBILITY = Rule(
    "one-to-one.plan.eligibility",
    _DECIDED,
    "A plan is confirmed only for a resident found eligible; a plan for a resident who is not eligible, or whose "
    "eligibility is undetermined or not given, is flagged with the criteria unmet or not recorded.",
)
WALL_CLOCK = Rule(
    "one-to-one.plan.local-wall-time",
    _TIME,
    "Sessions keep their local wall time across clock changes (18:00 stays 18:00 in winter and summer time); a time "
    "the clocks skip moves forward by the gap, and a time they repeat means its first occurrence.",
)
PLAN_END = Rule(
    "one-to-one.plan.end-date",
    _TERMS,
    "Regular sessions and reviews run from the plan's first session to its end date, if it has one.",
)
REVIEWS = Rule(
    "one-to-one.reviews.interval",
    _TERMS,
    "Reviews are held regularly, every N weeks from the first session (N set by the provider per plan), "
    "at the weekday and local time of the plan's first slot.",
)
REVIEW_OVERDUE = Rule(
    "one-to-one.reviews.overdue",
    _TERMS,
    "A review whose time has passed is overdue until a review is held; reviews held count against the "
    "due reviews in order, earliest first.",
)
REFRESHER_REQUEST = Rule(
    "one-to-one.refreshers.on-request",
    _TERMS,
    "Refresher sessions are offered if required: each follows a recorded, dated request for one of the plan's "
    "goals, at the plan's local time on the day arranged (by default the plan's first weekday after the request).",
)
REFRESHERS = Rule(
    "one-to-one.refreshers.after-goal",
    _DECIDED,
    "No refresher is scheduled just because a goal was achieved, unless the provider's policy turns on automatic "
    "refreshers (off in the built-in policy); then a plan's offer places them after each achieved goal, at its "
    "interval, on the plan's weekday and local time, even after the plan has ended.",
)
NEXT_DUE = Rule(
    "one-to-one.sessions.next-due",
    _TERMS,
    "What is due is the first session, refresher or review at or after the moment asked about.",
)
ATTENDANCE = Rule(
    "one-to-one.attendance.record",
    _TERMS,
    "Attendance compares sessions attended with sessions scheduled before the moment asked about; "
    "sessions the service called off are not held against the resident, and unrecorded ones are listed.",
)
MISSED_IN_A_ROW = Rule(
    "one-to-one.attendance.missed-in-a-row",
    _TERMS,
    "Missed sessions in a row are counted back from the latest past session, skipping sessions the "
    "service called off and stopping at one attended or not recorded.",
)
NO_PROGRESS = Rule(
    "one-to-one.goals.no-progress-since-review",
    _TERMS,
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
    ONLY_LISTED_AREAS,
    GOAL_TOPIC,
    CADENCE,
    BI_WEEKLY,
    PLAN_ELIGIBILITY,
    WALL_CLOCK,
    PLAN_END,
    REVIEWS,
    REVIEW_OVERDUE,
    REFRESHER_REQUEST,
    REFRESHERS,
    NEXT_DUE,
    ATTENDANCE,
    MISSED_IN_A_ROW,
    NO_PROGRESS,
)
