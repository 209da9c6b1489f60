"""The report pages, under /reports/: ask for a run, follow it, read its tables, drill down.

Who may do what is read from hearth/access/permissions.py through reports.selectors; a page a
user may not use does not exist for them (404), as everywhere else.  Drill-down and explanation
call the report's own functions with the user, which apply the access policy and write the audit
entry; these views add no second audit.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from hearth.reports import eva_page, report_jobs, run_results, runs, selectors
from hearth.reports.forms import UPLOAD, EvaCheckForm, RunReportForm
from hearth.reports.hmis_programming import result as apr_result
from hearth.reports.lsa import drilldown as lsa_drilldown
from hearth.reports.models import ReportRun

RECENT_RUNS = 25


def _require_reports(request: HttpRequest) -> None:
    if not selectors.may_run_reports(request.user):
        raise Http404


def _require_drill_down(request: HttpRequest) -> None:
    if not selectors.may_drill_down(request.user):
        raise Http404


def _run(request: HttpRequest, run_id: int) -> ReportRun:
    _require_reports(request)
    return get_object_or_404(selectors.runs_visible_to(request.user), pk=run_id)


def _finished_run(request: HttpRequest, run_id: int) -> ReportRun:
    run = _run(request, run_id)
    if run.status != ReportRun.Status.SUCCEEDED:
        raise Http404
    return run


def _base(run: ReportRun) -> dict[str, Any]:
    return {"run": run, "title": selectors.report_title(run.report), "is_lsa": run.report in runs.LSA_REPORTS}


@require_http_methods(["GET", "POST"])
@login_required
def reports_page(request: HttpRequest) -> HttpResponse:
    """Ask for a report run; the runs the user may see, newest first."""
    _require_reports(request)
    report_jobs.mark_stalled_runs()
    form = RunReportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["export"] if form.cleaned_data["source"] == UPLOAD else None
        run = report_jobs.queue_run(
            report=form.cleaned_data["report"], parameters=form.parameters, user=request.user, upload=upload
        )
        return HttpResponseRedirect(reverse("reports:run", args=[run.pk]))
    recent = list(selectors.runs_visible_to(request.user)[:RECENT_RUNS])
    context = {
        "form": form,
        "runs": [(run, selectors.report_title(run.report)) for run in recent],
    }
    return render(request, "reports/reports.html", context, status=400 if form.errors else 200)


@require_GET
@login_required
def run_page(request: HttpRequest, run_id: int) -> HttpResponse:
    """One run: progress while it runs; then its parameters, timings, download and tables."""
    run = _run(request, run_id)
    return render(request, "reports/run.html", _base(run))


@require_GET
@login_required
def run_progress(request: HttpRequest, run_id: int) -> HttpResponse:
    """The progress block, polled by HTMX; once the run ends, the page reloads to show the results."""
    run = _run(request, run_id)
    response = render(request, "reports/_progress.html", {"run": run})
    if run.is_finished:
        response["HX-Refresh"] = "true"
    return response


@require_GET
@login_required
def run_result(request: HttpRequest, run_id: int) -> FileResponse:
    """The run's upload zip: Sage CSV for the APR family, HDX 2.0 for the LSA and HIC."""
    run = _finished_run(request, run_id)
    if not run.result_file:
        raise Http404
    return FileResponse(run.result_file.open("rb"), as_attachment=True, filename=f"{run.report}-{run.pk}.zip")


@require_GET
@login_required
def run_table(request: HttpRequest, run_id: int, name: str) -> HttpResponse:
    """One question table of an APR-family run, or a page of one LSA upload file."""
    run = _finished_run(request, run_id)
    context = {**_base(run), "name": name, "may_drill_down": selectors.may_drill_down(request.user)}
    if run.report in runs.LSA_REPORTS:
        try:
            page = run_results.lsa_file_page(run, name, page=_page_number(request))
        except lsa_drilldown.DrillDownError:
            raise Http404 from None
        return render(request, "reports/lsa_file.html", {**context, "file": page})
    table = run_results.apr_table(run, name)
    if table is None:
        raise Http404
    context["table"] = table
    context["rows"] = run_results.table_rows(table)
    return render(request, "reports/apr_table.html", context)


def _page_number(request: HttpRequest) -> int:
    text = request.GET.get("page", "1")
    return int(text) if text.isdigit() else 1


@require_GET
@login_required
def cell_people(request: HttpRequest, run_id: int, name: str, cell: str) -> HttpResponse:
    """The people (or households) an APR-family cell counts, among those the user may see."""
    _require_drill_down(request)
    run = _finished_run(request, run_id)
    if run.report in runs.LSA_REPORTS:
        raise Http404
    address = cell.upper()
    try:
        result = runs.kept_apr_result(run, question=name, cell=address)
        members = apr_result.drill_down(result, name, address, user=request.user)
    except apr_result.DrillDownError:
        raise Http404 from None
    people_of: dict[str, list[str]] = {}
    for member, personal_id in zip(
        result.members.column("member_id").to_pylist(),
        result.members.column("personal_id").to_pylist(),
        strict=True,
    ):
        people_of.setdefault(member, []).append(personal_id)
    counted = {p for member in members for p in people_of.get(member, [])}
    names = apr_result.visible_people(request.user, counted)  # a filter: drill_down audited
    rows = [
        (member, [(p, names[p]) for p in sorted(set(people_of.get(member, [])) & names.keys())])
        for member in members
    ]
    table = run_results.apr_table(run, name) or {}
    context = {
        **_base(run),
        "name": name,
        "cell": address,
        "value": result.table(name).value(address),
        "label": run_results.cell_label(table, address),
        "rows": rows,
        "counts_households": any(member not in dict(people) for member, people in rows),
    }
    return render(request, "reports/cell_people.html", context)


@require_GET
@login_required
def person(request: HttpRequest, run_id: int, personal_id: str) -> HttpResponse:
    """Why a person is in the report: the enrollments and the rules that placed them."""
    _require_drill_down(request)
    run = _finished_run(request, run_id)
    context = {**_base(run), "personal_id": personal_id}
    if run.report in runs.LSA_REPORTS:
        explanation = lsa_drilldown.explain(run, personal_id, user=request.user)
        if not explanation.counted_in_lsaperson and not explanation.enrollments:
            raise Http404
        return render(request, "reports/lsa_person.html", {**context, "explanation": explanation})
    try:
        found = apr_result.explain(
            runs.kept_apr_result(run, personal_id=personal_id), personal_id, user=request.user
        )
    except apr_result.DrillDownError:
        raise Http404 from None
    if found is None:
        raise Http404
    context["explanation"] = found
    context["enrollment"] = sorted(found.enrollment.items())
    return render(request, "reports/apr_person.html", context)


@require_GET
@login_required
def lsa_row_people(request: HttpRequest, run_id: int, name: str, row: int) -> HttpResponse:
    """The people or households an LSA row (LSAPerson, LSAHousehold, LSAExit, LSACalculated)
    counts, among those the user may see."""
    _require_drill_down(request)
    run = _finished_run(request, run_id)
    if run.report not in runs.LSA_REPORTS:
        raise Http404
    try:
        key = run_results.lsa_row_key(run, name, row - 1)
        ids = lsa_drilldown.drill_down(run, name, key, user=request.user)
    except lsa_drilldown.DrillDownError:
        raise Http404 from None
    are_people = name == "LSAPerson"
    names = apr_result.visible_people(request.user, set(ids)) if are_people else {}
    context = {
        **_base(run),
        "name": name,
        "row": row,
        "key": sorted(key.items()),
        "ids": [(id_, names.get(id_, "")) for id_ in ids],
        "are_people": are_people,
    }
    return render(request, "reports/lsa_row_people.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def eva_checks(request: HttpRequest) -> HttpResponse:
    """HUD Eva's data-quality checks on Hearth's data or an uploaded export: the issues by
    severity, by project, and by client (only the clients the user may see), with Eva's guidance."""
    _require_reports(request)
    form = EvaCheckForm(request.POST or None, request.FILES or None, user=request.user)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["export"] if form.cleaned_data["source"] == UPLOAD else None
        try:
            result = eva_page.run_checks(
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                project_ids=form.project_ids_to_check(),
                upload=upload,
            )
        except eva_page.EvaCheckError as problem:
            form.add_error(None, str(problem))
        else:
            guidance = result.guidance()
            by_client = result.by_client(user=request.user)  # policy-filtered and audited
            context.update(
                result=result,
                summary=[
                    (severity, issue, n, guidance.get(issue, "")) for severity, issue, n in result.summary()
                ],
                by_project=result.by_project(),
                by_client=sorted(by_client.items()),
            )
    return render(request, "reports/eva.html", context, status=400 if form.errors else 200)
