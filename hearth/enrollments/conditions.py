"""HUD's field conditions as data: parse them, evaluate them, and hand them to the browser.

The spec's list rules (``hearth.hud.generated.rules.LIST_RULES``) say when a field applies in
HUD's own small language: ``LivingSituation = 435``, ``CurrentSchoolAttend in (1,2)``,
``TCellCount not null``, ``(RecordType = 144 and TypeProvided = 6) or (RecordType = 210 and
TypeProvided = 12)``.  This module reads that language into a tree that the server evaluates
(a dependent field is stored only when its condition holds: FY2026 CSV spec, FMT-08) and that the
page's script evaluates the same way to show a question only when it applies.

Names are HUD CSV column names; ``Project.ProjectType`` names a column of another file.  A
trailing note in parentheses that is not part of the condition, e.g. ``(then 1 for methods used,
0 otherwise)``, is dropped.  Text this module does not understand raises ``ConditionError``.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["All", "Any_", "Comparison", "Condition", "ConditionError", "Not", "holds_for", "parse", "resolve"]


class ConditionError(ValueError):
    """A condition in the spec that this module cannot read."""


@dataclass(frozen=True)
class Comparison:
    """``name = 1``, ``name <> 1``, ``name in (1,2)``, ``name not in (1,2)`` or ``name not null``."""

    name: str
    operator: str  # "in" | "not in" | "not null"
    values: tuple[int, ...] = ()

    def holds(self, value_of: Callable[[str], Any]) -> bool:
        value = value_of(self.name)
        if self.operator == "not null":
            return value is not None and value != ""
        if value is None or value == "":
            return False  # an unanswered parent triggers nothing, "not in" included
        try:
            number = int(value)
        except (TypeError, ValueError):
            return False
        return (number in self.values) == (self.operator == "in")

    def names(self) -> frozenset[str]:
        return frozenset({self.name})

    def as_data(self, rename: Callable[[str], str]) -> dict[str, Any]:
        return {"field": rename(self.name), "op": self.operator, "values": list(self.values)}


@dataclass(frozen=True)
class All:
    parts: tuple["Condition", ...]

    def holds(self, value_of: Callable[[str], Any]) -> bool:
        return all(part.holds(value_of) for part in self.parts)

    def names(self) -> frozenset[str]:
        return frozenset().union(*(part.names() for part in self.parts))

    def as_data(self, rename: Callable[[str], str]) -> dict[str, Any]:
        return {"all": [part.as_data(rename) for part in self.parts]}


@dataclass(frozen=True)
class Any_:
    parts: tuple["Condition", ...]

    def holds(self, value_of: Callable[[str], Any]) -> bool:
        return any(part.holds(value_of) for part in self.parts)

    def names(self) -> frozenset[str]:
        return frozenset().union(*(part.names() for part in self.parts))

    def as_data(self, rename: Callable[[str], str]) -> dict[str, Any]:
        return {"any": [part.as_data(rename) for part in self.parts]}


@dataclass(frozen=True)
class Not:
    part: "Condition"

    def holds(self, value_of: Callable[[str], Any]) -> bool:
        return not self.part.holds(value_of)

    def names(self) -> frozenset[str]:
        return self.part.names()

    def as_data(self, rename: Callable[[str], str]) -> dict[str, Any]:
        return {"not": self.part.as_data(rename)}


Condition = Comparison | All | Any_ | Not

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+)|(?P<name>[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)?)|(?P<op><>|[=(),]))"
)
_NOTE = re.compile(r"\s*\((?:then|set)\b[^()]*\)\s*$")


def _tokens(text: str) -> list[str]:
    tokens, position = [], 0
    while position < len(text.rstrip()):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ConditionError(f"unreadable condition {text!r} at {text[position:]!r}")
        tokens.append(match.group(match.lastgroup or 0))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.position = 0

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token.lower() != expected):
            raise ConditionError(f"unreadable condition {self.text!r}: expected {expected or 'more'}")
        self.position += 1
        return token

    def expression(self) -> Condition:
        parts = [self.conjunction()]
        while (self.peek() or "").lower() == "or":
            self.take("or")
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else Any_(tuple(parts))

    def conjunction(self) -> Condition:
        parts = [self.factor()]
        while (self.peek() or "").lower() == "and":
            self.take("and")
            parts.append(self.factor())
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    def factor(self) -> Condition:
        if self.peek() == "(":
            self.take("(")
            inner = self.expression()
            self.take(")")
            return inner
        return self.comparison()

    def numbers(self) -> tuple[int, ...]:
        self.take("(")
        values = [self.number()]
        while self.peek() == ",":
            self.take(",")
            values.append(self.number())
        self.take(")")
        return tuple(values)

    def number(self) -> int:
        token = self.take()
        if not token.isdigit():
            raise ConditionError(f"unreadable condition {self.text!r}: {token!r} is not a code")
        return int(token)

    def comparison(self) -> Condition:
        name = self.take()
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9.]*", name) or name.lower() in ("and", "or", "not", "in"):
            raise ConditionError(f"unreadable condition {self.text!r}: expected a column name, got {name!r}")
        operator = (self.take() or "").lower()
        if operator == "=":
            return Comparison(name, "in", (self.number(),))
        if operator == "<>":
            return Comparison(name, "not in", (self.number(),))
        if operator == "in":
            return Comparison(name, "in", self.numbers())
        if operator == "not":
            following = self.take().lower()
            if following == "null":
                return Comparison(name, "not null")
            if following == "in":
                return Comparison(name, "not in", self.numbers())
        raise ConditionError(f"unreadable condition {self.text!r}: unknown operator {operator!r}")


def parse(text: str) -> Condition:
    """The condition written in ``text``; raises ConditionError for text it cannot read."""
    parser = _Parser(_NOTE.sub("", text))
    if not parser.tokens:
        raise ConditionError("empty condition")
    condition = parser.expression()
    if parser.peek() is not None:
        raise ConditionError(f"unreadable condition {text!r}: unexpected {parser.peek()!r}")
    return condition


def holds_for(condition: Condition, values: Mapping[str, Any]) -> bool:
    """Whether ``condition`` holds for the column values in ``values`` (missing names are unanswered)."""
    return condition.holds(values.get)


def resolve(condition: Condition, known: Mapping[str, Any]) -> Condition | bool:
    """``condition`` with the names in ``known`` replaced by their values, as far as that decides it.

    ``True`` or ``False`` when the known values decide it (e.g. ``Project.ProjectType = 14`` on a
    page about one project); otherwise the condition on the names still open.
    """
    if isinstance(condition, Comparison):
        if condition.name in known:
            return condition.holds(known.get)
        return condition
    if isinstance(condition, Not):
        inner = resolve(condition.part, known)
        return (not inner) if isinstance(inner, bool) else Not(inner)
    parts = [resolve(part, known) for part in condition.parts]
    if isinstance(condition, All):
        if any(part is False for part in parts):
            return False
        open_parts = tuple(part for part in parts if not isinstance(part, bool))
        return True if not open_parts else open_parts[0] if len(open_parts) == 1 else All(open_parts)
    if any(part is True for part in parts):
        return True
    open_parts = tuple(part for part in parts if not isinstance(part, bool))
    return False if not open_parts else open_parts[0] if len(open_parts) == 1 else Any_(open_parts)
