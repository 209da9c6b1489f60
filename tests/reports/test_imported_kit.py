"""The LSA of the kit imported into Hearth's database equals the LSA of the kit's CSV files."""

import datetime
import io
import zipfile

import pytest

from hearth.access.audit import Actor
from hearth.reports.datasets import csv_dataset
from hearth.reports.lsa.report import run_lsa, upload_zip
from hearth.reports.runs import run_lsa as run_lsa_on_database
from tests.reports.conftest import KIT_INPUT, KIT_PARAMETERS

importer = pytest.importorskip("hearth.interchange.importer", reason="the HMIS CSV importer has not landed")

pytestmark = pytest.mark.django_db(transaction=True)


def _files(upload: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(upload)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def test_the_imported_kit_gives_the_identical_zip():
    assert KIT_PARAMETERS.report_date == datetime.datetime(2026, 8, 1, 12, 23, 30)
    result = importer.import_hmis_csv(KIT_INPUT, actor=Actor.system("lsa-test"))
    assert result.is_imported
    from_csv = upload_zip(run_lsa(csv_dataset(KIT_INPUT), KIT_PARAMETERS))
    _run, from_database = run_lsa_on_database(parameters=KIT_PARAMETERS)
    csv_files, database_files = _files(from_csv), _files(from_database)
    differing = [name for name in csv_files if csv_files[name] != database_files[name]]
    identical = len(csv_files) - len(differing)
    print(f"imported kit: {identical} of {len(csv_files)} files identical; differ: {differing}")
    assert differing == []
    assert from_database == from_csv
