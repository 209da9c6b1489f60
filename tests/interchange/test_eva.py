"""HUD Eva's file-structure checks: Hearth's exports pass; each kind of broken export fires its check."""

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from hearth.access.models import Account
from hearth.interchange.eva import file_structure_checks
from hearth.interchange.export import export_hmis_csv
from tests.interchange.test_export import END, START, CoC

pytestmark = pytest.mark.django_db

Files = dict[str, str]


@pytest.fixture
def coc():
    return CoC()


@pytest.fixture
def exported(coc, tmp_path) -> Path:
    target = tmp_path / "unhashed.zip"
    export_hmis_csv(user=coc.admin, start=START, end=END, output=target)
    return target


def files_of(path: Path) -> Files:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def rezip(files: Files, path: Path, folder: str = "") -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(folder + name, text)
    return path


def broken(exported: Path, tmp_path: Path, change: Callable[[Files], None]) -> Path:
    files = files_of(exported)
    change(files)
    return rezip(files, tmp_path / "broken.zip")


def replace(files: Files, name: str, old: str, new: str, count: int = 1) -> None:
    assert old in files[name], (name, old)
    files[name] = files[name].replace(old, new, count)


def fired(path: Path, **options) -> list[tuple[int, str, str]]:
    return [(i.check_id, i.severity, i.detail) for i in file_structure_checks(path, **options)]


def test_exports_of_the_demo_continuum_pass_unhashed_and_hashed(tmp_path):
    call_command("seed_demo", "--size", "tiny", "--seed", "1", "--as-of", "2026-11-25", stdout=io.StringIO())
    admin = Account.objects.get(username="admin")  # the demo's HMIS Lead administrator
    admin.agreement_accepted_at = timezone.now()
    admin.save(update_fields=["agreement_accepted_at"])
    period = {"start": dt.date(2025, 10, 1), "end": dt.date(2026, 9, 30)}
    unhashed, hashed = tmp_path / "unhashed.zip", tmp_path / "hashed.zip"

    plain = export_hmis_csv(user=admin, output=unhashed, **period)
    export_hmis_csv(user=admin, output=hashed, hashed=True, **period)

    assert plain.row_counts["Enrollment.csv"] > 100
    assert fired(unhashed) == []
    assert fired(hashed, require_hashed=True) == []


def test_unhashed_and_hashed_exports_pass(coc, exported, tmp_path):
    assert fired(exported) == []
    hashed = tmp_path / "hashed.zip"
    export_hmis_csv(user=coc.admin, start=START, end=END, hashed=True, output=hashed)
    assert fired(hashed, require_hashed=True) == []


def test_an_unpacked_export_folder_passes(exported, tmp_path):
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(exported) as archive:
        archive.extractall(folder)
    assert fired(folder) == []


def test_issue_carries_evas_name_severity_and_guidance(exported, tmp_path):
    path = broken(exported, tmp_path, lambda f: f.pop("Inventory.csv"))
    (issue,) = file_structure_checks(path)
    assert (issue.check_id, issue.issue, issue.severity) == (
        125,
        "Missing files, possible wrong dataset",
        "High Priority",
    )
    assert issue.guidance.startswith("Your uploaded .zip file does not contain all of the required files")
    assert issue.detail == "The export is missing Inventory.csv."


def test_upload_checks(exported, tmp_path):
    not_zip = tmp_path / "export.csv"
    not_zip.write_text("ExportID\n")
    assert [i[0] for i in fired(not_zip)] == [127]
    in_folder = rezip(files_of(exported), tmp_path / "nested.zip", folder="export/")
    assert fired(in_folder) == [
        (122, "High Priority", "The files are inside the folder 'export' of the zip.")
    ]
    two_rows = broken(
        exported,
        tmp_path,
        lambda f: f.update({"Export.csv": f["Export.csv"] + f["Export.csv"].split("\n")[1] + "\n"}),
    )
    assert fired(two_rows) == [
        (140, "High Priority", "Export.csv has 2 data rows; it must have exactly one.")
    ]
    old = broken(exported, tmp_path, lambda f: replace(f, "Export.csv", '"2026 v1.0"', '"2024 v1.4"'))
    assert fired(old) == [
        (124, "High Priority", "Export.csv says CSVVersion '2024 v1.4'; an FY2026 export is expected.")
    ]
    assert fired(exported, require_hashed=True) == [
        (126, "High Priority", "Export.csv says HashStatus '1'; a SHA-256 hashed export (4) is required.")
    ]


def test_claimed_hashing_must_be_real(exported, tmp_path):
    def claim_hashed(files: Files) -> None:
        header, row = files["Export.csv"].strip().split("\n")
        files["Export.csv"] = header + "\n" + row.replace(",3,2,1,", ",3,2,4,") + "\n"

    path = broken(exported, tmp_path, claim_hashed)
    assert fired(path) == [
        (126, "High Priority", "Export.csv says HashStatus 4 but Client.csv row 2 has an unhashed FirstName.")
    ]


def test_wrong_header_fires_incorrect_columns(exported, tmp_path):
    path = broken(exported, tmp_path, lambda f: replace(f, "Enrollment.csv", "EntryDate,", "StartDate,"))
    assert fired(path) == [
        (12, "High Priority", "In the Enrollment file, the EntryDate column is missing."),
        (82, "Error", "In the Enrollment file, StartDate is an extra column."),
    ]
    renamed = broken(exported, tmp_path, lambda f: replace(f, "Exit.csv", "OtherDestination,", "OtherDest,"))
    assert fired(renamed) == [
        (82, "Error", "In the Exit file, OtherDest is an extra column."),
        (82, "Error", "In the Exit file, the OtherDestination column is missing."),
    ]


def test_bad_date_fires_incorrect_date_format(coc, exported, tmp_path):
    dob = coc.pat.dob.isoformat()
    us_style = f"{coc.pat.dob:%m/%d/%Y}"
    path = broken(exported, tmp_path, lambda f: replace(f, "Client.csv", f",{dob},", f",{us_style},"))
    assert fired(path) == [
        (
            11,
            "High Priority",
            "Please check that the DOB column in the Client file has the correct date format (1 rows).",
        )
    ]
    late = broken(exported, tmp_path, lambda f: replace(f, "Funder.csv", ",2020-01-01,", ",2020-02-30,"))
    assert fired(late) == [
        (
            11,
            "High Priority",
            "Please check that the StartDate column in the Funder file has the correct date format (1 rows).",
        )
    ]


def test_duplicate_keys_fire(exported, tmp_path):
    def twice(file_name: str) -> Callable[[Files], None]:
        def change(files: Files) -> None:
            header, first, *rest = files[file_name].split("\n")
            files[file_name] = "\n".join([header, first, first, *rest])

        return change

    enrollment_id = files_of(exported)["Enrollment.csv"].split("\n")[1].split(",")[0].strip('"')
    assert fired(broken(exported, tmp_path, twice("Enrollment.csv"))) == [
        (8, "High Priority", f"There are 2 duplicates for EnrollmentID {enrollment_id}.")
    ]
    personal_id = files_of(exported)["Client.csv"].split("\n")[1].split(",")[0].strip('"')
    assert fired(broken(exported, tmp_path, twice("Client.csv"))) == [
        (7, "High Priority", f"There are 2 duplicates for PersonalID {personal_id}.")
    ]


def test_references_households_and_brackets(exported, tmp_path):
    def change(files: Files) -> None:
        replace(files, "Enrollment.csv", '"C-STREET","P-OUTREACH"', '"C-NOBODY","P-NOWHERE"')
        replace(files, "Enrollment.csv", '"H-E-STREET"', '"H-E-ACTIVE"')
        replace(files, "Organization.csv", '"ORG-O",', '"ORG-O <main>",')

    path = broken(exported, tmp_path, change)
    lines = files_of(path)["Organization.csv"].split("\n")
    row = next(number for number, text in enumerate(lines, start=1) if text.startswith('"ORG-O <main>"'))
    assert fired(path) == [
        (9, "High Priority", "PersonalID C-NOBODY is in the Enrollment file but not in the Client file."),
        (10, "High Priority", "ProjectID P-NOWHERE is in the Enrollment file but not in the Project file."),
        (98, "High Priority", "HouseholdID H-E-ACTIVE is reused across 2 projects."),
        (
            134,
            "Error",
            f"Found one or more of < > [ ] {{ }} in the Organization file (row {row}, OrganizationID).",
        ),
    ]


def test_required_value_missing_and_wrong_types(exported, tmp_path):
    def change(files: Files) -> None:
        header, row, *rest = files["Project.csv"].split("\n")
        cells = row.split(",")
        names = header.split(",")
        cells[names.index("OperatingStartDate")] = ""
        cells[names.index("PITCount")] = "many"
        files["Project.csv"] = "\n".join([header, ",".join(cells), *rest])

    path = broken(exported, tmp_path, change)
    assert fired(path) == [
        (
            6,
            "High Priority",
            "The OperatingStartDate column in the Project file contains nulls or incorrect data types. "
            "See rows: 2.",
        ),
        (
            48,
            "Error",
            "In the Project file, the PITCount column should have a data type of integer (1 rows).",
        ),
    ]


def test_invalid_codes_and_export_id(exported, tmp_path):
    def change(files: Files) -> None:
        header, row, *rest = files["Enrollment.csv"].split("\n")
        names, cells = header.split(","), row.split(",")
        for name, value in {
            "DisablingCondition": "7",
            "LivingSituation": "16",
            "RelationshipToHoH": "6",
        }.items():
            cells[names.index(name)] = value
        cells[names.index("ExportID")] = '"OTHER"'
        files["Enrollment.csv"] = "\n".join([header, ",".join(cells), *rest])
        header, row, *rest = files["Client.csv"].split("\n")
        names, cells = header.split(","), row.split(",")
        cells[names.index("VeteranStatus")] = "3"
        files["Client.csv"] = "\n".join([header, ",".join(cells), *rest])

    path = broken(exported, tmp_path, change)
    enrollment_id = files_of(exported)["Enrollment.csv"].split("\n")[1].split(",")[0].strip('"')
    export_id = files_of(exported)["Export.csv"].split("\n")[1].split(",")[0].strip('"')
    assert fired(path) == [
        (
            49,
            "Error",
            f"The Export file says the ExportID is {export_id} but in your Enrollment file, it is OTHER.",
        ),
        (50, "Error", "VeteranStatus has 1 rows with invalid values."),
        (51, "Error", f"EnrollmentID {enrollment_id} has a DisablingCondition of 7, which is not valid."),
        (52, "Error", f"EnrollmentID {enrollment_id} has a LivingSituation of 16, which is not valid."),
        (53, "Error", f"EnrollmentID {enrollment_id} has a RelationshipToHoH of 6, which is not valid."),
    ]


def test_empty_enrollment_file_fires(exported, tmp_path):
    path = broken(
        exported, tmp_path, lambda f: f.update({"Enrollment.csv": f["Enrollment.csv"].split("\n")[0] + "\n"})
    )
    issues = fired(path)
    assert (101, "High Priority", "There are 0 enrollment records in the Enrollment.csv file.") in issues


def test_fy2026_lsa_sample_shows_its_known_data_problems(tmp_path):
    """HUD's LSA sample: 24 Export rows (the history of its exports); with the last one only,
    destinations that are subsidy codes and the header spelling HoHLeaseholder remain."""
    kit = Path(settings.HUD_SPEC_DIR).parent / "kits" / "lsa-fy2026-sample" / "input_hmis_csv"
    assert fired(kit) == [(140, "High Priority", "Export.csv has 24 data rows; it must have exactly one.")]
    folder = tmp_path / "lsa"
    folder.mkdir()
    for path in kit.glob("*.csv"):
        (folder / path.name).symlink_to(path)
    (folder / "Export.csv").unlink()
    header, *rows = (kit / "Export.csv").read_text(encoding="utf-8").strip().split("\n")
    (folder / "Export.csv").write_text(header + "\n" + rows[-1] + "\n", encoding="utf-8")
    issues = fired(folder)
    assert sorted({(i[0], i[1]) for i in issues}) == [(54, "Error"), (82, "Error")]
    assert sorted(i[2] for i in issues if i[0] == 54)[:1] == [
        "EnrollmentID PSH18028661 has a Destination value of 419, which is not valid."
    ]
    assert [i[2] for i in issues if i[0] == 82] == [
        "In the Enrollment file, HoHLeaseholder is an extra column.",
        "In the Enrollment file, the HOHLeaseholder column is missing.",
    ]
