"""The built-in policies, as data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from carerules._policy._model import Policy, Rate, RateBasis, ShiftKind
from carerules._support121._terms import OneToOneTerms, SupportArea

#: The file name the Buddies policy is cited under.
BUDDIES_DOCUMENT = "004_82faaa97975dc483.txt"
#: The file name the 1-2-1 Support policy is cited under.
ONE_TO_ONE_DOCUMENT = "000_efb936d1ab05b6a6.txt"

#: The Buddies policy. Day support is 18.50 GBP an hour ("Costings"); the
#: document says sleeping nights and bank holidays are charged differently
#: but gives no figures, so those rates are deliberately absent: pricing
#: such time raises :class:`~carerules.MissingRate` until a provider adds them.
BUDDIES = Policy(
    id="buddies",
    name="1:1 Buddies Service",
    version="1",
    effective_from=date(2000, 1, 1),
    timezone="Europe/London",
    rates=(
        Rate(
            kind=ShiftKind.DAY,
            amount=Decimal("18.50"),
            effective_from=date(2000, 1, 1),
            basis=RateBasis.PER_HOUR,
            note=f"{BUDDIES_DOCUMENT}, Costings",
        ),
    ),
)

#: The 1-2-1 Support policy (no charging: the document states no prices).
#: Its four support areas and their topics are listed under "Support could be
#: offered in the following areas"; sessions are weekly or fortnightly
#: ("bi-weekly" in the document). A provider extends them with
#: ``policy.one_to_one.extend(area, *topics)``.
ONE_TO_ONE_SUPPORT = Policy(
    id="one-to-one",
    name="1-2-1 Support",
    version="1",
    effective_from=date(2000, 1, 1),
    timezone="Europe/London",
    one_to_one=OneToOneTerms(
        areas=(
            SupportArea(
                "Motivation",
                (
                    "Achieving an ambition",
                    "Developing a daily/weekly routine",
                    "Completing realistic goals",
                    "Generating resilience",
                    "Creating an efficient use of time",
                    "Developing skills and interests",
                    "Remaining focussed",
                ),
            ),
            SupportArea(
                "Confidence",
                (
                    "Supporting a period of change",
                    "Managed risk-taking",
                    "Managing new experiences",
                    "Overcoming social challenges",
                    "Overcoming a problem",
                    "Preventing procrastination",
                    "Supporting challenges",
                    "Supporting something not attempted for some time",
                    "Assessing previous successes/failures",
                    "Preventing blocks to success",
                    "Reviewing decision making",
                ),
            ),
            SupportArea(
                "Networks/Relationships",
                (
                    "Making better use of time",
                    "Creating networks around an area of interest",
                    "Finding and attending social activities",
                ),
            ),
            SupportArea(
                "Practical",
                (
                    "Planning a trip/event and developing planning skills",
                    "Looking for work/volunteering",
                    "Finding courses",
                    "Learning a new skill",
                    "Changing habits",
                    "Becoming more creative and generating ideas",
                    "Healthy eating",
                    "Managing money",
                ),
            ),
        ),
        cadence_weeks=frozenset({1, 2}),
    ),
)
