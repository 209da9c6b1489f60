"""Hashed exports (HashStatus 4, SHA-256): hashes go to a side table, the client keeps the SSN's last
four digits, and the run and Export row say the export was hashed (docs/adr/0001-hashed-exports.md)."""

import hashlib

import pytest

from hearth.clients.models import Client
from hearth.interchange.models import Export, HashedClientIdentifiers, ImportStatus
from tests.interchange.test_import_minimal_export import ExportBuilder, lines, run_import, table_counts

pytestmark = pytest.mark.django_db


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def hashed_export() -> ExportBuilder:
    export = ExportBuilder()
    export.first("Export.csv")["HashStatus"] = "4"
    export.first("Client.csv").update(
        FirstName=sha256("A500"),  # SOUNDEX of "Ana"
        LastName=sha256("R200"),  # SOUNDEX of "Ruiz"
        SSN="6789" + sha256("123456789"),
        SSNDataQuality="1",
    )
    return export


def test_a_hashed_export_keeps_its_hashes_apart_from_the_names(tmp_path):
    result = run_import(hashed_export().write(tmp_path / "export"))

    assert lines(result) == []
    client = Client.all_objects.get()
    assert (client.first_name, client.middle_name, client.last_name, client.ssn) == (
        None,
        None,
        None,
        "xxxxx6789",
    )
    assert client.ssn_data_quality == 1
    hashed = HashedClientIdentifiers.objects.get()
    assert (hashed.client_id, hashed.hash_status, hashed.export_id) == ("C1", 4, "E1")
    assert (hashed.first_name, hashed.middle_name, hashed.last_name) == (sha256("A500"), None, sha256("R200"))
    assert hashed.ssn == "6789" + sha256("123456789")
    assert (result.run.hash_status, result.run.is_hashed) == (4, True)
    assert Export.objects.get().hash_status == 4


def test_a_hash_of_the_wrong_length_rejects(tmp_path):
    export = hashed_export()
    export.first("Client.csv")["FirstName"] = "Ana"
    before = table_counts()

    result = run_import(export.write(tmp_path / "export"))

    assert lines(result) == [
        "Client.csv row 2, FirstName 'Ana': is not a hashed name (64 characters) as HashStatus says [FMT-16]"
    ]
    assert table_counts() == before


def test_an_unhashed_name_longer_than_50_is_not_taken_for_a_hash(tmp_path):
    export = ExportBuilder()
    export.first("Client.csv")["FirstName"] = sha256("A500")

    result = run_import(export.write(tmp_path / "export"))

    assert result.run.status == ImportStatus.REJECTED
    assert lines(result) == [
        f"Client.csv row 2, FirstName '{sha256('A500')}': is 64 characters long; at most 50 are allowed "
        "[FMT-05]"
    ]


def test_hash_status_3_is_refused_with_the_reason(tmp_path):
    export = ExportBuilder()
    export.first("Export.csv")["HashStatus"] = "3"

    result = run_import(export.write(tmp_path / "export"))

    assert lines(result) == [
        "Export.csv row 2, HashStatus '3': says HashStatus 3 (hashed by another method): Hearth imports "
        "unhashed exports and HUD's SHA-256 (4) or SHA-1 (2) hashes, whose form it can check; ask for one "
        "of those [FMT-16]"
    ]
    assert result.run.status == ImportStatus.REJECTED
