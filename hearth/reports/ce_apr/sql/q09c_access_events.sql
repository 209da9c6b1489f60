-- Q9c Access Events - Households with an Access Event (CE APR FY2026 HMIS Programming
-- Specifications, Q9c). Heads of assessed households by their latest access event (c01): referral
-- to prevention, problem solving/diversion/rapid resolution, referral to a crisis needs or a
-- housing needs assessment; total; problem solving that re-housed the client in a safe
-- alternative (4.20.A = 1); the share of problem solving events with that result.

INSERT INTO report_cells
SELECT 'Q9c', col || row_number, HouseholdID, PersonalID, EnrollmentID
FROM ce_head_event
CROSS JOIN unnest([1 + Event, 6, CASE WHEN Event = 2 AND ProbSolDivRRResult = 1 THEN 7 END]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE kind = 'access' AND row_number IS NOT NULL;

INSERT INTO report_values
SELECT 'Q9c', col || '8', coalesce(
    count(DISTINCT HouseholdID) FILTER (WHERE Event = 2 AND ProbSolDivRRResult = 1)
    / nullif(count(DISTINCT HouseholdID) FILTER (WHERE Event = 2), 0), 0), NULL
FROM ce_head_event
CROSS JOIN unnest(['B', 'C', 'D', 'E', 'F']) AS cols(col)
WHERE kind = 'access' AND (col = 'B' OR col = hh_col(HouseholdType))
GROUP BY col;
