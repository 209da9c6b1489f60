"""The ESG CAPER on HUD Data Lab's FY2022 kit, cell by cell (rules in test_apr_kit.py)."""

import pytest

from tests.reports.test_apr_kit import Scope, check_scope, scopes


@pytest.mark.parametrize("scope", scopes("caper"), ids=lambda s: s.name)
def test_caper_matches_the_kit(scope: Scope) -> None:
    from hearth.reports.caper.report import CAPER

    check_scope(CAPER, scope)
