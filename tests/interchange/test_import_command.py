"""`hearth import-csv PATH`: the counts per file, the problems, the report file, the exit status."""

import csv

import pytest
from django.core.management import CommandError, call_command

from hearth.clients.models import Client
from hearth.interchange.models import ImportRun, ImportStatus
from tests.interchange.test_import_minimal_export import ExportBuilder

pytestmark = pytest.mark.django_db


def test_an_export_imports_and_the_counts_are_printed(tmp_path, capsys):
    folder = ExportBuilder().write(tmp_path / "export")

    call_command("import_csv", str(folder), "--no-progress")

    out = capsys.readouterr().out.splitlines()
    run = ImportRun.objects.get()
    assert out[0].split() == ["File", "read", "inserted", "updated", "unchanged", "deleted", "warnings"]
    assert "Client.csv 1 1 0 0 0 0" in [" ".join(line.split()) for line in out]
    assert out[-1] == f"Import {run.pk}: Imported with 0 warning(s)."
    assert run.status == ImportStatus.IMPORTED
    assert run.username == "hearth import-csv"
    assert Client.all_objects.count() == 1


def test_a_rejected_export_exits_with_an_error_and_writes_the_report(tmp_path, capsys):
    export = ExportBuilder()
    export.first("Enrollment.csv")["EntryDate"] = "2021-13-01"
    folder = export.write(tmp_path / "export")
    report = tmp_path / "report.csv"

    with pytest.raises(CommandError) as raised:
        call_command("import_csv", str(folder), "--no-progress", "--report", str(report))

    run = ImportRun.objects.get()
    assert str(raised.value) == f"Import {run.pk} was rejected; nothing was imported."
    out = capsys.readouterr().out
    assert (
        "reject    Enrollment.csv row 2, EntryDate '2021-13-01': is not a date (YYYY-MM-DD) [FMT-02]" in out
    )
    assert f"Report: 1 problem(s) written to {report}" in out
    with report.open(encoding="utf-8", newline="") as stream:
        assert list(csv.reader(stream))[1][:6] == [
            "reject",
            "Enrollment.csv",
            "2",
            "EntryDate",
            "2021-13-01",
            "FMT-02",
        ]
    assert Client.all_objects.count() == 0


def test_strict_rejects_what_is_otherwise_tolerated(tmp_path, capsys):
    export = ExportBuilder()
    export.add("Exit.csv", ExitID="X1", ExitDate="2025-04-01", Destination="419")
    folder = export.write(tmp_path / "export")

    with pytest.raises(CommandError):
        call_command("import_csv", str(folder), "--no-progress", "--strict")
    call_command("import_csv", str(folder), "--no-progress")

    assert list(ImportRun.objects.order_by("pk").values_list("status", flat=True)) == [
        ImportStatus.REJECTED,
        ImportStatus.IMPORTED,
    ]


def test_a_path_that_does_not_exist_is_named(tmp_path):
    with pytest.raises(CommandError, match=r"^/nowhere/export\.zip does not exist\.$"):
        call_command("import_csv", "/nowhere/export.zip", "--no-progress")
    assert ImportRun.objects.count() == 0
