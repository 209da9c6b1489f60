-- Q19b Disabling Conditions and Income for Adults at Exit (HMIS Programming Specifications, CoC
-- APR / ESG CAPER FY2026, Q19b). Adult leavers with Disabling Condition (3.08) Yes or No and
-- income information at exit (Income from Any Source 0 or 1), by household type (AO, AC, UK), by
-- the income sources answered Yes at exit: earned, SSI, SSDI, VA service-connected, private
-- disability, workers' compensation, TANF, retirement, pension, child support, and any other
-- source (unemployment, VA non-service-connected, GA, alimony, other); no sources; and all.
-- Per household type: with the condition, without, total, and the share with the condition.

INSERT INTO report_cells
SELECT 'Q19b', column_at(q19b_group(HouseholdType) + o.position) || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_income_at_exit_by_source
CROSS JOIN unnest([CASE WHEN DisablingCondition = 1 THEN 0 ELSE 1 END, 2]) AS o(position)
WHERE AgeGroup = 'adult' AND q19b_group(HouseholdType) IS NOT NULL;

INSERT INTO report_values
SELECT 'Q19b', column_at(g.first + 3) || r.row_number, coalesce(
    count(DISTINCT p.PersonalID) FILTER (WHERE p.DisablingCondition = 1) / nullif(count(DISTINCT p.PersonalID), 0), 0), NULL
FROM (SELECT unnest(['AO', 'AC', 'UK']) AS household_type, unnest([0, 4, 8]) AS first) g
CROSS JOIN (SELECT unnest(range(2, 14)) AS row_number) r
LEFT JOIN apr_income_at_exit_by_source p ON p.HouseholdType = g.household_type AND p.row_number = r.row_number AND p.AgeGroup = 'adult'
GROUP BY ALL;
