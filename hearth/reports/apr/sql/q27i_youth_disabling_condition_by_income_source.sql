-- Q27i Disabling Conditions and Income for Youth at Exit (HMIS Programming Specifications, CoC
-- APR FY2026, Q27i). Q19b for youth heads of household and adult youth, with a group of four
-- columns for households with only children (AO B-E, AC F-I, CO J-M, UK N-Q).

CREATE OR REPLACE MACRO q27i_group(household_type) AS
    CASE household_type WHEN 'AO' THEN 0 WHEN 'AC' THEN 4 WHEN 'CO' THEN 8 ELSE 12 END;

INSERT INTO report_cells
SELECT 'Q27i', column_at(q27i_group(HouseholdType) + o.position) || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_income_at_exit_by_source
CROSS JOIN unnest([CASE WHEN DisablingCondition = 1 THEN 0 ELSE 1 END, 2]) AS o(position)
WHERE IsYouth AND (AgeGroup = 'adult' OR IsHeadOfHousehold);

INSERT INTO report_values
SELECT 'Q27i', column_at(g.first + 3) || r.row_number, coalesce(
    count(DISTINCT p.PersonalID) FILTER (WHERE p.DisablingCondition = 1) / nullif(count(DISTINCT p.PersonalID), 0), 0), NULL
FROM (SELECT unnest(['AO', 'AC', 'CO', 'UK']) AS household_type, unnest([0, 4, 8, 12]) AS first) g
CROSS JOIN (SELECT unnest(range(2, 14)) AS row_number) r
LEFT JOIN apr_income_at_exit_by_source p ON p.HouseholdType = g.household_type AND p.row_number = r.row_number
    AND p.IsYouth AND (p.AgeGroup = 'adult' OR p.IsHeadOfHousehold)
GROUP BY ALL;
