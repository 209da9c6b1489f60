"""The parameters of an APR, CAPER, CE APR or data-quality report run, checked before it runs.

HMIS Programming Specifications (CoC APR / ESG CAPER FY2026, "Report parameters"): a report
date range, the CoC the report is for, and the projects whose enrollments it counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

COC_CODE = re.compile(r"^[A-Z]{2}-[0-9]{3}$")


class ParameterError(ValueError):
    """A report parameter is missing or wrong; the message says which and why."""


@dataclass(frozen=True)
class ReportParameters:
    coc: str
    start: date
    end: date
    project_ids: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, *, coc: str, start: date, end: date, project_ids: Sequence[str]) -> ReportParameters:
        return cls(
            coc=coc.strip().upper(), start=start, end=end, project_ids=tuple(dict.fromkeys(project_ids))
        )

    def check(self) -> None:
        if not COC_CODE.match(self.coc):
            raise ParameterError(
                _("CoC %(coc)s is not a HUD CoC code (two letters, a dash, three digits).")
                % {"coc": repr(self.coc)}
            )
        if self.end < self.start:
            raise ParameterError(
                _("The report ends (%(end)s) before it starts (%(start)s).")
                % {"end": self.end, "start": self.start}
            )
        if (self.end - self.start).days > 366 * 5:
            raise ParameterError(_("The report date range is longer than five years."))
        if not self.project_ids:
            raise ParameterError(_("Name at least one project (--project ID)."))

    def as_json(self) -> dict[str, object]:
        return {
            "coc": self.coc,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "project_ids": list(self.project_ids),
        }


def parse_date(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ParameterError(
            _("%(name)s %(text)s is not a date in the form YYYY-MM-DD.") % {"name": name, "text": repr(text)}
        ) from None
