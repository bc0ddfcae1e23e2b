"""Provider variants of the built-in 1-2-1 policy that the tests read plans under (issue 15 settings)."""

from __future__ import annotations

import attrs

from carerules import ONE_TO_ONE_SUPPORT, OneToOneTerms

_TERMS = ONE_TO_ONE_SUPPORT.one_to_one.latest
assert _TERMS is not None
#: The built-in terms: weekly, twice weekly or fortnightly; open areas; refreshers on request only.
BUILT_IN_TERMS: OneToOneTerms = _TERMS
#: The built-in policy with automatic refreshers turned on, as a provider may.
AUTO = attrs.evolve(ONE_TO_ONE_SUPPORT, one_to_one=attrs.evolve(BUILT_IN_TERMS, automatic_refreshers=True))
#: The built-in policy with its list of support areas closed, as a provider may.
CLOSED = attrs.evolve(ONE_TO_ONE_SUPPORT, one_to_one=attrs.evolve(BUILT_IN_TERMS, only_listed_areas=True))
