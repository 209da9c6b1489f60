-- Q23e Exit Destination Type by Race and Ethnicity (HMIS Programming Specifications, CoC APR /
-- ESG CAPER FY2026, Q23e). Leavers by destination group (homeless 100s, institutional 200s,
-- temporary 300s, permanent 400s, other) in total (B) and by race and ethnicity group (C-L, the
-- groups of Q22f one column to the right).

INSERT INTO report_cells
SELECT 'Q23e', col || row_number, c.PersonalID, c.PersonalID, c.EnrollmentID
FROM apr_client c
JOIN apr_race r USING (EnrollmentID)
CROSS JOIN unnest([
    CASE
        WHEN c.Destination BETWEEN 100 AND 199 THEN 2
        WHEN c.Destination BETWEEN 200 AND 299 THEN 3
        WHEN c.Destination BETWEEN 300 AND 399 THEN 4
        WHEN c.Destination BETWEEN 400 AND 499 THEN 5
        ELSE 6
    END,
    7
]) AS rows(row_number)
CROSS JOIN unnest(['B', chr(ascii(race_group_column(r.races)) + 1)]) AS cols(col)
WHERE c.IsLeaver;
