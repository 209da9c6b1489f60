"""The acceptance round trip: import HUD's FY2026 LSA sample, export the same period as the HMIS
Lead administrator, and get every row and field back.

Exceptions, each with its reason:

* ExportID in every file: an export carries its own new ExportID (FMT-11).
* Export.csv: written by the exporter (FY2026 CSV spec, Export.csv: the exporting system
  describes itself); the sample's Export.csv is the history of 24 earlier exports.
* The sample's Enrollment.csv spells the column HoHLeaseholder; the FY2026 specification (and
  Eva) spell it HOHLeaseholder, as the export does.  Values are compared under the spec's name.
* User.csv holds a row for every UserID that an exported record names (FY2026 CSV spec,
  User.csv), and no other: the sample's User.csv lists two users that no record names
  (HIC151U, RRH134U), which are not exported, and lacks twelve users that its Client rows name
  (FIX16U...), which the importer adds and the export lists.
* An SSN whose first five digits are unknown is stored as the mask ``xxxxx`` + last four
  (hearth/clients/ssn.py; x and X both mean an unknown digit, FMT-10): the sample's 21 SSNs
  such as ``XxXxX4596`` come back as ``xxxxx4596``.
* Timestamps are stored as instants (UTC) and written in local time (America/New_York).  A
  local time that does not exist, in the hour skipped when clocks spring forward (the sample's
  Disabilities.csv has DateUpdated 2023-03-12 02:00:00 and 2024-03-10 02:00:00), is read as
  the instant an hour later on the clock and comes back as 03:00:00.
"""

import csv
import datetime as dt
import io
import zipfile
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import override_settings

from hearth.access import audit
from hearth.access.models import Membership
from hearth.access.permissions import Role
from hearth.hud.generated.columns import COLUMNS, FILES
from hearth.interchange.export import export_hmis_csv
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

KIT = Path(settings.HUD_SPEC_DIR).parent / "kits" / "lsa-fy2026-sample" / "input_hmis_csv"
# The sample's own export period: the last row of its Export.csv (LSAv8TestAug011223).
PERIOD = (dt.date(2019, 10, 1), dt.date(2026, 9, 30))
SET_BY_EXPORTER = {"ExportID"}
SPEC_NAMES = {(c.file, c.name.lower()): c.name for c in COLUMNS}


def read_rows(handle: io.TextIOBase, file_name: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.reader(handle)
    header = [SPEC_NAMES.get((file_name, h.strip().lower()), h.strip()) for h in next(reader)]
    return header, [dict(zip(header, row, strict=True)) for row in reader]


def kit_files() -> dict[str, tuple[list[str], list[dict[str, str]]]]:
    files = {}
    for csv_file in FILES:
        with (KIT / csv_file.name).open(encoding="utf-8-sig", newline="") as handle:
            files[csv_file.name] = read_rows(handle, csv_file.name)
    return files


def zip_files(data: bytes) -> dict[str, tuple[list[str], list[dict[str, str]]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: read_rows(io.StringIO(archive.read(name).decode("utf-8"), newline=""), name)
            for name in archive.namelist()
        }


def local_time_as_stored(value: str) -> str:
    """What a local timestamp reads after a trip through UTC (a skipped local time moves ahead)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    naive = dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    back = naive.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone)
    return back.strftime("%Y-%m-%d %H:%M:%S")


TIMESTAMPS = {(c.file, c.name) for c in COLUMNS if c.type_code == "T"}


def expected(file_name: str, column: str, value: str) -> str:
    if (file_name, column) in TIMESTAMPS and value:
        return local_time_as_stored(value)
    if (file_name, column) == ("Client.csv", "SSN") and value[:5].lower() == "xxxxx":
        return "xxxxx" + value[5:]
    return value


def differences(before: dict, after: dict) -> Counter:
    """(file, column, kind) -> how many rows differ; kinds: missing row, extra row, value."""
    found: Counter = Counter()
    for csv_file in FILES:
        if csv_file.name == "Export.csv":
            continue
        header, rows = before[csv_file.name]
        key = header[0]
        wanted = {r[key]: r for r in rows}
        actual = {r[key]: r for r in after[csv_file.name][1]}
        for missing in wanted.keys() - actual.keys():
            found[(csv_file.name, key, f"missing row {missing}")] += 1
        for extra in actual.keys() - wanted.keys():
            found[(csv_file.name, key, f"extra row {extra}")] += 1
        for pk in wanted.keys() & actual.keys():
            for column in header:
                value = expected(csv_file.name, column, wanted[pk][column])
                if column not in SET_BY_EXPORTER and value != actual[pk].get(column):
                    found[(csv_file.name, column, "value")] += 1
    return found


def user_ids_named(files: dict) -> set[str]:
    return {
        row["UserID"]
        for name, (_header, rows) in files.items()
        if name not in ("Export.csv", "User.csv")
        for row in rows
    }


@override_settings(HEARTH_COC_CODE="XX-501")
def test_lsa_sample_comes_back_field_for_field():
    importer = pytest.importorskip(
        "hearth.interchange.importer",
        reason="the HMIS CSV importer (import_hmis_csv) is not in this checkout",
    )
    lead = factories.OrganizationFactory(organization_id="HEARTH-LEAD", organization_name="HMIS Lead")
    admin = factories.AccountFactory(username="lead-admin", acting_organization=lead)
    Membership.objects.create(account=admin, organization=lead, role=Role.HMIS_LEAD_ADMIN)

    imported = importer.import_hmis_csv(KIT, actor=audit.Actor.of(admin))
    assert imported.is_imported, [str(i) for i in imported.issues[:20]]

    buffer = io.BytesIO()
    result = export_hmis_csv(user=admin, start=PERIOD[0], end=PERIOD[1], output=buffer)
    before, after = kit_files(), zip_files(buffer.getvalue())

    for csv_file in FILES:
        assert after[csv_file.name][0] == [c.name for c in COLUMNS if c.file == csv_file.name]
    (export_row,) = after["Export.csv"][1]
    assert (export_row["SourceID"], export_row["ExportStartDate"], export_row["ExportEndDate"]) == (
        "XX-501",
        "2019-10-01",
        "2026-09-30",
    )
    assert {r["ExportID"] for _h, rows in after.values() for r in rows} == {result.export_id}
    listed = {r["UserID"] for r in before["User.csv"][1]}
    named = user_ids_named(before)
    assert sorted(listed - named) == ["HIC151U", "RRH134U"]
    assert len(named - listed) == 12
    user_exceptions = Counter(
        {("User.csv", "UserID", f"missing row {u}"): 1 for u in listed - named}
        | {("User.csv", "UserID", f"extra row {u}"): 1 for u in named - listed}
    )
    # Every other row and field comes back (the lead agency made for this test runs no project).
    assert differences(before, after) == user_exceptions
    skipped_hour = [
        r for r in before["Disabilities.csv"][1] if local_time_as_stored(r["DateUpdated"]) != r["DateUpdated"]
    ]
    assert len(skipped_hour) == 184
    upper_x = [
        r for r in before["Client.csv"][1] if r["SSN"][:5].lower() == "xxxxx" and r["SSN"][:5] != "xxxxx"
    ]
    assert len(upper_x) == 21
    assert {
        name: len(rows) for name, (_h, rows) in after.items() if name not in ("Export.csv", "User.csv")
    } == {name: len(rows) for name, (_h, rows) in before.items() if name not in ("Export.csv", "User.csv")}
