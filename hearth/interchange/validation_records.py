"""Checks of one record that read several of its values, file by file (validation_rules.csv).

Each check yields (rule ID, column, problem in plain words); the rule's severity decides whether
the import is rejected.  Checks that need other files (DOB against EntryDate, bed nights against
the project type...) run in SQL over the staging tables (validation_keys, household_rules).
"""

import datetime as dt
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from django.utils import timezone

from hearth.hud.generated.columns import COLUMNS

Finding = tuple[str, str, str]  # rule ID, column ("" for the whole row), message
RecordCheck = Callable[[list[Any]], Iterator[Finding]]

_SSN = re.compile(r"[0-9xX]{9}")
_GEOCODE = re.compile(r"[0-9]{6}")
_ZIP = re.compile(r"[0-9]{5}")
_COC_CODES = re.compile(r"[A-Za-z]{2}-[0-9]{3}(;[A-Za-z]{2}-[0-9]{3})*")
_CSV_VERSION = re.compile(r"\d{4} v\d+(\.\d+)*")
MISSING_DOB_QUALITY = frozenset({8, 9, 99})  # 3.03.2: client doesn't know / refused / not collected
AFTERCARE_WINDOW = dt.timedelta(days=180)  # R20: aftercare within 180 days of exit
FIRST_SERVICE_YEAR = 1920  # CL-03
OLDEST_AGE = 100  # DT-07


def checks_for(file_name: str, position: dict[str, int], hash_status: int) -> RecordCheck | None:
    """All record checks of one file, as one function over a row's values (None: there are none)."""
    makers = _CHECKS.get(file_name, [])
    if not makers:
        return None
    checks = [make(position, hash_status) for make in makers]

    def run(values: list[Any]) -> Iterator[Finding]:
        for check in checks:
            yield from check(values)

    return run


def _client_identifiers(position: dict[str, int], hash_status: int) -> RecordCheck:
    ssn = position["SSN"]
    is_hashed = hash_status != 1

    def check(values: list[Any]) -> Iterator[Finding]:
        value = values[ssn]
        if value is None or is_hashed:
            return
        if not _SSN.fullmatch(value):
            yield "FMT-10", "SSN", "is not an SSN (9 digits, x for a missing digit)"
        elif value == "000000000":
            yield "FMT-09", "SSN", "is a placeholder with no information; it should be empty"

    return check


def _client_dates(position: dict[str, int], hash_status: int) -> RecordCheck:
    dob, quality = position["DOB"], position["DOBDataQuality"]
    years = [position["YearEnteredService"], position["YearSeparated"]]
    today = timezone.localdate()
    oldest = today.replace(year=today.year - OLDEST_AGE, day=min(today.day, 28))

    def check(values: list[Any]) -> Iterator[Finding]:
        born = values[dob]
        if born is not None and values[quality] in MISSING_DOB_QUALITY:
            yield "DT-07", "DOB", f"is given although DOBDataQuality is {values[quality]} (no date of birth)"
        if born is not None and born < oldest:
            yield "DT-07", "DOB", f"makes the client older than {OLDEST_AGE}"
        if born is not None and born > today:
            yield "DT-07", "DOB", "is in the future"
        for index, name in zip(years, ("YearEnteredService", "YearSeparated"), strict=True):
            year = values[index]
            if year is not None and not FIRST_SERVICE_YEAR <= year <= today.year:
                yield "CL-03", name, f"is not a year from {FIRST_SERVICE_YEAR} to {today.year}"

    return check


def _project_coc(position: dict[str, int], hash_status: int) -> RecordCheck:
    geocode, zip_code = position["Geocode"], position["ZIP"]

    def check(values: list[Any]) -> Iterator[Finding]:
        if values[geocode] is not None and not _GEOCODE.fullmatch(values[geocode]):
            yield "FMT-10", "Geocode", "is not a geocode (6 digits)"
        if values[zip_code] is not None and not _ZIP.fullmatch(values[zip_code]):
            yield "FMT-10", "ZIP", "is not a ZIP code (the first 5 digits only)"

    return check


def _enrollment(position: dict[str, int], hash_status: int) -> RecordCheck:
    relationship = position["RelationshipToHoH"]

    def check(values: list[Any]) -> Iterator[Finding]:
        if values[relationship] == 99:
            yield (
                "HH-03",
                "RelationshipToHoH",
                "is 99 (data not collected); every member needs a relationship",
            )

    return check


def _exit(position: dict[str, int], hash_status: int) -> RecordCheck:
    exit_date, aftercare_date = position["ExitDate"], position["AftercareDate"]
    aftercare_provided = position["AftercareProvided"]
    today = timezone.localdate()

    def check(values: list[Any]) -> Iterator[Finding]:
        left = values[exit_date]
        if left is not None and left > today:
            yield "DT-02", "ExitDate", "is in the future"
        when = values[aftercare_date]
        if when is not None and left is not None and not left <= when <= left + AFTERCARE_WINDOW:
            yield "DT-09", "AftercareDate", "is not within 180 days after ExitDate"
        if values[aftercare_provided] is not None and when is None:
            yield "DT-09", "AftercareProvided", "is given without an AftercareDate"

    return check


def _export(position: dict[str, int], hash_status: int) -> RecordCheck:
    version, source_type, source_id = position["CSVVersion"], position["SourceType"], position["SourceID"]

    def check(values: list[Any]) -> Iterator[Finding]:
        if values[version] is not None and not _CSV_VERSION.fullmatch(values[version]):
            yield "FMT-12", "CSVVersion", 'is not of the form "[year] v[version]", e.g. "2026 v1.0"'
        if values[source_type] == 1 and not _COC_CODES.fullmatch(values[source_id] or ""):
            yield "FMT-13", "SourceID", "must hold the CoC code(s), e.g. MD-501, when SourceType is 1"

    return check


def _inventory(position: dict[str, int], hash_status: int) -> RecordCheck:
    beds, units = position["BedInventory"], position["UnitInventory"]
    parts = [i for name, i in position.items() if name.endswith("BedInventory") and name != "BedInventory"]

    def check(values: list[Any]) -> Iterator[Finding]:
        total = values[beds]
        if total is None:
            return
        counted = sum(values[i] or 0 for i in parts)
        if counted != total:
            yield "PD-01", "BedInventory", f"is not the sum of the bed inventories by population ({counted})"
        if values[units] is not None and values[units] > total:
            yield "PD-01", "UnitInventory", "is larger than BedInventory"

    return check


def element_sources(element: str) -> tuple[str, list[str]]:
    """The 'from any source' column of a HUD element (4.02 income...) and its yes/no source columns."""
    columns = [
        c for c in COLUMNS if c.file == "IncomeBenefits.csv" and (c.data_element or "").startswith(element)
    ]
    any_source = next(c.name for c in columns if c.data_element == f"{element}.2")
    sources = [
        c.name
        for c in columns
        if c.list == "1.7" and re.fullmatch(rf"{re.escape(element)}\.\d+", c.data_element or "")
    ]
    return any_source, sources


def _income_benefits(position: dict[str, int], hash_status: int) -> RecordCheck:
    income_any, income_sources = element_sources("4.02")
    amounts = {name: amount_column(name) for name in income_sources}
    total = position["TotalMonthlyIncome"]
    yes_no = [
        (element_sources("4.03"), "IB-02"),
        (element_sources("4.04"), "IB-02"),
        ((income_any, income_sources), "IB-01"),
    ]

    def check(values: list[Any]) -> Iterator[Finding]:
        for (any_name, sources), rule_id in yes_no:
            yield from _any_source(rule_id, any_name, sources, values, position)
        summed = Decimal(0)
        for source, amount in amounts.items():
            value = values[position[amount]]
            if values[position[source]] == 1 and value is None:
                yield "IB-01", amount, f"is empty although {source} is 1 (yes)"
            summed += value or 0
        if values[total] is not None and summed and values[total] != summed:
            yield "IB-01", "TotalMonthlyIncome", f"is not the sum of the income amounts ({summed})"

    return check


def amount_column(source: str) -> str:
    return "OtherIncomeAmount" if source == "OtherIncomeSource" else f"{source}Amount"


def _any_source(
    rule_id: str, any_name: str, sources: list[str], values: list[Any], position: dict[str, int]
) -> Iterator[Finding]:
    answer = values[position[any_name]]
    has_yes = any(values[position[s]] == 1 for s in sources)
    if answer == 1 and not has_yes:
        yield rule_id, any_name, "is 1 (yes) but no source is 1"
    elif answer == 0 and has_yes:
        yield rule_id, any_name, "is 0 (no) but a source is 1"


CheckMaker = Callable[[dict[str, int], int], RecordCheck]
_CHECKS: dict[str, list[CheckMaker]] = {
    "Client.csv": [_client_identifiers, _client_dates],
    "ProjectCoC.csv": [_project_coc],
    "Enrollment.csv": [_enrollment],
    "Exit.csv": [_exit],
    "Export.csv": [_export],
    "Inventory.csv": [_inventory],
    "IncomeBenefits.csv": [_income_benefits],
}
