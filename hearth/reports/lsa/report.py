"""Run the LSA over a dataset: the SQL steps of sql/, in order, then the HDX upload files."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from hearth.reports.datasets import Dataset
from hearth.reports.engine import ProgressCallback, StepTiming, run_steps, steps_in
from hearth.reports.lsa import hdx
from hearth.reports.lsa import parameters as lsa_parameters
from hearth.reports.lsa.parameters import LsaParameters, ParameterError

SQL_FOLDER = Path(__file__).resolve().parent / "sql"


@dataclass
class LsaResult:
    """The finished report: its DuckDB connection (with every intermediate table) and timings."""

    parameters: LsaParameters
    connection: duckdb.DuckDBPyConnection
    timings: list[StepTiming] = field(default_factory=list)

    def rows(self, table: str) -> list[tuple]:
        return self.connection.execute(f"SELECT * FROM {table}").fetchall()  # noqa: S608 - our own table names

    def columns(self, table: str) -> list[str]:
        return [d[0] for d in self.connection.execute(f"SELECT * FROM {table} LIMIT 0").description]  # noqa: S608


def check_coc(dataset: Dataset, parameters: LsaParameters) -> None:
    """The ReportCoC must be a CoC code of some project in the data (section 3.1 ReportCoC)."""
    row = dataset.connection.execute(
        "SELECT count(*) FROM hmis_ProjectCoC WHERE CoCCode = ? AND DateDeleted IS NULL",
        [parameters.report_coc],
    ).fetchone()
    if not row or row[0] == 0:
        raise ParameterError(
            f"CoC {parameters.report_coc} is not the CoC of any project in {dataset.source}."
        )


def create_report_table(connection: duckdb.DuckDBPyConnection, parameters: LsaParameters) -> None:
    """lsa_Report: the user's parameters and the vendor's hard-coded values (section 3.1)."""
    connection.execute(
        "CREATE OR REPLACE TABLE lsa_Report AS SELECT "
        "CAST(? AS INTEGER) AS ReportID, CAST(? AS TIMESTAMP) AS ReportDate, CAST(? AS DATE) AS ReportStart, "
        "CAST(? AS DATE) AS ReportEnd, CAST(? AS VARCHAR) AS ReportCoC, "
        "CAST(? AS VARCHAR) AS SoftwareVendor, "
        "CAST(? AS VARCHAR) AS SoftwareName, CAST(? AS VARCHAR) AS VendorContact, "
        "CAST(? AS VARCHAR) AS VendorEmail, CAST(? AS INTEGER) AS LSAScope, CAST(? AS DATE) AS LookbackDate",
        [
            parameters.report_id,
            parameters.report_date or datetime.now().replace(microsecond=0),  # noqa: DTZ005 - local time, as HDX shows
            parameters.report_start,
            parameters.report_end,
            parameters.report_coc,
            lsa_parameters.SOFTWARE_VENDOR,
            lsa_parameters.SOFTWARE_NAME,
            lsa_parameters.VENDOR_CONTACT,
            lsa_parameters.VENDOR_EMAIL,
            parameters.lsa_scope,
            parameters.lookback_date,
        ],
    )


def run_lsa(
    dataset: Dataset, parameters: LsaParameters, *, on_progress: ProgressCallback | None = None
) -> LsaResult:
    """Compute the LSA for the parameters over the dataset; the tables stay in the dataset's DuckDB."""
    parameters.check()
    check_coc(dataset, parameters)
    connection = dataset.connection
    create_report_table(connection, parameters)
    timings = run_steps(connection, steps_in(SQL_FOLDER), on_progress=on_progress)
    if parameters.report_date is None:
        # 11.8: ReportDate is the time when all the report's data were complete
        connection.execute(
            "UPDATE lsa_ReportFile SET ReportDate = ?",
            [datetime.now().replace(microsecond=0)],  # noqa: DTZ005 - local time, as HDX shows
        )
    return LsaResult(parameters=parameters, connection=connection, timings=timings)


def upload_zip(result: LsaResult) -> bytes:
    """The HDX 2.0 upload zip of a finished LSA; HDX's file checks run first."""
    buffer = io.BytesIO()
    hdx.write_zip(hdx.read_upload_files(result.connection), buffer)
    return buffer.getvalue()
