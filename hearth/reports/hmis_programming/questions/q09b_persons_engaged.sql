-- Q9b Number of Persons Engaged (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026,
-- Q9b). The persons of Q9a whose Date of Engagement falls in the report date range, by the same
-- contact counts and first situations; row 7 is the rate of engagement, engaged over contacted
-- in each column.

INSERT INTO report_cells
SELECT 'Q9b', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_outreach_person
CROSS JOIN unnest([contact_count_row(contacts), 6]) AS rows(row_number)
CROSS JOIN unnest(['B', first_contact_column(first_situation)]) AS cols(col)
WHERE is_engaged AND contacts > 0;

INSERT INTO report_values
SELECT 'Q9b', col || '7', coalesce(
    (SELECT count(DISTINCT personal_id) FROM report_cells WHERE question = 'Q9b' AND cell = col || '6')
    / nullif((SELECT count(DISTINCT personal_id) FROM report_cells WHERE question = 'Q9a' AND cell = col || '6'), 0),
    0), NULL
FROM (SELECT unnest(['B', 'C', 'D', 'E']) AS col);
