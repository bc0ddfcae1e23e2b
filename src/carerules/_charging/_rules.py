"""The charging, pay, cancellation and expense rules, each citing its clause."""

from __future__ import annotations

from carerules._policy import BUDDIES_DOCUMENT
from carerules._rules import PRODUCT_DECISIONS, Rule, Source

_START = Source(BUDDIES_DOCUMENT, "How do we get started?")
_OTHER = Source(BUDDIES_DOCUMENT, "Other things you should know")
_COSTINGS = Source(BUDDIES_DOCUMENT, "Costings")
_TIME = Source(PRODUCT_DECISIONS, "Time")
_CHARGING = Source(PRODUCT_DECISIONS, "Charging (Buddies)")
_CANCELLATION = Source(PRODUCT_DECISIONS, "Cancellation (Buddies)")

ELAPSED_TIME = Rule(
    "time.elapsed-duration",
    _TIME,
    "A session lasts the real time that elapses between its start and end, so a night when the "
    "clocks change is an hour shorter or longer than its wall-clock times suggest.",
)
HOURLY_RATE = Rule(
    "buddies.charging.hourly-rate",
    _COSTINGS,
    "Support is charged by the hour at the policy's rate for the shift kind (day support: "
    "18.50 GBP an hour in the built-in policy), using the rate in force on the session's start date.",
)
FLAT_SHIFT_RATE = Rule(
    "buddies.charging.flat-shift-rate",
    _CHARGING,
    "A shift kind whose rate is a flat amount per shift (commonly a sleeping night) is charged that "
    "amount once, whatever its length.",
)
BANK_HOLIDAY_RATE = Rule(
    "buddies.charging.bank-holiday-rate",
    _COSTINGS,
    "Time on a bank-holiday date is charged at the shift kind's bank-holiday rate, which differs "
    "from the ordinary rate; the document gives no figure, so the built-in policy sets none.",
)
FLAT_SHIFT_BANK_HOLIDAY = Rule(
    "buddies.charging.flat-shift-bank-holiday-start",
    _CHARGING,
    "A flat-rate shift takes the bank-holiday rate when it starts on a bank-holiday date "
    "(the night of 25 to 26 December is a bank-holiday night; 24 to 25 December is not).",
)
MIDNIGHT_SPLIT = Rule(
    "buddies.charging.midnight-split",
    _CHARGING,
    "An hourly session that crosses local midnight into or out of a bank holiday is split at "
    "midnight and each part priced at its own rate.",
)
MINIMUM_SESSION = Rule(
    "buddies.charging.minimum-session",
    _OTHER,
    "An hourly session shorter than the minimum (2 hours) is charged as the minimum; the top-up "
    "is priced at the rate of the session's first part. The minimum is per session.",
)
ROUND_LINE = Rule(
    "money.round-line-half-up",
    _CHARGING,
    "Money is exact: each invoice line is rounded once to the penny, half up, and totals are sums of rounded lines.",
)
PAY_WORKED = Rule(
    "buddies.pay.time-worked",
    _OTHER,
    "Staff are paid for the elapsed time of each session they work.",
)
PAY_MINIMUM = Rule(
    "buddies.pay.minimum-session",
    _OTHER,
    "A staff member is paid for the minimum (2 hours) when an hourly session is shorter.",
)
PAY_FLAT = Rule(
    "buddies.pay.flat-shift",
    _CHARGING,
    "A flat-rate shift is paid as one shift.",
)
NOTICE_GIVEN = Rule(
    "buddies.cancellation.notice-given",
    _OTHER,
    "A cancellation received at least 48 hours (elapsed) before the session's scheduled start is "
    "not charged, and the staff member is not paid for it.",
)
LATE_CANCELLATION = Rule(
    "buddies.cancellation.late",
    _OTHER,
    "A cancellation received less than 48 hours before the scheduled start (or after it) is charged "
    "exactly as the booked session would have been, and the staff member is paid.",
)
NO_SHOW = Rule(
    "buddies.cancellation.no-show",
    _CANCELLATION,
    "A session the family neither attended nor cancelled is treated as cancelled with no notice.",
)
PROVIDER_CANCELLED = Rule(
    "buddies.cancellation.by-provider",
    _CANCELLATION,
    "A session the provider cancels (for example staff absence with no cover) is never charged to "
    "the family, and nothing is paid for it.",
)
EXPENSE_AGREED = Rule(
    "buddies.expenses.agreed",
    _OTHER,
    "A cost the Buddy incurs during an activity (such as a meal when required to eat) is recharged "
    "to the Service User when it was agreed for that case.",
)
EXPENSE_NOT_AGREED = Rule(
    "buddies.expenses.not-agreed",
    _OTHER,
    "Without a recorded agreement for that case, such a cost is reported on the invoice but not billed.",
)

RULES = (
    ELAPSED_TIME,
    HOURLY_RATE,
    FLAT_SHIFT_RATE,
    BANK_HOLIDAY_RATE,
    FLAT_SHIFT_BANK_HOLIDAY,
    MIDNIGHT_SPLIT,
    MINIMUM_SESSION,
    ROUND_LINE,
    PAY_WORKED,
    PAY_MINIMUM,
    PAY_FLAT,
    NOTICE_GIVEN,
    LATE_CANCELLATION,
    NO_SHOW,
    PROVIDER_CANCELLED,
    EXPENSE_AGREED,
    EXPENSE_NOT_AGREED,
)
