"""LSA report parameters (LSA Programming Specifications v8, section 3.1)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _

SYSTEMWIDE = 1
HIC = 3
EARLIEST_REPORT_START = date(2018, 10, 1)
COC_CODE = re.compile(r"^[A-Z]{2}-[0-9]{3}$")
SOFTWARE_VENDOR = "Hearth"
SOFTWARE_NAME = "Hearth HMIS"
VENDOR_CONTACT = "n/a"
VENDOR_EMAIL = "n/a"


class ParameterError(ValueError):
    """Report parameters HUD does not allow; the message names the problem."""


@dataclass(frozen=True)
class LsaParameters:
    report_coc: str
    report_start: date
    report_end: date
    lsa_scope: int = SYSTEMWIDE
    report_id: int = 1
    report_date: datetime | None = None  # when the data were complete; the run's end if not given

    @property
    def lookback_date(self) -> date:
        """ReportStart less seven years (section 3.1)."""
        start = self.report_start
        try:
            return start.replace(year=start.year - 7)
        except ValueError:  # 29 February
            return start.replace(year=start.year - 7, day=28)

    @classmethod
    def annual(
        cls, *, coc: str, start: date, end: date, report_id: int = 1, report_date: datetime | None = None
    ) -> LsaParameters:
        parameters = cls(coc, start, end, SYSTEMWIDE, report_id, report_date)
        parameters.check()
        return parameters

    @classmethod
    def hic(
        cls, *, coc: str, count_date: date, report_id: int = 1, report_date: datetime | None = None
    ) -> LsaParameters:
        parameters = cls(coc, count_date, count_date, HIC, report_id, report_date)
        parameters.check()
        return parameters

    def check(self) -> None:
        if not COC_CODE.match(self.report_coc):
            raise ParameterError(
                _("CoC code %(coc)s is not of the form XX-999.") % {"coc": repr(self.report_coc)}
            )
        if self.report_start < EARLIEST_REPORT_START:
            raise ParameterError(
                _("The report cannot start before %(day)s.") % {"day": EARLIEST_REPORT_START.isoformat()}
            )
        if self.report_end < self.report_start:
            raise ParameterError(_("The report end date is before its start date."))
        if self.lsa_scope == HIC and self.report_end != self.report_start:
            raise ParameterError(_("The HIC is a one-day report: its start and end dates are the same."))
        if self.lsa_scope not in (SYSTEMWIDE, HIC):
            raise ParameterError(
                _("LSA scope %(scope)s is not supported (1 systemwide, 3 HIC).") % {"scope": self.lsa_scope}
            )

    def as_json(self) -> dict[str, object]:
        return {
            "report_coc": self.report_coc,
            "report_start": self.report_start.isoformat(),
            "report_end": self.report_end.isoformat(),
            "lsa_scope": self.lsa_scope,
            "report_id": self.report_id,
            "report_date": self.report_date.isoformat(sep=" ") if self.report_date else None,
        }
