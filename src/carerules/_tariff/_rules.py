"""The tariff rules, each citing its clause: the library's own decisions until a policy grounds them."""

from __future__ import annotations

from carerules._rules import DEFAULT_RULES, Rule, Source

_TARIFF = Source(DEFAULT_RULES, "Tariffs")

RATE_GRID = Rule(
    "tariff.rate-grid",
    _TARIFF,
    "Time is charged at the rate the tariff's grid gives for the visit's service, the day type and local time band "
    "of that time, and the funder; the most specific cell wins, and the amount is the one in force on the visit's "
    "local start date.",
)
MULTIPLIER = Rule(
    "tariff.multiplier",
    _TARIFF,
    "A rate given as a multiple of another named rate (1.5 times the standard rate) is that rate's amount in force, "
    "times the factor.",
)
DAY_TYPE = Rule(
    "tariff.day-type",
    _TARIFF,
    "Each local date has the day types its weekday, its bank holidays (holidays package, the policy's country and "
    "subdivision), the provider's named dates and Easter days give it; the highest precedence with a rate prices it.",
)
WEEKEND_HOLIDAY = Rule(
    "tariff.weekend-holiday",
    _TARIFF,
    "A bank holiday falling on a weekend counts on the day itself, on its substitute weekday, or on both, as the "
    "tariff says (both, unless it says otherwise).",
)
PART_DAY = Rule(
    "tariff.part-day",
    _TARIFF,
    "A day type may hold for part of a date only (24 December from 17:00); time before the window is priced as the "
    "rest of that date.",
)
BAND_SPLIT = Rule(
    "tariff.band-split",
    _TARIFF,
    "A visit crossing a time band, day type or local midnight is split at each edge and each part charged at its own "
    "rate (the default boundary rule).",
)
WHOLE_AT_START = Rule(
    "tariff.whole-visit-start",
    _TARIFF,
    "Under the start boundary rule the whole visit is charged at the rate of the band and day type it starts in.",
)
WHOLE_AT_HIGHEST = Rule(
    "tariff.whole-visit-highest",
    _TARIFF,
    "Under the highest boundary rule the whole visit is charged at the highest rate of any band it touches.",
)
FLAT_VISIT = Rule(
    "tariff.flat-visit",
    _TARIFF,
    "A rate per visit or shift (a sleeping night) is charged once, whatever the visit's length, at the day type "
    "the visit starts on.",
)
NIGHT_START_OR_END = Rule(
    "tariff.night-start-or-end",
    _TARIFF,
    "Under the start-or-end rule a flat-rate visit takes the higher-precedence day type of the date it starts on "
    "and the date it ends on (a night finishing on a bank holiday is a bank-holiday night).",
)
PER_DAY = Rule(
    "tariff.per-day",
    _TARIFF,
    "A daily rate (live-in care) is charged once for each local date the visit covers, at that date's day type.",
)
PER_WEEK = Rule(
    "tariff.per-week",
    _TARIFF,
    "A weekly rate is charged pro rata for the local dates the visit covers, seven dates to a week.",
)
BOOKED_TIME = Rule(
    "tariff.booked-time",
    _TARIFF,
    "Under the booked basis a visit that ends before its booked end is charged for the booked time.",
)
OVERRUN = Rule(
    "tariff.overrun",
    _TARIFF,
    "Time past the booked end within the grace minutes is not charged; past them the whole overrun (or only the "
    "excess, as the tariff says) is charged from the booked end, and at least the overrun minimum.",
)
INCREMENT = Rule(
    "tariff.increment",
    _TARIFF,
    "Charged time is rounded to the tariff's billing increment in the stated direction (up, down to complete "
    "units, or to the nearest unit, halves up); time added or removed is at the visit's end, as if it ran on or "
    "stopped early.",
)
MINIMUM = Rule(
    "tariff.minimum",
    _TARIFF,
    "A visit shorter than the tariff's minimum is charged as the minimum, the time added priced as if the visit went "
    "on (or at the rate of its first part, when the tariff says so).",
)
PRICE_TABLE = Rule(
    "tariff.price-table",
    _TARIFF,
    "With a price table by visit length, the longest row at or under the charged time gives a fixed price for its "
    "length (the shortest row for a shorter visit) and the rest is charged pro rata at the hourly rate.",
)
DISTURBANCE = Rule(
    "tariff.disturbance",
    _TARIFF,
    "Each disturbance call in a flat-rate night is charged at the per-call rate of the night's day type and the "
    "call's band, after the free calls and up to the cap.",
)
SLEEP_IN_REPRICED = Rule(
    "tariff.sleep-in-repriced",
    _TARIFF,
    "A flat-rate night whose recorded active time is more than the tariff's limit is charged for the whole shift "
    "at the hourly rates of the service the tariff names (a waking night).",
)
TWO_CARERS = Rule(
    "tariff.two-carers",
    _TARIFF,
    "A visit with two (or more) staff is charged at the tariff's double-up rate, or, when it has none, at the "
    "single rate once per member of staff.",
)
MILEAGE = Rule(
    "tariff.mileage",
    _TARIFF,
    "A journey with or for the client is charged per mile (or km) of the distance the caller records, at the rate "
    "for its purpose, after the free distance and up to the cap per journey; the library looks up no distances.",
)
TRAVEL_TIME = Rule(
    "tariff.travel-time",
    _TARIFF,
    "Staff travel time is charged at the tariff's hourly travel rate when the journey is longer than the free "
    "radius, and at most the cap per visit.",
)
EXPENSE_CAP = Rule(
    "tariff.expense-cap",
    _TARIFF,
    "A recharged cost of a category with a cap per occasion bills at most the cap (or nothing, when the tariff "
    "refuses costs over it), and, where each occasion needs approval, nothing until that occasion is approved.",
)
FEE = Rule(
    "tariff.fee",
    _TARIFF,
    "A one-off fee the tariff names (an assessment, a set-up) is charged at its amount in force.",
)
SURCHARGE = Rule(
    "tariff.surcharge",
    _TARIFF,
    "An invoice paid by a method the tariff surcharges (any but direct debit, say) carries the surcharge once.",
)
INVOICE_PERIOD = Rule(
    "tariff.invoice-period",
    _TARIFF,
    "Invoices cover the tariff's period (weekly, 2-weekly, 4-weekly or calendar-monthly), are issued at its start "
    "(in advance) or the day after its end (in arrears), are due the tariff's number of days after issue, and carry "
    "the number the caller gives.",
)
VAT = Rule(
    "tariff.vat",
    _TARIFF,
    "Care is VAT exempt unless the tariff adds VAT at a rate; then each line's VAT is its net amount times the "
    "rate, rounded once, half up, per line.",
)
WEEKLY_CAP = Rule(
    "tariff.weekly-cap",
    _TARIFF,
    "A week's charge is at most the tariff's weekly maximum.",
)
LESSER_OF = Rule(
    "tariff.lesser-of",
    _TARIFF,
    "Under the lesser-of rule the client pays the least of the cost of care, the assessed contribution and any "
    "weekly maximum.",
)

CANCELLATION_TIER = Rule(
    "tariff.cancellation-tier",
    _TARIFF,
    "A cancellation is charged by the first of the tariff's notice tiers whose limit the notice is under: a "
    "percentage of the booked charge, hours at the booking's rate, or a fixed amount; notice at or past every tier "
    "is free, and a tier the provider's terms leave open is answered as not stated, never guessed.",
)
NOTICE_UNIT = Rule(
    "tariff.notice-unit",
    _TARIFF,
    "Notice is counted in each tier's unit: elapsed hours to the start, calendar days between the local dates, clear "
    "days (not counting the day of notice or of the visit), business days (Monday to Friday, not bank holidays, "
    "strictly between the two dates), or on the day (notice given on the visit's local date).",
)
WAIVER = Rule(
    "tariff.waiver",
    _TARIFF,
    "Recorded evidence of a waiver the tariff recognises (an emergency hospital admission, the worker redeployed, "
    "the visit rescheduled) drops the cancellation charge, or keeps the share of it the tariff says.",
)
CANCELLATION_TRAVEL = Rule(
    "tariff.cancellation-travel",
    _TARIFF,
    "When the cancellation terms include travel already made, each journey staff made for the cancelled visit is "
    "charged as the tariff's travel terms price it (without mileage, when the terms exclude mileage); otherwise it "
    "is not charged.",
)
SCOPED_MINIMUM = Rule(
    "tariff.scoped-minimum",
    _TARIFF,
    "When a service user's visits of one service in one local day, one local month or one booking block are "
    "charged for less time in total than the tariff's minimum for that scope, the difference is charged once, at "
    "the hourly rate of the first part of the group's first visit.",
)
OVERTIME = Rule(
    "tariff.overtime",
    _TARIFF,
    "A caregiver's hourly charged time in one week (starting on the tariff's week-start day) past the tariff's "
    "limit costs the overtime multiple of its rate (or, for time at a multiplier rate, the stated multiple of its "
    "base rate), counted in time order; overtime never costs less than the time's own rate.",
)
NO_SHOW = Rule(
    "tariff.no-show",
    _TARIFF,
    "A visit the client was not there for is charged the tariff's no-show charge, or, when it has none, as a "
    "cancellation with no notice.",
)

RULES = (
    RATE_GRID,
    MULTIPLIER,
    DAY_TYPE,
    WEEKEND_HOLIDAY,
    PART_DAY,
    BAND_SPLIT,
    WHOLE_AT_START,
    WHOLE_AT_HIGHEST,
    FLAT_VISIT,
    NIGHT_START_OR_END,
    PER_DAY,
    PER_WEEK,
    BOOKED_TIME,
    OVERRUN,
    INCREMENT,
    MINIMUM,
    PRICE_TABLE,
    DISTURBANCE,
    SLEEP_IN_REPRICED,
    TWO_CARERS,
    CANCELLATION_TIER,
    NOTICE_UNIT,
    WAIVER,
    NO_SHOW,
    MILEAGE,
    TRAVEL_TIME,
    EXPENSE_CAP,
    FEE,
    SURCHARGE,
    INVOICE_PERIOD,
    VAT,
    WEEKLY_CAP,
    LESSER_OF,
    CANCELLATION_TRAVEL,
    SCOPED_MINIMUM,
    OVERTIME,
)
