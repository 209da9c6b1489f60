"""The CoC APR on HUD Data Lab's FY2022 kit (../shared/kits/apr-datalab-fy2022), cell by cell.

The kit's ten per-project exports are FY2022 HMIS CSV; they load side by side (each client,
project and user once) and are brought to FY2026 by hearth.interchange.versions. Each scope of
scopes.csv runs on exactly the projects of its Q4a. Comparison rules of the kit's README: blank
= 0, rates to four decimals. Cells are not compared when

* their table's definition changed between the FY2022 specifications the kit follows and the
  FY2026 ones Hearth implements (SPEC_CHANGES, each with the change), or
* the kit's producers disputed them with HUD (greenriver_disputed_or_skipped_cells.csv).

Tables whose layout moved (a header row added, rows split) are compared through KIT_LAYOUT, which
says where each kit cell sits in the FY2026 table. Run with -s to see the counts.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from hearth.reports.datasets import Dataset
from hearth.reports.hmis_programming.loading import load_exports
from hearth.reports.hmis_programming.parameters import ReportParameters
from hearth.reports.hmis_programming.result import ReportResult
from hearth.reports.hmis_programming.runner import ReportDefinition, run_report

KIT = Path(__file__).resolve().parents[2] / ".." / "shared" / "kits" / "apr-datalab-fy2022"
KIT_START, KIT_END, KIT_COC = date(2020, 10, 1), date(2021, 9, 30), "XX-500"
CELL = re.compile(r"^([A-Z]+)([0-9]+)$")

Q6_OUTREACH = (
    "FY2024 Q5a/Q6: the data-quality universe of street outreach is its engaged clients (Date of Engagement)"
)
AGE_RANGES = "FY2024: age ranges 55-64 and 65+ replace 55-61 and 62+"
ES_SPLIT = "FY2024 data standards: emergency shelters are project type 0 (entry/exit) or 1 (night-by-night)"

# (report, scope, kit table, kit cell): "*" matches any. The change that explains each.
SPEC_CHANGES: list[tuple[str, str, str, str, str]] = [
    ("*", "*", "Q4a", "F*", "FY2024: Q4a dropped 'Method for Tracking ES' (2.02.C retired)"),
    ("*", "es_ee", "Q4a", "E2", ES_SPLIT),
    ("*", "*", "Q6a", "*5", "FY2024: race and ethnicity are one element (3.04); FY2026 Q6a row 5"),
    ("*", "*", "Q6a", "*6", "FY2024: ethnicity (3.05) is part of 3.04; the row was removed"),
    ("*", "*", "Q6a", "*7", "FY2026: gender (3.06) was retired; the row was removed"),
    ("*", "*", "Q6a", "*8", "FY2026 Q6a: overall score over rows 2-5 only (no ethnicity, gender)"),
    (
        "*",
        "*",
        "Q6a",
        "D4",
        "FY2026 Q6a: a date of birth recorded with DOB Data Quality 8, 9 or 99 is a data issue",
    ),
    (
        "*",
        "*",
        "Q6a",
        "E4",
        "FY2026 Q6a: a date of birth recorded with DOB Data Quality 8, 9 or 99 is a data issue",
    ),
    (
        "*",
        "*",
        "Q6a",
        "F4",
        "FY2026 Q6a: a date of birth recorded with DOB Data Quality 8, 9 or 99 is a data issue",
    ),
    ("*", "*", "Q6b", "C2", "FY2026 Q6b: the veteran status rate is over adults and children, not adults"),
    ("apr", "services_only", "Q6d", "*5", "FY2024 Q6d: SSO, day shelter, HP and CE rows were added"),
    ("caper", "hp", "Q6d", "*5", "FY2024 Q6d: SSO, day shelter, HP and CE rows were added"),
    ("*", "so", "Q6a", "*", Q6_OUTREACH),
    ("*", "so", "Q6b", "*", Q6_OUTREACH),
    ("*", "so", "Q6c", "*", Q6_OUTREACH),
    ("*", "so", "Q6d", "*", Q6_OUTREACH),
    ("*", "so", "Q6e", "*", Q6_OUTREACH),
    ("*", "so", "Q6f", "*", "FY2024 Q6f: contacts of street outreach and PATH-funded SSO only (no ES-NbN)"),
    ("*", "*", "Q10a", "*", "FY2026: gender (3.06) retired; Q10 removed"),
    ("*", "*", "Q10b", "*", "FY2026: gender (3.06) retired; Q10 removed"),
    ("*", "*", "Q10c", "*", "FY2026: gender (3.06) retired; Q10 removed"),
    ("*", "*", "Q10d", "*", "FY2026: gender (3.06) retired; Q10 removed"),
    ("*", "*", "Q11", "*9", AGE_RANGES),
    ("*", "*", "Q11", "*10", AGE_RANGES),
    ("*", "*", "Q12a", "*", "FY2024: race and ethnicity are one element; Q12a/Q12b became Q12"),
    ("*", "*", "Q12b", "*", "FY2024: race and ethnicity are one element; Q12a/Q12b became Q12"),
    ("*", "*", "Q14b", "*", "FY2024 Q14b: when the experience occurred (4.11.A), not currently fleeing"),
    ("*", "*", "Q15", "*", "FY2024: living situations renumbered and regrouped (list 3.12.1)"),
    ("*", "*", "Q22a1", "*12", "FY2024 Q22a1: no Data Not Collected row"),
    ("*", "*", "Q22a2", "*15", "FY2024 Q22a2: no Data Not Collected row"),
    ("*", "*", "Q22c", "*7", "FY2024 Q22c: 61-180 days split into 61-90 and 91-180"),
    ("*", "*", "Q22d", "*11", "FY2024 Q22d: 731 days or more in one row"),
    ("*", "*", "Q22d", "*12", "FY2024 Q22d: 731 days or more in one row"),
    ("*", "*", "Q22d", "*13", "FY2024 Q22d: 731 days or more in one row"),
    ("*", "*", "Q22d", "*14", "FY2024 Q22d: 731 days or more in one row"),
    ("*", "*", "Q22d", "*15", "FY2024 Q22d: no Data Not Collected row"),
    ("*", "*", "Q22e", "*7", "FY2024 Q22e: 61-180 days split into 61-90 and 91-180"),
    ("*", "so", "Q22e", "*", "FY2024 Q22e: only ES, TH, SH, PSH, PH and RRH clients"),
    ("*", "services_only", "Q22e", "*", "FY2024 Q22e: only ES, TH, SH, PSH, PH and RRH clients"),
    ("*", "hp", "Q22e", "*", "FY2024 Q22e: only ES, TH, SH, PSH, PH and RRH clients"),
    ("*", "*", "Q23c", "*", "FY2024: destinations renumbered and regrouped (list 3.12.1)"),
    ("*", "*", "Q25c", "*", "FY2026: gender (3.06) retired; Q25c removed"),
    ("*", "*", "Q25d", "*6", AGE_RANGES),
    ("*", "*", "Q25d", "*7", AGE_RANGES),
    ("*", "*", "Q25e", "*", "FY2024: Q25e removed"),
    ("*", "*", "Q25f", "*", "FY2024: Q25f removed"),
    ("*", "*", "Q25g", "*", "FY2024: Q25g removed"),
    ("*", "*", "Q25h", "*", "FY2024: Q25h removed"),
    ("*", "*", "Q25i", "*", "FY2024: destinations renumbered and regrouped (list 3.12.1)"),
    ("*", "*", "Q26c", "*", "FY2026: gender (3.06) retired; Q26c removed"),
    ("*", "*", "Q26d", "*7", AGE_RANGES),
    ("*", "*", "Q26d", "*8", AGE_RANGES),
    ("*", "*", "Q26f", "*", "FY2024: Q26f removed"),
    ("*", "*", "Q26g", "*", "FY2024: Q26g removed"),
    ("*", "*", "Q26h", "*", "FY2024: Q26h removed"),
    ("*", "*", "Q27c", "*", "FY2026: gender (3.06) retired; Q27c removed"),
    ("*", "*", "Q27d", "*", "FY2024: living situations renumbered and regrouped (list 3.12.1)"),
    ("*", "*", "Q27e", "*12", "FY2024 Q27e: no Data Not Collected row"),
    ("*", "*", "Q27f", "*", "FY2024: destinations renumbered and regrouped; Q27f became Q27f1"),
    ("ce_apr", "*", "Q9d", "*12", "FY2026 data standards: event 17 (EHV referral) retired, recorded as 15"),
    ("ce_apr", "*", "Q9d", "*14", "FY2026 data standards: event 17 (EHV referral) retired, recorded as 15"),
    ("ce_apr", "*", "Q10", "*18", "FY2026 data standards: event 17 (EHV referral) retired, recorded as 15"),
    ("ce_apr", "*", "Q10", "*20", "FY2026 data standards: event 17 (EHV referral) retired, recorded as 15"),
]
# Q22b: the FY2022 shell printed whole days; FY2026 reports two decimals. Compared rounded.
WHOLE_DAYS = {"Q22b"}


def _cell_matches(pattern: str, cell: str) -> bool:
    """ "*" any cell, "*9" any cell of row 9, "F*" any cell of column F, else the cell itself."""
    if pattern == "*":
        return True
    match = CELL.match(cell)
    assert match, cell
    if pattern.startswith("*"):
        return match.group(2) == pattern[1:]
    if pattern.endswith("*"):
        return match.group(1) == pattern[:-1]
    return pattern == cell


def _excluded(report: str, scope: str, table: str, cell: str) -> str | None:
    for r, s, t, c, reason in SPEC_CHANGES:
        if t == table and r in ("*", report) and s in ("*", scope) and _cell_matches(c, cell):
            return reason
    return None


def kit_layout(report: str, table: str, cell: str) -> tuple[str, str] | None:
    """Where a kit cell sits in the FY2026 table (None: no counterpart)."""
    match = CELL.match(cell)
    assert match, cell
    column, row = match.group(1), int(match.group(2))
    if table == "Q5a":  # FY2022 Q5a had no header row and one column
        return "Q5a", f"C{row + 1}"
    if table in ("Q6b", "Q6c"):  # FY2024: error counts split into DK/PNTA, missing, issues, total
        return table, {"B": "E", "C": "F"}[column] + str(row)
    if table == "Q6d" and row == 5:  # FY2024 added two rows above the total
        return table, f"{column}7"
    if table == "Q6e":  # FY2024 added a "< 0 days" row
        return table, f"{column}{row + 1}"
    if table == "Q4a":  # FY2024 added RRH subtype and CE access point, dropped ES tracking
        moved = {
            "A": "A",
            "B": "B",
            "C": "C",
            "D": "D",
            "E": "E",
            "G": "H",
            "H": "I",
            "I": "J",
            "J": "K",
            "K": "L",
            "L": "M",
            "M": "N",
            "N": "O",
        }
        return ("Q4a", f"{moved[column]}{row}") if column in moved else None
    if table in ("Q22a1", "Q27e") and row == 13:
        return table, f"{column}12"
    if table == "Q22a2" and row == 16:
        return table, f"{column}15"
    if table == "Q22d" and row == 16:
        return table, f"{column}12"
    if table in ("Q22c", "Q22e") and row >= 8:
        return table, f"{column}{row + 1}"
    if table == "Q24":
        return "Q24a", cell
    return table, cell


@cache
def disputed() -> dict[tuple[str, str, str], set[str]]:
    found: dict[tuple[str, str, str], set[str]] = {}
    with (KIT / "greenriver_disputed_or_skipped_cells.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found.setdefault((row["report"], row["scope"], row["question"]), set()).add(row["cell"])
    return found


@dataclass(frozen=True)
class Scope:
    report: str
    name: str
    project_ids: tuple[str, ...]

    @property
    def expected(self) -> Path:
        return KIT / "expected" / self.report / self.name


def scopes(report: str) -> list[Scope]:
    with (KIT / "scopes.csv").open(encoding="utf-8", newline="") as handle:
        return [
            Scope(row["report"], row["scope_dir"], tuple(re.findall(r"ProjectID (\d+)", row["projects"])))
            for row in csv.DictReader(handle)
            if row["report"] == report
        ]


@cache
def kit_dataset() -> Dataset:
    """All ten exports side by side, once per test process."""
    return load_exports([KIT / "input_hmis_csv_by_project"])


def run_scope(definition: ReportDefinition, scope: Scope) -> ReportResult:
    parameters = ReportParameters.of(coc=KIT_COC, start=KIT_START, end=KIT_END, project_ids=scope.project_ids)
    return run_report(definition, kit_dataset(), parameters)


def _number(text: str) -> float | str:
    value = text.strip().replace("$", "").replace(",", "")
    if value == "":
        return 0.0
    try:
        return float(value)
    except ValueError:
        return value


def _same(expected: str, ours: str, table: str) -> bool:
    e, o = _number(expected), _number(ours)
    if isinstance(e, float) and isinstance(o, float):
        if table in WHOLE_DAYS:
            o = float(round(o))
        return abs(round(e, 4) - round(o, 4)) < 0.00011
    return str(e).strip() == str(o).strip()


@dataclass
class Comparison:
    compared: int = 0
    matched: int = 0
    spec_changes: int = 0
    disputed: int = 0
    mismatches: list[str] = field(default_factory=list)


def kit_tables(scope: Scope) -> Iterator[tuple[str, list[list[str]]]]:
    for path in sorted(scope.expected.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            yield path.stem, list(csv.reader(handle))


def compare(result: ReportResult, scope: Scope, tables: Collection[str] | None = None) -> Comparison:
    """Every kit cell against Hearth's; with ``tables``, only the kit's tables of those names."""
    outcome = Comparison()
    for table, grid in kit_tables(scope):
        if tables is not None and table not in tables:
            continue
        skipped = disputed().get((scope.report, scope.name, table), set())
        if "*" in skipped:
            if table == "Q4a":  # compared as unordered (project name, project id) rows only
                _compare_projects(result, grid, outcome)
            else:
                outcome.disputed += sum(len(row) - 1 for row in grid[1:])
            continue
        first = 0 if table == "Q5a" else 1  # FY2022 Q5a had no header row
        for row_index in range(first, len(grid)):
            for column_index in range(1, len(grid[row_index])):
                cell = f"{chr(65 + column_index)}{row_index + 1}"
                if cell in skipped:
                    outcome.disputed += 1
                    continue
                if _excluded(scope.report, scope.name, table, cell):
                    outcome.spec_changes += 1
                    continue
                place = kit_layout(scope.report, table, cell)
                if place is None:
                    outcome.spec_changes += 1
                    continue
                our_table, our_cell = place
                outcome.compared += 1
                ours = result.table(our_table).value(our_cell) if our_table in result.tables else "<missing>"
                if _same(grid[row_index][column_index], ours, table):
                    outcome.matched += 1
                else:
                    outcome.mismatches.append(
                        f"{table} {cell} ({grid[row_index][0][:40]}): kit {grid[row_index][column_index]!r}, "
                        f"Hearth {our_table} {our_cell} {ours!r}"
                    )
    return outcome


def _compare_projects(result: ReportResult, grid: list[list[str]], outcome: Comparison) -> None:
    expected = sorted((row[2].strip(), row[3].strip()) for row in grid[1:])
    ours = sorted((row[2].strip(), row[3].strip()) for row in result.table("Q4a").rows)
    outcome.compared += 2 * len(expected)
    outcome.matched += 2 * len(expected) if expected == ours else 0
    if expected != ours:
        outcome.mismatches.append(f"Q4a projects: kit {expected}, Hearth {ours}")


def check_scope(
    definition: ReportDefinition, scope: Scope, *, tables: Collection[str] | None = None, minimum: int = 300
) -> None:
    result = run_scope(definition, scope)
    outcome = compare(result, scope, tables)
    print(
        f"\n{definition.name} on the {scope.report} {scope.name} scope: "
        f"{outcome.compared} cells compared, {outcome.matched} matched; "
        f"not compared: {outcome.spec_changes} changed by the FY2024/FY2026 specifications, "
        f"{outcome.disputed} disputed"
    )
    for line in outcome.mismatches:
        print("  mismatch:", line)
    assert outcome.compared > minimum
    assert outcome.mismatches == []
    assert outcome.matched == outcome.compared


@pytest.mark.parametrize("scope", scopes("apr"), ids=lambda s: s.name)
def test_apr_matches_the_kit(scope: Scope) -> None:
    from hearth.reports.apr.report import APR

    check_scope(APR, scope)


def test_every_spec_change_names_its_change() -> None:
    assert all(reason for *_key, reason in SPEC_CHANGES)
    assert _excluded("apr", "psh", "Q11", "B9") == AGE_RANGES
    assert _excluded("apr", "psh", "Q11", "B8") is None
    assert _excluded("apr", "psh", "Q22d", "B11") is not None
    assert _excluded("apr", "psh", "Q22d", "B110") is None
