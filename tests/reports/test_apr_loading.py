"""Loading HMIS CSV exports for the APR-family reports: any supported version, several at once.

Several exports load side by side; a record more than one export holds (the same client in each
per-project export) is kept once, and when the copies differ the most recently updated wins.
FY2022 and FY2024 exports are read as FY2026 through hearth.interchange.versions.
"""

import csv
import zipfile
from pathlib import Path

import pytest

from hearth.interchange.versions import COLUMNS_BY_VERSION
from hearth.reports.datasets import DatasetError
from hearth.reports.hmis_programming.loading import export_version, load_exports
from tests.reports.test_apr_kit import KIT

CLIENT = {
    "PersonalID": "p1", "FirstName": "Ana", "LastName": "Ruiz", "NameDataQuality": "1",
    "SSNDataQuality": "99", "DOB": "1990-01-01", "DOBDataQuality": "1", "VeteranStatus": "0",
    "DateCreated": "2025-01-01 10:00:00", "DateUpdated": "2025-01-01 10:00:00", "UserID": "u1",
}  # fmt: skip


def write_export(folder: Path, version: str, rows: dict[str, list[dict[str, str]]], export_id: str) -> Path:
    """An export of ``version`` holding ``rows`` (file name -> rows), other files empty."""
    folder.mkdir(parents=True)
    csv_version = {"2022": "FY2022", "2024": "2024 v1.4", "2026": "2026 v1.0"}[version]
    export_row = {
        "ExportID": export_id, "SourceType": "1", "ExportDate": "2025-10-01 00:00:00",
        "ExportStartDate": "2024-10-01", "ExportEndDate": "2025-09-30", "SoftwareName": "Test",
        "CSVVersion": csv_version, "ExportPeriodType": "3", "ExportDirective": "1", "HashStatus": "1",
    }  # fmt: skip
    all_rows = {"Export.csv": [export_row], **rows}
    for file_name, columns in COLUMNS_BY_VERSION[version].items():
        with (folder / file_name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
            writer.writeheader()
            for row in all_rows.get(file_name, []):
                writer.writerow({"ExportID": export_id, **row})
    return folder


def _clients(dataset) -> list[tuple]:
    query = "SELECT PersonalID, FirstName, HispanicLatinao, Sex FROM hmis_Client ORDER BY 1"
    return dataset.connection.cursor().execute(query).fetchall()


def test_the_same_record_in_two_exports_is_kept_once_and_the_latest_copy_wins(tmp_path: Path):
    later = {**CLIENT, "FirstName": "Ana María", "DateUpdated": "2025-06-01 09:00:00"}
    other = {**CLIENT, "PersonalID": "p2"}
    first = write_export(tmp_path / "a", "2026", {"Client.csv": [CLIENT, other]}, "A")
    second = write_export(tmp_path / "b", "2026", {"Client.csv": [later, other]}, "B")

    dataset = load_exports([first, second])

    assert _clients(dataset) == [("p1", "Ana María", None, None), ("p2", "Ana", None, None)]
    assert dataset.row_counts["Client"] == 2
    assert dataset.row_counts["Export"] == 2


def test_fy2022_and_fy2024_exports_are_read_as_fy2026(tmp_path: Path):
    fy2022 = write_export(tmp_path / "old", "2022", {"Client.csv": [{**CLIENT, "Ethnicity": "1"}]}, "A")
    fy2024 = write_export(
        tmp_path / "newer",
        "2024",
        {"Client.csv": [{**CLIENT, "PersonalID": "p2", "HispanicLatinaeo": "0"}]},
        "B",
    )

    assert (export_version(fy2022), export_version(fy2024)) == ("2022", "2024")
    dataset = load_exports([fy2022, fy2024])

    assert _clients(dataset) == [("p1", "Ana", 1, None), ("p2", "Ana", 0, None)]


def test_a_zip_of_export_folders_loads_like_the_folders(tmp_path: Path):
    archive = tmp_path / "exports.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for folder in ("rrh", "rrh_2"):
            for path in (KIT / "input_hmis_csv_by_project" / folder).glob("*.csv"):
                handle.write(path, f"{folder}/{path.name}")

    dataset = load_exports([archive])

    projects = dataset.connection.cursor().execute("SELECT ProjectID FROM hmis_Project ORDER BY 1").fetchall()
    assert projects == [("808",), ("957",)]


def test_an_unsupported_version_is_named(tmp_path: Path):
    folder = tmp_path / "fy2020"
    folder.mkdir()
    (folder / "Export.csv").write_text("ExportID,CSVVersion\nA,FY2020\n", encoding="utf-8")
    (folder / "Client.csv").write_text("PersonalID\n", encoding="utf-8")

    with pytest.raises(DatasetError, match=r"CSVVersion 'FY2020': HMIS CSV FY2020 is not supported"):
        load_exports([folder])
