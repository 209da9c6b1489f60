"""The form that asks for a report run: which report, on what data, with which parameters.

The parameters are those of ``hearth report ...`` (registry.py, lsa/parameters.py) and are
checked by the same classes, so a page and the command line refuse the same input with the same
message.
"""

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hearth.reports.hmis_programming.parameters import ParameterError as AprParameterError
from hearth.reports.hmis_programming.parameters import ReportParameters
from hearth.reports.lsa.parameters import LsaParameters
from hearth.reports.lsa.parameters import ParameterError as LsaParameterError
from hearth.reports.runs import LSA_REPORTS
from hearth.reports.selectors import may_run_coc_reports, report_title, reportable_projects, reports_for

DATABASE, UPLOAD = "database", "upload"
DATE_INPUT = forms.DateInput(attrs={"type": "date", "class": "usa-input"}, format="%Y-%m-%d")


class RunReportForm(forms.Form):
    report = forms.ChoiceField(label=_("Report"), widget=forms.Select(attrs={"class": "usa-select"}))
    source = forms.ChoiceField(
        label=_("Data"),
        choices=[
            (DATABASE, _("Hearth's own data")),
            (UPLOAD, _("An uploaded HMIS CSV export (.zip)")),
        ],
        initial=DATABASE,
        widget=forms.RadioSelect(attrs={"class": "usa-radio__input"}),
    )
    export = forms.FileField(
        label=_("HMIS CSV export (.zip)"),
        required=False,
        help_text=_("Only when the data are an uploaded export. It is deleted when the run ends."),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip", "class": "usa-file-input"}),
    )
    coc = forms.CharField(
        label=_("CoC code"),
        max_length=6,
        help_text=_("Two letters, a dash and three digits, e.g. MD-501."),
        widget=forms.TextInput(attrs={"class": "usa-input usa-input--small"}),
    )
    start = forms.DateField(label=_("Report start"), required=False, widget=DATE_INPUT)
    end = forms.DateField(label=_("Report end"), required=False, widget=DATE_INPUT)
    count_date = forms.DateField(
        label=_("HIC date"),
        required=False,
        help_text=_("The night of the count (HIC only)."),
        widget=DATE_INPUT,
    )
    projects = forms.MultipleChoiceField(
        label=_("Projects"),
        required=False,
        help_text=_("For the APR, CAPER, CE APR and Data Quality Report on Hearth's own data."),
        widget=forms.SelectMultiple(attrs={"class": "usa-select hearth-select-multiple", "size": 8}),
    )
    all_projects = forms.BooleanField(
        label=_("Every project (a CoC-wide report)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "usa-checkbox__input"}),
    )
    project_ids = forms.CharField(
        label=_("ProjectIDs in the export"),
        required=False,
        help_text=_("For an uploaded export: its ProjectIDs, separated by commas or spaces."),
        widget=forms.TextInput(attrs={"class": "usa-input"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        report = self.fields["report"]
        projects = self.fields["projects"]
        assert isinstance(report, forms.ChoiceField)
        assert isinstance(projects, forms.MultipleChoiceField)
        report.choices = [(name, report_title(name)) for name in reports_for(user)]
        self.reportable = list(reportable_projects(user).values_list("project_id", "project_name"))
        projects.choices = [(project_id, f"{name} ({project_id})") for project_id, name in self.reportable]
        if not may_run_coc_reports(user):
            del self.fields["all_projects"]  # CoC-wide reports are run_coc_reports' (permissions.py)
        self.fields["coc"].initial = settings.HEARTH_COC_CODE
        self.parameters: dict[str, Any] = {}

    def clean_export(self) -> Any:
        upload = self.cleaned_data.get("export")
        if upload is not None and not (upload.name or "").lower().endswith(".zip"):
            raise forms.ValidationError(_("Upload a .zip file holding the export's CSV files."))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        report, source = data.get("report"), data.get("source")
        if not report or not source or "coc" not in data:
            return data
        if source == UPLOAD and not data.get("export"):
            self.add_error(
                "export", _("Choose the export's .zip file, or run the report on Hearth's own data.")
            )
        try:
            parameters = (
                self._lsa_parameters(report, data)
                if report in LSA_REPORTS
                else self._apr_parameters(source, data)
            )
        except (AprParameterError, LsaParameterError) as problem:
            self.add_error(None, str(problem))
            return data
        if parameters is not None:
            self.parameters = parameters.as_json()
        return data

    def _has_dates(self, data: dict[str, Any], *names: str) -> bool:
        """Whether the dates the report needs are given; a missing one is named on its field."""
        missing = [name for name in names if not data.get(name)]
        for name in missing:
            if name not in self.errors:  # a date that did not parse already says so
                self.add_error(name, _("This report needs this date (YYYY-MM-DD)."))
        return not missing

    def _lsa_parameters(self, report: str, data: dict[str, Any]) -> LsaParameters | None:
        coc = data["coc"].strip().upper()
        if report == "hic":
            if not self._has_dates(data, "count_date"):
                return None
            count_date: date = data["count_date"]
            return LsaParameters.hic(coc=coc, count_date=count_date)
        if not self._has_dates(data, "start", "end"):
            return None
        return LsaParameters.annual(coc=coc, start=data["start"], end=data["end"])

    def _apr_parameters(self, source: str, data: dict[str, Any]) -> ReportParameters | None:
        if not self._has_dates(data, "start", "end"):
            return None
        if source == UPLOAD:
            project_ids = [p for p in data.get("project_ids", "").replace(",", " ").split() if p]
            if not project_ids:
                self.add_error("project_ids", _("Name at least one ProjectID of the export."))
                return None
        elif data.get("all_projects"):
            project_ids = [project_id for project_id, _name in self.reportable]
        else:
            project_ids = list(data.get("projects") or [])
            if not project_ids:
                self.add_error("projects", _("Choose at least one project to report on."))
                return None
        parameters = ReportParameters.of(
            coc=data["coc"], start=data["start"], end=data["end"], project_ids=project_ids
        )
        parameters.check()
        return parameters


class EvaCheckForm(forms.Form):
    """Eva's checks: the period, the data, and (optionally) the projects to check."""

    source = RunReportForm.base_fields["source"]
    export = RunReportForm.base_fields["export"]
    start = forms.DateField(label=_("Period start"), widget=DATE_INPUT)
    end = forms.DateField(label=_("Period end"), widget=DATE_INPUT)
    projects = forms.MultipleChoiceField(
        label=_("Projects"),
        required=False,
        help_text=_("Leave empty to check every project you may report on."),
        widget=forms.SelectMultiple(attrs={"class": "usa-select hearth-select-multiple", "size": 8}),
    )
    project_ids = RunReportForm.base_fields["project_ids"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        projects = self.fields["projects"]
        assert isinstance(projects, forms.MultipleChoiceField)
        self.reportable = list(reportable_projects(user).values_list("project_id", "project_name"))
        projects.choices = [(project_id, f"{name} ({project_id})") for project_id, name in self.reportable]

    clean_export = RunReportForm.clean_export

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") == UPLOAD and not data.get("export"):
            self.add_error("export", _("Choose the export's .zip file, or check Hearth's own data."))
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        return data

    def project_ids_to_check(self) -> list[str] | None:
        """The projects to check: those chosen, or every one the user may report on (Hearth's
        data); those named, or all (an upload)."""
        if self.cleaned_data["source"] == UPLOAD:
            named = self.cleaned_data.get("project_ids", "").replace(",", " ").split()
            return named or None
        return list(self.cleaned_data.get("projects") or []) or [p for p, _name in self.reportable]
