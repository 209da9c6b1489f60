"""Datasets: HMIS CSV folders and zips read with the specification's column types."""

import shutil
import zipfile

import pytest

from hearth.reports.datasets import DatasetError, csv_dataset
from tests.reports.conftest import KIT_INPUT


def test_a_folder_loads_every_file_with_hud_column_names_and_types():
    dataset = csv_dataset(KIT_INPUT)
    try:
        assert dataset.row_counts["Client"] == 10606
        assert dataset.row_counts["Enrollment"] == 16494
        assert dataset.row_counts["Exit"] == 14627
        types = dict(
            dataset.connection.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = 'hmis_Enrollment'"
            ).fetchall()
        )
        assert types["EntryDate"] == "DATE"
        assert types["RelationshipToHoH"] == "INTEGER"
        assert types["DateCreated"] == "TIMESTAMP"
        assert types["EnrollmentCoC"] == "VARCHAR"
    finally:
        dataset.close()


def test_a_zip_loads_like_its_folder(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in KIT_INPUT.glob("*.csv"):
            handle.write(path, f"export/{path.name}")
    dataset = csv_dataset(archive)
    try:
        assert dataset.row_counts["Services"] == 19012
        assert dataset.source == str(archive)
    finally:
        dataset.close()


def test_a_missing_file_is_named(tmp_path):
    folder = tmp_path / "export"
    shutil.copytree(KIT_INPUT, folder)
    (folder / "Exit.csv").unlink()
    with pytest.raises(DatasetError, match=r"lacks Exit\.csv"):
        csv_dataset(folder)


def test_a_wrong_header_is_named(tmp_path):
    folder = tmp_path / "export"
    shutil.copytree(KIT_INPUT, folder)
    lines = (folder / "Project.csv").read_text().splitlines()
    (folder / "Project.csv").write_text("\n".join([lines[0].replace("ProjectType", "ProjType"), *lines[1:]]))
    with pytest.raises(DatasetError, match=r"Project\.csv: the header .* \(missing ProjectType\)"):
        csv_dataset(folder)


def test_a_value_of_the_wrong_type_is_named(tmp_path):
    folder = tmp_path / "export"
    shutil.copytree(KIT_INPUT, folder)
    lines = (folder / "Organization.csv").read_text().splitlines()
    (folder / "Organization.csv").write_text(
        "\n".join([lines[0], lines[1].replace(",0,", ",no,", 1), *lines[2:]])
    )
    with pytest.raises(DatasetError, match=r"^Organization\.csv: "):
        csv_dataset(folder)


def test_a_path_that_is_not_an_export_is_named(tmp_path):
    with pytest.raises(DatasetError, match="does not exist"):
        csv_dataset(tmp_path / "nothing")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(DatasetError, match="neither a folder of HMIS CSV files nor a zip"):
        csv_dataset(text)
