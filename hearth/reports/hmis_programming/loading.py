"""HMIS CSV exports of any supported version, one or several, as one FY2026 report dataset.

A report reads the 24 FY2026 ``hmis_*`` tables of a dataset (hearth.reports.datasets). The
exports HUD's reports are run on come from many systems and years: an agency may send one export
per project, and older systems still write FY2022 or FY2024 files. This module takes any number
of paths (a folder holding one export, a folder of export folders, or a zip of either), brings
each FY2022 or FY2024 export up to FY2026 through hearth.interchange.versions, and loads them side
by side. Several exports become one dataset: the union of their rows, a row that more than one
export holds (the same client, project or user in each per-project export) kept once per primary
key, the most recently updated one.
"""

from __future__ import annotations

import csv
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path

from hearth.hud.generated.columns import COLUMNS, FILES
from hearth.interchange import versions
from hearth.reports.datasets import Dataset, DatasetError, csv_dataset, new_connection, table_name

EXPORT_FILE = "Export.csv"
# The csv module's default field limit bounds memory per row; no HUD column is near it.
csv.field_size_limit(1_000_000)


def load_exports(paths: Sequence[str | Path]) -> Dataset:
    """One FY2026 dataset from the exports found at ``paths`` (folders or zips)."""
    if not paths:
        raise DatasetError("No HMIS CSV export given: name at least one folder or zip.")
    with ExitStack() as stack:
        folders: list[Path] = []
        for path in paths:
            folders.extend(_export_folders(Path(path), stack))
        datasets = [_load_export(folder) for folder in folders]
    if len(datasets) == 1:
        return datasets[0]
    return merge(datasets, source="; ".join(str(p) for p in paths))


def _export_folders(path: Path, stack: ExitStack) -> list[Path]:
    """The folders holding one export each: the path itself, its sub-folders, or a zip's."""
    if not path.exists():
        raise DatasetError(f"No HMIS CSV export at {path}: the path does not exist.")
    if path.is_file():
        if not zipfile.is_zipfile(path):
            raise DatasetError(f"{path} is neither a folder of HMIS CSV files nor a zip of them.")
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hearth-zip-")))
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                name = Path(member.filename)
                if member.is_dir() or name.suffix.lower() != ".csv" or name.name.startswith("."):
                    continue
                target = folder.joinpath(*name.parts[-2:]) if len(name.parts) > 1 else folder / name.name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(member))
        path = folder
    if _find(path, EXPORT_FILE) is not None:
        return [path]
    children = sorted(p for p in path.iterdir() if p.is_dir() and _find(p, EXPORT_FILE) is not None)
    if not children:
        raise DatasetError(f"{path} holds no Export.csv, so it is not an HMIS CSV export.")
    return children


def _find(folder: Path, name: str) -> Path | None:
    wanted = name.lower()
    for candidate in folder.iterdir():
        if candidate.is_file() and candidate.name.lower() == wanted:
            return candidate
    return None


def _load_export(folder: Path) -> Dataset:
    version = export_version(folder)
    if version == versions.CURRENT:
        return csv_dataset(folder)
    with tempfile.TemporaryDirectory(prefix="hearth-upgrade-") as target:
        upgrade_folder(folder, Path(target), version)
        dataset = csv_dataset(target)
    dataset.source = f"{folder} (HMIS CSV FY{version}, read as FY{versions.CURRENT})"
    return dataset


def export_version(folder: Path) -> str:
    """ "2022", "2024" or "2026", from the headers and Export.csv's CSVVersion."""
    headers: dict[str, list[str]] = {}
    for path in folder.iterdir():
        if path.is_file() and path.suffix.lower() == ".csv":
            headers[_hud_name(path.name)] = _header(path)
    export = _find(folder, EXPORT_FILE)
    csv_version = None
    if export is not None:
        rows = list(_rows(export))
        csv_version = rows[0].get("CSVVersion") if rows else None
    try:
        return versions.detect_version(headers, csv_version)
    except ValueError as error:
        raise DatasetError(f"{folder}: {error}") from error


_HUD_NAMES = {f.name.lower(): f.name for f in FILES} | {
    name.lower(): name for name in versions.FY2022_ONLY_FILES
}


def _hud_name(name: str) -> str:
    return _HUD_NAMES.get(name.lower(), name)


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [h.strip() for h in next(csv.reader(handle), [])]


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader, [])]
        for record in reader:
            if not record or record == [""]:
                continue
            yield dict(zip(header, record, strict=False))


def upgrade_folder(source: Path, target: Path, version: str) -> None:
    """Write the FY2026 files of the FY2022 or FY2024 export in ``source`` into ``target``."""
    present = {_hud_name(p.name): p for p in source.iterdir() if p.is_file() and p.suffix.lower() == ".csv"}

    def read_rows(file_name: str) -> Iterable[Mapping[str, str]]:
        path = present.get(file_name)
        return _rows(path) if path is not None else iter(())

    names = [f for f in list(versions.COLUMNS_BY_VERSION[version]) if f in present]
    writers: dict[str, tuple[csv.DictWriter, object]] = {}
    with ExitStack() as stack:
        for csv_file in FILES:
            handle = stack.enter_context((target / csv_file.name).open("w", encoding="utf-8", newline=""))
            columns = [c.name for c in sorted(COLUMNS, key=lambda c: c.order) if c.file == csv_file.name]
            writer = csv.DictWriter(
                handle, fieldnames=columns, extrasaction="ignore", quoting=csv.QUOTE_MINIMAL
            )
            writer.writeheader()
            writers[csv_file.name] = (writer, handle)
        try:
            for file_name, row in versions.upgrade_export(read_rows, names, version):
                entry = writers.get(file_name)
                if entry is not None:
                    entry[0].writerow(row)
        except csv.Error as error:
            raise DatasetError(f"{source}: a CSV file cannot be read ({error}).") from error


def merge(datasets: Sequence[Dataset], *, source: str) -> Dataset:
    """The union of several datasets; rows sharing a primary key are kept once (latest update)."""
    connection = new_connection()
    merged = Dataset(connection=connection, source=source)
    for csv_file in FILES:
        table = table_name(csv_file)
        for index, dataset in enumerate(datasets):
            query = f"SELECT *, {index} AS _part FROM {table}"  # noqa: S608 - names from the spec
            part = dataset.connection.cursor().sql(query).to_arrow_table()
            connection.register("merge_part", part)
            if index == 0:
                connection.execute(f"CREATE TABLE _merge_{table} AS SELECT * FROM merge_part")  # noqa: S608
            else:
                connection.execute(f"INSERT INTO _merge_{table} SELECT * FROM merge_part")  # noqa: S608
            connection.unregister("merge_part")
        key = csv_file.primary_key
        order = "DateUpdated DESC NULLS LAST, _part" if _has_column(csv_file.name, "DateUpdated") else "_part"
        connection.execute(
            f"CREATE TABLE {table} AS SELECT * EXCLUDE (_part, _keep) FROM ("  # noqa: S608 - spec names
            f"SELECT *, row_number() OVER (PARTITION BY {key} ORDER BY {order}) AS _keep FROM _merge_{table}"
            ") WHERE _keep = 1"
        )
        connection.execute(f"DROP TABLE _merge_{table}")
        (count,) = connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0]  # noqa: S608
        merged.row_counts[csv_file.stem] = int(count)
    for dataset in datasets:
        dataset.close()
    return merged


def _has_column(file_name: str, column: str) -> bool:
    return any(c.file == file_name and c.name == column for c in COLUMNS)
