"""The LSA on HUD's FY2026 sample (../shared/kits/lsa-fy2026-sample), file by file.

Comparison rules of ../shared/kits/README.md: LSAPerson, LSAHousehold and LSAExit as multisets of
rows; LSACalculated keyed on (Cohort, Universe, HHType, Population, SystemPath, ProjectID,
ReportRow) ignoring Step; LSAReport column by column; the project descriptor files as row sets;
ReportID, ReportDate, ExportID and the vendor columns ignored. Run with -s to see the counts.
"""

import csv
from collections import Counter
from datetime import date, datetime, timedelta

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


# Values that differ from the sample output because the sample code that wrote it departs from the
# specification's text (not in SOURCE.md); the argument is in docs/reports.md and is checked below.
SAMPLE_OUTPUT_DEFECTS = {
    ("1", "10", "0", "0", "-1", "NBN105", "904"): (
        "step 10.3 row 904: 577 here, 552 in the sample output. Section 10.3 compares ExitDate - 1 with "
        "the last bed night 'for the enrollment on or before ReportEnd'; the sample's 552 takes the last "
        "bed night of the household's HoH enrollment among bed nights dated in the report period (none: "
        "not counted) and only enrollments in tlsa_Enrollment"
    ),
}
ROW_904 = ("1", "10", "0", "0", "-1", "NBN105", "904")


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
    assert differing == {ROW_904: ("577", "552")}
    assert extra == set()


@pytest.mark.xfail(strict=True, reason=SAMPLE_OUTPUT_DEFECTS[ROW_904])
def test_lsacalculated_row_904_matches(kit_result):
    ours = calculated_values(our_rows(kit_result, "LSACalculated"))
    assert ours[ROW_904] == calculated_values(expected_rows("LSACalculated"))[ROW_904]


# Row 904 as the sample code computed it: enrollments of tlsa_Enrollment in continuum night-by-night
# ES projects, ExitDate in the report period, and ExitDate <> 1 day after the latest bed night of the
# household's HoH enrollment (tlsa_HHID.EnrollmentID) dated between ReportStart and ReportEnd; an
# enrollment whose HoH has no such bed night is not counted (the comparison with NULL is unknown).
ROW_904_AS_THE_SAMPLE_COUNTS = """
WITH rpt AS (SELECT * FROM lsa_Report),
hoh_last_bed_night AS (
    SELECT s.EnrollmentID, max(s.DateProvided) AS LastBedNight
    FROM hmis_Services s CROSS JOIN rpt
    WHERE s.RecordType = 200 AND s.DateDeleted IS NULL AND s.DateProvided BETWEEN rpt.ReportStart AND rpt.ReportEnd
    GROUP BY s.EnrollmentID
)
SELECT n.EnrollmentID
FROM tlsa_Enrollment n CROSS JOIN rpt
JOIN tlsa_HHID hh ON hh.HouseholdID = n.HouseholdID
JOIN hmis_Project p ON p.ProjectID = n.ProjectID AND p.ProjectType = 1 AND p.ContinuumProject = 1
JOIN hmis_Exit x ON x.EnrollmentID = n.EnrollmentID AND x.DateDeleted IS NULL
LEFT JOIN hoh_last_bed_night b ON b.EnrollmentID = hh.EnrollmentID
WHERE n.ProjectID = 'NBN105' AND x.ExitDate BETWEEN rpt.ReportStart AND rpt.ReportEnd
  AND x.ExitDate <> b.LastBedNight + 1
"""
# For each enrollment counted by one reading and not the other: is it in tlsa_Enrollment, its own
# latest bed night before its exit and the latest of its HoH's in the report period.
ROW_904_DIFFERENCES = """
WITH rpt AS (SELECT * FROM lsa_Report),
bed_nights AS (
    SELECT EnrollmentID, DateProvided FROM hmis_Services WHERE RecordType = 200 AND DateDeleted IS NULL
)
SELECT hn.EnrollmentID,
    hn.EnrollmentID IN (SELECT EnrollmentID FROM tlsa_Enrollment) AS in_tlsa_enrollment,
    x.ExitDate,
    (SELECT max(b.DateProvided) FROM bed_nights b
     WHERE b.EnrollmentID = hn.EnrollmentID AND b.DateProvided < x.ExitDate) AS own_last_bed_night,
    (SELECT max(b.DateProvided) FROM bed_nights b
     WHERE b.EnrollmentID = hh.EnrollmentID AND b.DateProvided BETWEEN rpt.ReportStart AND rpt.ReportEnd)
        AS hoh_last_bed_night_in_period
FROM hmis_Enrollment hn CROSS JOIN rpt
JOIN tlsa_HHID hh ON hh.HouseholdID = hn.HouseholdID
JOIN hmis_Exit x ON x.EnrollmentID = hn.EnrollmentID AND x.DateDeleted IS NULL
WHERE hn.EnrollmentID IN (SELECT unnest(?))
"""


def test_lsacalculated_row_904_sample_value_is_the_hoh_bed_night_reading(kit_result):
    """Why the sample says 552 where section 10.3 gives 577 (docs/reports.md, "Row 904 for NBN105")."""
    connection = kit_result.connection
    ours = {
        member
        for (member,) in connection.execute(
            "SELECT MemberID FROM lsa_calculated_members WHERE ProjectID = 'NBN105' AND ReportRow = 904"
        ).fetchall()
    }
    sample_reading = {
        enrollment for (enrollment,) in connection.execute(ROW_904_AS_THE_SAMPLE_COUNTS).fetchall()
    }
    assert len(ours) == 577
    assert str(len(sample_reading)) == calculated_values(expected_rows("LSACalculated"))[ROW_904] == "552"

    facts = {
        row[0]: row[1:]
        for row in connection.execute(ROW_904_DIFFERENCES, [sorted(ours ^ sample_reading)]).fetchall()
    }
    outside_tlsa_enrollment, no_hoh_bed_night_in_period, hoh_bed_night_decides = set(), set(), set()
    for enrollment in ours - sample_reading:
        in_tlsa, exit_date, own_last, hoh_last = facts[enrollment]
        assert own_last is None or own_last != exit_date - timedelta(days=1)  # section 10.3 counts it
        if not in_tlsa:
            outside_tlsa_enrollment.add(enrollment)
        elif hoh_last is None:
            assert own_last < kit_result.parameters.report_start  # all its own bed nights are earlier
            no_hoh_bed_night_in_period.add(enrollment)
        else:
            assert hoh_last == exit_date - timedelta(days=1)
            hoh_bed_night_decides.add(enrollment)
    for enrollment in sample_reading - ours:
        in_tlsa, exit_date, own_last, hoh_last = facts[enrollment]
        # a bed night of its own on ExitDate - 1 (section 10.3 does not count it); its HoH's last is not
        assert in_tlsa
        assert own_last == exit_date - timedelta(days=1) != hoh_last

    assert outside_tlsa_enrollment == {
        "NBN10525410", "NBN10525412", "NBN10525414", "NBN10526215", "NBN10526404",
    }  # fmt: skip
    assert no_hoh_bed_night_in_period == {
        "NBN10519904", "NBN10519905", "NBN10521019", "NBN10521104", "NBN10521234", "NBN10521245",
        "NBN10521246", "NBN10521323", "NBN10521523", "NBN10521573", "NBN10521714", "NBN10521723",
        "NBN10521724", "NBN10521907", "NBN10521908", "NBN10521974", "NBN10522044",
    }  # fmt: skip
    assert hoh_bed_night_decides == {
        "NBN10522529", "NBN10522530", "NBN10525490", "NBN10525491", "NBN10526213", "NBN10527187",
        "NBN10527760", "NBN10527985",
    }  # fmt: skip
    assert sample_reading - ours == {
        "NBN10522430", "NBN10522431", "NBN10525411", "NBN10525493", "NBN10528118",
    }  # fmt: skip


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
