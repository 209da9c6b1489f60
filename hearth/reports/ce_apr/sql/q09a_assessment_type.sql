-- Q9a Assessment Type - Households Assessed in the Date Range (CE APR FY2026 HMIS Programming
-- Specifications, Q9a). Heads of assessed households by the type of the household's latest
-- assessment (4.19.3): phone, virtual, in person; total.

INSERT INTO report_cells
SELECT 'Q9a', col || row_number, HouseholdID, PersonalID, EnrollmentID
FROM ce_head
CROSS JOIN unnest([1 + AssessmentType, 5]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE AssessmentType IN (1, 2, 3);
