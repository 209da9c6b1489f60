"""Projects and organizations in the API matrix: descriptor records, no client data."""

ROUTES: list = []

_WHY = "no client data: HUD project descriptor records every authenticated caller may read"
OTHER_OPERATIONS = {
    ("/api/v1/projects", "get"): f"lists projects with their Funder, ProjectCoC and Inventory rows; {_WHY} "
    "(tests/api/test_projects_api.py)",
    ("/api/v1/projects/{project_id}", "get"): f"reads a project; {_WHY} (tests/api/test_projects_api.py)",
    ("/api/v1/organizations", "get"): f"lists organizations; {_WHY} (tests/api/test_projects_api.py)",
    ("/api/v1/organizations/{organization_id}", "get"): f"reads an organization; {_WHY} "
    "(tests/api/test_projects_api.py)",
}
