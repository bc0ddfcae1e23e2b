"""Onboarding, contracts and compliance (Buddies policy).

This package's ``__init__`` deliberately imports nothing: ``Policy`` (in
``carerules._policy``) holds an :class:`OnboardingParameters` field from
``_params``, and importing the rest of this package from here would make
that import circular. The public names are re-exported from
``carerules/__init__.py`` straight from the modules.
"""
