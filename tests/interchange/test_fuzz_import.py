"""Mutated exports never crash the import, never write part of themselves, and always get a report
that names the problem.

Hypothesis mutates the files of a small valid export (bad dates, wrong headers, truncated and
extra columns, BOM, CRLF, quoted line breaks, invalid UTF-8, huge fields, repeated keys, dangling
references, random bytes).  Each example runs in a savepoint that is rolled back, so every
example starts from the same (empty) database; the same examples staged in DuckDB end exactly as
staged in PostgreSQL.
"""

import csv
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.interchange.importer import ImportResult
from hearth.interchange.models import ImportStatus
from hearth.interchange.reader import FIELD_SIZE_LIMIT
from tests.interchange.test_import_minimal_export import ExportBuilder, run_import, table_counts

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("HEARTH_FUZZ_EXAMPLES", "40"))


def base_files() -> dict[str, bytes]:
    export = ExportBuilder()
    export.first("Client.csv").update(
        SSN="123456789", SSNDataQuality="1", DOB="1990-07-04", DOBDataQuality="1"
    )
    export.add("Client.csv", PersonalID="C2", FirstName="Bea")
    export.add("Enrollment.csv", EnrollmentID="EN2", PersonalID="C2", RelationshipToHoH="2")
    export.add("Exit.csv", ExitID="X1", ExitDate="2025-04-02", Destination="410")
    export.add(
        "Disabilities.csv",
        DisabilitiesID="D1",
        DisabilityType="5",
        DisabilityResponse="1",
        DataCollectionStage="1",
    )
    export.add("Services.csv", ServicesID="S1", RecordType="144", TypeProvided="1", DateProvided="2025-03-02")
    return {name: export.text(name).encode("utf-8") for name in export.rows}


BASE = base_files()
DATA_FILES = ["Client.csv", "Enrollment.csv", "Exit.csv", "Disabilities.csv", "Services.csv", "Project.csv"]


def parse(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def unparse(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


@dataclass(frozen=True)
class Mutation:
    """A change to one file; ``expect`` is (rule, column) a rejecting report line must name, if known."""

    name: str
    file: str
    apply: Callable[[bytes], bytes]
    expect: tuple[str, str] | None = None
    is_harmless: bool = False  # the export stays valid


def set_cell(file_name: str, column: str, value: str, row: int = 1) -> Callable[[bytes], bytes]:
    def apply(data: bytes) -> bytes:
        rows = parse(data)
        rows[row][rows[0].index(column)] = value
        return unparse(rows)

    return apply


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    kind = draw(
        st.sampled_from(
            [
                "bad_date",
                "header",
                "truncated",
                "extra",
                "bom",
                "crlf",
                "newline",
                "utf8",
                "huge",
                "dup",
                "dangling",
                "bytes",
            ]
        )
    )
    file_name = draw(st.sampled_from(DATA_FILES))
    if kind == "bad_date":
        text = draw(st.text(min_size=1, max_size=12).filter(lambda t: t.strip() and "\x00" not in t))
        value = draw(st.sampled_from(["2021-13-01", "2021-02-30", "21-01-01", "2021/01/01", text]))
        file_name, column = draw(
            st.sampled_from(
                [("Enrollment.csv", "EntryDate"), ("Exit.csv", "ExitDate"), ("Client.csv", "DOB")]
            )
        )
        return Mutation(kind, file_name, set_cell(file_name, column, value), ("FMT-02", column))
    if kind == "header":
        how = draw(st.sampled_from(["rename", "drop", "duplicate"]))

        def header(data: bytes) -> bytes:
            rows = parse(data)
            if how == "rename":
                rows[0][1] = rows[0][1] + "X"
            elif how == "drop":
                rows = [r[:1] + r[2:] for r in rows]
            else:
                rows[0][2] = rows[0][1]
            return unparse(rows)

        return Mutation(f"header {how}", file_name, header, ("FMT-01", ""))
    if kind == "truncated":
        cut = draw(st.integers(min_value=1, max_value=5))
        return Mutation(
            kind,
            file_name,
            lambda d: unparse([parse(d)[0], *[r[:-cut] for r in parse(d)[1:]]]),
            ("FMT-01", ""),
        )
    if kind == "extra":
        return Mutation(
            kind,
            file_name,
            lambda d: unparse([parse(d)[0], *[[*r, "extra"] for r in parse(d)[1:]]]),
            ("FMT-01", ""),
        )
    if kind == "bom":
        return Mutation(kind, file_name, lambda d: b"\xef\xbb\xbf" + d, is_harmless=True)
    if kind == "crlf":
        return Mutation(kind, file_name, lambda d: d.replace(b"\r\n", b"\n"), is_harmless=True)
    if kind == "newline":
        return Mutation(
            kind, "Client.csv", set_cell("Client.csv", "FirstName", 'Ana\r\n"Nita"'), is_harmless=True
        )
    if kind == "utf8":
        return Mutation(
            kind, "Client.csv", lambda d: d.replace(b"Bea", b"B\xe9a\xff"), ("FMT-06", "FirstName")
        )
    if kind == "huge":
        size = draw(st.sampled_from([60, 5_000, FIELD_SIZE_LIMIT + 10]))
        return Mutation(
            kind,
            "Client.csv",
            set_cell("Client.csv", "FirstName", "A" * size),
            ("FMT-05", "FirstName") if size < FIELD_SIZE_LIMIT else ("FMT-01", ""),
        )
    if kind == "dup":
        return Mutation(kind, file_name, lambda d: d + parse_last_line(d), ("FMT-17", ""))
    if kind == "dangling":
        return Mutation(
            kind,
            "Enrollment.csv",
            set_cell("Enrollment.csv", "PersonalID", "NOBODY"),
            ("REF-01", "PersonalID"),
        )
    position = draw(st.integers(min_value=0, max_value=len(BASE[file_name]) - 1))
    junk = draw(st.binary(min_size=0, max_size=8))
    drop = draw(st.integers(min_value=0, max_value=8))
    return Mutation("bytes", file_name, lambda d: d[:position] + junk + d[position + drop :])


def parse_last_line(data: bytes) -> bytes:
    lines = data.rstrip(b"\r\n").split(b"\r\n")
    return lines[-1] + b"\r\n" if len(lines) > 1 else lines[0] + b"\r\n"


def source(files: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def import_in_savepoint(files: dict[str, bytes]) -> tuple[ImportResult, dict[str, int], dict[str, int]]:
    with transaction.atomic():
        before = table_counts()
        result = run_import(source(files), source_name="fuzz.zip")  # type: ignore[arg-type]
        after = table_counts()
        transaction.set_rollback(True)
    return result, before, after


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutation=mutations())
def test_a_mutated_export_is_imported_whole_or_rejected_whole_with_the_problem_named(mutation):
    files = dict(BASE)
    files[mutation.file] = mutation.apply(files[mutation.file])

    result, before, after = import_in_savepoint(files)

    assert result.run.status in (ImportStatus.IMPORTED, ImportStatus.REJECTED), result.run.message
    for found in result.issues:
        assert str(found).endswith(f"[{found.rule_id}]")
    if mutation.is_harmless:
        assert result.run.status == ImportStatus.IMPORTED, [str(i) for i in result.issues if i.is_rejecting]
    if result.run.status == ImportStatus.REJECTED:
        assert after == before, "a rejected import wrote rows"
        rejecting = [i for i in result.issues if i.is_rejecting]
        assert rejecting, "rejected without a rejecting error in the report"
        assert all(i.file for i in rejecting)
    if mutation.expect is not None:
        rule, column = mutation.expect
        assert result.run.status == ImportStatus.REJECTED
        assert any(
            i.rule_id == rule and (not column or i.column == column) for i in result.issues if i.is_rejecting
        ), (
            mutation.name,
            [str(i) for i in result.issues],
        )


@settings(max_examples=max(EXAMPLES // 2, 10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutation=mutations())
def test_a_mutated_export_staged_in_duckdb_ends_as_staged_in_postgresql(mutation):
    """The same mutated export into an empty Hearth, staged in PostgreSQL then in DuckDB
    (hearth/interchange/duck_engine.py): the same outcome, report, counts and rows written."""
    files = dict(BASE)
    files[mutation.file] = mutation.apply(files[mutation.file])
    outcomes = {}
    for engine in ("never", "always"):
        with override_settings(HEARTH_IMPORT_DUCKDB=engine):
            result, _before, after = import_in_savepoint(files)
        outcomes[engine] = (result.run.status, [str(i) for i in result.issues], result.run.counts, after)

    assert outcomes["always"] == outcomes["never"], mutation.name


def test_the_unmutated_export_imports(tmp_path):
    result, before, after = import_in_savepoint(dict(BASE))

    assert [str(i) for i in result.issues] == []
    assert after["Client.csv"] == before["Client.csv"] + 2


def test_a_huge_field_is_refused_even_when_the_csv_module_allows_more():
    """The csv module's limit is process-wide; another reader raising it must not lift the importer's."""
    previous = csv.field_size_limit(10 * FIELD_SIZE_LIMIT)
    try:
        files = dict(BASE)
        files["Client.csv"] = set_cell("Client.csv", "FirstName", "A" * (FIELD_SIZE_LIMIT + 10))(
            files["Client.csv"]
        )
        result, before, after = import_in_savepoint(files)
    finally:
        csv.field_size_limit(previous)
    assert result.run.status == ImportStatus.REJECTED
    assert after == before
    assert any(i.rule_id == "FMT-01" and "longer than" in str(i) for i in result.issues)
