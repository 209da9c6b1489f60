-- Q21 Health Insurance (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q21).
-- Every active client at start (B), at the annual assessment for stayers (C) and at exit for
-- leavers (D): each insurance source (4.04) answered Yes; no health insurance (no source Yes and
-- Covered by Health Insurance 0 or 1); Client Doesn't Know/Prefers Not to Answer; data not
-- collected; stayers whose annual assessment is not yet due (C); one source; more than one.

CREATE OR REPLACE TABLE q21_status AS
SELECT
    c.PersonalID, c.EnrollmentID, s.Stage,
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
WHERE s.Stage = 'start' OR (s.Stage = 'annual' AND NOT c.IsLeaver) OR (s.Stage = 'exit' AND c.IsLeaver);

INSERT INTO report_cells
SELECT 'Q21', stage_column(Stage) || row_number, PersonalID, PersonalID, EnrollmentID
FROM q21_status
CROSS JOIN unnest([
    CASE WHEN Medicaid = 1 THEN 2 END, CASE WHEN Medicare = 1 THEN 3 END, CASE WHEN SCHIP = 1 THEN 4 END,
    CASE WHEN VHAServices = 1 THEN 5 END, CASE WHEN EmployerProvided = 1 THEN 6 END,
    CASE WHEN COBRA = 1 THEN 7 END, CASE WHEN PrivatePay = 1 THEN 8 END,
    CASE WHEN StateHealthIns = 1 THEN 9 END, CASE WHEN IndianHealthServices = 1 THEN 10 END,
    CASE WHEN OtherInsurance = 1 THEN 11 END,
    CASE
        WHEN AnnualStatus = 'not due' THEN 15
        WHEN InsuranceSourceCount = 1 THEN 16
        WHEN InsuranceSourceCount > 1 THEN 17
        WHEN InsuranceFromAnySource IN (0, 1) THEN 12
        WHEN InsuranceFromAnySource IN (8, 9) THEN 13
        ELSE 14
    END
]) AS rows(row_number)
WHERE row_number IS NOT NULL;
