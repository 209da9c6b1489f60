"""Report pages, under /reports/."""

from django.urls import path

from hearth.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.reports_page, name="reports"),
    path("data-quality/", views.eva_checks, name="eva"),
    path("runs/<int:run_id>/", views.run_page, name="run"),
    path("runs/<int:run_id>/progress/", views.run_progress, name="run-progress"),
    path("runs/<int:run_id>/result.zip", views.run_result, name="run-result"),
    path("runs/<int:run_id>/tables/<str:name>/", views.run_table, name="run-table"),
    path("runs/<int:run_id>/tables/<str:name>/<str:cell>/", views.cell_people, name="cell-people"),
    path("runs/<int:run_id>/files/<str:name>/<int:row>/", views.lsa_row_people, name="lsa-row-people"),
    path("runs/<int:run_id>/people/<str:personal_id>/", views.person, name="person"),
]
