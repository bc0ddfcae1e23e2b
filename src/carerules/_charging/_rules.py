"""The charging, pay, cancellation and expense rules, each citing its clause."""

from __future__ import annotations

from carerules._rules import DEFAULT_RULES, PRODUCT_DECISIONS, Rule, Source

_CHARGING = Source(DEFAULT_RULES, "Charging and pay")
_TIME = Source(PRODUCT_DECISIONS, "Time")
_CANCELLATION = Source(DEFAULT_RULES, "Cancellation")

ELAPSED_TIME = Rule(
    "time.elapsed-duration",
    _TIME,
    "A session lasts the real time that elapses between its start and end, so a night when the "
    "clocks change is an hour shorter or longer than its wall-clock times suggest.",
)
HOURLY_RATE = Rule(
    "charging.hourly-rate",
    _CHARGING,
    "Support is charged by the hour at the policy's rate for the shift kind, using the rate in force on the "
    "session's start date.",
)
WAKING_NIGHT_HOURLY = Rule(
    "charging.waking-night-hourly",
    _CHARGING,
    "A waking night on an ordinary day is charged at the same hourly rate as day support in force that day: the "
    "policy sets no different rate for it.",
)
FLAT_SHIFT_RATE = Rule(
    "charging.flat-shift-rate",
    _CHARGING,
    "A shift kind whose rate is a flat amount per shift (commonly a sleeping night) is charged that "
    "amount once, whatever its length.",
)
BANK_HOLIDAY_RATE = Rule(
    "charging.bank-holiday-rate",
    _CHARGING,
    "Time on a bank-holiday date is charged at the shift kind's bank-holiday rate; a policy that sets none cannot "
    "price such time.",
)
FLAT_SHIFT_BANK_HOLIDAY = Rule(
    "charging.flat-shift-bank-holiday-start",
    _CHARGING,
    "A flat-rate shift takes the bank-holiday rate when it starts on a bank-holiday date (the night of 25 to 26 "
    "December is a bank-holiday night; 24 to 25 December is not).",
)
MIDNIGHT_SPLIT = Rule(
    "charging.midnight-split",
    _CHARGING,
    "An hourly session that crosses local midnight into or out of a bank holiday is split at "
    "midnight and each part priced at its own rate.",
)
MINIMUM_SESSION = Rule(
    "charging.minimum-session",
    _CHARGING,
    "An hourly session shorter than the minimum ({minimum_session}) is charged as the minimum; the top-up is priced "
    "at the rate of the session's first part. The minimum is per session.",
)
RATE_NEEDED = Rule(
    "charging.rate-needed",
    _CHARGING,
    "A forecast or quote line whose time needs a rate the policy does not set is left unpriced, and names the rate "
    "it needs: the shift kind, ordinary or bank-holiday, and the date it must be in force.",
)
FORECAST_INCOMPLETE = Rule(
    "charging.forecast-incomplete",
    _CHARGING,
    "A forecast or quote prices every line it can; when any line needs a rate the policy does not set, its total "
    "covers the priced lines only and is marked incomplete. An invoice is never incomplete: it is refused instead.",
)
ROUND_LINE = Rule(
    "money.round-line-half-up",
    _CHARGING,
    "Money is exact: each invoice line is rounded once to the penny, half up, and totals are sums of rounded lines.",
)
PAY_WORKED = Rule(
    "pay.time-worked",
    _CHARGING,
    "Staff are paid for the elapsed time of each session they work.",
)
PAY_MINIMUM = Rule(
    "pay.minimum-session",
    _CHARGING,
    "A staff member is paid for the minimum ({minimum_session}) when an hourly session is shorter.",
)
PAY_FLAT = Rule(
    "pay.flat-shift",
    _CHARGING,
    "A flat-rate shift is paid as one shift.",
)
PAY_RATE = Rule(
    "pay.rate",
    _CHARGING,
    "Where the policy sets pay rates, the paid time is paid at the pay rate for the shift kind and day type in force "
    "on the session's start date, split at local midnight into or out of a bank holiday (a flat-rate shift: the pay "
    "rate once); each pay line is rounded once to the penny, half up.",
)
NOTICE_GIVEN = Rule(
    "cancellation.notice-given",
    _CHARGING,
    "A cancellation received at least {cancellation_notice} (elapsed) before the session's scheduled start is not "
    "charged, and the staff member is not paid for it.",
)
LATE_CANCELLATION = Rule(
    "cancellation.late",
    _CHARGING,
    "A cancellation received less than {cancellation_notice} before the scheduled start (or after it) is charged "
    "exactly as the booked session would have been, and the staff member is paid.",
)
NO_SHOW = Rule(
    "cancellation.no-show",
    _CANCELLATION,
    "A session the family neither attended nor cancelled is treated as cancelled with no notice.",
)
PROVIDER_CANCELLED = Rule(
    "cancellation.by-provider",
    _CANCELLATION,
    "A session the provider cancels (for example staff absence with no cover) is never charged to "
    "the family, and nothing is paid for it.",
)
EXPENSE_AGREED = Rule(
    "expenses.agreed",
    _CHARGING,
    "A cost the staff member incurs during an activity (such as a meal when required to eat) is recharged to the "
    "Service User when it was agreed for that case.",
)
EXPENSE_NOT_AGREED = Rule(
    "expenses.not-agreed",
    _CHARGING,
    "Without a recorded agreement for that case, such a cost is reported on the invoice but not billed.",
)

RULES = (
    ELAPSED_TIME,
    HOURLY_RATE,
    WAKING_NIGHT_HOURLY,
    FLAT_SHIFT_RATE,
    BANK_HOLIDAY_RATE,
    FLAT_SHIFT_BANK_HOLIDAY,
    MIDNIGHT_SPLIT,
    MINIMUM_SESSION,
    RATE_NEEDED,
    FORECAST_INCOMPLETE,
    ROUND_LINE,
    PAY_WORKED,
    PAY_MINIMUM,
    PAY_FLAT,
    PAY_RATE,
    NOTICE_GIVEN,
    LATE_CANCELLATION,
    NO_SHOW,
    PROVIDER_CANCELLED,
    EXPENSE_AGREED,
    EXPENSE_NOT_AGREED,
)
