-- Q8b Point-in-Time Count of Households on the Last Wednesday (HMIS Programming Specifications,
-- CoC APR / ESG CAPER FY2026, Q8b). Households with any member counted in Q7b on that night,
-- by the household type of the household's head of household.

INSERT INTO report_cells
SELECT DISTINCT 'Q8b', col || p.row_number, p.HouseholdID, head.PersonalID, head.EnrollmentID
FROM apr_pit_enrollment p
JOIN (
    SELECT e.HouseholdID, e.PersonalID, e.EnrollmentID, c.HouseholdType
    FROM rpt_enrollment e
    JOIN apr_client c USING (PersonalID)
    WHERE e.RelationshipToHoH = 1
    QUALIFY row_number() OVER (PARTITION BY e.HouseholdID ORDER BY e.EntryDate DESC, e.EnrollmentID) = 1
) head USING (HouseholdID)
CROSS JOIN unnest(['B', hh_col(head.HouseholdType)]) AS cols(col);
