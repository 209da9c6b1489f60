-- Physical and mental health conditions (4.05-4.10) at project start, at exit and latest for
-- stayers, for each reported enrollment (HMIS Programming Specifications, CoC APR / ESG CAPER
-- FY2026, Q13 and Q26e).
--   * at start: Disabilities records with DataCollectionStage 1;
--   * at exit (leavers): records with DataCollectionStage 3;
--   * stayers: the records of the latest information date on or before the report end among
--     DataCollectionStage 1, 2 and 5.
-- A condition is a record answered Yes (1); Substance Use Disorder (type 10) is an alcohol use
-- disorder (1), a drug use disorder (2) or both (3). "Both" counts as two conditions in Q13a2.

CREATE OR REPLACE TABLE apr_disability_record AS
SELECT
    d.EnrollmentID,
    d.DataCollectionStage,
    d.InformationDate,
    CASE
        WHEN d.DisabilityType = 9 AND d.DisabilityResponse = 1 THEN 'mental'
        WHEN d.DisabilityType = 10 AND d.DisabilityResponse = 1 THEN 'alcohol'
        WHEN d.DisabilityType = 10 AND d.DisabilityResponse = 2 THEN 'drug'
        WHEN d.DisabilityType = 10 AND d.DisabilityResponse = 3 THEN 'both'
        WHEN d.DisabilityType = 7 AND d.DisabilityResponse = 1 THEN 'chronic'
        WHEN d.DisabilityType = 8 AND d.DisabilityResponse = 1 THEN 'hiv'
        WHEN d.DisabilityType = 6 AND d.DisabilityResponse = 1 THEN 'developmental'
        WHEN d.DisabilityType = 5 AND d.DisabilityResponse = 1 THEN 'physical'
    END AS condition
FROM hmis_Disabilities d
WHERE d.DateDeleted IS NULL
  AND d.EnrollmentID IN (SELECT EnrollmentID FROM apr_client);

CREATE OR REPLACE TABLE apr_condition AS
SELECT DISTINCT c.PersonalID, c.EnrollmentID, 'start' AS Stage, d.condition
FROM apr_client c
JOIN apr_disability_record d ON d.EnrollmentID = c.EnrollmentID AND d.DataCollectionStage = 1
WHERE d.condition IS NOT NULL
UNION
SELECT DISTINCT c.PersonalID, c.EnrollmentID, 'exit', d.condition
FROM apr_client c
JOIN apr_disability_record d ON d.EnrollmentID = c.EnrollmentID AND d.DataCollectionStage = 3
WHERE c.IsLeaver AND d.condition IS NOT NULL
UNION
SELECT DISTINCT c.PersonalID, c.EnrollmentID, 'stayer', d.condition
FROM apr_client c
CROSS JOIN rpt_parameters r
JOIN apr_disability_record d ON d.EnrollmentID = c.EnrollmentID
WHERE NOT c.IsLeaver
  AND d.condition IS NOT NULL
  AND d.InformationDate = (
      SELECT max(l.InformationDate) FROM apr_disability_record l
      WHERE l.EnrollmentID = c.EnrollmentID AND l.DataCollectionStage IN (1, 2, 5) AND l.InformationDate <= r.ReportEnd
  )
  AND d.DataCollectionStage IN (1, 2, 5);

-- The column of a person in the six-column condition tables (Q13): B total, C without children,
-- D adults and E children in households with children and adults, F with only children, G
-- unknown household type.
CREATE OR REPLACE MACRO hh_split_col(household_type, age_group) AS
    CASE household_type
        WHEN 'AO' THEN 'C'
        WHEN 'AC' THEN CASE age_group WHEN 'adult' THEN 'D' WHEN 'child' THEN 'E' ELSE 'G' END
        WHEN 'CO' THEN 'F'
        ELSE 'G'
    END;

CREATE OR REPLACE MACRO condition_row(condition) AS
    CASE condition
        WHEN 'mental' THEN 2 WHEN 'alcohol' THEN 3 WHEN 'drug' THEN 4 WHEN 'both' THEN 5
        WHEN 'chronic' THEN 6 WHEN 'hiv' THEN 7 WHEN 'developmental' THEN 8 WHEN 'physical' THEN 9
    END;

-- Number of conditions (Q13a2, Q13b2, Q13c2): with none, the Disabling Condition answer decides.
CREATE OR REPLACE MACRO condition_count_row(conditions, disabling_condition) AS
    CASE
        WHEN conditions = 1 THEN 3
        WHEN conditions = 2 THEN 4
        WHEN conditions >= 3 THEN 5
        WHEN disabling_condition = 0 THEN 2
        WHEN disabling_condition = 1 THEN 6
        WHEN disabling_condition IN (8, 9) THEN 7
        ELSE 8
    END;

CREATE OR REPLACE TABLE apr_condition_count AS
SELECT
    c.PersonalID, c.EnrollmentID, c.HouseholdType, c.AgeGroup, c.DisablingCondition, c.IsLeaver, s.Stage,
    coalesce(sum(CASE WHEN k.condition = 'both' THEN 2 WHEN k.condition IS NOT NULL THEN 1 ELSE 0 END), 0) AS conditions
FROM apr_client c
CROSS JOIN (SELECT unnest(['start', 'exit', 'stayer']) AS Stage) s
LEFT JOIN apr_condition k ON k.EnrollmentID = c.EnrollmentID AND k.Stage = s.Stage
GROUP BY ALL;
