-- Helpers shared by every LSA step (LSA Programming Specifications v8).
-- Dates: DuckDB adds whole days to a DATE with `+ n`; years and months go through intervals
-- and come back as DATE (29 February plus a year is 28 February, as in HUD's sample code).

CREATE OR REPLACE MACRO add_years(d, n) AS CAST(d + to_years(CAST(n AS INTEGER)) AS DATE);
CREATE OR REPLACE MACRO add_months(d, n) AS CAST(d + to_months(CAST(n AS INTEGER)) AS DATE);

-- Section 3.5: the LSA age group of a person born on `dob` as of `as_of`
-- (0, 2, 5, 17, 21, 24, 34, 44, 54, 64 or 65; the caller handles unknown ages).
CREATE OR REPLACE MACRO age_group(dob, as_of) AS CASE
    WHEN add_years(dob, 65) <= as_of THEN 65
    WHEN add_years(dob, 55) <= as_of THEN 64
    WHEN add_years(dob, 45) <= as_of THEN 54
    WHEN add_years(dob, 35) <= as_of THEN 44
    WHEN add_years(dob, 25) <= as_of THEN 34
    WHEN add_years(dob, 22) <= as_of THEN 24
    WHEN add_years(dob, 18) <= as_of THEN 21
    WHEN add_years(dob, 6) <= as_of THEN 17
    WHEN add_years(dob, 3) <= as_of THEN 5
    WHEN add_years(dob, 1) <= as_of THEN 2
    ELSE 0 END;

-- Section 3.6: household type from counts of adults, children and members of unknown age.
CREATE OR REPLACE MACRO hh_type(adults, children, unknown) AS CASE
    WHEN adults > 0 AND children = 0 AND unknown = 0 THEN 1
    WHEN adults > 0 AND children > 0 THEN 2
    WHEN adults = 0 AND children > 0 AND unknown = 0 THEN 3
    ELSE 99 END;

-- The earlier / later of two dates where either may be NULL (NULL means "none").
CREATE OR REPLACE MACRO earliest(a, b) AS CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a
    WHEN a < b THEN a ELSE b END;
CREATE OR REPLACE MACRO latest(a, b) AS CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a
    WHEN a > b THEN a ELSE b END;

-- Sections 5.13 and 6.x: a set of household types written as its digits in order (AO 1, AC 2,
-- CO 3, unknown 9): {AO, AC} is 12; -1 when the set is empty.
CREATE OR REPLACE MACRO hh_type_digit(t) AS CASE t WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 3 ELSE 9 END;
CREATE OR REPLACE MACRO type_set(l) AS CASE WHEN l IS NULL OR len(l) = 0 THEN -1
    ELSE CAST(array_to_string(list_sort(list_distinct(l)), '') AS INTEGER) END;

-- Section 5.14: adult-age population over a person's households of one type (18-55 only): the
-- youngest group if it is 18-21 or 22-24, otherwise the oldest; -1 when none.
CREATE OR REPLACE MACRO adult_age_population(l) AS CASE
    WHEN l IS NULL OR len(list_filter(l, lambda x: x BETWEEN 18 AND 55)) = 0 THEN -1
    WHEN list_min(list_filter(l, lambda x: x BETWEEN 18 AND 55)) BETWEEN 18 AND 24
        THEN list_min(list_filter(l, lambda x: x BETWEEN 18 AND 55))
    ELSE list_max(list_filter(l, lambda x: x BETWEEN 18 AND 55)) END;

-- Sections 6.19 and 7.13: LSA groupings of counts of days.
CREATE OR REPLACE MACRO days_group(n) AS CASE
    WHEN n BETWEEN 1 AND 7 THEN 7 WHEN n BETWEEN 8 AND 30 THEN 30 WHEN n BETWEEN 31 AND 60 THEN 60
    WHEN n BETWEEN 61 AND 90 THEN 90 WHEN n BETWEEN 91 AND 180 THEN 180 WHEN n BETWEEN 181 AND 365 THEN 365
    WHEN n BETWEEN 366 AND 547 THEN 547 WHEN n BETWEEN 548 AND 730 THEN 730
    WHEN n BETWEEN 731 AND 1094 THEN 1094 WHEN n > 1094 THEN 1095 ELSE n END;
CREATE OR REPLACE MACRO psh_housed_group(n) AS CASE
    WHEN n BETWEEN 1 AND 90 THEN 3 WHEN n BETWEEN 91 AND 180 THEN 6 WHEN n BETWEEN 181 AND 365 THEN 12
    WHEN n BETWEEN 366 AND 730 THEN 24 WHEN n BETWEEN 731 AND 1095 THEN 36 WHEN n BETWEEN 1096 AND 1460 THEN 48
    WHEN n BETWEEN 1461 AND 1825 THEN 60 WHEN n BETWEEN 1826 AND 2555 THEN 84
    WHEN n BETWEEN 2556 AND 3650 THEN 120 WHEN n > 3650 THEN 121 ELSE n END;
CREATE OR REPLACE MACRO return_time_group(n) AS CASE
    WHEN n BETWEEN 15 AND 30 THEN 30 WHEN n BETWEEN 31 AND 60 THEN 60 WHEN n BETWEEN 61 AND 90 THEN 90
    WHEN n BETWEEN 91 AND 180 THEN 180 WHEN n BETWEEN 181 AND 365 THEN 365 WHEN n BETWEEN 366 AND 547 THEN 547
    WHEN n >= 548 THEN 730 ELSE n END;
-- Every day from `first` to `last` (none when last < first).
CREATE OR REPLACE MACRO days_between(first, last) AS
    list_transform(generate_series(CAST(first AS TIMESTAMP), CAST(last AS TIMESTAMP), INTERVAL 1 DAY),
                   lambda d: CAST(d AS DATE));
-- Section 3.3 ExitDest and 6.6 living situation as the LSA reports them.
CREATE OR REPLACE MACRO lsa_living_situation(situation, subsidy) AS CASE
    WHEN situation IS NULL OR (situation = 435 AND subsidy IS NULL) THEN 99
    WHEN situation IN (8, 9) THEN 98
    WHEN situation = 435 THEN subsidy
    ELSE situation END;

-- Sections 6.2 and 6.8: the adult-age population of a set of households: 18-21 (18) over 22-24
-- (24) over 55+ (55) over any other combination (25); -1 when none of those.
CREATE OR REPLACE MACRO adult_age_priority(l) AS CASE
    WHEN list_contains(l, 18) THEN 18 WHEN list_contains(l, 24) THEN 24
    WHEN list_contains(l, 55) THEN 55 WHEN list_contains(l, 25) THEN 25 ELSE -1 END;
