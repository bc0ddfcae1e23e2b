"""The onboarding, deadline, contract and compliance rules, each citing its clause."""

from __future__ import annotations

from carerules._rules import DEFAULT_RULES, PRODUCT_DECISIONS, Rule, Source

_ONBOARDING = Source(DEFAULT_RULES, "Onboarding and compliance")
_FILES = Source(DEFAULT_RULES, "Personal files")
_TIME = Source(PRODUCT_DECISIONS, "Time")

REGISTRATION = Rule(
    "onboarding.registration-meeting",
    _ONBOARDING,
    "Sessions wait for a registration meeting with the parent or carer at which the Information Pack is "
    "completed and placed in the personal file.",
)
TERMS = Rule(
    "onboarding.terms-given",
    _ONBOARDING,
    "Sessions wait until the parent or carer has been given the Terms and Conditions of Service.",
)
KEY_WORKER_AND_SPARE = Rule(
    "onboarding.key-worker-and-spare",
    _ONBOARDING,
    "Sessions wait until one key worker and one spare, two different staff members, are chosen for the Service User.",
)
WELCOME = Rule(
    "onboarding.welcome-meeting",
    _ONBOARDING,
    "Sessions wait for a welcome meeting at which the Service User and family meet their key worker with "
    "{welcome_host}.",
)
WELCOME_NOT_NEEDED = Rule(
    "onboarding.welcome-meeting.key-worker-at-registration",
    _ONBOARDING,
    "No separate welcome meeting is needed when the key worker attended the registration meeting.",
)
SERVICE_PLAN = Rule(
    "onboarding.service-plan",
    _ONBOARDING,
    "Sessions wait for a Service Plan (needs, activities, session hours) in the personal file.",
)
SERVICE_PLAN_CONTENTS = Rule(
    "onboarding.service-plan.contents",
    _ONBOARDING,
    "A Service Plan counts only when it details the person's needs, the activities and the session hours; each "
    "one missing is named.",
)
PLAN_NEEDS_PERSONAL_CARE = Rule(
    "onboarding.plan-needs.personal-care",
    _ONBOARDING,
    "A need in the Service Plan that the care rules class as personal care blocks the start, and is escalated at "
    "once to {escalation}: the service gives no personal care in any form.",
)
PLAN_NEEDS_UNCLEAR = Rule(
    "onboarding.plan-needs.unclear",
    _ONBOARDING,
    "A need in the Service Plan that the care rules leave unclear blocks the start until the answer of "
    "{care_adviser} is on file for it (by the first session); an answer of personal care is escalated.",
)
PLAN_NEEDS_DESCRIBED = Rule(
    "onboarding.plan-needs.described",
    _ONBOARDING,
    "A need written in the plan's own words that names an activity of the personal-care definition blocks the "
    "start until a care need in that area describes the help given (activity, kind of help, place, capacity), "
    "so the care rules can classify it.",
)
INITIAL_RISK_ASSESSMENTS = Rule(
    "onboarding.initial-risk-assessments",
    _ONBOARDING,
    "Sessions wait until {assessor} has done the initial risk assessments (at least one on file, draft or final) "
    "alongside the Service Plan.",
)
PRE_START_TRAINING = Rule(
    "onboarding.pre-start-training",
    _ONBOARDING,
    "Specialist training agreed at the registration meeting as needed before sessions begin must be "
    "completed by both the key worker and the spare.",
)
CONTACTS = Rule(
    "onboarding.contacts",
    _ONBOARDING,
    "A primary and a secondary contact, two different people, are recorded for the Service User so staff can reach "
    "them.",
)
CONTACT_PHONES = Rule(
    "onboarding.contacts.phone-number",
    _ONBOARDING,
    "The key worker is given a phone number for the primary and for the secondary contact: a contact recorded "
    "without a phone number (digits) does not count.",
)
MET_KEY_WORKER_AND_SPARE = Rule(
    "onboarding.met-key-worker-and-spare",
    _ONBOARDING,
    "Before sessions begin the Service User has met both the key worker and the spare, at the welcome meeting or "
    "the registration meeting, as the attendance recorded for that meeting shows.",
)
MINIMUM_AGE = Rule(
    "onboarding.minimum-age",
    _ONBOARDING,
    "The service is for people aged {minimum_age} or over, judged on the local date of the first 1:1 session.",
)
LEAP_DAY_BIRTHDAY = Rule(
    "onboarding.leap-day-birthday",
    _ONBOARDING,
    "Someone born on 29 February has their birthday on 1 March in common years, for age limits and yearly intervals "
    "alike.",
)
READY = Rule(
    "onboarding.ready",
    _ONBOARDING,
    "Sessions may begin when every onboarding condition is met; the check lists every unmet condition, "
    "not only the first.",
)
OTHER_ASSESSMENTS = Rule(
    "onboarding.other-assessments",
    _ONBOARDING,
    "Copies of other assessments (an EHCP, a personal budget plan, ...) are requested and kept in the "
    "personal file; those not yet received are a to-do, not a reason to delay the start.",
)
FINAL_RISK_ASSESSMENT = Rule(
    "compliance.final-risk-assessment",
    _ONBOARDING,
    "Final risk assessments go into the personal file no more than {final_risk_assessment_days} days after the first "
    "1:1 session: by the end of that local day in the policy's timezone.",
)
FINAL_EVERY_TOPIC = Rule(
    "compliance.final-risk-assessment.every-topic",
    _ONBOARDING,
    "The final risk assessments (plural) are done only when every topic drafted has a final on file; topics match "
    "ignoring case and spacing, and those still open are listed.",
)
FINAL_AFTER_FIRST_SESSION = Rule(
    "compliance.final-risk-assessment-after-first-session",
    _ONBOARDING,
    "A final risk assessment follows the review of the drafts during the first sessions, so it cannot be "
    "dated before the first session.",
)
LOCAL_DAYS = Rule(
    "time.local-days",
    _TIME,
    "Deadlines counted in days end at local midnight in the policy's timezone, whatever the machine's own timezone.",
)
WRITE_UP_AUTHORISED = Rule(
    "compliance.write-up-authorisation",
    _ONBOARDING,
    "A write-up of a session may go to a parent by text or email only where a member of {authoriser} has authorised "
    "it for that Service User; anyone else's authorisation does not count.",
)
FEEDBACK_YEARLY = Rule(
    "compliance.feedback-yearly",
    _ONBOARDING,
    "A feedback form goes to each Service User every {feedback_every_years} year(s): the next is due that long after "
    "the last was sent, or after the start when none has been.",
)
FEEDBACK_ANONYMOUS = Rule(
    "compliance.feedback-anonymous",
    _ONBOARDING,
    "A feedback response may be anonymous: it need not name who sent it.",
)
TRAINING_OUTSTANDING = Rule(
    "compliance.training-outstanding",
    _ONBOARDING,
    "Other training agreed for a Service User is booked and completed at the earliest opportunity; until "
    "then it is listed as outstanding for the staff member, without blocking sessions.",
)
CONTRACT_PATTERN = Rule(
    "contracts.weekly-pattern",
    _FILES,
    "A contract is one Service User with a key worker and a spare and a weekly pattern of sessions; the "
    "pattern expands into dated sessions whose local wall-clock times stay fixed across clock changes.",
)
CONTRACT_BANK_HOLIDAY = Rule(
    "contracts.bank-holidays-shown",
    _FILES,
    "A session of the pattern that falls on a bank holiday is kept and marked as a bank holiday, never "
    "silently dropped.",
)
CONTRACT_WALL_CLOCK = Rule(
    "contracts.wall-clock-gaps",
    _FILES,
    "A pattern time that does not exist on a clock-change day (the hour skipped in spring) is moved "
    "forward by the gap; a time that happens twice (autumn) means the first occurrence.",
)
RULES = (
    REGISTRATION,
    TERMS,
    KEY_WORKER_AND_SPARE,
    WELCOME,
    WELCOME_NOT_NEEDED,
    SERVICE_PLAN,
    SERVICE_PLAN_CONTENTS,
    PLAN_NEEDS_PERSONAL_CARE,
    PLAN_NEEDS_UNCLEAR,
    PLAN_NEEDS_DESCRIBED,
    INITIAL_RISK_ASSESSMENTS,
    PRE_START_TRAINING,
    CONTACTS,
    CONTACT_PHONES,
    MET_KEY_WORKER_AND_SPARE,
    MINIMUM_AGE,
    LEAP_DAY_BIRTHDAY,
    READY,
    OTHER_ASSESSMENTS,
    FINAL_RISK_ASSESSMENT,
    FINAL_EVERY_TOPIC,
    FINAL_AFTER_FIRST_SESSION,
    LOCAL_DAYS,
    WRITE_UP_AUTHORISED,
    FEEDBACK_YEARLY,
    FEEDBACK_ANONYMOUS,
    TRAINING_OUTSTANDING,
    CONTRACT_PATTERN,
    CONTRACT_BANK_HOLIDAY,
    CONTRACT_WALL_CLOCK,
)
