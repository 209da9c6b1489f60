-- Q17 Cash Income - Sources (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q17).
-- Adults with each income source (4.02) answered Yes at start (B), at the annual assessment for
-- stayers (C) and at exit for leavers (D). Row 17: adults with income information (Income from
-- Any Source 0 or 1) both at start and at the annual assessment (C) or exit (D).

INSERT INTO report_cells
SELECT 'Q17', stage_column(Stage) || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_income_source
WHERE AgeGroup = 'adult';

INSERT INTO report_cells
SELECT 'Q17', stage_column(Stage) || '17', PersonalID, PersonalID, EnrollmentID
FROM apr_income_information
WHERE AgeGroup = 'adult';
