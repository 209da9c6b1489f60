"""duck_rows stages a clean file in DuckDB exactly as the Python reading would, and nothing else.

Every file is read both ways: DuckDB (``stage_clean_file``) and Python (``import_files.opened`` and
``staged_rows``, written with ``stage_rows`` into a DuckDB of its own).  Where DuckDB stages a file,
Python reports nothing about it and makes the same rows; where Python reports anything, DuckDB
stages nothing.
"""

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from hearth.access.models import Account
from hearth.hud.generated.columns import FILES
from hearth.interchange import duck_rows, duck_stage, import_files, staging
from hearth.interchange.export import export_hmis_csv
from hearth.interchange.import_files import FileTask, Tally
from hearth.interchange.reader import CsvMember
from hearth.interchange.validation import IssueLog

KIT = Path(settings.HUD_SPEC_DIR).parent / "kits" / "lsa-fy2026-sample" / "input_hmis_csv"
KIT_EXPORT_ID = "LSAv8TestAug011223"  # the ExportID of the sample's data files
# Files of the sample that Python reads without a single finding: DuckDB must stage them.
KIT_CLEAN = {
    "Organization.csv",
    "User.csv",
    "Project.csv",
    "Funder.csv",
    "ProjectCoC.csv",
    "Inventory.csv",
    "HMISParticipation.csv",
    "CEParticipation.csv",
    "HealthAndDV.csv",
    "Disabilities.csv",
    "Services.csv",
    "Assessment.csv",
    "AssessmentQuestions.csv",
    "AssessmentResults.csv",
}
# Findings Python reports in the sample: the history rows of Export.csv (FMT-12), DT-07 in
# Client.csv, the HoHLeaseholder spelling (FMT-01) and HH-03 in Enrollment.csv, FMT-03 in Exit.csv.
KIT_NOT_CLEAN = {"Export.csv", "Client.csv", "Enrollment.csv", "Exit.csv"}
ORDINAL = 3


def model_of(file_name: str) -> Any:
    return apps.get_model(next(f.model for f in FILES if f.name == file_name))


def task_of(file_name: str, export_id: str | None, hash_status: int = 1) -> FileTask:
    return FileTask(file_name, file_name, 1, export_id, hash_status, ORDINAL)


def stage_table_rows(con: Any, model: Any) -> list[tuple[Any, ...]]:
    table = staging.stage_table(model)
    return con.execute(f'SELECT * FROM "{table}" ORDER BY stage_seq').fetchall()  # noqa: S608 - a model's table


def read_with_duckdb(path: Path, task: FileTask) -> tuple[int | None, list[tuple[Any, ...]]]:
    model = model_of(task.file_name)
    with duck_stage.opened() as con:
        duck_stage.create_stage(con, model)
        count = duck_rows.stage_clean_file(con, str(path), task, model)
        return count, stage_table_rows(con, model)


def read_with_python(path: Path, task: FileTask) -> tuple[int, list[tuple[Any, ...]]]:
    """(number of findings, staged rows) of the Python reading."""
    model = model_of(task.file_name)
    log = IssueLog()
    member = CsvMember(task.path, task.file_name, path.stat().st_size, lambda: path.open("rb"))
    with import_files.opened(member, task, log) as opened:
        staged = (
            [] if opened is None else list(import_files.staged_rows(task, opened[1], opened[0], log, Tally()))
        )
    with duck_stage.opened() as con:
        duck_stage.create_stage(con, model)
        assert duck_rows.stage_rows(con, model, staged) == len(staged)
        rows = stage_table_rows(con, model)
    return sum(kind.count for kind in log.kinds.values()), rows


def assert_same_reading(path: Path, task: FileTask) -> int | None:
    """Both readings of one file agree (module docstring); returns DuckDB's count."""
    count, duck = read_with_duckdb(path, task)
    findings, python = read_with_python(path, task)
    if count is None:
        assert duck == []
    else:
        assert findings == 0, f"{path.name}: DuckDB staged a file Python reports {findings} findings in"
        assert count == len(python)
        assert duck == python
    if findings:
        assert count is None
    return count


@pytest.mark.parametrize("file_name", sorted(f.name for f in FILES))
def test_every_file_of_the_lsa_sample_reads_the_same(file_name):
    count = assert_same_reading(KIT / file_name, task_of(file_name, KIT_EXPORT_ID))

    if file_name in KIT_CLEAN:
        assert count
    if file_name in KIT_NOT_CLEAN:
        assert count is None


def test_the_sample_services_are_numbered_as_python_numbers_them():
    count, rows = read_with_duckdb(KIT / "Services.csv", task_of("Services.csv", KIT_EXPORT_ID))

    first_seq = ORDINAL << import_files.SEQ_BITS
    assert count == 19012
    assert [row[:3] for row in rows[:2]] == [(first_seq + 1, 1, 2), (first_seq + 2, 1, 3)]
    assert rows[0][3] == "SV123456"


def test_a_hashed_client_file_is_left_to_python():
    assert read_with_duckdb(KIT / "Client.csv", task_of("Client.csv", KIT_EXPORT_ID, hash_status=4)) == (
        None,
        [],
    )


def test_another_exports_id_is_left_to_python():
    task = task_of("Services.csv", "another export")

    assert assert_same_reading(KIT / "Services.csv", task) is None


# --- the demo Continuum's own export ------------------------------------------------------------


@pytest.fixture
def demo_export(db, tmp_path) -> Path:
    """The tiny demo Continuum seeded in the test's transaction (rolled back after it) and exported."""
    folder = tmp_path / "demo-export"
    folder.mkdir()
    call_command("seed_demo", "--size", "tiny", "--seed", "1", "--as-of", "2026-11-25", stdout=io.StringIO())
    admin = Account.objects.get(username="admin")  # the demo's HMIS Lead administrator
    admin.agreement_accepted_at = timezone.now()
    admin.save(update_fields=["agreement_accepted_at"])
    export_hmis_csv(
        user=admin, output=folder / "export.zip", start=dt.date(2025, 10, 1), end=dt.date(2026, 9, 30)
    )
    with zipfile.ZipFile(folder / "export.zip") as archive:
        archive.extractall(folder)
    return folder


def export_id_of(folder: Path) -> str:
    with (folder / "Export.csv").open(encoding="utf-8-sig", newline="") as stream:
        return next(csv.DictReader(stream))["ExportID"]


def test_every_file_of_a_demo_export_reads_the_same_and_the_large_ones_in_duckdb(demo_export):
    export_id = export_id_of(demo_export)
    counts = {f.name: assert_same_reading(demo_export / f.name, task_of(f.name, export_id)) for f in FILES}

    large = [
        "Client.csv",
        "Enrollment.csv",
        "Exit.csv",
        "Services.csv",
        "Disabilities.csv",
        "IncomeBenefits.csv",
    ]
    large += ["HealthAndDV.csv", "CurrentLivingSituation.csv"]
    assert {name: counts[name] for name in large if not counts[name]} == {}


# --- soundness under mutation -------------------------------------------------------------------

MUTATED_FILES = ["Services.csv", "Disabilities.csv", "Client.csv", "Exit.csv", "Inventory.csv", "Project.csv"]
KEPT_ROWS = 40
VALUES = [
    "",
    "0",
    "1",
    "99",
    "-1",
    "007",
    "9999999999",
    "40000",
    "2023-02-29",
    "2024-02-29",
    "2024-13-01",
    "0000-01-01",
    "24-01-01",
    "2024-03-10 02:30:00",
    "2024-11-03 01:30:00",
    "2024-11-03 00:59:59",
    "2024-03-10 03:00:00",
    "1899-12-31 23:00:00",
    "2024-01-01 24:00:00",
    "2024-01-01T10:00:00",
    "12.5",
    "-12.50",
    "1250.005",
    "x" * 51,
    "a<b",
    "{x}",
    'say "hi"',
    "line\nbreak",
    "caf\u00e9",
    " 1",
    "1 ",
    "xxxxx1234",
    "XxXxX4596",
    "000000000",
    "12345678",
    KIT_EXPORT_ID,
    "another",
]


def kit_sample(file_name: str) -> tuple[list[str], list[list[str]]]:
    with (KIT / file_name).open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    return rows[0], rows[1 : 1 + KEPT_ROWS]


@st.composite
def mutations(draw: Any) -> tuple[str, bytes]:
    file_name = draw(st.sampled_from(MUTATED_FILES))
    header, rows = kit_sample(file_name)
    if file_name == "Client.csv":  # the sample's Client.csv has DT-07 findings: keep clean rows
        rows = [row for row in rows if row[header.index("DOBDataQuality")] not in ("8", "9", "99")]
    for _ in range(draw(st.integers(0, 2))):
        row = draw(st.integers(0, len(rows) - 1))
        column = draw(st.integers(0, len(header) - 1))
        other = [r[column] for r in rows]  # another row's value: usually clean, and often a boundary
        rows[row][column] = draw(st.sampled_from(VALUES) | st.sampled_from(other))
    text = io.StringIO()
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]))
    csv.writer(text, quoting=quoting, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows(
        [header, *rows]
    )
    data = text.getvalue()
    damage = draw(
        st.sampled_from(["", "", "", "", "blank line", "trailing comma", "space", "no last newline"])
    )
    if damage == "blank line":
        data = data.replace("\n", "\n\n", 2)
    elif damage == "trailing comma":
        lines = data.split("\n")
        lines[3] = lines[3].rstrip("\r") + ","
        data = "\n".join(lines)
    elif damage == "space":
        data = data.replace('",', '" ,', 1)
    elif damage == "no last newline":
        data = data.rstrip("\r\n")
    return file_name, data.encode()


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mutation=mutations())
def test_duckdb_stages_only_what_python_reads_without_a_finding(mutation, tmp_path):
    file_name, data = mutation
    path = tmp_path / file_name
    path.write_bytes(data)

    count = assert_same_reading(path, task_of(file_name, KIT_EXPORT_ID))

    event("staged in DuckDB" if count is not None else "left to Python")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-10 01:59:59", dt.datetime(2024, 3, 10, 6, 59, 59)),
        ("2024-03-10 02:30:00", dt.datetime(2024, 3, 10, 7, 30)),  # skipped: read as EST (fold 0)
        ("2024-03-10 03:00:00", dt.datetime(2024, 3, 10, 7, 0)),
        ("2024-11-03 01:30:00", dt.datetime(2024, 11, 3, 5, 30)),  # repeated: the first (EDT)
        ("2024-11-03 02:00:00", dt.datetime(2024, 11, 3, 7, 0)),
        ("2024-07-01 12:00:00", dt.datetime(2024, 7, 1, 16, 0)),
    ],
)
def test_local_times_become_utc_as_python_reads_them(value, expected, tmp_path, settings):
    settings.TIME_ZONE = "America/New_York"
    header, rows = kit_sample("Services.csv")
    rows[0][header.index("DateUpdated")] = value
    path = tmp_path / "Services.csv"
    with path.open("w", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows([header, *rows])

    assert assert_same_reading(path, task_of("Services.csv", KIT_EXPORT_ID)) == KEPT_ROWS
    _count, staged = read_with_duckdb(path, task_of("Services.csv", KIT_EXPORT_ID))
    assert staged[0][3 + header.index("DateUpdated")] == expected


@pytest.mark.parametrize(
    ("ending", "odd_ending"), [("\r\n", "\n"), ("\n", "\r\n")], ids=["CRLF with one LF", "LF with one CRLF"]
)
@pytest.mark.parametrize("odd_line", [1, 20, KEPT_ROWS])
def test_a_file_with_mixed_line_endings_is_left_to_python(ending, odd_ending, odd_line, tmp_path):
    header, rows = kit_sample("Services.csv")
    lines = [",".join(row) for row in [header, *rows]]
    text = "".join(line + (odd_ending if number == odd_line else ending) for number, line in enumerate(lines))
    path = tmp_path / "Services.csv"
    path.write_bytes(text.encode())
    task = task_of("Services.csv", KIT_EXPORT_ID)

    assert read_with_duckdb(path, task) == (None, [])
    assert assert_same_reading(path, task) is None


def test_the_same_rows_with_one_line_ending_throughout_are_staged(tmp_path):
    header, rows = kit_sample("Services.csv")
    path = tmp_path / "Services.csv"
    path.write_bytes("".join(",".join(row) + "\r\n" for row in [header, *rows]).encode())

    assert assert_same_reading(path, task_of("Services.csv", KIT_EXPORT_ID)) == KEPT_ROWS
