"""The HMIS Lead's import page: upload an HMIS CSV zip, follow its progress, read its report.

Only users whose role allows ``import_data`` reach these pages; for anyone else they do not
exist (404), like every page a user may not see.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from hearth.access.audit import Actor
from hearth.access.permissions import Permission
from hearth.access.policy import viewer_for
from hearth.interchange import import_jobs
from hearth.interchange.import_report import report_lines
from hearth.interchange.models import ImportRun

RECENT_RUNS = 20
ISSUES_PER_PAGE = 200
COUNT_COLUMNS = ("read", "inserted", "updated", "unchanged", "deleted", "warnings")


class UploadForm(forms.Form):
    export = forms.FileField(
        label=_("HMIS CSV export (.zip)"),
        help_text=_("The zip of an export: Export.csv and the other CSV files, or one folder per export."),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip", "class": "usa-file-input"}),
    )

    def clean_export(self) -> object:
        upload = self.cleaned_data["export"]
        if not (upload.name or "").lower().endswith(".zip"):
            raise forms.ValidationError(_("Upload a .zip file holding the export's CSV files."))
        return upload


def _require_import(request: HttpRequest) -> None:
    if not viewer_for(request.user).can(Permission.IMPORT_DATA):
        raise Http404


@require_http_methods(["GET", "POST"])
@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload an export; recent imports with their outcome."""
    _require_import(request)
    import_jobs.mark_stalled_runs()
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = import_jobs.queue_upload(form.cleaned_data["export"], actor=Actor.from_request(request))
        return HttpResponseRedirect(reverse("interchange:import-run", args=[run.pk]))
    context = {"form": form, "runs": ImportRun.objects.all()[:RECENT_RUNS]}
    return render(request, "interchange/import.html", context, status=400 if form.errors else 200)


@require_GET
@login_required
def import_run(request: HttpRequest, run_id: int) -> HttpResponse:
    """One import: progress while it runs, then the counts per file and the problems found."""
    _require_import(request)
    run = get_object_or_404(ImportRun, pk=run_id)
    page = Paginator(run.issues.all(), ISSUES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"run": run, "issues": page, "counts": _count_rows(run), "count_columns": COUNT_COLUMNS}
    return render(request, "interchange/import_run.html", context)


@require_GET
@login_required
def import_progress(request: HttpRequest, run_id: int) -> HttpResponse:
    """The progress block, polled by HTMX; once the run ends, the page reloads to show the results."""
    _require_import(request)
    run = get_object_or_404(ImportRun, pk=run_id)
    response = render(request, "interchange/_progress.html", {"run": run})
    if run.is_finished:
        response["HX-Refresh"] = "true"
    return response


@require_GET
@login_required
def import_report(request: HttpRequest, run_id: int) -> StreamingHttpResponse:
    """Every problem of an import as CSV (file, row, column, value, rule, problem)."""
    _require_import(request)
    run = get_object_or_404(ImportRun, pk=run_id)
    response = StreamingHttpResponse(report_lines(run), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-report.csv"'
    return response


def _count_rows(run: ImportRun) -> list[tuple[str, list[int]]]:
    return [(name, [int(per_file.get(c, 0)) for c in COUNT_COLUMNS]) for name, per_file in run.counts.items()]
