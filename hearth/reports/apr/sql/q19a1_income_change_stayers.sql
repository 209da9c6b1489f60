-- Q19a1 Client Cash Income Change - Income Source - by Start and Latest Status (HMIS Programming
-- Specifications, CoC APR FY2026, Q19a1). Adult stayers with income information at start and
-- at the annual assessment (u09). Rows 2, 4, 6 count adults by change group for earned, other
-- and total income; H all of them; I those who increased or gained (E + F); J the share I / H.
-- Rows 3, 5, 7 hold the average change (annual less start) in each group; I the average change
-- of the adults counted in E and F; H7 the average change in total income over all adults.

INSERT INTO report_cells
SELECT 'Q19a1', col || q19_count_row(kind), PersonalID, PersonalID, EnrollmentID
FROM apr_income_change
CROSS JOIN unnest([
    income_change_column(start_amount, later_amount),
    'H',
    CASE WHEN income_change_column(start_amount, later_amount) IN ('E', 'F') THEN 'I' END
]) AS cols(col)
WHERE Stage = 'annual' AND AgeGroup = 'adult' AND col IS NOT NULL;

INSERT INTO report_values
SELECT 'Q19a1', col || (q19_count_row(kind) + 1), avg(later_amount - start_amount), NULL
FROM (
    SELECT *, income_change_column(start_amount, later_amount) AS col
    FROM apr_income_change WHERE Stage = 'annual' AND AgeGroup = 'adult'
    UNION ALL
    SELECT *, 'I' FROM apr_income_change
    WHERE Stage = 'annual' AND AgeGroup = 'adult' AND income_change_column(start_amount, later_amount) IN ('E', 'F')
    UNION ALL
    SELECT *, 'H' FROM apr_income_change WHERE Stage = 'annual' AND AgeGroup = 'adult' AND kind = 'total'
)
WHERE col IN ('B', 'C', 'D', 'E', 'F', 'H', 'I')
GROUP BY ALL;

INSERT INTO report_values
SELECT 'Q19a1', 'J' || q19_count_row(k.kind), coalesce(
    count(DISTINCT c.PersonalID) FILTER (WHERE income_change_column(c.start_amount, c.later_amount) IN ('E', 'F'))
    / nullif(count(DISTINCT c.PersonalID), 0), 0), NULL
FROM (SELECT unnest(['earned', 'other', 'total']) AS kind) k
LEFT JOIN apr_income_change c ON c.kind = k.kind AND c.Stage = 'annual' AND c.AgeGroup = 'adult'
GROUP BY k.kind;
