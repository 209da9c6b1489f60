-- Q11 Age (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q11). Every active
-- client by age (on the later of the report start and project start) and household type.
-- Ranges: under 5, 5-12, 13-17, 18-24, 25-34, 35-44, 45-54, 55-64, 65 and over; then
-- Client Doesn't Know/Prefers Not to Answer and Data Not Collected (no date of birth).

CREATE OR REPLACE MACRO age_row(age, age_group) AS
    CASE
        WHEN age IS NULL THEN CASE WHEN age_group = 'dkpnta' THEN 11 ELSE 12 END
        WHEN age < 5 THEN 2
        WHEN age <= 12 THEN 3
        WHEN age <= 17 THEN 4
        WHEN age <= 24 THEN 5
        WHEN age <= 34 THEN 6
        WHEN age <= 44 THEN 7
        WHEN age <= 54 THEN 8
        WHEN age <= 64 THEN 9
        ELSE 10
    END;

INSERT INTO report_cells
SELECT 'Q11', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_client
CROSS JOIN unnest([age_row(Age, AgeGroup), 13]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col);
