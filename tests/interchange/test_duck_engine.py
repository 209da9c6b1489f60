"""An import into an empty Hearth staged in DuckDB (duck_engine) gives exactly what the PostgreSQL
staging gives: the same report (problems, rows, counts beyond the first of each kind), the same
counts per file, the same rows in every table the import writes; nothing written when it rejects.

Each case imports the same source twice into the empty test database, rolled back in between:
once with ``HEARTH_IMPORT_DUCKDB = "never"``, once with ``"always"``.
"""

import datetime as dt
import shutil
import threading
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from django.db import connection, transaction

from hearth.access.models import Account
from hearth.clients import ssn as client_ssn
from hearth.clients.models import ClientSearchKey, SocialSecurityNumber
from hearth.enrollments.models import Enrollment, Exit
from hearth.interchange import duck_engine, duck_rows, duck_stage, duck_write
from hearth.interchange.importer import ImportResult
from hearth.interchange.models import HashedClientIdentifiers, ImportRun, ImportStatus
from tests.interchange.test_import_hashed import hashed_export
from tests.interchange.test_import_kit import DATA_LAB, LSA
from tests.interchange.test_import_minimal_export import ExportBuilder, run_import, table_counts
from tests.interchange.test_read_workers import busy_export, hud_rows, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def read_in_duck(monkeypatch):
    """The files DuckDB read whole (the others were read in Python)."""
    read = []
    real = duck_rows.stage_clean_file

    def spied(con, path, task, model):
        rows = real(con, path, task, model)
        if rows is not None:
            read.append(task.path)
        return rows

    monkeypatch.setattr(duck_rows, "stage_clean_file", spied)
    return read


@pytest.fixture
def copied_as_files(monkeypatch):
    """The files duck_write copied as they are (the others' rows went from DuckDB as Arrow batches)."""
    copied = []
    real = duck_write.EmptyHearthWriter.copy_file

    def spied(writer, file):
        if real(writer, file):
            copied.append(file.name)
            return True
        return False

    monkeypatch.setattr(duck_write.EmptyHearthWriter, "copy_file", spied)
    return copied


def written() -> dict[str, list[tuple]]:
    """Every row the import writes: HUD tables, hashed identifiers, the clients' full SSNs and their
    search keys (computed from DuckDB's stage on one side, from the written clients on the other)."""
    rows = hud_rows()
    rows["hashed"] = list(
        HashedClientIdentifiers.objects.order_by("client_id").values_list(
            "client_id", "hash_status", "first_name", "middle_name", "last_name", "ssn", "date_updated"
        )
    )
    rows["ssn"] = sorted(
        (s.client_id, client_ssn.decrypt(s.ciphertext)) for s in SocialSecurityNumber.objects.all()
    )
    rows["search keys"] = sorted(ClientSearchKey.objects.values_list("client_id", "key"))
    return rows


def both_ways(settings, source: Path) -> tuple[ImportResult, dict, ImportResult, dict]:
    settings.HEARTH_IMPORT_DUCKDB = "never"
    point = transaction.savepoint_create()
    in_postgres = run_import(source)
    rows_postgres = written()
    transaction.savepoint_rollback(point)
    assert table_counts() == dict.fromkeys(table_counts(), 0)
    settings.HEARTH_IMPORT_DUCKDB = "always"
    in_duck = run_import(source)
    return in_postgres, rows_postgres, in_duck, written()


def test_a_clean_export_read_in_duckdb_imports_the_same_rows(tmp_path, settings, read_in_duck):
    folder = busy_export(with_problems=False).write(tmp_path / "export")

    in_postgres, rows_postgres, in_duck, rows_duck = both_ways(settings, folder)

    assert in_duck.run.status == in_postgres.run.status == ImportStatus.IMPORTED
    assert report(in_duck) == report(in_postgres)
    assert rows_duck == rows_postgres
    assert {"Client.csv", "Enrollment.csv", "Exit.csv", "Services.csv"} <= set(read_in_duck)
    assert rows_duck["search keys"]  # the comparison is over real keys


def awkward_clean_export(folder: Path) -> Path:
    """A clean export whose files DuckDB reads whole, with what a COPY of the files must read as
    the staging does: a time the clocks skip (Exit.csv), a time that comes twice (Enrollment.csv),
    a quoted empty string (Exit.csv), amounts (IncomeBenefits.csv), a byte order mark (Project.csv),
    LF line endings (Exit.csv) beside CRLF (the others)."""
    export = busy_export(with_problems=False)
    export.first("Exit.csv").update(
        DateCreated="2024-03-10 02:30:00", DateUpdated="2024-03-10 02:30:00"
    )  # X2
    export.rows["Exit.csv"][1]["OtherDestination"] = "quoted empty"
    export.first("Enrollment.csv").update(DateCreated="2024-11-03 01:30:00")  # EN1
    export.add("IncomeBenefits.csv", IncomeFromAnySource="1", Earned="1", EarnedAmount="1234.5")
    export.first("IncomeBenefits.csv")["TotalMonthlyIncome"] = "1234.50"
    export.write(folder)
    exits = (folder / "Exit.csv").read_bytes()
    assert exits.count(b'"quoted empty"') == 1
    (folder / "Exit.csv").write_bytes(exits.replace(b'"quoted empty"', b'""').replace(b"\r\n", b"\n"))
    (folder / "Project.csv").write_bytes(b"\xef\xbb\xbf" + (folder / "Project.csv").read_bytes())
    return folder


@pytest.mark.parametrize("packed", ["folder", "zip"])
def test_clean_files_copied_as_they_are_write_the_same_rows(
    packed, tmp_path, settings, read_in_duck, copied_as_files
):
    settings.TIME_ZONE = "America/New_York"
    source = awkward_clean_export(tmp_path / "export")
    if packed == "zip":
        source = shutil.make_archive(str(tmp_path / "export"), "zip", source)

    in_postgres, rows_postgres, in_duck, rows_duck = both_ways(settings, Path(source))

    assert in_duck.run.status == in_postgres.run.status == ImportStatus.IMPORTED
    assert report(in_duck) == report(in_postgres)
    assert rows_duck == rows_postgres
    assert {"Enrollment.csv", "Exit.csv", "Project.csv", "IncomeBenefits.csv"} <= {
        name.rsplit("/", 1)[-1] for name in read_in_duck
    }
    # Enrollment.csv's 01:30 comes twice on 2024-11-03: PostgreSQL would read the second instant.
    assert {"Exit.csv", "Project.csv", "IncomeBenefits.csv"} <= set(copied_as_files)
    assert not {"Enrollment.csv", "Client.csv", "User.csv", "Export.csv"} & set(copied_as_files)
    first_exit = Exit.objects.get(pk="X2")
    assert first_exit.date_created == dt.datetime(2024, 3, 10, 7, 30, tzinfo=dt.UTC)
    assert Exit.objects.filter(other_destination__isnull=True).count() == Exit.objects.count()
    first_enrollment = Enrollment.objects.get(pk="EN1")
    assert first_enrollment.date_created == dt.datetime(2024, 11, 3, 5, 30, tzinfo=dt.UTC)
    (income,) = rows_duck["IncomeBenefits.csv"]
    assert Decimal("1234.50") in income
    with connection.cursor() as cursor:  # the session's zone is Django's again
        cursor.execute("SELECT current_setting('TimeZone')")
        assert cursor.fetchone() == ("UTC",)


def test_a_zip_with_problems_rejects_the_same_and_writes_nothing(tmp_path, settings):
    zipped = busy_export(with_problems=True).zip(tmp_path / "export.zip")

    in_postgres, _rows_postgres, in_duck, _rows_duck = both_ways(settings, zipped)

    assert in_duck.run.status == in_postgres.run.status == ImportStatus.REJECTED
    assert report(in_duck) == report(in_postgres)
    assert in_duck.run.rejecting_count > 0
    assert table_counts() == dict.fromkeys(table_counts(), 0)


def test_a_rejection_the_checks_find_rolls_back_files_copied_while_reading(
    tmp_path, settings, read_in_duck, copied_as_files
):
    export = busy_export(with_problems=False)
    first_exit = export.first("Exit.csv")
    export.add("Exit.csv", **{**first_exit, "ExitID": "X-again"})  # REF-08: two exits of one enrollment
    folder = export.write(tmp_path / "export")

    in_postgres, _rows_postgres, in_duck, _rows_duck = both_ways(settings, folder)

    assert in_duck.run.status == in_postgres.run.status == ImportStatus.REJECTED
    assert report(in_duck) == report(in_postgres)
    assert any(i.rule_id == "REF-08" for i in in_duck.issues)
    assert {"Exit.csv", "Services.csv"} <= set(copied_as_files)  # written before the checks ran
    assert table_counts() == dict.fromkeys(table_counts(), 0)


def test_a_file_postgresql_refuses_while_reading_is_left_to_the_checks(
    tmp_path, settings, read_in_duck, copied_as_files
):
    export = busy_export(with_problems=False)
    export.add("Exit.csv", **export.first("Exit.csv"))  # its ExitID twice
    folder = export.write(tmp_path / "export")

    in_postgres, _rows_postgres, in_duck, _rows_duck = both_ways(settings, folder)

    assert in_duck.run.status == in_postgres.run.status == ImportStatus.REJECTED
    assert report(in_duck) == report(in_postgres)
    assert "Exit.csv" in read_in_duck  # each row clean on its own: read whole by DuckDB
    assert "Exit.csv" not in copied_as_files  # refused by its primary key, rolled back alone
    assert "Enrollment.csv" in copied_as_files
    assert table_counts() == dict.fromkeys(table_counts(), 0)


@pytest.mark.parametrize("failing_side", ["writing", "reading"])
def test_an_error_on_either_side_stops_both_and_writes_nothing(failing_side, tmp_path, settings, monkeypatch):
    settings.HEARTH_IMPORT_DUCKDB = "always"
    folder = busy_export(with_problems=False).write(tmp_path / "export")
    real_copy, real_stage = duck_write.EmptyHearthWriter.copy_file, duck_rows.stage_clean_file
    calls = []

    def copy_then_fail(writer, file):
        calls.append(file.name)
        if file.name == "Exit.csv":
            raise RuntimeError("the disk is full")
        return real_copy(writer, file)

    def stage_then_fail(con, path, task, model):
        if task.file_name == "Exit.csv":
            raise RuntimeError("the disk is full")
        return real_stage(con, path, task, model)

    if failing_side == "writing":
        monkeypatch.setattr(duck_write.EmptyHearthWriter, "copy_file", copy_then_fail)
    else:
        monkeypatch.setattr(duck_rows, "stage_clean_file", stage_then_fail)

    with pytest.raises(RuntimeError, match="the disk is full"):
        run_import(folder)

    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED
    assert table_counts() == dict.fromkeys(table_counts(), 0)
    assert not [t for t in threading.enumerate() if t.name.endswith(" reading")]
    if failing_side == "writing":
        assert "Enrollment.csv" in calls  # files before it were written, and rolled back


def test_tolerated_problems_are_imported_and_listed_the_same(tmp_path, settings, read_in_duck):
    export = busy_export(with_problems=False)
    for row in export.rows["Enrollment.csv"][::7]:
        row["LivingSituation"] = "999"  # off its list: FMT-03, tolerated
    export.add("Services.csv", ServicesID="S-unknown-user", UserID="nobody")  # REF-04, a user added
    folder = export.write(tmp_path / "export")

    in_postgres, rows_postgres, in_duck, rows_duck = both_ways(settings, folder)

    assert in_duck.run.status == in_postgres.run.status == ImportStatus.IMPORTED
    assert in_duck.run.warning_count > 0
    assert report(in_duck) == report(in_postgres)
    assert rows_duck == rows_postgres
    assert "Enrollment.csv" not in read_in_duck  # read in Python, to name its problems
    assert "Exit.csv" in read_in_duck


def test_a_hashed_export_keeps_its_hashes_the_same(tmp_path, settings):
    folder = hashed_export().write(tmp_path / "export")

    in_postgres, rows_postgres, in_duck, rows_duck = both_ways(settings, folder)

    assert in_duck.run.status == in_postgres.run.status == ImportStatus.IMPORTED
    assert report(in_duck) == report(in_postgres)
    assert rows_duck == rows_postgres
    assert len(rows_duck["hashed"]) == 1


def test_soft_deleted_rows_and_full_ssns_are_written_the_same(tmp_path, settings):
    export = ExportBuilder()
    export.first("Client.csv").update(SSN="123456789", SSNDataQuality="1")
    export.add("Client.csv", PersonalID="C-gone", DateDeleted="2025-04-01 10:00:00")
    folder = export.write(tmp_path / "export")

    in_postgres, rows_postgres, in_duck, rows_duck = both_ways(settings, folder)

    assert report(in_duck) == report(in_postgres)
    assert in_duck.run.counts == in_postgres.run.counts
    assert rows_duck == rows_postgres
    assert len(rows_duck["ssn"]) == 1


def test_the_lsa_sample_imports_the_same(settings, read_in_duck, copied_as_files):
    in_postgres, rows_postgres, in_duck, rows_duck = both_ways(settings, LSA)

    assert in_duck.run.status == ImportStatus.IMPORTED
    assert report(in_duck) == report(in_postgres)
    assert rows_duck == rows_postgres
    # Enrollment.csv has problems to name (FMT-01 HoHLeaseholder's spelling, HH-03): read in Python
    assert {"Services.csv", "Disabilities.csv", "IncomeBenefits.csv"} <= set(read_in_duck)
    assert "Enrollment.csv" not in read_in_duck
    assert {"Services.csv", "Disabilities.csv", "IncomeBenefits.csv"} <= set(copied_as_files)


def test_the_fy2022_data_lab_exports_import_the_same(settings):
    in_postgres, rows_postgres, in_duck, rows_duck = both_ways(settings, DATA_LAB)

    assert in_duck.run.status == ImportStatus.IMPORTED
    assert report(in_duck) == report(in_postgres)
    assert rows_duck == rows_postgres


def test_auto_stages_in_duckdb_only_a_large_import_into_an_empty_hearth(tmp_path, settings, monkeypatch):
    opened = []
    real = duck_stage.opened

    def spied():
        opened.append(True)
        return real()

    monkeypatch.setattr(duck_stage, "opened", spied)
    settings.HEARTH_IMPORT_DUCKDB = "auto"
    folder = ExportBuilder().write(tmp_path / "export")
    point = transaction.savepoint_create()
    assert run_import(folder).run.status == ImportStatus.IMPORTED
    assert opened == []  # small: PostgreSQL
    transaction.savepoint_rollback(point)
    monkeypatch.setattr(duck_engine, "FROM_BYTES", 1)

    assert run_import(folder).run.status == ImportStatus.IMPORTED
    assert opened == [True]  # an empty Hearth: DuckDB
    assert run_import(folder).run.status == ImportStatus.IMPORTED
    assert opened == [True]  # Hearth holds records now: PostgreSQL


def test_an_import_finding_hearth_no_longer_empty_at_its_turn_is_staged_in_postgresql(
    tmp_path, settings, monkeypatch, read_in_duck
):
    settings.HEARTH_IMPORT_DUCKDB = "always"
    folder = busy_export(with_problems=False).write(tmp_path / "export")
    answers = iter([True, False])  # empty when chosen; another import wrote before this one's turn
    monkeypatch.setattr(duck_engine, "hearth_is_empty", lambda models: next(answers))

    result = run_import(folder)

    assert result.run.status == ImportStatus.IMPORTED
    assert read_in_duck == []  # read in Python, staged in PostgreSQL
    assert table_counts()["Client.csv"] > 0


def test_the_setting_must_name_a_known_choice(settings):
    settings.HEARTH_IMPORT_DUCKDB = "sometimes"
    with pytest.raises(ValueError, match="HEARTH_IMPORT_DUCKDB is 'sometimes'"):
        duck_engine.setting()


@pytest.mark.django_db(transaction=True)
def test_other_sessions_see_progress_and_read_accounts_while_the_import_writes(
    tmp_path, settings, monkeypatch
):
    """The reading thread stores progress through a connection of its own; the transaction that
    copies files meanwhile leaves the accounts' table (every page reads it) unlocked.  (The HUD
    tables themselves are locked until it commits.)"""
    settings.HEARTH_IMPORT_DUCKDB = "always"
    Account.objects.create_user(username="signed-in-meanwhile")
    export = busy_export(with_problems=False)
    folder = export.write(tmp_path / "export")
    seen = []
    real = duck_write.EmptyHearthWriter.copy_file

    def copy_and_look(writer, file):
        copied = real(writer, file)
        params = connection.settings_dict
        with psycopg.connect(
            dbname=params["NAME"], user=params["USER"], host=params["HOST"], port=params["PORT"] or None
        ) as other:
            other.execute("SET lock_timeout TO '2s'")
            progress, phase = other.execute(
                "SELECT progress, phase FROM interchange_importrun ORDER BY id DESC LIMIT 1"
            ).fetchone()
            (accounts,) = other.execute("SELECT count(*) FROM access_account").fetchone()
        seen.append((file.name, progress, phase, accounts))
        return copied

    monkeypatch.setattr(duck_write.EmptyHearthWriter, "copy_file", copy_and_look)

    result = run_import(folder)

    assert result.run.status == ImportStatus.IMPORTED
    exits = [look for look in seen if look[0] == "Exit.csv"]
    assert exits, seen
    _name, progress, phase, accounts = exits[0]
    assert progress > 0
    assert phase.startswith(("Reading", "Checking", "Writing"))
    assert accounts == 1  # read, not kept waiting (a lock would time out)
    assert Exit.objects.count() == len(export.rows["Exit.csv"])
