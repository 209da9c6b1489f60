"""docs/permissions.md shows exactly the role table the code enforces."""

from pathlib import Path

from django.conf import settings

from hearth.access.permissions import (
    ROLE_PERMISSIONS,
    Permission,
    Role,
    permissions_of,
    permissions_table_markdown,
)


def test_docs_table_is_the_code_table():
    text = (Path(settings.BASE_DIR) / "docs" / "permissions.md").read_text(encoding="utf-8")
    table = text.split("<!-- permissions-table:start -->\n", 1)[1].split("<!-- permissions-table:end -->", 1)[
        0
    ]
    assert table.strip() == permissions_table_markdown().strip()


def test_every_role_has_a_row_and_only_the_lead_has_every_permission():
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert [r for r in Role if permissions_of(r) == frozenset(Permission)] == [Role.HMIS_LEAD_ADMIN]
    assert permissions_of(None) == frozenset()
    assert Permission.VIEW_CLIENT not in permissions_of(Role.REPORT_ANALYST)
    assert permissions_of(Role.AUDITOR) == frozenset({Permission.VIEW_AUDIT_LOG})
