"""Ages as HUD's reports compute them, and date-of-birth plausibility."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hearth.hud.age import DobIssue, age_on, anniversary, dob_issues, is_adult, is_child, is_youth


@pytest.mark.parametrize(
    ("dob", "on", "age"),
    [
        (date(2000, 5, 10), date(2026, 5, 10), 26),  # birthday today
        (date(2000, 5, 10), date(2026, 5, 9), 25),  # the day before
        (date(2000, 5, 10), date(2026, 5, 11), 26),
        (date(2026, 3, 1), date(2026, 3, 1), 0),  # born today
        (date(2025, 12, 31), date(2026, 1, 1), 0),
        (date(2008, 2, 29), date(2026, 2, 27), 17),
        (date(2008, 2, 29), date(2026, 2, 28), 18),  # leap-day birth: 28 Feb in a common year
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2008, 2, 29), date(2028, 2, 28), 19),  # leap year: the birthday is 29 Feb
        (date(2008, 2, 29), date(2028, 2, 29), 20),
        (date(1925, 1, 1), date(2026, 1, 1), 101),
    ],
)
def test_age_on(dob, on, age):
    assert age_on(dob, on) == age


def test_age_before_birth_is_an_error():
    with pytest.raises(
        ValueError, match=r"date of birth 2026-01-02 is after 2026-01-01: no age on that date"
    ):
        age_on(date(2026, 1, 2), date(2026, 1, 1))


@pytest.mark.parametrize(
    ("dob", "years", "expected"),
    [
        (date(2008, 2, 29), 18, date(2026, 2, 28)),
        (date(2008, 2, 29), 4, date(2012, 2, 29)),
        (date(2001, 7, 4), 18, date(2019, 7, 4)),
    ],
)
def test_anniversary(dob, years, expected):
    assert anniversary(dob, years) == expected


@pytest.mark.parametrize(
    ("age", "adult", "child", "youth"),
    [
        (None, False, False, False),  # unknown age: neither adult nor child
        (0, False, True, False),
        (17, False, True, False),
        (18, True, False, True),
        (24, True, False, True),
        (25, True, False, False),
        (101, True, False, False),
    ],
)
def test_age_groups(age, adult, child, youth):
    assert (is_adult(age), is_child(age), is_youth(age)) == (adult, child, youth)


TODAY = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("kwargs", "issues"),
    [
        ({"dob": date(1990, 4, 1)}, []),
        ({"dob": date(2026, 6, 16)}, [DobIssue.IN_FUTURE]),
        ({"dob": TODAY}, []),
        ({"dob": date(2026, 6, 1), "project_start_date": date(2026, 5, 31)}, [DobIssue.AFTER_PROJECT_START]),
        (
            {"dob": date(2026, 6, 20), "project_start_date": date(2026, 6, 1)},
            [DobIssue.IN_FUTURE, DobIssue.AFTER_PROJECT_START],
        ),
        ({"dob": date(2026, 6, 1), "project_start_date": date(2026, 6, 1)}, []),  # a newborn member
        (
            {"dob": date(2026, 6, 1), "project_start_date": date(2026, 6, 1), "is_head_of_household": True},
            [DobIssue.HEAD_OF_HOUSEHOLD_BORN_ON_PROJECT_START],
        ),
        ({"dob": date(1925, 6, 15)}, [DobIssue.OVER_100]),  # 101 today
        ({"dob": date(1925, 6, 16)}, []),  # 100 today
        ({"dob": date(1925, 6, 15), "project_start_date": date(2026, 6, 14)}, []),  # 100 at start
        ({"dob": date(1925, 6, 15), "project_start_date": date(2026, 6, 15)}, [DobIssue.OVER_100]),
    ],
)
def test_dob_issues(kwargs, issues):
    assert dob_issues(today=TODAY, **kwargs) == issues


def test_dob_issue_severity_and_message():
    assert [issue for issue in DobIssue if issue.is_error] == [
        DobIssue.IN_FUTURE,
        DobIssue.AFTER_PROJECT_START,
    ]
    assert DobIssue.AFTER_PROJECT_START.message == "The date of birth is after the project start date."


dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(dates, st.integers(min_value=0, max_value=120))
def test_age_is_reached_on_the_anniversary_and_not_the_day_before(dob, years):
    birthday = anniversary(dob, years)
    assert age_on(dob, birthday) == years
    if years > 0:
        assert age_on(dob, birthday - timedelta(days=1)) == years - 1


@given(dates, dates, dates)
def test_age_never_decreases(dob, first, second):
    first, second = sorted((first, second))
    if dob <= first:
        assert age_on(dob, first) <= age_on(dob, second)
