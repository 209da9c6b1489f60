"""HUD Eva's data-quality checks asked for on a page: on Hearth's own data, or on an uploaded HMIS
CSV export before it is imported.  The page calls what ``hearth dq-check`` calls
(dq/eva_checks.py); an uploaded export is kept in a temporary folder for the length of the check.
"""

import csv
import datetime
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile

from hearth.interchange.eva import EvaReferenceError
from hearth.reports.datasets import DatasetError
from hearth.reports.dq.eva_checks import EvaCheckResult, check_database, check_export
from hearth.reports.engine import ReportError
from hearth.reports.hmis_programming.parameters import ParameterError


class EvaCheckError(ValueError):
    """The checks could not run; the message names the problem."""


def run_checks(
    *,
    start: datetime.date,
    end: datetime.date,
    project_ids: Sequence[str] | None,
    upload: UploadedFile | None,
) -> EvaCheckResult:
    """Eva's checks over the period, on ``upload`` (an export's zip) or on Hearth's data."""
    if upload is None:
        return _checked(lambda: check_database(start=start, end=end, project_ids=project_ids))
    name = upload.name or "upload.zip"
    with tempfile.TemporaryDirectory(prefix="hearth-eva-") as folder:
        path = Path(folder) / "export.zip"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            result = _checked(lambda: check_export([path], start=start, end=end, project_ids=project_ids))
        except EvaCheckError as problem:  # name the upload, not the temporary file
            raise EvaCheckError(str(problem).replace(str(path), name)) from problem
    result.source = name
    return result


def _checked(check: Callable[[], EvaCheckResult]) -> EvaCheckResult:
    try:
        return check()
    except (ParameterError, DatasetError, ReportError, EvaReferenceError) as problem:
        raise EvaCheckError(str(problem)) from problem
    except (OSError, zipfile.BadZipFile, csv.Error, UnicodeDecodeError) as problem:
        raise EvaCheckError(f"The export cannot be read: {problem}") from problem
