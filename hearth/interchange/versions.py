"""HMIS CSV versions: recognise FY2022, FY2024 and FY2026 exports and bring their rows to FY2026.

Each step between two consecutive versions is data (files and columns renamed, removed and
added, ``STEPS``) plus one small function per file that recodes values (living situations,
project types, race and ethnicity...).  A row of an older export goes through every step up to
FY2026.  docs/interchange-versions.md lists every change with its source; the FY2024 -> FY2026
step is ../shared/spec/fy2024_to_fy2026_changes.csv, the FY2022 -> FY2024 step HUD's FY2024
HMIS CSV specification and Data Standards.

Rows are dictionaries keyed by CSV column name with the raw CSV text as values ("" = null).
The importer calls:

* ``detect_version(headers_by_file, csv_version)`` -> "2022", "2024" or "2026";
* ``upgrade_headers(file_name, headers, from_version)`` -> the headers of the upgraded rows;
* ``upgrade_row(file_name, row, from_version, context=...)`` -> the FY2026 row, or None when the
  row has no FY2026 counterpart (FY2022 EnrollmentCoC.csv, whose data moves to
  Enrollment.EnrollmentCoC);
* ``derived_rows(file_name, row, from_version)`` -> rows of files that did not exist in the old
  version and that an old row implies (a FY2022 Project row implies its HMISParticipation row);
* ``build_context(read_rows, file_names, from_version)`` -> the facts some rows need from other
  files (the FY2022 EnrollmentCoC.csv records), read before the rows are upgraded.

``upgrade_export`` chains these for a whole export.  Columns that no version defines are kept,
after the known ones, so that validation reports them.
"""

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from hearth.hud.columndefs import Column
from hearth.hud.generated.columns import COLUMNS, COLUMNS_FY2024

Row = dict[str, str]
RowReader = Callable[[str], Iterable[Mapping[str, str]]]

CURRENT = "2026"
SUPPORTED = ("2022", "2024", "2026")


@dataclass
class UpgradeContext:
    """Facts from other files that some rows need while they are upgraded."""

    # FY2022 EnrollmentCoC.csv: the CoC code recorded at project start, by EnrollmentID and by
    # HouseholdID (the head of household's record stands for the whole household).
    enrollment_coc: dict[str, str] = field(default_factory=dict)
    household_coc: dict[str, str] = field(default_factory=dict)


RowTransform = Callable[[Row, UpgradeContext], Row]


@dataclass(frozen=True)
class Step:
    """What changed between two consecutive HMIS CSV versions."""

    from_version: str
    to_version: str
    renamed: Mapping[str, Mapping[str, str]]  # file -> old column -> new column
    removed: Mapping[str, tuple[str, ...]]  # file -> columns the new version drops
    added: Mapping[str, tuple[str, ...]]  # file -> columns the new version adds
    removed_files: tuple[str, ...]
    added_files: tuple[str, ...]
    transforms: Mapping[str, RowTransform]  # file -> recoding of values (old and new columns present)


# --- FY2022 -> FY2024 --------------------------------------------------------------------------

# Living situations (3.917 prior living situation, 4.12 current living situation, 3.12
# destination): FY2024 kept each FY2022 code and put its category in front (1 homeless,
# 2 institutional, 3 temporary, 4 permanent); the "rental with subsidy" codes became one code,
# 435, with the subsidy in a new dependent column (list 3.12.A RentalSubsidyType).
LIVING_SITUATION_2022_TO_2024: Mapping[int, int] = {
    1: 101,  # emergency shelter
    16: 116,  # place not meant for habitation
    18: 118,  # safe haven
    4: 204,  # psychiatric hospital
    5: 205,  # substance abuse treatment facility
    6: 206,  # hospital, non-psychiatric
    7: 207,  # jail, prison or juvenile detention
    15: 215,  # foster care
    25: 225,  # long-term care facility
    2: 302,  # transitional housing for homeless persons
    12: 312,  # with family, temporary tenure
    13: 313,  # with friends, temporary tenure
    14: 314,  # hotel or motel without emergency shelter voucher
    27: 327,  # HOPWA to HOPWA TH
    29: 329,  # residential project or halfway house
    32: 332,  # host home (non-crisis)
    35: 335,  # in a family member's room, apartment or house
    36: 336,  # in a friend's room, apartment or house
    10: 410,  # rental, no ongoing subsidy
    11: 411,  # owned, no ongoing subsidy
    21: 421,  # owned, with ongoing subsidy
    22: 422,  # with family, permanent tenure
    23: 423,  # with friends, permanent tenure
    26: 426,  # HOPWA to HOPWA PH
}
RENTAL_WITH_SUBSIDY = 435
# FY2022 code -> FY2024 RentalSubsidyType (list 3.12.A) under living situation 435.
SUBSIDY_2022_TO_2024: Mapping[int, int] = {
    3: 440,  # permanent housing (other than RRH) for formerly homeless persons
    19: 419,  # VASH
    20: 420,  # other ongoing housing subsidy
    28: 428,  # GPD TIP
    31: 431,  # RRH or equivalent
    33: 433,  # HCV voucher
    34: 434,  # public housing unit
}
# FY2022 funding sources that FY2024 removed (2.06.1): recorded as "Local or Other Funding
# Source" with the old name as OtherFunder, so the grant is kept.
OTHER_FUNDER = 46
REMOVED_FUNDERS_2022: Mapping[int, str] = {
    12: "HUD: Rural Housing Stability Assistance Program",
    49: "HUD: CoC – Joint Component RRH/PSH",
}
RACE_COLUMNS_2024 = (
    "AmIndAKNative",
    "Asian",
    "BlackAfAmerican",
    "HispanicLatinaeo",
    "MidEastNAfrican",
    "NativeHIPacific",
    "White",
)
# Export.ExportPeriodType 2 (Effective) is not in the FY2024 list 1.1.
EXPORT_PERIOD_OTHER = "4"


def _code(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


def _recode_living_situation(row: Row, column: str, subsidy_column: str) -> None:
    code = _code(row.get(column, ""))
    if code is None:
        return
    if code in SUBSIDY_2022_TO_2024:
        row[column] = str(RENTAL_WITH_SUBSIDY)
        row[subsidy_column] = str(SUBSIDY_2022_TO_2024[code])
    elif code in LIVING_SITUATION_2022_TO_2024:
        row[column] = str(LIVING_SITUATION_2022_TO_2024[code])


def _client_2022(row: Row, context: UpgradeContext) -> Row:
    # 3.04 Race and 3.05 Ethnicity became one element: Hispanic/Latin(a)(o)(x) is a race column.
    row["HispanicLatinaeo"] = "1" if row.get("Ethnicity", "").strip() == "1" else "0"
    row["MidEastNAfrican"] = "0"  # not asked before FY2024
    row["AdditionalRaceEthnicity"] = ""
    for column in RACE_COLUMNS_2024:
        if row.get(column, "") not in ("0", "1"):
            row[column] = "0"  # FY2024 race columns are No/Yes (list 1.10)
    # 3.06 Gender: renamed columns (see STEP_2022_2024.renamed); new options were not asked.
    for column in ("Woman", "Man", "NonBinary", "Transgender", "Questioning"):
        if row.get(column, "") not in ("0", "1"):
            row[column] = "0"
    row["CulturallySpecific"] = "0"
    row["DifferentIdentity"] = "0"
    row["DifferentIdentityText"] = ""
    return row


def _enrollment_2022(row: Row, context: UpgradeContext) -> Row:
    _recode_living_situation(row, "LivingSituation", "RentalSubsidyType")
    # 3.16 Client Location moved from EnrollmentCoC.csv into Enrollment.EnrollmentCoC.
    row["EnrollmentCoC"] = context.enrollment_coc.get(row.get("EnrollmentID", ""), "") or (
        context.household_coc.get(row.get("HouseholdID", ""), "")
    )
    return row


def _exit_2022(row: Row, context: UpgradeContext) -> Row:
    _recode_living_situation(row, "Destination", "DestinationSubsidyType")
    return row


def _current_living_situation_2022(row: Row, context: UpgradeContext) -> Row:
    _recode_living_situation(row, "CurrentLivingSituation", "CLSSubsidyType")
    return row


def _project_2022(row: Row, context: UpgradeContext) -> Row:
    # 2.02.6: emergency shelters split by the retired tracking method (3 = night-by-night).
    if row.get("ProjectType", "").strip() == "1" and row.get("TrackingMethod", "").strip() != "3":
        row["ProjectType"] = "0"
    # 2.02.A: FY2022 RRH projects provided housing; "RRH: Services Only" did not exist.
    row["RRHSubType"] = "2" if row.get("ProjectType", "").strip() == "13" else ""
    return row


def _funder_2022(row: Row, context: UpgradeContext) -> Row:
    code = _code(row.get("Funder", ""))
    if code is not None and code in REMOVED_FUNDERS_2022:
        row["OtherFunder"] = row.get("OtherFunder") or REMOVED_FUNDERS_2022[code]
        row["Funder"] = str(OTHER_FUNDER)
    return row


def _export_2022(row: Row, context: UpgradeContext) -> Row:
    if row.get("ExportPeriodType", "").strip() == "2":
        row["ExportPeriodType"] = EXPORT_PERIOD_OTHER
    # ImplementationID names the source database; FY2022 exports carry SourceID/SourceName.
    row["ImplementationID"] = row.get("SourceID") or row.get("SourceName") or row.get("ExportID", "")
    return row


FY2022_ONLY_FILES: Mapping[str, tuple[str, ...]] = {
    "EnrollmentCoC.csv": (
        "EnrollmentCoCID",
        "EnrollmentID",
        "HouseholdID",
        "ProjectID",
        "PersonalID",
        "InformationDate",
        "CoCCode",
        "DataCollectionStage",
        "DateCreated",
        "DateUpdated",
        "UserID",
        "DateDeleted",
        "ExportID",
    ),
}

STEP_2022_2024 = Step(
    from_version="2022",
    to_version="2024",
    renamed={
        "Client.csv": {"Female": "Woman", "Male": "Man", "NoSingleGender": "NonBinary"},
        "HealthAndDV.csv": {"DomesticViolenceVictim": "DomesticViolenceSurvivor"},
        "IncomeBenefits.csv": {"VAMedicalServices": "VHAServices", "NoVAMedReason": "NoVHAReason"},
    },
    removed={
        "Client.csv": ("Ethnicity",),
        "Enrollment.csv": (
            "WorstHousingSituation",
            "LastPermanentStreet",
            "LastPermanentCity",
            "LastPermanentState",
            "LastPermanentZIP",
            "AddressDataQuality",
        ),
        "HealthAndDV.csv": ("LifeValue", "SupportFromOthers", "BounceBack", "FeelingFrequency"),
        "IncomeBenefits.csv": ("HIVAIDSAssistance", "NoHIVAIDSAssistanceReason"),
        "Project.csv": ("TrackingMethod", "HMISParticipatingProject"),
    },
    added={
        "Client.csv": (
            "HispanicLatinaeo",
            "MidEastNAfrican",
            "AdditionalRaceEthnicity",
            "CulturallySpecific",
            "DifferentIdentity",
            "DifferentIdentityText",
        ),
        "Enrollment.csv": (
            "EnrollmentCoC",
            "RentalSubsidyType",
            "TranslationNeeded",
            "PreferredLanguage",
            "PreferredLanguageDifferent",
        ),
        "Exit.csv": ("DestinationSubsidyType",),
        "CurrentLivingSituation.csv": ("CLSSubsidyType",),
        "Project.csv": ("RRHSubType",),
        "Services.csv": ("FAStartDate", "FAEndDate"),
        "Export.csv": ("ImplementationID",),
    },
    removed_files=("EnrollmentCoC.csv",),
    added_files=("HMISParticipation.csv", "CEParticipation.csv"),
    transforms={
        "Client.csv": _client_2022,
        "Enrollment.csv": _enrollment_2022,
        "Exit.csv": _exit_2022,
        "CurrentLivingSituation.csv": _current_living_situation_2022,
        "Project.csv": _project_2022,
        "Funder.csv": _funder_2022,
        "Export.csv": _export_2022,
    },
)

# Where each column that FY2024 removed stood in FY2022: (column, the column it followed).
FY2022_POSITIONS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "Client.csv": (("Ethnicity", "RaceNone"),),
    "Enrollment.csv": (
        ("WorstHousingSituation", "ReasonNotEnrolled"),
        ("LastPermanentStreet", "PercentAMI"),
        ("LastPermanentCity", "LastPermanentStreet"),
        ("LastPermanentState", "LastPermanentCity"),
        ("LastPermanentZIP", "LastPermanentState"),
        ("AddressDataQuality", "LastPermanentZIP"),
    ),
    "HealthAndDV.csv": (
        ("LifeValue", "DueDate"),
        ("SupportFromOthers", "LifeValue"),
        ("BounceBack", "SupportFromOthers"),
        ("FeelingFrequency", "BounceBack"),
    ),
    "IncomeBenefits.csv": (
        ("HIVAIDSAssistance", "OtherInsuranceIdentify"),
        ("NoHIVAIDSAssistanceReason", "HIVAIDSAssistance"),
    ),
    "Project.csv": (
        ("TrackingMethod", "ResidentialAffiliation"),
        ("HMISParticipatingProject", "TrackingMethod"),
    ),
}

# --- FY2024 -> FY2026 (../shared/spec/fy2024_to_fy2026_changes.csv) --------------------------

GENDER_COLUMNS_2024 = (
    "Woman",
    "Man",
    "NonBinary",
    "CulturallySpecific",
    "Transgender",
    "Questioning",
    "DifferentIdentity",
    "GenderNone",
    "DifferentIdentityText",
)
RACE_COLUMNS_2026 = tuple("HispanicLatinao" if c == "HispanicLatinaeo" else c for c in RACE_COLUMNS_2024)
VETERAN_COLUMNS = (
    "YearEnteredService",
    "YearSeparated",
    "WorldWarII",
    "KoreanWar",
    "VietnamWar",
    "DesertStorm",
    "AfghanistanOEF",
    "IraqOIF",
    "IraqOND",
    "OtherTheater",
    "MilitaryBranch",
    "DischargeStatus",
)
# R18 counseling and R20 aftercare columns: list 1.7 (No/Yes/Data not collected) became 1.10
# (No/Yes); these columns are nullable, so "Data not collected" becomes null.
COUNSELING_COLUMNS = (
    "CounselingReceived",
    "IndividualCounseling",
    "FamilyCounseling",
    "GroupCounseling",
    "PostExitCounselingPlan",
    "EmailSocialMedia",
    "Telephone",
    "InPersonIndividual",
    "InPersonGroup",
)
# 4.20.2 Event 17 (Referral to Emergency Housing Voucher) is no longer listed; an EHV is a
# permanent housing resource, recorded as "Referral to Other PH project/unit/resource opening".
EVENT_EHV_REFERRAL = "17"
EVENT_OTHER_PH_REFERRAL = "15"


def _client_2024(row: Row, context: UpgradeContext) -> Row:
    # 3.04 RaceNone: non-null only when every race column is 0 (FY2026 spec, Client.csv).
    if any(row.get(column, "") == "1" for column in RACE_COLUMNS_2026):
        row["RaceNone"] = ""
    elif not row.get("RaceNone", ""):
        row["RaceNone"] = "99"  # no race recorded: Data not collected (FMT-07)
    # V1 Veteran's Information: null unless VeteranStatus = 1 (FY2026 spec, Client.csv; CL-02).
    if row.get("VeteranStatus", "").strip() != "1":
        for column in VETERAN_COLUMNS:
            row[column] = ""
    return row


def _exit_2024(row: Row, context: UpgradeContext) -> Row:
    for column in COUNSELING_COLUMNS:
        if row.get(column, "").strip() == "99":
            row[column] = ""
    return row


def _event_2024(row: Row, context: UpgradeContext) -> Row:
    if row.get("Event", "").strip() == EVENT_EHV_REFERRAL:
        row["Event"] = EVENT_OTHER_PH_REFERRAL
    return row


STEP_2024_2026 = Step(
    from_version="2024",
    to_version="2026",
    renamed={"Client.csv": {"HispanicLatinaeo": "HispanicLatinao"}},
    removed={
        "Client.csv": GENDER_COLUMNS_2024,
        "Enrollment.csv": (
            "SexualOrientation",
            "SexualOrientationOther",
            "TranslationNeeded",
            "PreferredLanguage",
            "PreferredLanguageDifferent",
        ),
    },
    added={"Client.csv": ("Sex",), "Enrollment.csv": ("MentalHealthConsultation",)},
    removed_files=(),
    added_files=(),
    transforms={"Client.csv": _client_2024, "Exit.csv": _exit_2024, "Event.csv": _event_2024},
)

STEPS: tuple[Step, ...] = (STEP_2022_2024, STEP_2024_2026)


# --- column lists of every version ----------------------------------------------------------


def _by_file(columns: Iterable[Column]) -> dict[str, tuple[str, ...]]:
    files: dict[str, list[str]] = {}
    for column in columns:
        files.setdefault(column.file, []).append(column.name)
    return {name: tuple(names) for name, names in files.items()}


def _fy2022_columns(fy2024: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    step = STEP_2022_2024
    result: dict[str, tuple[str, ...]] = {}
    for file_name, names in fy2024.items():
        if file_name in step.added_files:
            continue
        back = {new: old for old, new in step.renamed.get(file_name, {}).items()}
        added = set(step.added.get(file_name, ()))
        columns = [back.get(name, name) for name in names if name not in added]
        for column, after in FY2022_POSITIONS.get(file_name, ()):
            columns.insert(columns.index(after) + 1, column)
        result[file_name] = tuple(columns)
    result.update(FY2022_ONLY_FILES)
    return result


_FY2024 = _by_file(COLUMNS_FY2024)
# Every version's files and their columns in order; FY2022 is FY2024 with the step undone.
COLUMNS_BY_VERSION: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "2026": _by_file(COLUMNS),
    "2024": _FY2024,
    "2022": _fy2022_columns(_FY2024),
}


def _markers() -> dict[str, set[tuple[str, str]]]:
    """(file, column) pairs that only one version has: the evidence ``detect_version`` counts."""
    pairs = {
        version: {(f, c) for f, names in files.items() for c in names}
        for version, files in COLUMNS_BY_VERSION.items()
    }
    return {
        version: own - set().union(*(other for v, other in pairs.items() if v != version))
        for version, own in pairs.items()
    }


MARKERS = _markers()
_CSV_VERSION_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


# --- the interface ------------------------------------------------------------------------


def detect_version(headers_by_file: Mapping[str, list[str]], csv_version: str | None) -> str:
    """ "2026", "2024" or "2022": the HMIS CSV version of an export.

    The headers decide (columns only one version has, such as Client.Sex, Client.Woman or
    Client.Ethnicity); Export.CSVVersion ("2026 v1.0", "2024 v1.4", "FY2022") decides when the
    headers hold no such column.
    """
    found = {(f, c.strip()) for f, headers in headers_by_file.items() for c in headers}
    scores = {version: len(MARKERS[version] & found) for version in SUPPORTED}
    best = max(scores.values())
    leaders = [version for version, score in scores.items() if score == best]
    if best > 0 and len(leaders) == 1:
        return leaders[0]
    year = _csv_version_year(csv_version)
    if year in SUPPORTED and (best == 0 or year in leaders):
        return year
    if year is not None and year not in SUPPORTED:
        raise ValueError(
            f"Export.csv says CSVVersion {csv_version!r}: HMIS CSV FY{year} is not supported; "
            "Hearth reads FY2022, FY2024 and FY2026 exports."
        )
    raise ValueError(
        "Cannot tell which HMIS CSV version this export follows: Export.csv has "
        + (f"CSVVersion {csv_version!r}" if csv_version else "no CSVVersion")
        + " and the column names match none of FY2022, FY2024 and FY2026."
    )


def _csv_version_year(csv_version: str | None) -> str | None:
    match = _CSV_VERSION_YEAR.search(csv_version or "")
    return match.group(1) if match else None


def _steps_from(from_version: str) -> tuple[Step, ...]:
    if from_version not in SUPPORTED:
        raise ValueError(
            f"Unknown HMIS CSV version {from_version!r}; expected one of {', '.join(SUPPORTED)}."
        )
    return tuple(step for step in STEPS if int(step.from_version) >= int(from_version))


def upgraded_file_name(file_name: str, from_version: str) -> str | None:
    """The FY2026 file that holds this file's rows, or None when the file no longer exists."""
    for step in _steps_from(from_version):
        if file_name in step.removed_files:
            return None
    return file_name


def upgrade_headers(file_name: str, headers: list[str], from_version: str) -> list[str]:
    """The columns of this file's rows once upgraded: FY2026 columns in spec order, then unknown ones."""
    current = list(headers)
    for step in _steps_from(from_version):
        if file_name in step.removed_files:
            return []
        current = _step_headers(step, file_name, current)
    return current


def _step_headers(step: Step, file_name: str, headers: list[str]) -> list[str]:
    renamed = step.renamed.get(file_name, {})
    removed = set(step.removed.get(file_name, ()))
    present = [renamed.get(h, h) for h in headers if h not in removed]
    present += [c for c in step.added.get(file_name, ()) if c not in present]
    return _in_version_order(step.to_version, file_name, present)


def _in_version_order(version: str, file_name: str, names: list[str]) -> list[str]:
    order = COLUMNS_BY_VERSION[version].get(file_name, ())
    known = set(order)
    return [c for c in order if c in names] + [c for c in names if c not in known]


def upgrade_row(
    file_name: str, row: dict[str, str], from_version: str, *, context: UpgradeContext | None = None
) -> dict[str, str] | None:
    """The row as FY2026 has it (None when the file has no FY2026 counterpart).

    ``context`` carries facts from other files (see ``build_context``); without it, a FY2022
    Enrollment row gets an empty EnrollmentCoC.
    """
    context = context or UpgradeContext()
    current: Row = dict(row)
    for step in _steps_from(from_version):
        if file_name in step.removed_files:
            return None
        current = _step_row(step, file_name, current, context)
    return current


def _step_row(step: Step, file_name: str, row: Row, context: UpgradeContext) -> Row:
    renamed = step.renamed.get(file_name, {})
    staged = {renamed.get(k, k): v for k, v in row.items()}
    for column in step.added.get(file_name, ()):
        staged.setdefault(column, "")
    transform = step.transforms.get(file_name)
    if transform is not None:
        staged = transform(staged, context)
    removed = set(step.removed.get(file_name, ()))
    headers = _in_version_order(step.to_version, file_name, [k for k in staged if k not in removed])
    return {column: staged[column] for column in headers}


def derived_rows(file_name: str, row: dict[str, str], from_version: str) -> list[tuple[str, dict[str, str]]]:
    """Rows of files new since ``from_version`` that this old row implies, as (file, FY2026 row)."""
    _steps_from(from_version)
    if from_version == "2022" and file_name == "Project.csv":
        participation = _hmis_participation_2022(row)
        return [("HMISParticipation.csv", participation)] if participation else []
    return []


def _hmis_participation_2022(project: Mapping[str, str]) -> Row | None:
    # 2.08 HMIS Participation Status replaced Project.HMISParticipatingProject (FY2024): 0 -> 0
    # Not participating, 1 -> 1 HMIS participating, over the project's operating dates.
    participating = project.get("HMISParticipatingProject", "").strip()
    if participating not in ("0", "1"):
        return None
    return {
        "HMISParticipationID": project.get("ProjectID", ""),  # one per project, so unique
        "ProjectID": project.get("ProjectID", ""),
        "HMISParticipationType": participating,
        "HMISParticipationStatusStartDate": project.get("OperatingStartDate", ""),
        "HMISParticipationStatusEndDate": project.get("OperatingEndDate", ""),
        "DateCreated": project.get("DateCreated", ""),
        "DateUpdated": project.get("DateUpdated", ""),
        "UserID": project.get("UserID", ""),
        "DateDeleted": project.get("DateDeleted", ""),
        "ExportID": project.get("ExportID", ""),
    }


# Files whose rows other rows need, read first by ``build_context``.
CONTEXT_FILES: Mapping[str, tuple[str, ...]] = {"2022": ("EnrollmentCoC.csv",), "2024": (), "2026": ()}
PROJECT_START = "1"


def build_context(read_rows: RowReader, file_names: Iterable[str], from_version: str) -> UpgradeContext:
    """Read what ``upgrade_row`` needs from other files (FY2022: EnrollmentCoC.csv)."""
    _steps_from(from_version)
    context = UpgradeContext()
    wanted = set(CONTEXT_FILES[from_version]) & set(file_names)
    if "EnrollmentCoC.csv" in wanted:
        by_enrollment: dict[str, tuple[tuple[bool, str], str]] = {}
        by_household: dict[str, tuple[tuple[bool, str], str]] = {}
        for record in read_rows("EnrollmentCoC.csv"):
            coc = (record.get("CoCCode") or "").strip()
            if not coc or (record.get("DateDeleted") or "").strip():
                continue
            # The project-start record first, then the earliest information date.
            stage = (record.get("DataCollectionStage") or "").strip()
            rank = (stage != PROJECT_START, record.get("InformationDate") or "")
            _keep_first(by_enrollment, record.get("EnrollmentID") or "", rank, coc)
            _keep_first(by_household, record.get("HouseholdID") or "", rank, coc)
        context.enrollment_coc = {key: coc for key, (_rank, coc) in by_enrollment.items()}
        context.household_coc = {key: coc for key, (_rank, coc) in by_household.items()}
    return context


def _keep_first(
    best: dict[str, tuple[tuple[bool, str], str]], key: str, rank: tuple[bool, str], coc: str
) -> None:
    if key and (key not in best or rank < best[key][0]):
        best[key] = (rank, coc)


def upgrade_export(
    read_rows: RowReader, file_names: Iterable[str], from_version: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """Every row of an export as (FY2026 file name, FY2026 row), derived rows included."""
    names = list(file_names)
    context = build_context(read_rows, names, from_version)
    for file_name in names:
        for row in read_rows(file_name):
            upgraded = upgrade_row(file_name, dict(row), from_version, context=context)
            if upgraded is not None:
                yield file_name, upgraded
            yield from derived_rows(file_name, dict(row), from_version)
