-- Q14a Domestic Violence History (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026,
-- Q14a). Adults and heads of household, by Domestic Violence Survivor (4.11) of the latest
-- Health and DV record of the reported enrollment on or before the report end
-- (collected at project start and update; not at exit): Yes, No,
-- Client Doesn't Know/Prefers Not to Answer, Data Not Collected.

INSERT INTO report_cells
SELECT 'Q14a', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_domestic_violence
CROSS JOIN unnest([
    CASE WHEN DomesticViolenceSurvivor = 1 THEN 2 WHEN DomesticViolenceSurvivor = 0 THEN 3
         WHEN DomesticViolenceSurvivor IN (8, 9) THEN 4 ELSE 5 END,
    6
]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col);
