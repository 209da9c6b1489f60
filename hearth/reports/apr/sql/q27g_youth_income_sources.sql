-- Q27g Cash Income - Sources - Youth (HMIS Programming Specifications, CoC APR FY2026, Q27g). Q17
-- for youth heads of household and adult youth.

INSERT INTO report_cells
SELECT 'Q27g', stage_column(Stage) || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_income_source
WHERE IsYouth AND (AgeGroup = 'adult' OR IsHeadOfHousehold);

INSERT INTO report_cells
SELECT 'Q27g', stage_column(Stage) || '17', PersonalID, PersonalID, EnrollmentID
FROM apr_income_information
WHERE IsYouth AND (AgeGroup = 'adult' OR IsHeadOfHousehold);
