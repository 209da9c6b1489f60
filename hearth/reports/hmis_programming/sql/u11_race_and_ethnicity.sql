-- Race and Ethnicity (3.04) of each active client (HMIS Programming Specifications, CoC APR /
-- ESG CAPER FY2026, Q12, Q22f, Q22g, Q23e): the list of fields answered Yes, numbered in the
-- order of the CSV columns (1 American Indian, Alaska Native, or Indigenous; 2 Asian or Asian
-- American; 3 Black, African American, or African; 4 Hispanic/Latina/o; 5 Middle Eastern or
-- North African; 6 Native Hawaiian or Pacific Islander; 7 White).

CREATE OR REPLACE TABLE apr_race AS
SELECT
    PersonalID,
    EnrollmentID,
    HouseholdType,
    list_filter(
        [CASE WHEN AmIndAKNative = 1 THEN 1 END, CASE WHEN Asian = 1 THEN 2 END,
         CASE WHEN BlackAfAmerican = 1 THEN 3 END, CASE WHEN HispanicLatinao = 1 THEN 4 END,
         CASE WHEN MidEastNAfrican = 1 THEN 5 END, CASE WHEN NativeHIPacific = 1 THEN 6 END,
         CASE WHEN White = 1 THEN 7 END],
        lambda x: x IS NOT NULL
    ) AS races,
    RaceNone
FROM apr_client;

-- Row of a race list: singles 2-8; pairs (i, j), i < j, in order after them.
CREATE OR REPLACE MACRO race_row(races, race_none) AS
    CASE
        WHEN len(races) = 1 THEN 1 + races[1]
        WHEN len(races) = 2 THEN 8 + (races[1] - 1) * 7 - ((races[1] - 1) * races[1]) // 2 + (races[2] - races[1])
        WHEN len(races) > 2 AND list_contains(races, 4) THEN 30
        WHEN len(races) > 2 THEN 31
        WHEN race_none IN (8, 9) THEN 32
        ELSE 33
    END;


-- Column of a race and ethnicity group in Q22f, Q22g (B-K): one field (B-H in field order), two
-- or more including Hispanic/Latina/o (I), two or more without (J), none (K).
CREATE OR REPLACE MACRO race_group_column(races) AS
    CASE
        WHEN len(races) = 1 THEN chr(65 + races[1])
        WHEN len(races) > 1 AND list_contains(races, 4) THEN 'I'
        WHEN len(races) > 1 THEN 'J'
        ELSE 'K'
    END;
