"""The conditions of ../shared/spec/list_rules.csv, read into predicates over one row's values.

The condition column is a small language: ``LivingSituation = 435``, ``DisabilityType <> 10``,
``HousingAssessment not in (1,2)``, ``TCellCount not null``, ``and`` / ``or`` with parentheses,
``always`` and ``all race columns = 0``.  A trailing note in parentheses ("(set 0 if option not
selected)") is not part of the condition.  A name with a dot (``Project.ProjectType``) refers to
another file: such conditions are not row conditions, and ``parse`` says so by returning ``None``.
An empty value equals no code: ``X <> 10`` and ``X not in (1,2)`` hold when X is empty.

``Condition.to_sql`` writes the same condition as a SQL expression over columns named as in the
file (DuckDB reads clean files with it, hearth.interchange.duck_rows): never NULL, and a code
never equals a text, date or time, as in Python.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Values = Sequence[Any]  # one row's converted values, by column position
Predicate = Callable[[Values], bool]
IsNumber = Callable[[str], bool]  # whether a column holds numbers (codes compare equal to them)
Sql = Callable[[IsNumber], str]

# HUD 3.04.1: the race and ethnicity columns RaceNone depends on.
RACE_COLUMNS = (
    "AmIndAKNative",
    "Asian",
    "BlackAfAmerican",
    "HispanicLatinao",
    "MidEastNAfrican",
    "NativeHIPacific",
    "White",
)

_TOKEN = re.compile(r"\s*(<>|=|\(|\)|,|[A-Za-z][A-Za-z0-9_.]*|-?\d+)")


class ConditionError(ValueError):
    """The condition text is not in the language above."""


@dataclass(frozen=True)
class Condition:
    text: str
    columns: frozenset[str]  # the columns it reads
    test: Predicate
    sql: Sql = lambda is_number: "TRUE"

    def to_sql(self, is_number: IsNumber) -> str:
        """The condition as a SQL boolean (never NULL) over columns quoted by their CSV names."""
        return self.sql(is_number)


def _column(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _listed(codes: frozenset[int]) -> str:
    return ", ".join(str(code) for code in sorted(codes))


def parse(text: str, position: dict[str, int]) -> Condition | None:
    """A predicate for ``text`` over rows laid out as ``position`` (column name -> index).

    Returns None for a condition on another file; raises ConditionError for text it cannot read.
    """
    text = text.strip()
    if text == "always":
        return Condition(text, frozenset(), lambda values: True)
    if text == "all race columns = 0":
        indexes = [position[name] for name in RACE_COLUMNS]

        def all_zero(is_number: IsNumber) -> str:
            return "(" + " AND ".join(_equals(name, 0, is_number) for name in RACE_COLUMNS) + ")"

        return Condition(
            text, frozenset(RACE_COLUMNS), lambda values: all(values[i] == 0 for i in indexes), all_zero
        )
    try:
        return _Parser(text, position).condition()
    except ConditionError:
        trimmed = re.sub(r"\s*\([^()]*[a-z]{3,}[^()]*\)\s*$", "", text)  # a note, not a clause
        if trimmed == text:
            raise
        return _Parser(trimmed, position).condition()


class _Parser:
    def __init__(self, text: str, position: dict[str, int]) -> None:
        self.text = text
        self.position = position
        self.tokens = self._tokenize(text)
        self.at = 0
        self.columns: set[str] = set()
        self.is_cross_file = False

    @staticmethod
    def _tokenize(text: str) -> list[str]:
        tokens, at = [], 0
        while at < len(text):
            match = _TOKEN.match(text, at)
            if not match:
                if text[at:].strip() == "":
                    break
                raise ConditionError(f"cannot read {text!r} at {text[at:]!r}")
            tokens.append(match.group(1))
            at = match.end()
        return tokens

    def condition(self) -> Condition | None:
        test, sql = self._or()
        if self.at != len(self.tokens):
            raise ConditionError(f"unexpected {self.tokens[self.at]!r} in {self.text!r}")
        if self.is_cross_file:
            return None
        return Condition(self.text, frozenset(self.columns), test, sql)

    def _peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _take(self, expected: str | None = None) -> str:
        token = self._peek()
        if token is None or (expected is not None and token.lower() != expected):
            raise ConditionError(f"expected {expected or 'more'} in {self.text!r}")
        self.at += 1
        return token

    def _or(self) -> tuple[Predicate, Sql]:
        parts = [self._and()]
        while (self._peek() or "").lower() == "or":
            self._take()
            parts.append(self._and())
        if len(parts) == 1:
            return parts[0]
        tests = [test for test, _sql in parts]
        return (lambda values: any(p(values) for p in tests)), _joined(" OR ", [sql for _test, sql in parts])

    def _and(self) -> tuple[Predicate, Sql]:
        parts = [self._factor()]
        while (self._peek() or "").lower() == "and":
            self._take()
            parts.append(self._factor())
        if len(parts) == 1:
            return parts[0]
        tests = [test for test, _sql in parts]
        return (lambda values: all(p(values) for p in tests)), _joined(" AND ", [sql for _test, sql in parts])

    def _factor(self) -> tuple[Predicate, Sql]:
        if self._peek() == "(":
            self._take()
            inner = self._or()
            self._take(")")
            return inner
        return self._comparison()

    def _comparison(self) -> tuple[Predicate, Sql]:
        name = self._take()
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_.]*", name):
            raise ConditionError(f"expected a column name, found {name!r} in {self.text!r}")
        index = self._index(name)
        operator = self._take().lower()
        if operator == "not" and (self._peek() or "").lower() == "null":
            self._take()
            return (lambda values: values[index] is not None), (
                lambda is_number: f"({_column(name)} IS NOT NULL)"
            )
        if operator == "not":
            self._take("in")
            codes = self._codes()
            return (lambda values: values[index] not in codes), _in(name, codes, is_in=False)
        if operator == "in":
            codes = self._codes()
            return (lambda values: values[index] in codes), _in(name, codes, is_in=True)
        if operator in ("=", "<>"):
            code = self._number()
            if operator == "=":
                return (lambda values: values[index] == code), (
                    lambda is_number: _equals(name, code, is_number)
                )
            return (
                (lambda values: values[index] != code),
                (lambda is_number: f"(NOT {_equals(name, code, is_number)})"),
            )
        raise ConditionError(f"unknown operator {operator!r} in {self.text!r}")

    def _index(self, name: str) -> int:
        if "." in name:
            self.is_cross_file = True
            return -1
        if name not in self.position:
            raise ConditionError(f"{name} is not a column of this file ({self.text!r})")
        self.columns.add(name)
        return self.position[name]

    def _codes(self) -> frozenset[int]:
        self._take("(")
        codes = {self._number()}
        while self._peek() == ",":
            self._take()
            codes.add(self._number())
        self._take(")")
        return frozenset(codes)

    def _number(self) -> int:
        token = self._take()
        if not re.fullmatch(r"-?\d+", token):
            raise ConditionError(f"expected a number, found {token!r} in {self.text!r}")
        return int(token)


def _equals(name: str, code: int, is_number: IsNumber) -> str:
    """SQL for ``value == code`` in Python: false when the value is empty or not a number."""
    if not is_number(name):
        return "FALSE"
    return f"COALESCE({_column(name)} = {code}, FALSE)"


def _in(name: str, codes: frozenset[int], *, is_in: bool) -> Sql:
    def sql(is_number: IsNumber) -> str:
        found = f"COALESCE({_column(name)} IN ({_listed(codes)}), FALSE)" if is_number(name) else "FALSE"
        return found if is_in else f"(NOT {found})"

    return sql


def _joined(operator: str, parts: list[Sql]) -> Sql:
    return lambda is_number: "(" + operator.join(part(is_number) for part in parts) + ")"
