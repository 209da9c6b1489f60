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
