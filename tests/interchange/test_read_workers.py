"""Reading an import's large files in worker processes gives exactly what one process gives: the
same report (problems, their rows, the counts beyond the first of each kind), the same rows in
Hearth's tables; a worker that stops fails the import with nothing written.

The thresholds are lowered so that the small exports built here go to the workers.
"""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, transaction

from hearth.hud.generated.columns import FILES
from hearth.interchange import bulk, read_workers
from hearth.interchange.importer import ImportResult
from hearth.interchange.models import ImportRun, ImportStatus
from hearth.interchange.validation import PER_KIND, IssueLog, issue
from tests.interchange.test_import_minimal_export import ExportBuilder, run_import, table_counts

pytestmark = pytest.mark.django_db

ROWS = PER_KIND + 60  # more bad rows than the report lists one by one


@pytest.fixture
def in_workers(monkeypatch, settings):
    """Every file of the import is read by two worker processes."""
    settings.HEARTH_IMPORT_WORKERS = 2
    monkeypatch.setattr(read_workers, "FROM_BYTES", 0)
    monkeypatch.setattr(read_workers, "FILE_FROM_BYTES", 0)
    started = []
    real_read = read_workers.ReadWorkers.read

    def counted_read(self, member, task):
        started.append(task.path)
        real_read(self, member, task)

    monkeypatch.setattr(read_workers.ReadWorkers, "read", counted_read)
    return started


def busy_export(*, with_problems: bool) -> ExportBuilder:
    """Enrollments and exits enough to fill several blocks' worth of problems, and awkward text."""
    export = ExportBuilder()
    export.first("Organization.csv")["OrganizationName"] = 'Tab\there, back\\slash, "quoted"\nand a new line'
    for n in range(2, ROWS + 2):
        export.add("Client.csv", PersonalID=f"C{n}", FirstName=f"Name{n}", SSN=f"xxxxx{n % 10_000:04d}")
        export.add("Enrollment.csv", EnrollmentID=f"EN{n}", PersonalID=f"C{n}", HouseholdID=f"H{n}")
        export.add(
            "Exit.csv",
            ExitID=f"X{n}",
            EnrollmentID=f"EN{n}",
            PersonalID=f"C{n}",
            ExitDate="2025-04-02",
            Destination="410",
        )
        if with_problems:
            row = export.rows["Enrollment.csv"][-1]
            row["EntryDate"] = "2025-02-30" if n % 2 else "03/01/2025"  # FMT-02, rejecting
            row["LivingSituation"] = "999"  # off its list: FMT-03, tolerated
    return export


def hud_rows() -> dict[str, list[tuple]]:
    """Every row of every HUD table, ordered by key."""
    rows = {}
    for hud_file in FILES:
        model = apps.get_model(hud_file.model)
        fields = [f.attname for f in model._meta.concrete_fields]
        rows[hud_file.name] = list(model._base_manager.order_by("pk").values_list(*fields))
    return rows


def report(result: ImportResult) -> tuple:
    run = result.run
    return [str(i) for i in result.issues], run.rejecting_count, run.warning_count, run.counts, run.message


@pytest.mark.parametrize("time_zone", ["America/New_York", "America/Los_Angeles"])
def test_workers_import_the_same_rows_as_one_process(tmp_path, in_workers, settings, time_zone):
    settings.TIME_ZONE = time_zone  # workers read timestamps in the importing process's zone
    folder = busy_export(with_problems=False).write(tmp_path / "export")
    settings.HEARTH_IMPORT_WORKERS = 0
    point = transaction.savepoint_create()
    alone = run_import(folder)
    assert alone.run.status == ImportStatus.IMPORTED
    rows_alone = hud_rows()
    transaction.savepoint_rollback(point)
    assert in_workers == []

    settings.HEARTH_IMPORT_WORKERS = 2
    together = run_import(folder)

    assert len(in_workers) == len(FILES)
    assert together.run.status == ImportStatus.IMPORTED
    assert report(together) == report(alone)
    assert hud_rows() == rows_alone
    assert len(rows_alone["Enrollment.csv"]) == ROWS + 1
    organization = rows_alone["Organization.csv"][0]
    assert 'Tab\there, back\\slash, "quoted"\nand a new line' in organization


def test_workers_report_the_same_problems_as_one_process(tmp_path, in_workers, settings):
    zipped = busy_export(with_problems=True).zip(tmp_path / "export.zip")
    before = table_counts()
    settings.HEARTH_IMPORT_WORKERS = 0
    alone = run_import(zipped)
    settings.HEARTH_IMPORT_WORKERS = 2

    together = run_import(zipped)

    assert len(in_workers) == len(FILES)
    assert together.run.status == alone.run.status == ImportStatus.REJECTED
    assert report(together) == report(alone)
    assert alone.run.rejecting_count == ROWS
    assert alone.run.warning_count >= ROWS
    listed = [str(i) for i in together.issues if i.rule_id == "FMT-02"]
    assert listed[0] == (
        f"Enrollment.csv: {ROWS - PER_KIND:,} more rows with this problem in EntryDate (not listed one by one) "
        "[FMT-02]"
    )
    assert listed[1] == "Enrollment.csv row 3, EntryDate '03/01/2025': is not a date (YYYY-MM-DD) [FMT-02]"
    assert listed[2] == "Enrollment.csv row 4, EntryDate '2025-02-30': is not a date (YYYY-MM-DD) [FMT-02]"
    assert len(listed) == PER_KIND + 1
    assert table_counts() == before


def test_a_worker_that_stops_fails_the_import_and_writes_nothing(tmp_path, in_workers, monkeypatch):
    folder = busy_export(with_problems=False).write(tmp_path / "export")
    before = table_counts()
    real_read = read_workers.ReadWorkers.read

    def read_a_missing_file(self, member, task):
        if task.file_name == "Exit.csv":
            member = type(member)(
                member.path, member.file_name, member.size, member.opener, (str(tmp_path / "gone.csv"), "")
            )
        real_read(self, member, task)

    monkeypatch.setattr(read_workers.ReadWorkers, "read", read_a_missing_file)

    with pytest.raises(read_workers.ReadWorkerError, match=r"Reading Exit\.csv stopped in a worker process"):
        run_import(folder)

    assert ImportRun.objects.get().status == ImportStatus.FAILED
    assert table_counts() == before


def test_a_small_import_is_read_in_one_process(tmp_path, monkeypatch, settings):
    settings.HEARTH_IMPORT_WORKERS = 2
    folder = busy_export(with_problems=False).write(tmp_path / "export")
    started = []
    monkeypatch.setattr(read_workers.ReadWorkers, "read", lambda self, member, task: started.append(task))

    assert run_import(folder).run.status == ImportStatus.IMPORTED
    assert started == []


def test_merging_a_log_is_the_same_as_adding_its_problems():
    found = [
        issue("FMT-02", "Enrollment.csv", "is not a date", row=n, column="EntryDate", cannot_import=True)
        for n in range(2, 8)
    ]
    found += [
        issue("FMT-03", "Enrollment.csv", "off list", row=n, column="EntryDate", is_tolerated=True)
        for n in range(2, 6)
    ]
    found += [issue("FMT-08", "Exit.csv", "must be empty", row=n, column="Destination") for n in range(2, 5)]
    added, merged, other = IssueLog(per_kind=3), IssueLog(per_kind=3), IssueLog(per_kind=3)
    added.add(issue("FMT-01", "Client.csv", "has 3 values", row=2, cannot_import=True))
    merged.add(issue("FMT-01", "Client.csv", "has 3 values", row=2, cannot_import=True))

    added.extend(found)
    other.extend(found)
    merged.merge(other)

    assert merged.report() == added.report()
    assert (merged.rejecting, merged.warnings, merged.warnings_by_file) == (
        added.rejecting,
        added.warnings,
        added.warnings_by_file,
    )
    assert {k: v.count for k, v in merged.kinds.items()} == {k: v.count for k, v in added.kinds.items()}
    assert (added.rejecting, added.warnings) == (10, 4)  # FMT-08 rejects; FMT-03 here is tolerated


def test_copy_text_reads_back_as_the_values_written():
    aware = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    rows = [
        [1, "plain", dt.date(2025, 3, 1), aware, Decimal("1250.50"), None],
        [2, "tab\t back\\slash\n new line\r return \\N", None, None, Decimal("-3"), 7],
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE copy_text_check (n int, s text, d date, t timestamptz, m numeric, i int)"
        )
        with cursor.cursor.copy("COPY copy_text_check FROM STDIN") as copy:
            copy.write(bulk.copy_text(rows))
        cursor.execute("SELECT n, s, d, t, m, i FROM copy_text_check ORDER BY n")
        read_back = [list(row) for row in cursor.fetchall()]
        cursor.execute("DROP TABLE copy_text_check")

    assert read_back == rows


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("worker processes read imports on PostgreSQL only")


def test_a_zip_given_as_an_open_file_is_read_in_one_process(tmp_path, in_workers):
    zipped = busy_export(with_problems=False).zip(tmp_path / "export.zip")

    with Path(zipped).open("rb") as upload:
        result = run_import(upload)

    assert result.run.status == ImportStatus.IMPORTED
    assert in_workers == []


def test_the_lsa_kit_is_read_by_workers_so_the_kit_tests_cover_them(settings):
    from contextlib import ExitStack

    from hearth.interchange.import_exports import plan_export
    from hearth.interchange.import_files import WRITE_ORDER
    from hearth.interchange.import_progress import Progress
    from hearth.interchange.models import ImportRun
    from hearth.interchange.reader import open_source
    from tests.interchange.test_import_kit import LSA

    settings.HEARTH_IMPORT_WORKERS = 2
    with ExitStack() as stack:
        found = open_source(LSA, stack)
        progress = Progress(ImportRun(), None)
        with read_workers.for_source(
            found, models_by_file={}, log=IssueLog(), progress=progress, tally=lambda task: None
        ) as workers:
            assert workers is not None
            plan = plan_export(0, found.exports[0], IssueLog())
            taken = [name for name in WRITE_ORDER if workers.takes(plan.folder.members[name], plan)]

    assert taken == [
        "Client.csv",
        "Enrollment.csv",
        "Exit.csv",
        "HealthAndDV.csv",
        "Disabilities.csv",
        "Services.csv",
    ]
