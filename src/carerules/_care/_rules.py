"""The care-boundary rules (personal care, medication, physical contact), each citing its clause.

Each cites the library's default clause; a policy grounds it in its own.
"""

from __future__ import annotations

from carerules._rules import DEFAULT_RULES, Rule, Source

_PERSONAL = Source(DEFAULT_RULES, "Personal care")
_MEDICATION = Source(DEFAULT_RULES, "Medication")
_CONTACT = Source(DEFAULT_RULES, "Physical contact")

# Personal care: the general definition (answers "personal care").
PHYSICAL_ASSISTANCE = Rule(
    "care.personal-care.physical-assistance",
    _PERSONAL,
    "Hands-on help with eating or drinking (parenteral nutrition too), toileting (menstrual care too), "
    "washing or bathing, dressing, oral care, or care of skin, hair or nails is personal care where the person is "
    "living (and where the place is not recorded).",
)
PROMPTING_AND_SUPERVISION = Rule(
    "care.personal-care.prompting-and-supervision",
    _PERSONAL,
    "Prompting and directly supervising one of those activities, both together, in the person's own home, for a "
    "person who cannot decide to do it without that prompting and supervision, is personal care.",
)
# Where the person is living: the definition's place, read by the policy (product decisions).
PHYSICAL_AWAY_FROM_HOME = Rule(
    "care.personal-care.physical-away-from-home",
    _PERSONAL,
    "Hands-on help with a listed activity away from where the person is living is read as the policy's "
    "care.away_from_home setting says (built in: unclear, ask {care_adviser}): the definition covers support where "
    "the person is living, but the service offers no personal care in any form.",
)
PROMPTING_AWAY_FROM_HOME = Rule(
    "care.personal-care.prompting-away-from-home",
    _PERSONAL,
    "Prompting and supervision of a listed activity away from where the person is living is read as the policy's "
    "care.away_from_home setting says (built in: unclear, ask {care_adviser}), never silently permitted: part (b) "
    "is about the person's own home, but the service offers no personal care in any form.",
)
# The two halves of part (b).
PROMPTING_ONLY = Rule(
    "care.personal-care.prompting-only",
    _PERSONAL,
    "Prompting a person without supervising them is not part (b), which needs prompting and supervision together: "
    "the supervision is missing, so it is not personal care.",
)
SUPERVISION_ONLY = Rule(
    "care.personal-care.supervision-only",
    _PERSONAL,
    "Supervising a person without prompting them is unclear (ask {care_adviser}): part (b) needs prompting and "
    "supervision together, and the prompting is missing.",
)
# Exceptions within the definition itself.
NAIL_CARE_BY_PODIATRIST = Rule(
    "care.personal-care.nail-care-by-podiatrist",
    _PERSONAL,
    "Nail care given by a chiropodist or podiatrist is outside the definition.",
)
PODIATRIST_TASK = Rule(
    "care.personal-care.podiatrist-task",
    _PERSONAL,
    "Nail care given by a chiropodist or podiatrist is that professional's task, not the staff member's, so it is "
    "never answered as permitted for staff.",
)
NOT_SUPERVISION = Rule(
    "care.personal-care.not-supervision",
    _PERSONAL,
    "Only encouraging a person, or checking afterwards that something was done, is not supervision and so "
    "not personal care.",
)
PERSON_CAN_DECIDE = Rule(
    "care.personal-care.person-can-decide",
    _PERSONAL,
    "Prompting and supervising (or supervising alone) a person who can decide for themselves to do the activity is "
    "not personal care.",
)
# The explicit permissions (exceptions that override the definition).
STRAIGHTENING_CLOTHING = Rule(
    "care.permitted.straightening-clothing",
    _PERSONAL,
    "Staff may help a person straighten their clothing, although dressing is personal care.",
)
BRUSHING_HAIR = Rule(
    "care.permitted.brushing-hair",
    _PERSONAL,
    "Staff may brush a person's hair, although hair care is personal care.",
)
DOING_HAIR = Rule(
    "care.permitted.doing-hair",
    _PERSONAL,
    "Staff may do a person's hair (styling it), although hair care is personal care.",
)
DRYING_HAIR = Rule(
    "care.permitted.drying-hair",
    _PERSONAL,
    "Staff may help a person dry their hair, although hair care is personal care.",
)
MAKE_UP = Rule(
    "care.permitted.make-up",
    _PERSONAL,
    "Staff may help a person with make-up, although skin care is personal care.",
)
FASTENING_SHOES = Rule(
    "care.permitted.fastening-shoes",
    _PERSONAL,
    "Staff may make sure a person's shoes are safely fastened, although dressing is personal care.",
)
PROVIDER_PERMISSION = Rule(
    "care.permitted.provider-task",
    _PERSONAL,
    "A task the provider's policy lists as permitted (its own addition to the document's examples) "
    "overrides the general definition for the area it belongs to.",
)
# What staff do with the answer.
ESCALATE = Rule(
    "care.personal-care.escalate",
    _PERSONAL,
    "The service does not give personal care: staff refuse the task and tell {escalation} at once.",
)
ASK_MANAGEMENT = Rule(
    "care.personal-care.unclear",
    _PERSONAL,
    "Whatever the definition and the permissions do not settle (for example, whether the person can decide is not "
    "recorded), and whatever a rule reads as unclear, is never permitted: staff ask {care_adviser}.",
)

# Medication.
PROMPT_FORM = Rule(
    "medication.prompt-form",
    _MEDICATION,
    "Staff may prompt or remind a person to take medication only when it is a tablet or a capsule.",
)
RECORD_PROMPT = Rule(
    "medication.record-prompt",
    _MEDICATION,
    "Every prompt or reminder to take medication is written down on the medication forms.",
)
RECORD_INHALER = Rule(
    "medication.record-inhaler",
    _MEDICATION,
    "Use of an inhaler while the service is responsible for the person is written on the medication sheet.",
)
ADMINISTRATION_PROCEDURE = Rule(
    "medication.administration-procedure",
    _MEDICATION,
    "Staff administer a medication only when the person's file holds a documented procedure for it; otherwise they "
    "refuse and ask {adviser}.",
)
PROCEDURE_ON_FILE = Rule(
    "medication.procedure-on-file",
    _MEDICATION,
    "A documented procedure counts for a support only from the day it is put on file: one filed after the local "
    "date of the support does not allow it.",
)
PROCEDURE_FORM = Rule(
    "medication.procedure-form",
    _MEDICATION,
    "A documented procedure covers one medication in the form it documents (and by the route, where it names one): "
    "it does not allow that medication in another form or by another route.",
)
RECORD_ADMINISTRATION = Rule(
    "medication.record-administration",
    _MEDICATION,
    "Each administration of medication is written on the medication record, like prompts and inhaler use.",
)
INHALER_OUTSIDE_RESPONSIBILITY = Rule(
    "medication.inhaler-outside-responsibility",
    _MEDICATION,
    "Inhaler use outside the times the service is responsible for the person (its sessions or other windows of "
    "responsibility) needs no entry on the medication sheet.",
)
EPILEPSY_PROCEDURE = Rule(
    "medication.epilepsy-procedure",
    _MEDICATION,
    "A person with epilepsy has an individual procedure for managing it safely in their file before "
    "sessions begin; without one, sessions may not start.",
)

# Physical contact.
CONTACT_NOT_ASSUMED = Rule(
    "contact.not-assumed",
    _CONTACT,
    "No kind of physical contact is assumed appropriate: unless the person's plan says, staff ask {adviser}.",
)
CONTACT_IN_PLAN = Rule(
    "contact.plan-appropriate",
    _CONTACT,
    "A kind of contact the person's Information Pack or Service Plan records as appropriate for them is appropriate.",
)
CONTACT_RULED_OUT = Rule(
    "contact.plan-rules-out",
    _CONTACT,
    "A kind of contact the person's plan rules out is not appropriate.",
)
CONTACT_UNKNOWN_KIND = Rule(
    "contact.unknown-kind",
    _CONTACT,
    "A kind of contact that is neither built in nor added by the provider's policy is referred to {adviser}, even if "
    "a plan names it.",
)

#: The built-in permissions, one rule per everyday help the document names.
PERMISSIONS = (STRAIGHTENING_CLOTHING, BRUSHING_HAIR, DOING_HAIR, DRYING_HAIR, MAKE_UP, FASTENING_SHOES)

RULES = (
    PHYSICAL_ASSISTANCE,
    PROMPTING_AND_SUPERVISION,
    PHYSICAL_AWAY_FROM_HOME,
    PROMPTING_AWAY_FROM_HOME,
    PROMPTING_ONLY,
    SUPERVISION_ONLY,
    NAIL_CARE_BY_PODIATRIST,
    PODIATRIST_TASK,
    NOT_SUPERVISION,
    PERSON_CAN_DECIDE,
    *PERMISSIONS,
    PROVIDER_PERMISSION,
    ESCALATE,
    ASK_MANAGEMENT,
    PROMPT_FORM,
    RECORD_PROMPT,
    RECORD_INHALER,
    ADMINISTRATION_PROCEDURE,
    PROCEDURE_ON_FILE,
    PROCEDURE_FORM,
    RECORD_ADMINISTRATION,
    INHALER_OUTSIDE_RESPONSIBILITY,
    EPILEPSY_PROCEDURE,
    CONTACT_NOT_ASSUMED,
    CONTACT_IN_PLAN,
    CONTACT_RULED_OUT,
    CONTACT_UNKNOWN_KIND,
)
