-- Q26e Physical and Mental Health Conditions - Chronically Homeless Persons (HMIS Programming
-- Specifications, CoC APR FY2026, Q26e). Chronically homeless persons (u04) with each condition
-- (u07) at start (B), at the latest assessment for stayers (C) and at exit for leavers (D).

INSERT INTO report_cells
SELECT 'Q26e', CASE k.Stage WHEN 'start' THEN 'B' WHEN 'stayer' THEN 'C' ELSE 'D' END || condition_row(k.condition),
       c.PersonalID, c.PersonalID, c.EnrollmentID
FROM apr_condition k
JOIN apr_client c USING (EnrollmentID)
WHERE c.ChronicStatus = 'Y';
