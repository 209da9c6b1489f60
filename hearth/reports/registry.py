"""The APR-family reports by name, and what ``hearth report <name> ...`` does for them.

``hearth report apr|caper|ce-apr|dq --coc XX-500 --start YYYY-MM-DD --end YYYY-MM-DD
--project ID [--project ID ...] [--csv PATH ...] --output FILE.zip`` runs the CoC APR, ESG CAPER,
CE APR or HUD Data Quality report over HMIS CSV exports (several ``--csv`` paths load side by
side, FY2022 and FY2024 exports brought to FY2026 first) or, without ``--csv``, over a snapshot of
Hearth's database, and writes the Sage upload zip. The report command dispatches here for these
names (``main(argv)``, argv starting with the report name); bad input ends with a message on
stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from hearth.reports.datasets import Dataset, DatasetError
from hearth.reports.engine import ReportError
from hearth.reports.hmis_programming.parameters import ParameterError, ReportParameters, parse_date
from hearth.reports.hmis_programming.runner import ReportDefinition, run_report
from hearth.reports.hmis_programming.shells import ShellError

EXIT_BAD_INPUT = 2


@dataclass(frozen=True)
class RegisteredReport:
    name: str
    title: str
    definition: Callable[[], ReportDefinition]


def _apr() -> ReportDefinition:
    from hearth.reports.apr.report import APR

    return APR


def _caper() -> ReportDefinition:
    from hearth.reports.caper.report import CAPER

    return CAPER


def _ce_apr() -> ReportDefinition:
    from hearth.reports.ce_apr.report import CE_APR

    return CE_APR


def _dq() -> ReportDefinition:
    from hearth.reports.dq.report import DATA_QUALITY

    return DATA_QUALITY


REPORTS: dict[str, RegisteredReport] = {
    "apr": RegisteredReport("apr", "CoC Annual Performance Report", _apr),
    "caper": RegisteredReport("caper", "ESG Consolidated Annual Performance and Evaluation Report", _caper),
    "ce-apr": RegisteredReport("ce-apr", "Coordinated Entry Annual Performance Report", _ce_apr),
    "dq": RegisteredReport("dq", "HUD Data Quality Report", _dq),
}


class _Parser(argparse.ArgumentParser):
    """argparse that reports problems as ParameterError instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]  # raises instead of exiting
        raise ParameterError(message)


def parser_for(name: str) -> argparse.ArgumentParser:
    parser = _Parser(prog=f"hearth report {name}", description=REPORTS[name].title)
    parser.add_argument(
        "--csv",
        action="append",
        default=[],
        metavar="PATH",
        help="an HMIS CSV export (folder or zip); repeat for several exports",
    )
    parser.add_argument("--coc", required=True, help="the CoC code, e.g. MD-501")
    parser.add_argument("--start", required=True, help="report start date, YYYY-MM-DD")
    parser.add_argument("--end", required=True, help="report end date, YYYY-MM-DD")
    parser.add_argument(
        "--project",
        action="append",
        default=[],
        metavar="ID",
        required=True,
        help="a ProjectID to report on; repeat for several",
    )
    parser.add_argument("--output", required=True, metavar="FILE.zip", help="where to write the Sage zip")
    return parser


def main(argv: Sequence[str], *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run ``hearth report <name> ...``; argv[0] is the report name. Returns the exit status.
    Messages are in the site's language (settings.LANGUAGE_CODE)."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return _main(argv, stdout=stdout, stderr=stderr)


def _main(argv: Sequence[str], *, stdout: TextIO | None, stderr: TextIO | None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    if not argv or argv[0] not in REPORTS:
        known = ", ".join(REPORTS)
        print(f"error: name a report ({known}).", file=err)
        return EXIT_BAD_INPUT
    name = argv[0]
    try:
        options = parser_for(name).parse_args(list(argv[1:]))
        parameters = ReportParameters.of(
            coc=options.coc,
            start=parse_date(options.start, "--start"),
            end=parse_date(options.end, "--end"),
            project_ids=options.project,
        )
        parameters.check()
        output = Path(options.output)
        if output.suffix.lower() != ".zip":
            raise ParameterError(f"--output {output} must name a .zip file.")
        if not output.parent.exists():
            raise ParameterError(f"--output {output}: the folder {output.parent} does not exist.")
        started = time.perf_counter()
        dataset = _dataset(options.csv)
        try:
            definition = REPORTS[name].definition()
            result = run_report(definition, dataset, parameters)
        finally:
            dataset.close()
        from hearth.reports import sage

        files = sage.write_zip(result, output)
    except (ParameterError, DatasetError, ReportError, ShellError) as error:
        print(f"error: {error}", file=err)
        return EXIT_BAD_INPUT
    except (OSError, zipfile.BadZipFile, csv.Error, UnicodeDecodeError) as error:
        print(f"error: the input cannot be read: {error}", file=err)
        return EXIT_BAD_INPUT
    seconds = time.perf_counter() - started
    print(
        f"{REPORTS[name].title}: {len(files)} tables for {len(parameters.project_ids)} project(s), "
        f"{parameters.start} to {parameters.end}, written to {output} in {seconds:.1f} s.",
        file=out,
    )
    return 0


def _dataset(paths: Sequence[str]) -> Dataset:
    if paths:
        from hearth.reports.hmis_programming.loading import load_exports

        return load_exports(paths)
    from hearth.reports.datasets import database_snapshot

    return database_snapshot()
