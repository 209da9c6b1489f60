"""HUD's kits import whole: the FY2026 LSA sample (every row of every file) and the ten FY2022
per-project Data Lab exports together.  Re-importing changes nothing; a modified copy changes
exactly the modified rows."""

import csv
import io
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from hearth.clients.models import Client
from hearth.enrollments.models import Enrollment, Services
from hearth.hud.generated.columns import FILES
from hearth.interchange.models import ImportStatus
from tests.interchange.test_import_minimal_export import run_import

pytestmark = pytest.mark.django_db

KITS = Path(settings.BASE_DIR).parent / "shared" / "kits"
LSA = KITS / "lsa-fy2026-sample" / "input_hmis_csv"
DATA_LAB = KITS / "apr-datalab-fy2022" / "input_hmis_csv_by_project"
USER_REFERENCES = [f.name for f in FILES if f.name not in ("Export.csv", "User.csv")]
MODIFIED_CLIENT, DELETED_SERVICE = "C10968", "SV123456"
LATER = "2026-08-15 10:00:00"


def records(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def database_counts() -> dict[str, int]:
    return {f.name: apps.get_model(f.model)._base_manager.count() for f in FILES}


def users_missing_from_user_csv(folder: Path) -> set[str]:
    """UserIDs the data files use that User.csv lacks (the LSA sample has some: REF-04)."""
    listed = {row["UserID"] for row in records(folder / "User.csv")}
    used = {row["UserID"] for name in USER_REFERENCES for row in records(folder / name)}
    return used - listed


def rewrite_row(path: Path, key: str, **changes: str) -> None:
    """Change one record of a kit file in place, leaving every other line byte for byte."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    header = next(csv.reader([lines[0]]))
    for number, line in enumerate(lines[1:], start=1):
        if line.startswith(f'"{key}",'):
            row = dict(zip(header, next(csv.reader([line])), strict=True))
            row.update(changes)
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="").writerow([row[name] for name in header])
            lines[number] = buffer.getvalue()
            path.write_text("\n".join(lines), encoding="utf-8")
            return
    raise AssertionError(f"{key} not found in {path.name}")


@pytest.mark.skipif(
    not LSA.is_dir(), reason="the LSA FY2026 sample kit is not checked out next to the project"
)
def test_the_lsa_sample_imports_whole_then_again_unchanged_then_a_modified_copy_changes_two_rows(tmp_path):
    file_rows = {f.name: len(records(LSA / f.name)) for f in FILES}
    placeholders = users_missing_from_user_csv(LSA)

    first = run_import(LSA)

    assert [str(i) for i in first.issues if i.is_rejecting] == []
    assert first.run.status == ImportStatus.IMPORTED
    assert database_counts() == {**file_rows, "User.csv": file_rows["User.csv"] + len(placeholders)}
    assert first.counts["User.csv"]["added_for_references"] == len(placeholders) == 12
    assert {name: c["read"] for name, c in first.counts.items()} == file_rows
    assert first.run.total("inserted") == sum(file_rows.values())

    again = run_import(LSA)

    assert again.run.status == ImportStatus.IMPORTED
    assert (again.run.total("inserted"), again.run.total("updated"), again.run.total("deleted")) == (0, 0, 0)
    assert again.run.total("unchanged") == sum(file_rows.values())
    assert database_counts() == {**file_rows, "User.csv": file_rows["User.csv"] + len(placeholders)}

    copy = Path(shutil.copytree(LSA, tmp_path / "modified"))
    rewrite_row(copy / "Client.csv", MODIFIED_CLIENT, FirstName="Orchidea", DateUpdated=LATER)
    rewrite_row(copy / "Services.csv", DELETED_SERVICE, DateUpdated=LATER, DateDeleted=LATER)

    modified = run_import(copy)

    changes = {
        name: (c["inserted"], c["updated"], c["deleted"])
        for name, c in modified.counts.items()
        if c["inserted"] or c["updated"] or c["deleted"]
    }
    assert changes == {"Client.csv": (0, 1, 0), "Services.csv": (0, 0, 1)}
    assert Client.all_objects.get(pk=MODIFIED_CLIENT).first_name == "Orchidea"
    assert Services.all_objects.get(pk=DELETED_SERVICE).date_deleted is not None
    assert not Services.objects.filter(pk=DELETED_SERVICE).exists()
    assert database_counts() == {**file_rows, "User.csv": file_rows["User.csv"] + len(placeholders)}


@pytest.mark.skipif(
    not DATA_LAB.is_dir(), reason="the FY2022 Data Lab kit is not checked out next to the project"
)
def test_the_ten_fy2022_data_lab_exports_import_together():
    result = run_import(DATA_LAB)

    assert [str(i) for i in result.issues if i.is_rejecting] == []
    assert result.run.status == ImportStatus.IMPORTED
    assert result.run.csv_version == "2022"
    assert len(result.run.export_ids) == 10
    # SOURCE.md: one synthetic population of 48 clients, 347 enrollments across the ten projects.
    assert Client.all_objects.count() == 48
    assert Enrollment.all_objects.count() == 347
    assert set(Enrollment.all_objects.values_list("project_id", flat=True)) == {
        row["ProjectID"] for folder in DATA_LAB.iterdir() for row in records(folder / "Project.csv")
    }
