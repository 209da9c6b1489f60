"""Older HMIS CSV exports come out as FY2026 rows: exact columns, FY2026 codes, documented recodes."""

import csv
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pytest
from django.conf import settings

from hearth.hud.generated.columns import COLUMNS, COLUMNS_FY2024
from hearth.hud.generated.lists import LISTS
from hearth.hud.generated.rules import LIST_RULES
from hearth.interchange import versions
from hearth.interchange.versions import (
    UpgradeContext,
    derived_rows,
    detect_version,
    upgrade_export,
    upgrade_headers,
    upgrade_row,
)

SHARED = Path(settings.HUD_SPEC_DIR).parent
FY2022_KIT = SHARED / "kits" / "apr-datalab-fy2022" / "input_hmis_csv_by_project"
LSA_KIT = SHARED / "kits" / "lsa-fy2026-sample" / "input_hmis_csv"
FY2022_EXPORTS = sorted(p for p in FY2022_KIT.iterdir() if p.is_dir())
FY2026_COLUMNS = {c.file: [x.name for x in COLUMNS if x.file == c.file] for c in COLUMNS}


def rows_of(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def headers_of(folder: Path) -> dict[str, list[str]]:
    headers = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            headers[path.name] = next(csv.reader(handle))
    return headers


def upgraded(folder: Path) -> dict[str, list[dict[str, str]]]:
    files: dict[str, list[dict[str, str]]] = {}
    names = sorted(p.name for p in folder.glob("*.csv"))
    for name, row in upgrade_export(lambda n: rows_of(folder / n), names, "2022"):
        files.setdefault(name, []).append(row)
    return files


# --- version detection ------------------------------------------------------------------------


@pytest.mark.parametrize("folder", FY2022_EXPORTS, ids=lambda p: p.name)
def test_fy2022_kit_headers_are_the_documented_fy2022_columns(folder):
    for name, headers in headers_of(folder).items():
        assert tuple(headers) == versions.COLUMNS_BY_VERSION["2022"][name], name
    assert detect_version(headers_of(folder), "FY2022") == "2022"


def test_detects_fy2026_lsa_kit_and_fy2024_headers():
    assert detect_version(headers_of(LSA_KIT), "2026 v1.0") == "2026"
    fy2024 = {"Client.csv": list(versions.COLUMNS_BY_VERSION["2024"]["Client.csv"])}
    assert detect_version(fy2024, "2024 v1.4") == "2024"
    # The headers outrank a CSVVersion that disagrees with them.
    assert detect_version(fy2024, "2026 v1.0") == "2024"


def test_csv_version_decides_when_headers_are_the_same_in_every_version():
    organization = {"Organization.csv": list(versions.COLUMNS_BY_VERSION["2026"]["Organization.csv"])}
    assert detect_version(organization, "2024 v1.4") == "2024"
    assert detect_version(organization, "FY2022") == "2022"


def test_unrecognisable_exports_are_refused_with_a_message():
    organization = {"Organization.csv": ["OrganizationID", "OrganizationName"]}
    with pytest.raises(ValueError, match=r"CSVVersion 'FY2020': HMIS CSV FY2020 is not supported"):
        detect_version(organization, "FY2020")
    with pytest.raises(ValueError, match="no CSVVersion and the column names match none of FY2022"):
        detect_version(organization, None)


# --- FY2022 kit -> FY2026 ---------------------------------------------------------------------

# Dependent-field problems of the FY2022 kit's own data, not made by the upgrade: one
# IncomeBenefits row names another benefit source although OtherBenefitsSource is not 1.  The
# importer's validation reports such rows.
SOURCE_DATA_PROBLEMS = {("IncomeBenefits.csv", "OtherBenefitsSourceIdentify")}
CONDITION = re.compile(r"^(\w+) (=|<>) (\d+)$")


def _holds(condition: str, row: dict[str, str]) -> bool | None:
    """Whether a list_rules.csv condition holds for the row; None when it is not a simple one."""
    alternatives = []
    for alternative in condition.split(" or "):
        terms = []
        for part in alternative.strip("() ").split(" and "):
            match = CONDITION.match(part.strip("() "))
            if match is None:
                return None
            column, operator, value = match.groups()
            terms.append((row.get(column, "") == value) == (operator == "="))
        alternatives.append(all(terms))
    return any(alternatives)


def _valid_codes(list_number: str) -> set[str]:
    hud_list = LISTS[list_number]
    return {str(code) for code, status in hud_list.status.items() if status != "legacy"}


def coded_value_problems(file_name: str, row: dict[str, str]) -> list[str]:
    problems = []
    for column in (c for c in COLUMNS if c.file == file_name and c.list):
        value = row[column.name]
        if not value:
            continue
        list_number = column.list
        if list_number.startswith("("):
            rules = [
                r
                for r in LIST_RULES
                if r.file == file_name and r.column == column.name and r.rule_type == "conditional_list"
            ]
            chosen = [r.list for r in rules if _holds(r.condition, row) is True]
            if not chosen:
                problems.append(f"{column.name}={value}: no list applies")
                continue
            list_number = chosen[0]
        if value not in _valid_codes(list_number):
            problems.append(f"{column.name}={value} not in FY2026 list {list_number}")
    for rule in LIST_RULES:
        excluded = rule.rule_type == "exclude_values" and row.get(rule.column, "") in rule.values.split(",")
        if rule.file == file_name and excluded:
            problems.append(f"{rule.column}={row[rule.column]} excluded ({rule.note})")
        if rule.file != file_name or rule.rule_type not in ("dependent", "required_if"):
            continue
        if (rule.file, rule.column) in SOURCE_DATA_PROBLEMS:
            continue
        holds = _holds(rule.condition, row)
        if holds is False and rule.rule_type == "dependent" and row[rule.column]:
            problems.append(f"{rule.column}={row[rule.column]} although not ({rule.condition})")
        if holds is True and rule.rule_type == "required_if" and not row[rule.column]:
            problems.append(f"{rule.column} empty although {rule.condition}")
    return problems


@pytest.mark.parametrize("folder", FY2022_EXPORTS, ids=lambda p: p.name)
def test_fy2022_kit_upgrades_to_fy2026_columns_and_codes(folder):
    files = upgraded(folder)
    assert "EnrollmentCoC.csv" not in files
    assert set(files) <= set(FY2026_COLUMNS)
    problems = []
    for name, rows in files.items():
        for row in rows:
            assert list(row) == FY2026_COLUMNS[name], name
            problems += [f"{name}: {p}" for p in coded_value_problems(name, row)]
    assert problems == []


def test_fy2022_kit_recodes_living_situations_and_moves_enrollment_coc():
    files = upgraded(FY2022_KIT / "psh")
    enrollments = {r["EnrollmentID"]: r for r in files["Enrollment.csv"]}
    source = {r["EnrollmentID"]: r for r in rows_of(FY2022_KIT / "psh" / "Enrollment.csv")}
    pairs = {
        (source[e]["LivingSituation"], r["LivingSituation"], r["RentalSubsidyType"])
        for e, r in enrollments.items()
    }
    assert {("16", "116", ""), ("19", "435", "419"), ("3", "435", "440"), ("36", "336", "")} <= pairs
    heads = [r for r in enrollments.values() if r["RelationshipToHoH"] == "1"]
    assert heads
    assert {r["EnrollmentCoC"] for r in heads} == {"XX-500"}
    assert {r["HMISParticipationType"] for r in files["HMISParticipation.csv"]} == {"1"}
    assert files["HMISParticipation.csv"][0]["ProjectID"] == files["Project.csv"][0]["ProjectID"] == "441"


def test_fy2022_emergency_shelters_split_by_tracking_method():
    types = {}
    for folder in ("es_nbn", "es_with_ce"):
        for row in upgraded(FY2022_KIT / folder)["Project.csv"]:
            types[row["ProjectID"]] = row["ProjectType"]
    assert types == {"882": "1", "240": "0"}


# --- single rows, exact values ----------------------------------------------------------------


def fy2022_row(file_name: str, **values: str) -> dict[str, str]:
    row = dict.fromkeys(versions.COLUMNS_BY_VERSION["2022"][file_name], "")
    row.update(values)
    return row


def test_fy2022_client_race_ethnicity_and_gender():
    row = fy2022_row(
        "Client.csv", PersonalID="P1", Ethnicity="1", White="1", Asian="99", RaceNone="", Female="1", Male="0"
    )
    result = upgrade_row("Client.csv", row, "2022")
    assert result is not None
    assert list(result) == FY2026_COLUMNS["Client.csv"]
    assert {k: result[k] for k in (*versions.RACE_COLUMNS_2026, "RaceNone", "Sex")} == {
        "AmIndAKNative": "0",
        "Asian": "0",
        "BlackAfAmerican": "0",
        "HispanicLatinao": "1",
        "MidEastNAfrican": "0",
        "NativeHIPacific": "0",
        "White": "1",
        "RaceNone": "",
        "Sex": "",
    }
    unknown = upgrade_row("Client.csv", fy2022_row("Client.csv", Ethnicity="8", RaceNone="8"), "2022")
    assert unknown is not None
    assert (unknown["HispanicLatinao"], unknown["RaceNone"]) == ("0", "8")


def test_fy2022_project_funder_event_export_rows():
    rrh = upgrade_row("Project.csv", fy2022_row("Project.csv", ProjectType="13"), "2022")
    assert rrh is not None
    assert (rrh["ProjectType"], rrh["RRHSubType"]) == ("13", "2")
    services_only = upgrade_row(
        "Project.csv", fy2022_row("Project.csv", ProjectType="6", ResidentialAffiliation="1"), "2022"
    )
    assert services_only is not None
    assert (services_only["RRHSubType"], services_only["ResidentialAffiliation"]) == ("", "1")
    funder = upgrade_row("Funder.csv", fy2022_row("Funder.csv", Funder="49"), "2022")
    assert funder is not None
    assert (funder["Funder"], funder["OtherFunder"]) == (
        "46",
        "HUD: CoC – Joint Component RRH/PSH",
    )
    event = upgrade_row("Event.csv", fy2022_row("Event.csv", Event="17"), "2022")
    assert event is not None
    assert event["Event"] == "15"
    export = upgrade_row(
        "Export.csv", fy2022_row("Export.csv", ExportID="E1", SourceID="VESTA", ExportPeriodType="2"), "2022"
    )
    assert export is not None
    assert (export["ImplementationID"], export["ExportPeriodType"]) == ("VESTA", "4")
    assert upgrade_row("EnrollmentCoC.csv", fy2022_row("EnrollmentCoC.csv"), "2022") is None


def test_enrollment_coc_falls_back_to_the_household_record():
    context = UpgradeContext(enrollment_coc={"E1": "MD-501"}, household_coc={"H1": "MD-502"})
    head = upgrade_row(
        "Enrollment.csv",
        fy2022_row("Enrollment.csv", EnrollmentID="E1", HouseholdID="H1"),
        "2022",
        context=context,
    )
    child = upgrade_row(
        "Enrollment.csv",
        fy2022_row("Enrollment.csv", EnrollmentID="E2", HouseholdID="H1"),
        "2022",
        context=context,
    )
    alone = upgrade_row(
        "Enrollment.csv", fy2022_row("Enrollment.csv", EnrollmentID="E3", HouseholdID="H3"), "2022"
    )
    assert (head or {})["EnrollmentCoC"] == "MD-501"
    assert (child or {})["EnrollmentCoC"] == "MD-502"
    assert (alone or {})["EnrollmentCoC"] == ""


def test_project_without_participation_answer_implies_no_participation_row():
    assert (
        derived_rows(
            "Project.csv", fy2022_row("Project.csv", ProjectID="P1", HMISParticipatingProject="99"), "2022"
        )
        == []
    )
    assert derived_rows("Project.csv", fy2022_row("Project.csv", ProjectID="P1"), "2024") == []


# --- FY2024 -> FY2026 -------------------------------------------------------------------------


def fy2024_row(file_name: str, **values: str) -> dict[str, str]:
    row = dict.fromkeys(versions.COLUMNS_BY_VERSION["2024"][file_name], "")
    row.update(values)
    return row


def test_fy2024_client_drops_gender_and_renames_hispanic_latinaeo():
    row = fy2024_row("Client.csv", PersonalID="P1", HispanicLatinaeo="1", Woman="1", RaceNone="")
    result = upgrade_row("Client.csv", row, "2024")
    assert result is not None
    assert list(result) == FY2026_COLUMNS["Client.csv"]
    assert (result["HispanicLatinao"], result["RaceNone"], result["Sex"]) == ("1", "", "")
    nothing = upgrade_row(
        "Client.csv", fy2024_row("Client.csv", **dict.fromkeys(versions.RACE_COLUMNS_2024, "0")), "2024"
    )
    assert nothing is not None
    assert nothing["RaceNone"] == "99"


def test_fy2024_veteran_details_of_a_non_veteran_are_cleared():
    veteran = upgrade_row("Client.csv", fy2024_row("Client.csv", VeteranStatus="1", WorldWarII="0"), "2024")
    other = upgrade_row("Client.csv", fy2024_row("Client.csv", VeteranStatus="0", WorldWarII="99"), "2024")
    assert veteran is not None
    assert other is not None
    assert (veteran["WorldWarII"], other["WorldWarII"]) == ("0", "")


def test_fy2024_enrollment_and_exit():
    enrollment = upgrade_row(
        "Enrollment.csv", fy2024_row("Enrollment.csv", SexualOrientation="1", TranslationNeeded="1"), "2024"
    )
    assert enrollment is not None
    assert list(enrollment) == FY2026_COLUMNS["Enrollment.csv"]
    assert enrollment["MentalHealthConsultation"] == ""
    exit_row = upgrade_row("Exit.csv", fy2024_row("Exit.csv", CounselingReceived="99", Telephone="1"), "2024")
    assert exit_row is not None
    assert (exit_row["CounselingReceived"], exit_row["Telephone"]) == ("", "1")


def test_unknown_columns_are_kept_after_the_spec_columns():
    headers = [*versions.COLUMNS_BY_VERSION["2024"]["Exit.csv"], "CustomNote"]
    assert upgrade_headers("Exit.csv", headers, "2024") == [*FY2026_COLUMNS["Exit.csv"], "CustomNote"]
    assert (
        upgrade_headers("EnrollmentCoC.csv", list(versions.FY2022_ONLY_FILES["EnrollmentCoC.csv"]), "2022")
        == []
    )


def test_step_2024_2026_is_the_difference_of_the_generated_column_lists():
    step = versions.STEP_2024_2026
    for file_name in FY2026_COLUMNS:
        old = [c.name for c in COLUMNS_FY2024 if c.file == file_name]
        new = FY2026_COLUMNS[file_name]
        renamed = step.renamed.get(file_name, {})
        assert sorted(set(old) - set(new) - set(renamed)) == sorted(step.removed.get(file_name, ())), (
            file_name
        )
        assert sorted(set(new) - set(old) - set(renamed.values())) == sorted(step.added.get(file_name, ())), (
            file_name
        )


def test_every_column_change_of_the_spec_changes_file_is_mapped():
    step = versions.STEP_2024_2026
    with (Path(settings.HUD_SPEC_DIR) / "fy2024_to_fy2026_changes.csv").open(encoding="utf-8") as handle:
        changes = [r for r in csv.DictReader(handle) if r["area"] == "column"]
    for change in changes:
        names = [n.strip() for n in change["item"].split(",")]
        if change["change"].startswith("removed"):
            assert set(names) <= set(step.removed[change["file_name"]]), change["item"]
        elif change["change"].startswith("added"):
            assert set(names) <= set(step.added[change["file_name"]]), change["item"]
        elif change["change"].startswith("column renamed"):
            old, new = (n.strip() for n in change["item"].split("->"))
            assert step.renamed[change["file_name"]][old] == new


def test_fy2026_lsa_kit_passes_through_unchanged():
    for path in sorted(LSA_KIT.glob("*.csv")):
        headers = headers_of(LSA_KIT)[path.name]
        assert upgrade_headers(path.name, headers, "2026") == headers
        for row in islice(rows_of(path), 5000):
            assert upgrade_row(path.name, row, "2026") == row
