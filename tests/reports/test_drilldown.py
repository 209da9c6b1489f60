"""Drill-down and explanation: every LSA number leads to the people it counts, and why."""

import pytest

from hearth.reports.lsa.drilldown import DrillDownError, drill_down, explain


def test_an_lsaperson_row_drills_down_to_as_many_people_as_its_rowtotal(kit_result):
    connection = kit_result.connection
    row = connection.execute("SELECT * FROM lsa_Person ORDER BY RowTotal DESC LIMIT 1")
    names = [d[0] for d in row.description]
    values = dict(zip(names, row.fetchone(), strict=True))
    people = drill_down(kit_result, "LSAPerson", values)
    assert len(people) == values["RowTotal"]
    assert all(p.startswith("C") for p in people)


def test_lsahousehold_and_lsaexit_rows_drill_down_to_household_ids(kit_result):
    households = drill_down(kit_result, "LSAHousehold", {"HHType": 2, "HHVet": 1})
    expected = kit_result.connection.execute(
        "SELECT sum(RowTotal) FROM lsa_Household WHERE HHType = 2 AND HHVet = 1"
    ).fetchone()[0]
    heads = kit_result.connection.execute(
        "SELECT count(DISTINCT HoHID) FROM lsa_household_members_by_row WHERE HHType = 2 AND HHVet = 1"
    ).fetchone()[0]
    assert heads == expected
    assert len(households) >= expected
    exits = drill_down(kit_result, "LSAExit", {"Cohort": 0, "ExitTo": 410})
    total = kit_result.connection.execute(
        "SELECT sum(RowTotal) FROM lsa_Exit WHERE Cohort = 0 AND ExitTo = 410"
    ).fetchone()[0]
    assert len(exits) == total


def test_an_lsacalculated_value_drills_down_to_the_ids_it_counts(kit_result):
    key = {"Cohort": 1, "Universe": 16, "HHType": 0, "Population": 0, "SystemPath": -1, "ProjectID": None,
           "ReportRow": 53}  # fmt: skip
    value = kit_result.connection.execute(
        "SELECT Value FROM lsa_Calculated WHERE Cohort = 1 AND Universe = 16 AND HHType = 0 "
        "AND Population = 0 AND ReportRow = 53 AND ProjectID IS NULL"
    ).fetchone()[0]
    assert len(drill_down(kit_result, "LSACalculated", key)) == value


def test_drill_down_names_what_it_does_not_know(kit_result):
    with pytest.raises(DrillDownError, match="LSAFoo is not an LSA file"):
        drill_down(kit_result, "LSAFoo", {})
    with pytest.raises(DrillDownError, match="LSAPerson has no column Shoe"):
        drill_down(kit_result, "LSAPerson", {"Shoe": 1})


def test_explain_retraces_a_person_through_their_enrollments(kit_result):
    # C10974 heads a household in one TH stay in the report period, as a veteran
    explanation = explain(kit_result, "C10974")
    assert explanation.counted_in_lsaperson is True
    assert explanation.person_values["VetStatus"] == 1
    active = [e for e in explanation.enrollments if any(r.startswith("5.2: active,") for r in e.rules)]
    assert [e.project_type for e in active] == ["TH"]
    assert any("head of household" in rule for rule in active[0].rules)


def test_explain_says_when_a_person_is_not_counted(kit_result):
    explanation = explain(kit_result, "no-such-person")
    assert explanation.counted_in_lsaperson is False
    assert explanation.enrollments == []
