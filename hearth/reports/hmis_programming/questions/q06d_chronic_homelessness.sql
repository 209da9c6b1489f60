-- Q6d Data Quality: Chronic Homelessness (HMIS Programming Specifications, CoC APR / ESG CAPER
-- FY2026, Q6d; HUD Data Quality report Q5). Universe: adults and heads of household of the
-- data-quality universe whose project start is on or after 2016-10-01, by project type:
-- row 2 ES (0, 1), SH (8) and SO (4); row 3 TH (2); row 4 PH (3, 9, 10, 13); row 5 CE (14);
-- row 6 SSO (6), day shelter (11) and HP (12); row 7 all of them.
--   C missing time in institution: prior living situation 200-299 with Length of Stay (3.917.2)
--     8, 9, 99 or missing; D missing time in housing: a situation below 100 or 300-499 (or none)
--     with the same. Not asked in row 2.
--   E, F, G: Approximate date this episode started (3.917.3) missing; Number of times (3.917.4)
--     and Number of months (3.917.5) 8, 9, 99 or missing; asked of everyone in row 2, elsewhere
--     only when the elements apply: homeless situations, institutions under 90 days and other
--     situations under 7 nights with PreviousStreetESSH = 1.
--   H: the share of the row's clients with any of C-G.

CREATE OR REPLACE TABLE q06d_clients AS
SELECT
    c.PersonalID,
    c.EnrollmentID,
    CASE
        WHEN c.ProjectType IN (0, 1, 4, 8) THEN 2
        WHEN c.ProjectType = 2 THEN 3
        WHEN c.ProjectType IN (3, 9, 10, 13) THEN 4
        WHEN c.ProjectType = 14 THEN 5
        WHEN c.ProjectType IN (6, 11, 12) THEN 6
    END AS row_number,
    c.ProjectType IN (0, 1, 4, 8) AS is_street_or_shelter,
    is_institutional_situation(c.LivingSituation)
        AND (c.LengthOfStay IN (8, 9, 99) OR c.LengthOfStay IS NULL) AS missing_institution,
    (c.LivingSituation IS NULL OR c.LivingSituation < 100 OR c.LivingSituation BETWEEN 300 AND 499)
        AND (c.LengthOfStay IN (8, 9, 99) OR c.LengthOfStay IS NULL) AS missing_housing,
    c.ProjectType IN (0, 1, 4, 8)
        OR is_homeless_situation(c.LivingSituation)
        OR (is_institutional_situation(c.LivingSituation) AND c.LengthOfStay IN (10, 11, 2, 3) AND c.PreviousStreetESSH = 1)
        OR ((c.LivingSituation IS NULL OR c.LivingSituation < 100 OR c.LivingSituation BETWEEN 300 AND 499)
            AND c.LengthOfStay IN (10, 11) AND c.PreviousStreetESSH = 1) AS asks_history,
    c.DateToStreetESSH IS NULL AS missing_date,
    c.TimesHomelessPastThreeYears IN (8, 9, 99) OR c.TimesHomelessPastThreeYears IS NULL AS missing_times,
    c.MonthsHomelessPastThreeYears IN (8, 9, 99) OR c.MonthsHomelessPastThreeYears IS NULL AS missing_months
FROM apr_client c
WHERE c.InDataQualityUniverse
  AND (c.AgeGroup = 'adult' OR c.IsHeadOfHousehold)
  AND c.EntryDate >= DATE '2016-10-01'
  AND c.ProjectType IN (0, 1, 2, 3, 4, 6, 8, 9, 10, 11, 12, 13, 14);

CREATE OR REPLACE TABLE q06d_flags AS
SELECT
    PersonalID, EnrollmentID, row_number,
    NOT is_street_or_shelter AND missing_institution AS c_flag,
    NOT is_street_or_shelter AND missing_housing AS d_flag,
    asks_history AND missing_date AS e_flag,
    asks_history AND missing_times AS f_flag,
    asks_history AND missing_months AS g_flag
FROM q06d_clients;

INSERT INTO report_cells
SELECT 'Q6d', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM q06d_flags
CROSS JOIN unnest([
    'B',
    CASE WHEN c_flag THEN 'C' END,
    CASE WHEN d_flag THEN 'D' END,
    CASE WHEN e_flag THEN 'E' END,
    CASE WHEN f_flag THEN 'F' END,
    CASE WHEN g_flag THEN 'G' END
]) AS cols(col)
WHERE col IS NOT NULL;

INSERT INTO report_cells
SELECT 'Q6d', 'B7', PersonalID, PersonalID, EnrollmentID FROM q06d_flags;

INSERT INTO report_values
SELECT 'Q6d', 'H' || r.row_number, coalesce(
    count(DISTINCT f.PersonalID) FILTER (WHERE f.c_flag OR f.d_flag OR f.e_flag OR f.f_flag OR f.g_flag)
    / nullif(count(DISTINCT f.PersonalID), 0), 0), NULL
FROM (SELECT unnest([2, 3, 4, 5, 6, 7]) AS row_number) r
LEFT JOIN q06d_flags f ON f.row_number = r.row_number OR r.row_number = 7
GROUP BY r.row_number;
