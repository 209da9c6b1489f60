-- Q24e Sex (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q24e; element 4.21,
-- new in FY2026). Every active client by Sex: Female (0), Male (1), Client Doesn't Know/Prefers
-- Not to Answer (8, 9), Data Not Collected (99, or not recorded, as in data from before FY2026).

INSERT INTO report_cells
SELECT 'Q24e', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_client
CROSS JOIN unnest([
    CASE WHEN Sex = 0 THEN 2 WHEN Sex = 1 THEN 3 WHEN Sex IN (8, 9) THEN 4 ELSE 5 END,
    6
]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col);
