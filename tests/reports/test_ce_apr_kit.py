"""The CE APR on HUD Data Lab's FY2022 kit, cell by cell (rules in test_apr_kit.py)."""

import pytest

from tests.reports.test_apr_kit import Scope, check_scope, scopes


@pytest.mark.parametrize("scope", scopes("ce_apr"), ids=lambda s: s.name)
def test_ce_apr_matches_the_kit(scope: Scope) -> None:
    from hearth.reports.ce_apr.report import CE_APR

    check_scope(CE_APR, scope)
