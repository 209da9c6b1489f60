-- Each adult's (and head of household's) income at start, annual assessment and exit, as the
-- income tables read it (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q16-Q20,
-- Q27g-i). Stage "annual" has a row for every stayer: with no assessment due, or due and
-- missing, the record columns are empty and AnnualStatus says which.

CREATE OR REPLACE TABLE apr_income_status AS
SELECT
    c.PersonalID,
    c.EnrollmentID,
    c.HouseholdType,
    c.AgeGroup,
    c.IsHeadOfHousehold,
    c.IsYouth,
    c.IsLeaver,
    c.DisablingCondition,
    s.Stage,
    CASE
        WHEN s.Stage <> 'annual' THEN NULL
        WHEN c.AnnualAssessmentDue IS NULL THEN 'not due'
        WHEN i.IncomeBenefitsID IS NULL THEN 'missing'
        ELSE 'present'
    END AS AnnualStatus,
    i.* EXCLUDE (PersonalID, EnrollmentID, Stage)
FROM apr_client c
CROSS JOIN (SELECT unnest(['start', 'annual', 'exit']) AS Stage) s
LEFT JOIN apr_income i ON i.EnrollmentID = c.EnrollmentID AND i.Stage = s.Stage
WHERE (s.Stage = 'start')
   OR (s.Stage = 'annual' AND NOT c.IsLeaver)
   OR (s.Stage = 'exit' AND c.IsLeaver);

-- Q16 rows: income brackets of calculated total income.
CREATE OR REPLACE MACRO income_bracket_row(total_income, any_source) AS
    CASE
        WHEN total_income IS NULL THEN CASE WHEN any_source IN (8, 9) THEN 10 ELSE 11 END
        WHEN total_income = 0 THEN 2
        WHEN total_income <= 150 THEN 3
        WHEN total_income <= 250 THEN 4
        WHEN total_income <= 500 THEN 5
        WHEN total_income <= 1000 THEN 6
        WHEN total_income <= 1500 THEN 7
        WHEN total_income <= 2000 THEN 8
        ELSE 9
    END;

CREATE OR REPLACE MACRO stage_column(stage) AS CASE stage WHEN 'start' THEN 'B' WHEN 'annual' THEN 'C' ELSE 'D' END;

-- Leavers whose exit date is their household's head's exit date (non-cash benefits at exit,
-- Q20a and Q20b: counted only for members who left with the head of household).
CREATE OR REPLACE TABLE apr_exited_with_head AS
SELECT c.EnrollmentID
FROM apr_client c
JOIN rpt_enrollment h ON h.HouseholdID = c.HouseholdID AND h.RelationshipToHoH = 1
WHERE c.IsLeaver AND h.RecordedExitDate = c.ExitDate
GROUP BY c.EnrollmentID;

-- Income sources answered Yes, per stage (Q17, Q27g rows 2-16).
CREATE OR REPLACE TABLE apr_income_source AS
SELECT s.PersonalID, s.EnrollmentID, s.Stage, src.row_number, s.HouseholdType, s.AgeGroup, s.IsYouth,
       s.IsHeadOfHousehold, s.DisablingCondition
FROM apr_income_status s
CROSS JOIN unnest([
    CASE WHEN s.Earned = 1 THEN 2 END, CASE WHEN s.Unemployment = 1 THEN 3 END,
    CASE WHEN s.SSI = 1 THEN 4 END, CASE WHEN s.SSDI = 1 THEN 5 END,
    CASE WHEN s.VADisabilityService = 1 THEN 6 END, CASE WHEN s.VADisabilityNonService = 1 THEN 7 END,
    CASE WHEN s.PrivateDisability = 1 THEN 8 END, CASE WHEN s.WorkersComp = 1 THEN 9 END,
    CASE WHEN s.TANF = 1 THEN 10 END, CASE WHEN s.GA = 1 THEN 11 END,
    CASE WHEN s.SocSecRetirement = 1 THEN 12 END, CASE WHEN s.Pension = 1 THEN 13 END,
    CASE WHEN s.ChildSupport = 1 THEN 14 END, CASE WHEN s.Alimony = 1 THEN 15 END,
    CASE WHEN s.OtherIncomeSource = 1 THEN 16 END
]) AS src(row_number)
WHERE src.row_number IS NOT NULL;

CREATE OR REPLACE TABLE apr_income_information AS
SELECT f.PersonalID, f.EnrollmentID, f.Stage, f.AgeGroup, f.IsYouth, f.IsHeadOfHousehold
FROM apr_income_status f
JOIN apr_income_status s ON s.EnrollmentID = f.EnrollmentID AND s.Stage = 'start'
WHERE f.Stage IN ('annual', 'exit')
  AND s.IncomeFromAnySource IN (0, 1)
  AND f.IncomeFromAnySource IN (0, 1);

-- Income category per stage (Q18, Q27h): 2 only earned, 3 only other, 4 both, 5 none, 6 Client
-- Doesn't Know/Prefers Not to Answer, 7 missing; stayers: 8 not yet due, 9 due and missing.
CREATE OR REPLACE MACRO income_category_row(total_income, earned_income, any_source) AS
    CASE
        WHEN total_income IS NULL THEN CASE WHEN any_source IN (8, 9) THEN 6 ELSE 7 END
        WHEN earned_income > 0 AND earned_income >= total_income THEN 2
        WHEN earned_income > 0 THEN 4
        WHEN total_income > 0 THEN 3
        ELSE 5
    END;

CREATE OR REPLACE TABLE apr_income_category AS
SELECT
    s.*,
    CASE s.AnnualStatus
        WHEN 'not due' THEN 8
        WHEN 'missing' THEN 9
        ELSE income_category_row(s.TotalIncome, s.EarnedIncome, s.IncomeFromAnySource)
    END AS category_row
FROM apr_income_status s;

-- Income sources at exit of adults with a known disabling condition (Q19b, Q27i).
CREATE OR REPLACE MACRO q19b_source_rows(
    earned, ssi, ssdi, va_service, private_disability, workers_comp, tanf, retirement, pension,
    child_support, unemployment, va_non_service, ga, alimony, other_source, source_count
) AS [
    CASE WHEN earned = 1 THEN 2 END, CASE WHEN ssi = 1 THEN 3 END, CASE WHEN ssdi = 1 THEN 4 END,
    CASE WHEN va_service = 1 THEN 5 END, CASE WHEN private_disability = 1 THEN 6 END,
    CASE WHEN workers_comp = 1 THEN 7 END, CASE WHEN tanf = 1 THEN 8 END,
    CASE WHEN retirement = 1 THEN 9 END, CASE WHEN pension = 1 THEN 10 END,
    CASE WHEN child_support = 1 THEN 11 END,
    CASE WHEN unemployment = 1 OR va_non_service = 1 OR ga = 1 OR alimony = 1 OR other_source = 1 THEN 12 END,
    CASE WHEN source_count = 0 THEN 13 END,
    14
];

-- First column of a household type's group of four: AO B, AC F, UK J (CO N in the youth table).
CREATE OR REPLACE MACRO q19b_group(household_type) AS
    CASE household_type WHEN 'AO' THEN 0 WHEN 'AC' THEN 4 WHEN 'UK' THEN 8 END;
CREATE OR REPLACE MACRO column_at(index) AS chr(66 + index);

CREATE OR REPLACE TABLE apr_income_at_exit_by_source AS
WITH at_exit AS (
    SELECT *
    FROM apr_income_status
    WHERE Stage = 'exit' AND IncomeFromAnySource IN (0, 1) AND DisablingCondition IN (0, 1)
)
SELECT s.*, r.row_number
FROM at_exit s
CROSS JOIN unnest(q19b_source_rows(
    s.Earned, s.SSI, s.SSDI, s.VADisabilityService, s.PrivateDisability, s.WorkersComp, s.TANF,
    s.SocSecRetirement, s.Pension, s.ChildSupport, s.Unemployment, s.VADisabilityNonService, s.GA,
    s.Alimony, s.OtherIncomeSource, s.IncomeSourceCount
)) AS r(row_number)
WHERE r.row_number IS NOT NULL;
