"""The LSA on HUD's FY2026 sample (../shared/kits/lsa-fy2026-sample), file by file.

Comparison rules of ../shared/kits/README.md: LSAPerson, LSAHousehold and LSAExit as multisets of
rows; LSACalculated keyed on (Cohort, Universe, HHType, Population, SystemPath, ProjectID,
ReportRow) ignoring Step; LSAReport column by column; the project descriptor files as row sets;
ReportID, ReportDate, ExportID and the vendor columns ignored. Run with -s to see the counts.
"""

import csv
from collections import Counter
from datetime import date, datetime

import pytest

from hearth.reports.lsa.hdx import FILE_TABLES, check, dictionary_columns, read_upload_files
from tests.reports.conftest import KIT_EXPECTED

IGNORED = {
    "ReportID",
    "ReportDate",
    "ExportID",
    "SoftwareVendor",
    "SoftwareName",
    "VendorContact",
    "VendorEmail",
}
AGGREGATE_FILES = ["LSAPerson", "LSAHousehold", "LSAExit"]
PROJECT_DESCRIPTOR_FILES = [
    "Organization", "Project", "Funder", "ProjectCoC", "Inventory", "HMISParticipation", "Affiliation",
]  # fmt: skip
CALCULATED_KEY = ["Cohort", "Universe", "HHType", "Population", "SystemPath", "ProjectID", "ReportRow"]

# Values SOURCE.md documents as not reproducible from the sample's input, with the reason.
NOT_REPRODUCIBLE_REPORT_COLUMNS = {
    # SOURCE.md problem 1: section 11.1 applied to input_hmis_csv gives 0, the file says 12
    "NoCoC": "known sample data gap: no HoH enrollment in the input lacks its project's CoC",
    # SOURCE.md problem 2: the output predates the final v8 DQ text (upstream e3448cf, 2026-08-06)
    "DisablingCond": "output predates the final v8 definition (DisabilityStatus NULL or not in (0,1))",
}
NOT_REPRODUCIBLE_CALCULATED_ROWS = {
    905: "SOURCE.md problem 1: per-project NoCoC counts, 0 from the input",
    913: "SOURCE.md problem 2: step 10.12 changed after this output",
    921: "SOURCE.md problem 2: step 10.20 changed after this output",
}
# Project.csv PITCount: the input has no PITCount; the expected file has 22 and 28 for two projects
# that do not take part in HMIS (entered by hand for the HIC, not derivable from the export).
NOT_REPRODUCIBLE_PROJECT_COLUMNS = {"PITCount"}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def expected_rows(name: str) -> list[dict[str, str]]:
    with (KIT_EXPECTED / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def our_rows(kit_result, name: str) -> list[dict[str, str]]:
    columns = [c.name for c in dictionary_columns(name)]
    select = ", ".join(f'"{c}"' for c in columns)
    rows = kit_result.connection.execute(f"SELECT {select} FROM {FILE_TABLES[name]}").fetchall()  # noqa: S608
    return [{c: _text(v) for c, v in zip(columns, row, strict=True)} for row in rows]


def multiset(rows: list[dict[str, str]], ignore: set[str]) -> Counter:
    return Counter(tuple(sorted((k, v) for k, v in row.items() if k not in ignore)) for row in rows)


def compare(ours: Counter, expected: Counter, name: str) -> tuple[int, int, int]:
    matched = sum((ours & expected).values())
    extra = sum((ours - expected).values())
    missing = sum((expected - ours).values())
    print(
        f"{name}: {matched} of {sum(expected.values())} expected rows match, {extra} extra, {missing} missing"
    )
    return matched, extra, missing


@pytest.mark.parametrize("name", AGGREGATE_FILES)
def test_aggregate_files_match_as_multisets(kit_result, name):
    ours = multiset(our_rows(kit_result, name), IGNORED)
    expected = multiset(expected_rows(name), IGNORED)
    matched, extra, missing = compare(ours, expected, name)
    assert (extra, missing) == (0, 0)
    assert matched == {"LSAPerson": 3669, "LSAHousehold": 4291, "LSAExit": 5195}[name]


@pytest.mark.parametrize("name", PROJECT_DESCRIPTOR_FILES)
def test_project_descriptor_files_match_as_row_sets(kit_result, name):
    ignore = IGNORED | (NOT_REPRODUCIBLE_PROJECT_COLUMNS if name == "Project" else set())
    ours = multiset(our_rows(kit_result, name), ignore)
    expected = multiset(expected_rows(name), ignore)
    matched, extra, missing = compare(ours, expected, name)
    assert (extra, missing) == (0, 0)
    assert matched == {"Organization": 27, "Project": 70, "Funder": 60, "ProjectCoC": 70, "Inventory": 90,
                       "HMISParticipation": 57, "Affiliation": 0}[name]  # fmt: skip


def test_project_pitcount_is_not_in_the_input(kit_result):
    pit_counts = {row["ProjectID"]: row["PITCount"] for row in expected_rows("Project") if row["PITCount"]}
    assert pit_counts == {"NBN171": "22", "NXS173": "28"}
    ours = {row["ProjectID"]: row["PITCount"] for row in our_rows(kit_result, "Project") if row["PITCount"]}
    assert ours == {}


def test_lsareport_matches_column_by_column(kit_result):
    ours = our_rows(kit_result, "LSAReport")[0]
    expected = expected_rows("LSAReport")[0]
    compared = [c for c in expected if c not in IGNORED and c not in NOT_REPRODUCIBLE_REPORT_COLUMNS]
    differing = {c: (ours[c], expected[c]) for c in compared if ours[c] != expected[c]}
    print(f"LSAReport: {len(compared) - len(differing)} of {len(compared)} compared columns match")
    assert differing == {}
    # the two documented values: what the input gives under the final v8 text
    assert (ours["NoCoC"], expected["NoCoC"]) == ("0", "12")
    assert (ours["DisablingCond"], expected["DisablingCond"]) == ("72", "0")


# A value that differs from the sample output and is not explained by SOURCE.md: an open problem.
OPEN_PROBLEMS = {
    ("1", "10", "0", "0", "-1", "NBN105", "904"): "step 10.3 row 904: 577 here, 552 in the sample output",
}


def calculated_values(rows) -> dict[tuple, str]:
    return {
        tuple(row[k] for k in CALCULATED_KEY): row["Value"]
        for row in rows
        if int(row["ReportRow"]) not in NOT_REPRODUCIBLE_CALCULATED_ROWS
    }


def test_lsacalculated_matches_keyed_values(kit_result):
    ours = calculated_values(our_rows(kit_result, "LSACalculated"))
    expected = calculated_values(expected_rows("LSACalculated"))
    matched = sum(1 for key, value in expected.items() if ours.get(key) == value)
    differing = {key: (ours.get(key), value) for key, value in expected.items() if ours.get(key) != value}
    extra = set(ours) - set(expected)
    print(
        f"LSACalculated: {matched} of {len(expected)} expected values match, {len(differing)} differ, "
        f"{len(extra)} extra (rows {sorted(NOT_REPRODUCIBLE_CALCULATED_ROWS)} left out)"
    )
    assert matched == 22981
    assert differing == {("1", "10", "0", "0", "-1", "NBN105", "904"): ("577", "552")}
    assert extra == set()


@pytest.mark.xfail(strict=True, reason=OPEN_PROBLEMS[("1", "10", "0", "0", "-1", "NBN105", "904")])
def test_lsacalculated_row_904_matches(kit_result):
    key = ("1", "10", "0", "0", "-1", "NBN105", "904")
    ours = calculated_values(our_rows(kit_result, "LSACalculated"))
    assert ours[key] == calculated_values(expected_rows("LSACalculated"))[key]


def test_lsacalculated_values_documented_as_not_reproducible(kit_result):
    """Rows 905, 913 and 921: what the input gives under the final v8 text, next to the sample's."""

    def rows_of(rows, report_row):
        return {row["ProjectID"]: row["Value"] for row in rows if row["ReportRow"] == str(report_row)}

    ours, expected = our_rows(kit_result, "LSACalculated"), expected_rows("LSACalculated")
    assert rows_of(ours, 905) == {}
    assert rows_of(expected, 905) == {"NXS138": "1"}
    assert rows_of(expected, 913) == {}
    assert sum(int(v) for v in rows_of(ours, 913).values()) == 72
    assert rows_of(expected, 921) == {"NBN105": "173"}
    assert rows_of(ours, 921) == {"NBN105": "197"}


def test_every_file_passes_hdx_checks(kit_result):
    files = read_upload_files(kit_result.connection)
    assert [f.name for f in files] == list(FILE_TABLES)
    assert check(files) == []
