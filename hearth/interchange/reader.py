"""Reading an HMIS CSV export: a zip or a folder, one export or several, streamed row by row.

A source is a ``.zip`` file (a path, or an open binary file such as an upload) or a folder.  It
holds one export (the CSV files at its top level, or in a single sub-folder) or several exports,
one per sub-folder, as agencies send them one per project.  Nothing is read into memory whole:
each CSV file is decoded from a stream of the zip member or file, and rows come one at a time.

Row numbers are those a spreadsheet shows: the header is row 1, the first record row 2 (a record
whose quoted value holds a line break still counts as one row).
"""

import csv
import io
import os
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, BinaryIO, cast

from hearth.hud.generated.columns import FILES

EXPORT_FILE = "Export.csv"
IGNORED_PREFIXES = ("__MACOSX/", ".")
# A field longer than this is refused, which bounds the memory a row can take; no HUD column is
# longer than 500 characters.  The csv module's own limit is process-wide (other readers may raise
# it), so the reader checks this one itself.
FIELD_SIZE_LIMIT = 131_072
_TOO_LONG = f"has a value longer than {FIELD_SIZE_LIMIT:,} characters (or an unclosed quote)"

Opener = Callable[[], IO[bytes]]
Entry = tuple[int, Opener, tuple[str, str] | None]  # size, opener, location (CsvMember)
ByteCounter = Callable[[int], None]


class SourceError(ValueError):
    """The source cannot be opened as an HMIS CSV export (not a zip or folder, no Export.csv...).

    The message says what is wrong with it, without naming it: "is not a zip file"."""


class RowError(ValueError):
    """A row cannot be read (not UTF-8, a field too long, broken quoting); reading stops there."""

    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row = row
        self.message = message


@dataclass(frozen=True)
class CsvMember:
    """One CSV file of an export."""

    path: str  # as the report names it: "Enrollment.csv", or "rrh/Enrollment.csv" in a batch
    file_name: str  # the HUD file name as the spec spells it, or the name found for other files
    size: int  # bytes, uncompressed
    opener: Opener
    # Where another process can open the file again: (file path, "") or (zip path, member name);
    # None for a zip given as an open file.
    location: tuple[str, str] | None = None

    def rows(self, on_bytes: ByteCounter | None = None) -> "CsvRows":
        return CsvRows(self, on_bytes)


@dataclass
class ExportFolder:
    """The CSV files of one export, by HUD file name."""

    label: str  # "" for a single export; the sub-folder's name in a batch
    members: dict[str, CsvMember] = field(default_factory=dict)
    other_files: list[str] = field(default_factory=list)  # CSV files that are not HUD files

    @property
    def size(self) -> int:
        return sum(m.size for m in self.members.values())


@dataclass
class ExportSource:
    """What was found in a source: its exports, and notes about its layout (FMT-20)."""

    name: str
    exports: list[ExportFolder]
    is_nested: bool  # the files of a single export sit in a sub-folder

    @property
    def size(self) -> int:
        return sum(e.size for e in self.exports)


class CsvRows:
    """Iterates the records of one CSV file as (row number, list of values), after ``header``."""

    def __init__(self, member: CsvMember, on_bytes: ByteCounter | None) -> None:
        self.member = member
        self._stack = ExitStack()
        raw: IO[bytes] = self._stack.enter_context(member.opener())
        if on_bytes is not None:
            raw = cast(IO[bytes], io.BufferedReader(_CountingReader(raw, on_bytes)))
        text = io.TextIOWrapper(
            cast(BinaryIO, raw),
            encoding="utf-8-sig",
            errors="surrogateescape",  # bytes that are not UTF-8 are named per value, in validation
            newline="",
        )
        self._stack.callback(text.detach)  # the member's own context closes the stream
        self._reader = csv.reader(text, strict=True)
        self.row = 1
        try:
            self.header: list[str] | None = self._next_record()
        except RowError:
            self._stack.close()
            raise

    def __enter__(self) -> "CsvRows":
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        while True:
            self.row += 1
            record = self._next_record()
            if record is None:
                return
            if record == [] or record == [""]:
                continue  # a blank line, e.g. at the very end
            yield self.row, record

    def _next_record(self) -> list[str] | None:
        try:
            record = next(self._reader)
        except StopIteration:
            return None
        except csv.Error as error:
            raise RowError(self.row, _csv_problem(error)) from None
        if record and max(map(len, record)) > FIELD_SIZE_LIMIT:
            raise RowError(self.row, _TOO_LONG)
        return record


class _CountingReader(io.RawIOBase):
    """A raw stream that reports how many bytes were read, for progress."""

    def __init__(self, inner: IO[bytes], on_bytes: ByteCounter) -> None:
        self._inner = inner
        self._on_bytes = on_bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]  # any buffer
        data = self._inner.read(len(buffer))
        count = len(data)
        buffer[:count] = data
        if count:
            self._on_bytes(count)
        return count


def _csv_problem(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return _TOO_LONG
    if "unexpected end of data" in text or "EOF" in text:
        return "ends inside a quoted value (a double quote is not closed)"
    return f"cannot be read as CSV ({text})"


def open_source(
    source: str | os.PathLike[str] | BinaryIO, stack: ExitStack, *, name: str = ""
) -> ExportSource:
    """Find the exports in a zip (path or open binary file) or a folder; ``stack`` closes them."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.is_dir():
            return _folder_source(path)
        if not path.exists():
            raise SourceError("does not exist")
        if not zipfile.is_zipfile(path):
            raise SourceError("is neither a folder nor a zip file")
        archive = stack.enter_context(zipfile.ZipFile(path))
        return _zip_source(archive, name or path.name, path.resolve())
    try:
        archive = stack.enter_context(zipfile.ZipFile(source))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SourceError("is not a zip file") from None
    return _zip_source(archive, name or "upload.zip")


def _zip_source(archive: zipfile.ZipFile, name: str, path: Path | None = None) -> ExportSource:
    paths: dict[str, Entry] = {}
    for info in archive.infolist():
        if info.is_dir() or info.filename.startswith(IGNORED_PREFIXES) or "/." in info.filename:
            continue
        if info.flag_bits & 0x1:
            raise SourceError(f"is encrypted ({info.filename}); send it without a password")
        location = (os.fspath(path), info.filename) if path is not None else None
        paths[info.filename] = (info.file_size, _zip_opener(archive, info), location)
    return _group(paths, name)


def _zip_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Opener:
    return lambda: archive.open(info)


def _folder_source(folder: Path) -> ExportSource:
    paths: dict[str, Entry] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if not path.is_file() or relative.startswith(IGNORED_PREFIXES) or "/." in relative:
            continue
        paths[relative] = (path.stat().st_size, _file_opener(path), (os.fspath(path.resolve()), ""))
    return _group(paths, folder.name)


def _file_opener(path: Path) -> Opener:
    return lambda: path.open("rb")


def _group(paths: dict[str, Entry], name: str) -> ExportSource:
    """Group CSV files by folder: the folders holding an Export.csv are the exports."""
    by_folder: dict[str, dict[str, Entry]] = {}
    for path, entry in paths.items():
        pure = PurePosixPath(path)
        if pure.suffix.lower() != ".csv":
            continue
        by_folder.setdefault(str(pure.parent) if str(pure.parent) != "." else "", {})[pure.name] = entry
    export_folders = sorted(f for f, files in by_folder.items() if _hud_name(EXPORT_FILE, files))
    if not export_folders:
        found = ", ".join(sorted(PurePosixPath(p).name for p in paths)[:5]) or "no files"
        raise SourceError(f"holds no Export.csv, so it is not an HMIS CSV export (found: {found})")
    exports = []
    for folder in export_folders:
        label = folder if len(export_folders) > 1 else ""
        exports.append(_export_folder(label, folder, by_folder[folder]))
    is_nested = len(export_folders) == 1 and export_folders[0] != ""
    return ExportSource(name=name, exports=exports, is_nested=is_nested)


def _export_folder(label: str, folder: str, files: dict[str, Entry]) -> ExportFolder:
    export = ExportFolder(label=label)
    known = {f.name.lower(): f.name for f in FILES}
    for found_name, (size, opener, location) in sorted(files.items()):
        hud_name = known.get(found_name.lower(), found_name)
        shown = f"{label}/{hud_name}" if label else hud_name
        if hud_name in export.members:
            continue  # the same file name twice in different letter case: the first one counts
        export.members[hud_name] = CsvMember(shown, hud_name, size, opener, location)
        if hud_name not in known.values():
            export.other_files.append(hud_name)
    return export


def reopened(path: str, file_name: str, size: int, location: tuple[str, str]) -> CsvMember:
    """A member opened again from its ``location``, in another process."""
    file_path, inner = location
    if not inner:
        return CsvMember(path, file_name, size, _file_opener(Path(file_path)), location)

    def open_in_zip() -> IO[bytes]:
        with zipfile.ZipFile(file_path) as archive:
            return archive.open(inner)  # the zip's file stays open until this stream closes

    return CsvMember(path, file_name, size, open_in_zip, location)


def _hud_name(hud_name: str, files: dict[str, Entry]) -> bool:
    return any(name.lower() == hud_name.lower() for name in files)
