"""The matching and cover rules, each citing its clause.

Each cites the library's default clause; a policy grounds it in its own.
"""

from __future__ import annotations

from carerules._rules import DEFAULT_RULES, Rule, Source

_MATCHING = Source(DEFAULT_RULES, "Matching and cover")
_FILES = Source(DEFAULT_RULES, "Personal files")

SHARED_INTERESTS = Rule(
    "matching.shared-interests",
    _MATCHING,
    "Staff are matched to a Service User partly on the interests they share; each shared interest "
    "adds the policy's interest points to the fit score.",
)
PERSONALITY_FIT = Rule(
    "matching.personality-fit",
    _MATCHING,
    "Staff are matched partly on personality: each pair of a Service User's trait and a staff "
    "member's trait that the policy says fit (a shared trait, or a listed pairing) adds trait points.",
)
FIT_SCORE = Rule(
    "matching.fit-score",
    _MATCHING,
    "The fit score is a whole number: interest points times shared interests plus trait points times "
    "fitting trait pairs; nothing else (not input order, not names) affects it.",
)
TIE_BREAK = Rule(
    "matching.tie-break",
    _MATCHING,
    "Candidates with equal scores are ordered by more shared interests first, then by staff id, so a "
    "ranking never depends on the order staff were listed in.",
)
PRE_START_TRAINING = Rule(
    "matching.pre-start-training",
    _MATCHING,
    "A staff member can be key worker or spare only once they hold a completed record of every "
    "specialist training agreed as required before sessions start.",
)
TRAINING_RECORDS = Rule(
    "matching.training-records",
    _FILES,
    "Trained means a completed record of the named training in the staff member's own file, completed "
    "on or before the date asked about.",
)
TRAINING_EXPIRY = Rule(
    "matching.training-expiry",
    _FILES,
    "A training record with an expiry date counts up to and including that date; once it has expired it "
    "no longer counts, so the staff member is not trained in it until a new record is completed.",
)
TRAINING_ON_SESSION_DATE = Rule(
    "matching.training-on-session-date",
    _FILES,
    "Training is judged on the local date of the session it is for: the session's own date for cover, the "
    "first session's date for a new key worker and spare. Training completed after that date does not count.",
)
KEY_AND_SPARE = Rule(
    "matching.key-worker-and-spare",
    _MATCHING,
    "A match is one key worker (the main staff member) and one spare who covers staff illness or holiday.",
)
DIFFERENT_PEOPLE = Rule(
    "matching.different-people",
    _MATCHING,
    "The key worker and the spare are two different people.",
)
CAPACITY = Rule(
    "matching.capacity",
    _MATCHING,
    "A staff member is key worker for at most their key-worker capacity of Service Users, and spare "
    "for at most their spare capacity; matches already held count against both.",
)
BEST_PAIR = Rule(
    "matching.best-pair",
    _MATCHING,
    "The suggested pair maximises the key worker's plus the spare's fit score among valid pairs; ties "
    "go to the higher-scoring key worker, then to ranking order.",
)
ORGANISATION_WIDE = Rule(
    "matching.organisation-wide",
    _MATCHING,
    "Across everyone waiting, suggestions first match as many Service Users as capacity and training "
    "allow, then maximise the total fit of all key workers and spares.",
)
COVER_NEEDED = Rule(
    "cover.preferred-unavailable",
    _MATCHING,
    "Cover is needed when the preferred staff member cannot work the original time: a recorded absence "
    "on that date, a booking that overlaps it, or no recorded availability covering it.",
)
COVER_SPARE_FIRST = Rule(
    "cover.spare-first",
    _MATCHING,
    "The spare was chosen to cover illness and holiday, so when available at the original time the "
    "spare is the first option offered.",
)
COVER_OTHER_STAFF = Rule(
    "cover.other-staff-original-time",
    _MATCHING,
    "One option is another suitable staff member at the original time: only staff who hold the "
    "pre-start training, are not absent and are available then, ranked by fit.",
)
COVER_OTHER_TIME = Rule(
    "cover.preferred-other-time",
    _MATCHING,
    "The other option is moving the session to another time or day when the preferred staff member "
    "is available, to stay with them.",
)
FAMILY_CHOOSES = Rule(
    "cover.family-chooses",
    _MATCHING,
    "The family chooses between the options; the library only lists and explains them.",
)

RULES = (
    SHARED_INTERESTS,
    PERSONALITY_FIT,
    FIT_SCORE,
    TIE_BREAK,
    PRE_START_TRAINING,
    TRAINING_RECORDS,
    TRAINING_EXPIRY,
    TRAINING_ON_SESSION_DATE,
    KEY_AND_SPARE,
    DIFFERENT_PEOPLE,
    CAPACITY,
    BEST_PAIR,
    ORGANISATION_WIDE,
    COVER_NEEDED,
    COVER_SPARE_FIRST,
    COVER_OTHER_STAFF,
    COVER_OTHER_TIME,
    FAMILY_CHOOSES,
)
