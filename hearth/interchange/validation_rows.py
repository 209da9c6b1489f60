"""Reading one CSV row into typed values, checking each value on its own (FMT-01..08).

``FileReader`` is built once per file from the spec's column map (hearth.hud.generated.columns)
and the file's header.  For each row it returns the values in spec column order, ready for the
staging table, and the problems found: type and length (FMT-02..05), required values (FMT-07),
code lists (FMT-03) including the conditional lists, value subsets and dependent fields of
list_rules.csv (FMT-08), and the file-specific checks of ``validation_records``.

Converters raise ``CellProblem``; the fast path converts a whole row in one comprehension and
only goes cell by cell to name the problems when something is wrong.
"""

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from hearth.hud.columndefs import Column
from hearth.hud.generated.columns import COLUMNS
from hearth.hud.generated.lists import LISTS
from hearth.hud.generated.rules import LIST_RULES
from hearth.hud.ruledefs import ListRule
from hearth.interchange import validation_records
from hearth.interchange.validation import Issue, issue
from hearth.interchange.validation_conditions import Condition, ConditionError, Values, parse
from hearth.interchange.validation_types import (
    CellProblem,
    Converter,
    codes_of,
    converter_for,
    hashed_converter,
    not_in_list,
)

_IMPERMISSIBLE = re.compile(r"[<>\[\]{}]")
HASH_LENGTHS = {2: 40, 4: 64}  # FMT-16: SHA-1 (legacy) and SHA-256 hex digests
HASHED_NAME_COLUMNS = ("FirstName", "MiddleName", "LastName")


@dataclass(frozen=True)
class RowCheck:
    """A check of list_rules.csv on one column, with the rule it reports under."""

    rule_id: str
    column: str
    index: int
    test: Callable[[Values], str | None]  # the problem in plain words, or None
    is_tolerated: bool = False  # a code outside a list, a dependent value: imported as sent (validation.py)
    needs_value: bool = True  # finds nothing when the column is empty (all but required_if / nullable_if)


@dataclass
class FileReader:
    """Converts and checks the rows of one file of one export."""

    file_name: str
    path: str  # as reported
    columns: Sequence[Column]  # FY2026 columns of the file, in spec order
    header: Sequence[str]
    hash_status: int = 1
    header_issues: list[Issue] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.position = {c.name: i for i, c in enumerate(self.columns)}
        self.width = len(self.header)
        names = self._check_header()
        found = {name: i for i, name in enumerate(names)}
        self.plan: list[tuple[int, Converter]] = []
        self.missing: list[int] = []
        self.off_list: list[int] = []  # columns of this row holding a code outside their list
        for i, column in enumerate(self.columns):
            if column.name in found:
                self.plan.append((found[column.name], self._converter(column, i)))
            else:
                self.missing.append(i)
        self.texts = [
            (i, c.name) for i, c in enumerate(self.columns) if c.type_code == "S" and i not in self.missing
        ]
        self.list_of = {i: c.list or "" for i, c in enumerate(self.columns) if codes_of(c) is not None}
        self.checks = list_rule_checks(self.file_name, self.columns, self.position)
        # Most checks concern a value that is usually empty (dependent fields): skip them at once then.
        self.gated = [check for check in self.checks if check.needs_value]
        self.ungated = [check for check in self.checks if not check.needs_value]
        self.gated_values = itemgetter(*[c.index for c in self.gated]) if len(self.gated) > 1 else None
        self.record_checks = validation_records.checks_for(self.file_name, self.position, self.hash_status)
        # The usual case: the header is in spec order and complete, so cells zip with converters.
        self.converters = [convert for _at, convert in self.plan]
        self.is_in_order = [at for at, _convert in self.plan] == list(range(self.width))

    @property
    def is_readable(self) -> bool:
        return not any(i.is_rejecting for i in self.header_issues)

    def _check_header(self) -> list[str]:
        """The header's names as HUD spells them; problems go to ``header_issues``."""
        expected = [c.name for c in self.columns]
        expected_set = set(expected)
        by_lower = {name.lower(): name for name in expected}
        names: list[str] = []
        for number, name in enumerate(self.header, start=1):
            hud_name = name if name in expected_set else by_lower.get(name.strip().lower())
            if hud_name is None:
                message = f"{name!r} is not a column of {self.file_name} (column {number} of the header)"
                self._header_issue(message)
            elif hud_name in names:
                self._header_issue(f"column {hud_name!r} appears twice in the header")
            elif hud_name != name:
                message = f"spells {name!r} the column HUD spells {hud_name!r}; read as that column"
                self.header_issues.append(issue("FMT-01", self.path, message, row=1, is_tolerated=True))
            names.append(hud_name or name)
        absent = [name for name in expected if name not in names]
        if absent:
            self._header_issue(f"the header lacks {_listed(absent)}")
        return names

    def _header_issue(self, message: str) -> None:
        self.header_issues.append(issue("FMT-01", self.path, message, row=1, cannot_import=True))

    def _converter(self, column: Column, index: int) -> Converter:
        if self.hash_status in HASH_LENGTHS and self.file_name == "Client.csv":
            length = HASH_LENGTHS[self.hash_status]
            if column.name in HASHED_NAME_COLUMNS:
                return hashed_converter(re.compile(rf"[0-9A-Fa-f]{{{length}}}"), "a hashed name", length)
            if column.name == "SSN":
                pattern = re.compile(rf"[0-9xX]{{4}}[0-9A-Fa-f]{{{length}}}")
                return hashed_converter(pattern, "a hashed SSN", length + 4)
        return converter_for(column, self.off_list, index)

    def read(self, row: int, cells: list[str]) -> tuple[list[Any] | None, list[Issue]]:
        """The row's values in spec order (None where unreadable) and its problems."""
        if len(cells) != self.width:
            message = f"has {len(cells)} values; the header has {self.width} columns"
            return None, [issue("FMT-01", self.path, message, row=row, cannot_import=True)]
        self.off_list.clear()
        try:
            if self.is_in_order:
                converted = [convert(cell) for convert, cell in zip(self.converters, cells)]  # noqa: B905 - widths checked above
            else:
                converted = [convert(cells[at]) for at, convert in self.plan]
            problems: list[Issue] = []
        except CellProblem:
            self.off_list.clear()
            converted, problems = self._read_slowly(row, cells)
        values = self._in_spec_order(converted)
        if _IMPERMISSIBLE.search("".join(cells)):
            for index, name in self.texts:
                text = values[index]
                if text is not None and _IMPERMISSIBLE.search(text):
                    message = "holds one of < > [ ] { }, which HUD asks exporters to strip (FY2026)"
                    problems.append(self._problem("FMT-06", row, name, text, message))
        for index in self.off_list:
            name = self.columns[index].name
            message = not_in_list(self.list_of[index])
            problems.append(self._problem("FMT-03", row, name, values[index], message, tolerated=True))
        if self.gated_values is None or self.gated_values(values).count(None) < len(self.gated):
            for check in self.gated:
                if values[check.index] is not None:
                    self._run(check, row, values, problems)
        for check in self.ungated:
            self._run(check, row, values, problems)
        if self.record_checks is not None:
            for rule_id, column, message in self.record_checks(values):
                value = values[self.position[column]] if column else None
                problems.append(self._problem(rule_id, row, column, value, message))
        return values, problems

    def _run(self, check: "RowCheck", row: int, values: list[Any], problems: list[Issue]) -> None:
        finding = check.test(values)
        if finding:
            value = values[check.index]
            problems.append(
                self._problem(check.rule_id, row, check.column, value, finding, check.is_tolerated)
            )

    def _read_slowly(self, row: int, cells: list[str]) -> tuple[list[Any], list[Issue]]:
        converted: list[Any] = []
        problems = []
        for at, convert in self.plan:
            try:
                converted.append(convert(cells[at]))
            except CellProblem as problem:
                converted.append(None)
                name = self.header[at]
                # A value that cannot be read cannot be imported, whatever its rule's severity.
                problems.append(
                    issue(
                        problem.rule_id,
                        self.path,
                        problem.message,
                        row=row,
                        column=name,
                        value=cells[at],
                        cannot_import=True,
                    )
                )
        return converted, problems

    def _in_spec_order(self, converted: list[Any]) -> list[Any]:
        if not self.missing:
            return converted
        values: list[Any] = [None] * len(self.columns)
        planned = (i for i in range(len(self.columns)) if i not in self.missing)
        for i, value in zip(planned, converted, strict=True):
            values[i] = value
        return values

    def _problem(
        self, rule_id: str, row: int, column: str, value: Any, message: str, tolerated: bool = False
    ) -> Issue:
        text = None if value is None else _as_text(value)
        return issue(rule_id, self.path, message, row=row, column=column, value=text, is_tolerated=tolerated)


def _as_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def _listed(names: Sequence[str]) -> str:
    shown = ", ".join(names[:8])
    return shown + (f" and {len(names) - 8} more" if len(names) > 8 else "")


# --- list_rules.csv -------------------------------------------------------------------------


# Dependent-field rules that validation_rules.csv files under their own rule IDs: RaceNone (CL-01)
# and the veteran (V1) columns that depend on VeteranStatus (CL-02).
def _dependent_rule_id(file_name: str, rule: ListRule) -> str:
    if file_name == "Client.csv" and rule.column == "RaceNone":
        return "CL-01"
    if file_name == "Client.csv" and rule.condition.startswith("VeteranStatus"):
        return "CL-02"
    return "FMT-08"


# Handled elsewhere: across files in SQL (reference_constraint), or by a record check (date_window).
ROW_RULE_TYPES = {
    "exclude_values",
    "allowed_values",
    "conditional_list",
    "dependent",
    "required_if",
    "nullable_if",
}


def list_rule_checks(file_name: str, columns: Sequence[Column], position: dict[str, int]) -> list[RowCheck]:
    """The row checks of list_rules.csv for one file; rules over other files are left to SQL."""
    rules = [r for r in LIST_RULES if r.file == file_name and r.rule_type in ROW_RULE_TYPES]
    checks: list[RowCheck] = []
    conditional: dict[str, list[tuple[Condition, str]]] = {}
    for rule in rules:
        condition = parse(rule.condition, position)
        if condition is None:
            continue  # a condition on another file
        if rule.rule_type == "conditional_list":
            conditional.setdefault(rule.column, []).append((condition, rule.list or ""))
            continue
        checks.append(_check(file_name, rule, condition, position[rule.column]))
    for name, branches in conditional.items():
        checks.append(_conditional_list(name, position[name], branches))
    return checks


def unchecked_list_rules() -> list[ListRule]:
    """Rules of list_rules.csv that no row check covers (their conditions read other files)."""
    left = []
    for rule in LIST_RULES:
        if rule.rule_type not in ROW_RULE_TYPES:
            left.append(rule)
            continue
        position = {c.name: c.order - 1 for c in COLUMNS if c.file == rule.file}
        try:
            if parse(rule.condition, position) is None:
                left.append(rule)
        except ConditionError:
            left.append(rule)
    return left


def _check(file_name: str, rule: ListRule, condition: Condition, index: int) -> RowCheck:
    kind = rule.rule_type
    test = condition.test
    if kind == "exclude_values":
        excluded = frozenset(int(v) for v in rule.values.split(","))

        def excluded_test(values: Values) -> str | None:
            if values[index] in excluded:
                return f"is not valid here ({rule.note or 'a subset of list ' + (rule.list or '')})"
            return None

        return RowCheck("FMT-03", rule.column, index, excluded_test, is_tolerated=True)
    if kind == "allowed_values":
        allowed = frozenset(int(v) for v in rule.values.split(","))
        allowed_text = ", ".join(rule.values.split(","))

        def allowed_test(values: Values) -> str | None:
            value = values[index]
            if value is not None and test(values) and value not in allowed:
                return f"must be one of {allowed_text} when {condition.text}"
            return None

        return RowCheck("FMT-03", rule.column, index, allowed_test, is_tolerated=True)
    if kind == "dependent":
        rule_id = _dependent_rule_id(file_name, rule)
        if rule.values == "(null)":  # empty *when* the condition holds

            def null_when_test(values: Values) -> str | None:
                return (
                    f"must be empty when {condition.text}"
                    if values[index] is not None and test(values)
                    else None
                )

            return RowCheck(rule_id, rule.column, index, null_when_test, is_tolerated=True)
        permitted = frozenset(int(v) for v in rule.values.split(",")) if rule.values else None

        def dependent_test(values: Values) -> str | None:
            value = values[index]
            if value is None or (test(values) and (permitted is None or value in permitted)):
                return None
            return f"must be empty unless {condition.text}"

        return RowCheck(rule_id, rule.column, index, dependent_test, is_tolerated=True)
    rule_id = "PD-04" if file_name == "Project.csv" and kind == "required_if" else "FMT-07"
    is_required_when_true = kind == "required_if"
    wording = "when" if is_required_when_true else "unless"

    def required_test(values: Values) -> str | None:
        if values[index] is None and test(values) == is_required_when_true:
            return f"is empty; it is required {wording} {condition.text}"
        return None

    return RowCheck(rule_id, rule.column, index, required_test, needs_value=False)


def _conditional_list(name: str, index: int, branches: list[tuple[Condition, str]]) -> RowCheck:
    def test(values: Values) -> str | None:
        value = values[index]
        if value is None:
            return None
        for condition, number in branches:
            if condition.test(values):
                return (
                    None
                    if value in LISTS[number].codes
                    else not_in_list(number, f", used when {condition.text}")
                )
        return None

    return RowCheck("FMT-03", name, index, test, is_tolerated=True)
