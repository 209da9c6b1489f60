"""The tiny demo CoC obeys every rule of ../shared/spec/validation_rules.csv that applies to stored data.

Each applicable rule has its own check written here, independently of the generator; rules about
export files are listed with the reason they do not apply.  A check returns how many things it
looked at (so that a check with nothing to look at fails) and the violations it found.
"""

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal
from itertools import pairwise

import pytest

from hearth.hud.generated.rules import VALIDATION_RULES
from tests.demo.conftest import Demo

Result = tuple[int, list[str]]
CHECKS: dict[str, Callable[[Demo], Result]] = {}

NOT_STORED_DATA = {
    "FMT-01": "CSV header row and column names: a property of export files, not stored records",
    "FMT-02": "date text format: stored dates are date/datetime values (types checked in test_demo_lists)",
    "FMT-05": "quoting of strings in CSV files (lengths are checked in test_demo_lists)",
    "FMT-11": "Export.csv has one row per export: the demo writes no export",
    "FMT-12": "Export.csv CSVVersion: the demo writes no export",
    "FMT-13": "Export.csv SourceID: the demo writes no export",
    "FMT-14": "Export.csv ImplementationID: the demo writes no export",
    "FMT-15": "which records an export of a period holds: export selection, not stored data",
    "FMT-16": "hashed exports: Hearth stores names and SSNs unhashed; hashing happens on export",
    "FMT-20": "layout of the export zip file",
}


def check(rule_id: str) -> Callable[[Callable[[Demo], Result]], Callable[[Demo], Result]]:
    def register(function: Callable[[Demo], Result]) -> Callable[[Demo], Result]:
        CHECKS[rule_id] = function
        return function

    return register


def test_every_rule_is_checked_or_explained():
    rule_ids = {rule.rule_id for rule in VALIDATION_RULES}
    assert set(CHECKS) | set(NOT_STORED_DATA) == rule_ids
    assert set(CHECKS) & set(NOT_STORED_DATA) == set()


def all_rows(demo: Demo):
    for stem, rows in demo.rows.items():
        for row in rows:
            yield stem, row


# --- format -----------------------------------------------------------------------------------


@check("FMT-03")
def list_and_integer_values(demo: Demo) -> Result:
    """Whole numbers are non-negative (list membership per column is in test_demo_lists)."""
    bad, checked = [], 0
    for stem, row in all_rows(demo):
        for name, value in row.items():
            if isinstance(value, int) and not isinstance(value, bool):
                checked += 1
                if value < 0:
                    bad.append(f"{stem}.{name}={value}")
    return checked, bad


@check("FMT-04")
def money_has_two_decimals(demo: Demo) -> Result:
    amounts = [(s, n, v) for s, r in all_rows(demo) for n, v in r.items() if isinstance(v, Decimal)]
    bad = [f"{s}.{n}={v}" for s, n, v in amounts if v.as_tuple().exponent != -2 or v < 0]
    return len(amounts), bad


@check("FMT-06")
def no_forbidden_characters(demo: Demo) -> Result:
    strings = [(s, n, v) for s, r in all_rows(demo) for n, v in r.items() if isinstance(v, str)]
    return len(strings), [f"{s}.{n}={v!r}" for s, n, v in strings if re.search(r"[<>\[\]{}]", v)]


@check("FMT-07")
def required_values_present(demo: Demo) -> Result:
    """Covered column by column in test_demo_lists; here: every record has its user and dates."""
    rows = list(all_rows(demo))
    bad = [f"{s} {r}" for s, r in rows if s != "User" and (r["user_id"] is None or r["date_created"] is None)]
    return len(rows), bad


@check("FMT-08")
def dependent_fields(demo: Demo) -> Result:
    from tests.demo.test_demo_lists import dependent_violations

    return dependent_violations(demo)


@check("FMT-09")
def no_placeholder_ssns(demo: Demo) -> Result:
    ssns = [c["ssn"] for c in demo.rows["Client"] if c["ssn"]]
    placeholders = {"000000000", "111111111", "123456789", "999999999"}
    bad = [s for s in ssns if s in placeholders or s[:3] in {"000", "666"} or s[5:] == "0000"]
    return len(ssns), bad


@check("FMT-10")
def ssn_geocode_zip_patterns(demo: Demo) -> Result:
    ssns = [c["ssn"] for c in demo.rows["Client"] if c["ssn"] is not None]
    cocs = demo.rows["ProjectCoC"]
    bad = [s for s in ssns if not re.fullmatch(r"[0-9xX]{9}", s)]
    bad += [c["geocode"] for c in cocs if not re.fullmatch(r"[0-9]{6}", c["geocode"] or "")]
    bad += [c["zip"] for c in cocs if not re.fullmatch(r"[0-9]{5}", c["zip"] or "")]
    return len(ssns) + 2 * len(cocs), bad


@check("FMT-17")
def primary_keys_unique(demo: Demo) -> Result:
    checked, bad = 0, []
    for stem, rows in demo.rows.items():
        key = next(iter(rows[0])) if rows else None
        counts = Counter(r[key] for r in rows)
        checked += len(rows)
        bad += [f"{stem} {k}" for k, n in counts.items() if n > 1]
    return checked, bad


@check("FMT-18")
def nothing_soft_deleted(demo: Demo) -> Result:
    rows = list(all_rows(demo))
    return len(rows), [f"{s} deleted" for s, r in rows if r.get("date_deleted") is not None]


@check("FMT-19")
def created_before_updated_and_not_after_as_of(demo: Demo) -> Result:
    limit = dt.datetime.combine(demo.as_of + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    rows = list(all_rows(demo))
    bad = [
        f"{s} {r['date_created']}>{r['date_updated']}"
        for s, r in rows
        if r["date_created"] > r["date_updated"]
    ]
    bad += [f"{s} updated {r['date_updated']}" for s, r in rows if r["date_updated"] >= limit]
    entries = [(e, e["date_created"].date()) for e in demo.rows["Enrollment"]]
    bad += [f"enrollment created {d} entry {e['entry_date']}" for e, d in entries if d != e["entry_date"]]
    return len(rows), bad


# --- references -------------------------------------------------------------------------------


@check("REF-01")
def clients_have_enrollments(demo: Demo) -> Result:
    enrolled = {e["client_id"] for e in demo.rows["Enrollment"]}
    bad = [c for c in demo.clients if c not in enrolled] + [c for c in enrolled if c not in demo.clients]
    return len(demo.clients), bad


@check("REF-02")
def projects_exist(demo: Demo) -> Result:
    wanted = [e["project_id"] for e in demo.rows["Enrollment"]]
    wanted += [a["res_project_id"] for a in demo.rows["Affiliation"]]
    return len(wanted), [p for p in wanted if p not in demo.projects]


@check("REF-03")
def organizations_exist(demo: Demo) -> Result:
    projects = demo.rows["Project"]
    return len(projects), [
        p["project_id"] for p in projects if p["organization_id"] not in demo.organizations
    ]


@check("REF-04")
def users_exist(demo: Demo) -> Result:
    users = {u["user_id"] for u in demo.rows["User"]}
    used = [(s, r["user_id"]) for s, r in all_rows(demo) if s != "User"]
    return len(used), [f"{s} {u}" for s, u in used if u not in users]


@check("REF-05")
def inventory_coc_matches_project_coc(demo: Demo) -> Result:
    cocs = {(c["project_id"], c["coc_code"]) for c in demo.rows["ProjectCoC"]}
    rows = demo.rows["Inventory"]
    return len(rows), [i["inventory_id"] for i in rows if (i["project_id"], i["coc_code"]) not in cocs]


@check("REF-06")
def enrollment_coc_matches_project_coc(demo: Demo) -> Result:
    cocs = {(c["project_id"], c["coc_code"]) for c in demo.rows["ProjectCoC"]}
    rows = [e for e in demo.rows["Enrollment"] if e["enrollment_coc"] is not None]
    return len(rows), [e["enrollment_id"] for e in rows if (e["project_id"], e["enrollment_coc"]) not in cocs]


@check("REF-07")
def affiliations_link_the_right_project_types(demo: Demo) -> Result:
    bad = []
    for row in demo.rows["Affiliation"]:
        project, residence = demo.projects[row["project_id"]], demo.projects[row["res_project_id"]]
        if not (
            project["project_type"] == 6 or (project["project_type"] == 13 and project["rrh_sub_type"] == 1)
        ):
            bad.append(f"services project {project['project_type']}/{project['rrh_sub_type']}")
        if residence["project_type"] not in {0, 1, 2, 3, 8, 9, 10, 13} or (
            residence["project_type"] == 13 and residence["rrh_sub_type"] != 2
        ):
            bad.append(f"residence {residence['project_type']}/{residence['rrh_sub_type']}")
    return len(demo.rows["Affiliation"]), bad


@check("REF-08")
def at_most_one_exit(demo: Demo) -> Result:
    bad = [e for e, rows in demo.exits.items() if len(rows) > 1 or e not in demo.enrollments]
    return len(demo.rows["Exit"]), bad


@check("REF-09")
def one_start_and_exit_record_dated_right(demo: Demo) -> Result:
    checked, bad = 0, []
    for stem in (
        "IncomeBenefits",
        "HealthAndDV",
        "EmploymentEducation",
        "Disabilities",
        "YouthEducationStatus",
    ):
        counts: Counter[tuple] = Counter()
        for row in demo.rows[stem]:
            checked += 1
            stage, enrollment_id = row["data_collection_stage"], row["enrollment_id"]
            counts[(enrollment_id, stage, row.get("disability_type"))] += stage in {1, 3}
            if stage == 1 and row["information_date"] != demo.enrollments[enrollment_id]["entry_date"]:
                bad.append(f"{stem} stage 1 on {row['information_date']}")
            if stage == 3 and row["information_date"] != demo.exit_date(enrollment_id):
                bad.append(f"{stem} stage 3 on {row['information_date']}")
        bad += [f"{stem} {key}" for key, n in counts.items() if n > 1]
    return checked, bad


@check("REF-10")
def assessments_have_questions_and_results(demo: Demo) -> Result:
    questions = Counter(
        q["assessment_id"] for q in demo.rows["AssessmentQuestions"] if q["assessment_question"]
    )
    results = Counter(
        r["assessment_id"] for r in demo.rows["AssessmentResults"] if r["assessment_result_type"]
    )
    assessments = [a["assessment_id"] for a in demo.rows["Assessment"]]
    return len(assessments), [a for a in assessments if not questions[a] or not results[a]]


@check("REF-11")
def no_duplicate_entries(demo: Demo) -> Result:
    keys = Counter((e["client_id"], e["project_id"], e["entry_date"]) for e in demo.rows["Enrollment"])
    return len(keys), [str(k) for k, n in keys.items() if n > 1]


# --- households -------------------------------------------------------------------------------


@check("HH-01")
def one_head_per_household(demo: Demo) -> Result:
    bad = [h for h, rows in demo.households.items() if sum(r["relationship_to_hoh"] == 1 for r in rows) != 1]
    return len(demo.households), bad


@check("HH-02")
def household_is_one_stay_in_one_project(demo: Demo) -> Result:
    bad = [
        h
        for h, rows in demo.households.items()
        if len({(r["project_id"], r["entry_date"]) for r in rows}) != 1
    ]
    bad += [h for h, rows in demo.households.items() if len({r["client_id"] for r in rows}) != len(rows)]
    return len(demo.households), bad


@check("HH-03")
def relationships_valid(demo: Demo) -> Result:
    rows = demo.rows["Enrollment"]
    return len(rows), [e["enrollment_id"] for e in rows if e["relationship_to_hoh"] not in {1, 2, 3, 4, 5}]


@check("HH-04")
def members_within_head_enrollment(demo: Demo) -> Result:
    bad = []
    for household_id, rows in demo.households.items():
        head = next(r for r in rows if r["relationship_to_hoh"] == 1)
        head_exit = demo.exit_date(head["enrollment_id"]) or demo.as_of
        for row in rows:
            if (
                row["entry_date"] < head["entry_date"]
                or (demo.exit_date(row["enrollment_id"]) or demo.as_of) > head_exit
            ):
                bad.append(household_id)
    return len(demo.households), bad


# --- dates ------------------------------------------------------------------------------------


@check("DT-01")
def exit_after_entry(demo: Demo) -> Result:
    rows = demo.rows["Exit"]
    return len(rows), [
        x["exit_id"] for x in rows if x["exit_date"] <= demo.enrollments[x["enrollment_id"]]["entry_date"]
    ]


@check("DT-02")
def no_future_dates(demo: Demo) -> Result:
    dates = [
        (s, n, v) for s, r in all_rows(demo) for n, v in r.items() if type(v) is dt.date and n != "due_date"
    ]
    return len(dates), [f"{s}.{n}={v}" for s, n, v in dates if v > demo.as_of]


@check("DT-03")
def move_in_within_stay_in_permanent_housing(demo: Demo) -> Result:
    rows = [e for e in demo.rows["Enrollment"] if e["move_in_date"] is not None]
    bad = [
        e["enrollment_id"]
        for e in rows
        if demo.projects[e["project_id"]]["project_type"] not in {3, 9, 10, 13}
    ]
    for e in rows:
        if not e["entry_date"] <= e["move_in_date"] <= (demo.exit_date(e["enrollment_id"]) or demo.as_of):
            bad.append(f"{e['enrollment_id']} move-in {e['move_in_date']}")
    return len(rows), bad


@check("DT-04")
def engagement_within_stay(demo: Demo) -> Result:
    rows = [e for e in demo.rows["Enrollment"] if e["date_of_engagement"] is not None]
    bad = [
        e["enrollment_id"]
        for e in rows
        if not e["entry_date"]
        <= e["date_of_engagement"]
        <= (demo.exit_date(e["enrollment_id"]) or demo.as_of)
    ]
    return len(rows), bad


@check("DT-05")
def bed_nights(demo: Demo) -> Result:
    nights: dict[str, list[dt.date]] = defaultdict(list)
    bad = []
    for row in demo.rows["Services"]:
        if row["record_type"] == 200:
            nights[row["enrollment_id"]].append(row["date_provided"])
            if demo.project_type(row["enrollment_id"]) != 1:
                bad.append(f"bed night in project type {demo.project_type(row['enrollment_id'])}")
        elif demo.project_type(row["enrollment_id"]) == 1:
            bad.append(f"record type {row['record_type']} in a night-by-night shelter")
    for enrollment in demo.rows["Enrollment"]:
        if demo.projects[enrollment["project_id"]]["project_type"] != 1:
            continue
        dates, entry = sorted(nights[enrollment["enrollment_id"]]), enrollment["entry_date"]
        exit_date = demo.exit_date(enrollment["enrollment_id"])
        if not dates or dates[0] != entry or len(set(dates)) != len(dates):
            bad.append(f"{enrollment['enrollment_id']}: first bed night {dates[:1]} entry {entry}")
        elif exit_date is not None and (dates[-1] != exit_date - dt.timedelta(days=1)):
            bad.append(f"{enrollment['enrollment_id']}: last bed night {dates[-1]} exit {exit_date}")
    return sum(map(len, nights.values())), bad


@check("DT-06")
def annual_assessments_near_anniversaries(demo: Demo) -> Result:
    bad, annual = [], [r for r in demo.rows["IncomeBenefits"] if r["data_collection_stage"] == 5]
    per_year: Counter[tuple] = Counter()
    days_by_household: dict[tuple, set] = defaultdict(set)
    for row in annual:
        enrollment = demo.enrollments[row["enrollment_id"]]
        head = next(r for r in demo.households[enrollment["household_id"]] if r["relationship_to_hoh"] == 1)
        start, day = head["entry_date"], row["information_date"]
        years = round((day - start).days / 365.25)
        due = start.replace(year=start.year + years) if not (start.month == 2 and start.day == 29) else None
        if years < 1 or (due and abs((day - due).days) > 30):
            bad.append(f"annual on {day} for entry {start}")
        per_year[(row["enrollment_id"], years)] += 1
        days_by_household[(enrollment["household_id"], years)].add(day)
    bad += [f"{key} twice" for key, n in per_year.items() if n > 1]
    bad += [f"{key} on {days}" for key, days in days_by_household.items() if len(days) > 1]
    return len(annual), bad


@check("DT-07")
def birth_dates(demo: Demo) -> Result:
    bad, first_entry = [], {}
    for e in demo.rows["Enrollment"]:
        first_entry[e["client_id"]] = min(e["entry_date"], first_entry.get(e["client_id"], e["entry_date"]))
    for client in demo.rows["Client"]:
        dob, quality = client["dob"], client["dob_data_quality"]
        if (dob is None) != (quality in {8, 9, 99}):
            bad.append(f"{client['personal_id']} dob {dob} quality {quality}")
        if dob is not None and (
            dob > first_entry[client["personal_id"]] or (demo.as_of - dob).days > 100 * 365
        ):
            bad.append(f"{client['personal_id']} dob {dob}")
    return len(demo.rows["Client"]), bad


@check("DT-08")
def enrollments_within_operating_and_participation(demo: Demo) -> Result:
    periods = defaultdict(list)
    for row in demo.rows["HMISParticipation"]:
        if row["hmis_participation_type"] == 1:
            periods[row["project_id"]].append(
                (row["hmis_participation_status_start_date"], row["hmis_participation_status_end_date"])
            )
    bad = []
    for e in demo.rows["Enrollment"]:
        project = demo.projects[e["project_id"]]
        end = demo.exit_date(e["enrollment_id"]) or demo.as_of
        closes = project["operating_end_date"]
        if e["entry_date"] < project["operating_start_date"] or (closes and end > closes):
            bad.append(f"{e['enrollment_id']} outside operation")
        if not any(s <= e["entry_date"] and (f is None or end <= f) for s, f in periods[e["project_id"]]):
            bad.append(f"{e['enrollment_id']} outside HMIS participation")
    return len(demo.rows["Enrollment"]), bad


@check("DT-09")
def aftercare_within_180_days(demo: Demo) -> Result:
    rows = [x for x in demo.rows["Exit"] if x["aftercare_date"] or x["aftercare_provided"] is not None]
    bad = [
        x["exit_id"]
        for x in rows
        if x["aftercare_date"] is None
        or x["aftercare_provided"] is None
        or not x["exit_date"] <= x["aftercare_date"] <= x["exit_date"] + dt.timedelta(days=180)
    ]
    return len(rows), bad


# --- clients, income, projects ----------------------------------------------------------------

RACES = ("am_ind_ak_native", "asian", "black_af_american", "hispanic_latinao", "mid_east_n_african")
RACES += ("native_hi_pacific", "white")
V1_FIELDS = ("year_entered_service", "year_separated", "world_war_ii", "korean_war", "vietnam_war")
V1_FIELDS += ("desert_storm", "afghanistan_oef", "iraq_oif", "iraq_ond", "other_theater")
V1_FIELDS += ("military_branch", "discharge_status")


@check("CL-01")
def race_none_only_without_races(demo: Demo) -> Result:
    clients = demo.rows["Client"]
    bad = [
        c["personal_id"] for c in clients if (c["race_none"] is not None) != (not any(c[r] for r in RACES))
    ]
    return len(clients), bad


@check("CL-02")
def veteran_information_only_for_veterans(demo: Demo) -> Result:
    clients = demo.rows["Client"]
    bad = [
        c["personal_id"]
        for c in clients
        if c["veteran_status"] != 1 and any(c[f] is not None for f in V1_FIELDS)
    ]
    bad += [
        c["personal_id"] for c in clients if c["veteran_status"] == 1 and c["year_entered_service"] is None
    ]
    for client in clients:
        entries = [
            e["entry_date"] for e in demo.rows["Enrollment"] if e["client_id"] == client["personal_id"]
        ]
        if (
            client["dob"]
            and client["dob_data_quality"] == 1
            and (min(entries) - client["dob"]).days < 17 * 365
        ) and client["veteran_status"] != 99:
            bad.append(f"minor {client['personal_id']} veteran status {client['veteran_status']}")
    return len(clients), bad


@check("CL-03")
def service_years(demo: Demo) -> Result:
    veterans = [c for c in demo.rows["Client"] if c["veteran_status"] == 1]
    bad = [
        c["personal_id"]
        for c in veterans
        if not 1920 <= c["year_entered_service"] <= c["year_separated"] <= demo.as_of.year
    ]
    return len(veterans), bad


INCOME = {
    "earned": "earned_amount",
    "unemployment": "unemployment_amount",
    "ssi": "ssi_amount",
    "ssdi": "ssdi_amount",
    "va_disability_service": "va_disability_service_amount",
    "va_disability_non_service": "va_disability_non_service_amount",
    "private_disability": "private_disability_amount",
    "workers_comp": "workers_comp_amount",
    "tanf": "tanf_amount",
    "ga": "ga_amount",
    "soc_sec_retirement": "soc_sec_retirement_amount",
    "pension": "pension_amount",
    "child_support": "child_support_amount",
    "alimony": "alimony_amount",
    "other_income_source": "other_income_amount",
}
BENEFITS = ("snap", "wic", "tanf_child_care", "tanf_transportation", "other_tanf", "other_benefits_source")
INSURANCE = ("medicaid", "medicare", "schip", "vha_services", "employer_provided", "cobra", "private_pay")
INSURANCE += ("state_health_ins", "indian_health_services", "other_insurance")


def any_source_consistent(row: dict, any_column: str, sources: tuple[str, ...] | list[str]) -> bool:
    answer, values = row[any_column], [row[s] for s in sources]
    if answer == 1:
        return 1 in values and all(v in {0, 1} for v in values)
    if answer == 0:
        return all(v == 0 for v in values)
    return all(v is None for v in values)  # 8, 9, 99 or not asked


@check("IB-01")
def income_adds_up(demo: Demo) -> Result:
    bad, rows = [], demo.rows["IncomeBenefits"]
    for row in rows:
        if not any_source_consistent(row, "income_from_any_source", list(INCOME)):
            bad.append(f"{row['income_benefits_id']} sources")
        amounts = [row[a] for s, a in INCOME.items() if row[s] == 1]
        if any(a is None or a <= 0 for a in amounts) or any(
            row[a] is not None for s, a in INCOME.items() if row[s] != 1
        ):
            bad.append(f"{row['income_benefits_id']} amounts")
        expected = sum(amounts, Decimal("0.00")) if row["income_from_any_source"] in {0, 1} else None
        if row["total_monthly_income"] != expected:
            bad.append(f"{row['income_benefits_id']} total {row['total_monthly_income']} != {expected}")
    return len(rows), bad


@check("IB-02")
def benefits_and_insurance_consistent(demo: Demo) -> Result:
    rows = demo.rows["IncomeBenefits"]
    bad = [
        r["income_benefits_id"]
        for r in rows
        if not any_source_consistent(r, "benefits_from_any_source", BENEFITS)
    ]
    bad += [
        r["income_benefits_id"]
        for r in rows
        if not any_source_consistent(r, "insurance_from_any_source", INSURANCE)
    ]
    return len(rows), bad


BEDS = ("ch_vet_bed_inventory", "youth_vet_bed_inventory", "vet_bed_inventory", "ch_youth_bed_inventory")
BEDS += ("youth_bed_inventory", "ch_bed_inventory", "other_bed_inventory")


@check("PD-01")
def beds_add_up(demo: Demo) -> Result:
    rows = demo.rows["Inventory"]
    bad = [i["inventory_id"] for i in rows if i["bed_inventory"] != sum(i[b] or 0 for b in BEDS)]
    bad += [i["inventory_id"] for i in rows if not 0 < i["unit_inventory"] <= i["bed_inventory"]]
    return len(rows), bad


@check("PD-02")
def participation_periods(demo: Demo) -> Result:
    bad, checked = [], 0
    for stem, prefix in (
        ("HMISParticipation", "hmis_participation"),
        ("CEParticipation", "ce_participation"),
    ):
        by_project = defaultdict(list)
        for row in demo.rows[stem]:
            by_project[row["project_id"]].append(
                (row[f"{prefix}_status_start_date"], row[f"{prefix}_status_end_date"])
            )
        for project_id, periods in by_project.items():
            checked += 1
            periods.sort()
            for (_, end), (next_start, _) in pairwise(periods):
                if end is None or end >= next_start:
                    bad.append(f"{stem} overlap in {project_id}")
            if demo.projects[project_id]["operating_end_date"] is None and periods[-1][1] is not None:
                bad.append(f"{stem}: open project {project_id} has no open-ended record")
        bad += [f"{stem}: none for {p}" for p in demo.projects if p not in by_project]
    return checked, bad


@check("PD-03")
def no_inventory_for_rrh_services_only(demo: Demo) -> Result:
    services_only = [p for p in demo.rows["Project"] if p["project_type"] == 13 and p["rrh_sub_type"] == 1]
    with_beds = {i["project_id"] for i in demo.rows["Inventory"]}
    return len(services_only), [p["project_id"] for p in services_only if p["project_id"] in with_beds]


@check("PD-04")
def project_descriptors(demo: Demo) -> Result:
    bad = []
    for p in demo.rows["Project"]:
        type_, sub_type = p["project_type"], p["rrh_sub_type"]
        if (type_ == 13) != (sub_type is not None):
            bad.append(f"{p['project_name']}: RRHSubType {sub_type}")
        services_only = type_ == 6 or (type_ == 13 and sub_type == 1)
        if services_only != (p["residential_affiliation"] is not None):
            bad.append(f"{p['project_name']}: ResidentialAffiliation {p['residential_affiliation']}")
        residential = type_ in {0, 1, 2, 3, 8, 9, 10} or (type_ == 13 and sub_type == 2)
        if residential != (p["housing_type"] is not None):
            bad.append(f"{p['project_name']}: HousingType {p['housing_type']}")
    return len(demo.rows["Project"]), bad


@check("PD-05")
def victim_service_providers_hold_no_client_data(demo: Demo) -> Result:
    providers = {o for o, row in demo.organizations.items() if row["victim_service_provider"] == 1}
    projects = {p for p, row in demo.projects.items() if row["organization_id"] in providers}
    bad = [e["enrollment_id"] for e in demo.rows["Enrollment"] if e["project_id"] in projects]
    return len(projects), bad


@check("PD-06")
def everyone_exited_when_a_project_closed(demo: Demo) -> Result:
    closed = {p: row["operating_end_date"] for p, row in demo.projects.items() if row["operating_end_date"]}
    rows = [e for e in demo.rows["Enrollment"] if e["project_id"] in closed]
    bad = [
        e["enrollment_id"]
        for e in rows
        if demo.exit_date(e["enrollment_id"]) is None
        or demo.exit_date(e["enrollment_id"]) > closed[e["project_id"]]
    ]
    return len(rows), bad


# Defined last: the checks above fill CHECKS.
@pytest.mark.parametrize("rule_id", sorted(CHECKS))
def test_rule(demo, rule_id):
    checked, violations = CHECKS[rule_id](demo)
    assert violations[:10] == []
    assert checked > 0, f"{rule_id}: nothing in the tiny demo to check"
