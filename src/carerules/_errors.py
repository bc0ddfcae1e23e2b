"""The library's exceptions: one base class, a few typed subclasses.

An exception always means the *input* was invalid. A refusal ("this is
personal care", "this cancellation is charged") is a decision, not an error.
"""

from __future__ import annotations

import pickle
import re
from datetime import date, datetime
from typing import Any


def _picklable(value: Any) -> Any:
    """``value``, or its ``repr`` when it cannot be pickled (a generator a caller passed, say)."""
    try:
        pickle.dumps(value)
    except Exception:  # any failure to pickle: keep what can be shown
        return _show(value)
    return value


def _restore(cls: type[CareRulesError], args: tuple[Any, ...], state: dict[str, Any]) -> CareRulesError:
    """Rebuild a pickled error without calling its ``__init__`` (whose arguments differ from ``args``)."""
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class CareRulesError(Exception):
    """Base class of every error carerules raises on purpose.

    Every library error survives ``pickle`` (so it can cross a
    multiprocessing or Dask worker boundary) with its type, message,
    attributes and notes; an attribute that cannot be pickled (a generator a
    caller passed, say) crosses as its ``repr``, and arguments that cannot
    as the message they made.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        state = {k: _picklable(v) for k, v in self.__dict__.items()}
        args = self.args
        if any(_picklable(a) is not a for a in args):
            args = (str(self),)  # the message, exactly as it reads here, in place of what cannot cross
        return (_restore, (type(self), args, state))


#: How long a shown value may be before it is shortened (at a break between tokens, never inside one).
SHOW_LIMIT = 80


def _instant(value: datetime) -> str:
    """An instant as people read it: ISO 8601 wall time with its offset, and the zone's name when it has one."""
    if value.tzinfo is None:
        return f"{value.isoformat()} (no timezone)"
    key = getattr(value.tzinfo, "key", None)
    return f"{value.isoformat()} ({key})" if key else value.isoformat()


#: An ISO 8601 instant with its offset as messages show one, and the zone name after it when there is one
#: (not one inside a quoted string, which is text as the caller wrote it).
_ISO_INSTANT = re.compile(
    r"(?<![\w:.+'\"-])(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[+-]\d\d:\d\d|Z))"
    r"(?: \([\w/+-]+\))?(?![\w:.\['\"])"
)


def show_in_zone(error: BaseException, tz: Any) -> None:
    """Show every instant in an :class:`InvalidInput`'s message in ``tz`` (the policy's zone of the call it leaves).

    The same instants, as the policy's people read them: ``2027-07-01T09:00:00+00:00 (UTC)``
    becomes ``2027-07-01T10:00:00+01:00 (Europe/London)``. ``error.value``
    is unchanged; a sensitive value is never shown, so never converted.
    """
    zone = getattr(tz, "key", None)
    if not isinstance(error, InvalidInput) or zone is None or not error.args or not isinstance(error.args[0], str):
        return

    def local(match: re.Match[str]) -> str:
        try:
            instant = datetime.fromisoformat(match[1])
            return _instant(instant.astimezone(tz))
        except (OverflowError, ValueError):  # not an instant after all, or at the edge of datetime's range
            return match[0]

    message = error.args[0]
    if "T" in message:
        error.args = (_ISO_INSTANT.sub(local, message), *error.args[1:])


def _shorten(text: str, limit: int = SHOW_LIMIT) -> str:
    """``text`` cut to about ``limit`` characters at the last space or comma before it, never inside a token."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind(" ", 0, limit - 4), text.rfind(",", 0, limit - 4))
    return (text[:cut] if cut > limit // 2 else text[: limit - 4]).rstrip(" ,") + " ..."


def _show(value: Any) -> str:
    if isinstance(value, datetime):
        return _instant(value)
    if isinstance(value, date):
        return value.isoformat()
    try:
        text = repr(value)
    except Exception:  # an int of more than 4,300 digits, or a caller's object whose repr fails
        return f"<{type(value).__name__} that cannot be shown>"
    return _shorten(text)


def _label(value: Any) -> str:
    """A field name, path or similar part of a message: as it is when a string, else as :func:`_show` shows it."""
    return value if isinstance(value, str) else _show(value)


def _day(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else _show(value)


def redacted(value: Any) -> str:
    """How a sensitive value is shown in messages: its kind and size, never its content."""
    if isinstance(value, str):
        return f"<redacted, {len(value)} chars>"
    if isinstance(value, tuple | list | set | frozenset | dict):
        return f"<redacted {type(value).__name__} of {len(value)} items>"
    return f"<redacted {type(value).__name__}>"


class InvalidInput(CareRulesError, ValueError):
    """A value given to the library is not acceptable.

    ``field`` names the offending field (a dotted path where useful) and
    ``value`` holds what was given. When ``sensitive`` is true (health
    details, contact details, free-text notes) the message shows only the
    value's kind and size, never its content; ``value`` still holds it for
    the caller's own handling.

    Where the library knows which object holds the refused value (a session
    whose id repeats an earlier one, the task whose activity the policy does
    not know), ``subject`` is that object, as the caller passed it (or inside
    what the caller passed), and ``subject_field`` the path to the value from
    it (``"id"``, ``"plan.starts_on"``); otherwise both are ``None``. The
    command line uses them to name the exact place in a scenario file.
    """

    def __init__(
        self,
        field: str,
        value: Any,
        expected: str,
        *,
        sensitive: bool = False,
        at: tuple[object, str] | None = None,
    ) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        self.sensitive = sensitive
        # An error is always built, so an ill-formed ``at`` (not an object and a path) names no subject.
        known = isinstance(at, tuple) and len(at) == 2 and isinstance(at[1], str)
        self.subject: object | None = at[0] if known and at is not None else None
        self.subject_field: str | None = at[1] if known and at is not None else None
        shown = redacted(value) if sensitive else _show(value)
        super().__init__(f"{_label(field)}: got {shown}; expected {_label(expected)}")


class MissingRate(CareRulesError, LookupError):
    """Pricing needs a rate the policy does not define.

    The built-in Buddies policy deliberately leaves sleeping-night and
    bank-holiday rates unset: the source document does not state them. An
    invoice is refused with this error; a forecast or quote
    (:func:`~carerules.build_forecast`) lists the line as needing the rate.
    Paying staff under a policy with ``pay_rates`` raises it too, with
    ``parameter == "pay_rates"``, when a pay rate is missing.
    """

    def __init__(
        self,
        policy: str,
        kind: str,
        bank_holiday: bool,
        on: date,
        needed_for: date | None = None,
        *,
        parameter: str = "rates",
    ) -> None:
        self.policy = policy
        self.kind = kind
        self.bank_holiday = bank_holiday
        self.on = on
        self.needed_for = needed_for or on
        #: Which list lacks the rate: ``rates`` (what the family is charged) or ``pay_rates`` (what staff are paid).
        self.parameter = parameter
        day = "bank-holiday" if bank_holiday else "ordinary-day"
        what, verb = ("pay rate", "pay") if parameter == "pay_rates" else ("rate", "price")
        super().__init__(
            f"policy {_show(policy)} has no {day} {what} for shift kind {_show(kind)} in force on {_day(on)} "
            f"(needed to {verb} time on {_day(self.needed_for)}); add one to the policy's {parameter}"
        )


class MissingParameter(CareRulesError, LookupError):
    """A rule needs a threshold the policy does not set (or not yet, on that date).

    ``parameter`` names it as the policy file does (``onboarding``,
    ``cancellation_notice``); ``on`` is the date it was needed for. A
    policy never inherits another provider's figures: set the parameter in
    the policy's file.
    """

    def __init__(self, policy: str, parameter: str, on: date, hint: str = "") -> None:
        self.policy = policy
        self.parameter = parameter
        self.on = on
        self.hint = hint
        extra = f" ({_label(hint)})" if hint else ""
        super().__init__(
            f"policy {_show(policy)} sets no {_label(parameter)} in force on {_day(on)}{extra}; add it to the policy"
        )


class RuleConflict(CareRulesError):
    """Two exceptions to the same rule both apply and disagree.

    This is a defect in a rule set (like Catala's ``Conflict``), not in the
    caller's data; it is raised rather than picking one answer silently.
    """

    def __init__(self, rule_id: str, exception_ids: tuple[str, ...]) -> None:
        self.rule_id = rule_id
        self.exception_ids = exception_ids
        ids = ", ".join(map(_label, exception_ids)) if isinstance(exception_ids, tuple | list) else _show(exception_ids)
        super().__init__(f"rule {_show(rule_id)}: exceptions {ids} all apply and give different answers")


class ScenarioError(InvalidInput):
    """A scenario or policy document could not be read; ``field`` is a path."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        CareRulesError.__init__(self, f"{_label(path)}: {_label(message)}")
        self.field = path
        self.value = None
        self.expected = message
        self.sensitive = False
        self.subject = None
        self.subject_field = None


class MissingDependency(CareRulesError, ImportError):
    """An optional dependency a function needs is not installed.

    ``package`` names it and ``extra`` the carerules extra that installs it
    (``pip install "carerules[matching]"``).
    """

    def __init__(self, package: str, extra: str, needed_for: str) -> None:
        self.package = package
        self.extra = extra
        self.needed_for = needed_for
        super().__init__(
            f"{_label(needed_for)} needs {_label(package)}; install it with: pip install 'carerules[{_label(extra)}]'"
        )
