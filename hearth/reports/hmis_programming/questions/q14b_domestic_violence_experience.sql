-- Q14b Most recent experience of domestic violence, sexual assault, dating violence, stalking, or
-- human trafficking (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q14b). The
-- survivors of Q14a (Yes), by When Experience Occurred (4.11.A).

INSERT INTO report_cells
SELECT 'Q14b', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_domestic_violence
CROSS JOIN unnest([
    CASE WHEN WhenOccurred IN (1, 2, 3, 4) THEN 1 + WhenOccurred WHEN WhenOccurred IN (8, 9) THEN 6 ELSE 7 END,
    8
]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE DomesticViolenceSurvivor = 1;
