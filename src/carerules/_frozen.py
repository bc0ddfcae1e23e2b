"""An immutable, hashable mapping, for the few domain fields that are naturally keyed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(Mapping[K, V]):
    """A read-only copy of a mapping: later changes to the caller's dict do not show through.

    Equal to any mapping with the same items (like ``dict``), and hashable
    when its values are, so frozen objects holding one can be hashed.
    """

    __slots__ = ("_hash", "_items")

    def __init__(self, items: Mapping[K, V] | None = None) -> None:
        self._items: dict[K, V] = dict(items or {})
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._items.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and self._items == dict(other.items())

    def __repr__(self) -> str:
        return f"FrozenDict({self._items!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (self._items,))


def freeze_nested(value: Any) -> Any:
    """``value`` with every mapping in it (at any depth) copied into a :class:`FrozenDict`.

    Anything else is returned as it is, for the field's validator to judge.
    """
    if isinstance(value, Mapping):
        return FrozenDict({k: freeze_nested(v) for k, v in value.items()})
    return value
