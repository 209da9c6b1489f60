-- Q9a Number of Persons Contacted (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026,
-- Q9a). Universe: adults and heads of household in street outreach (4) or night-by-night
-- shelter (1) with a Date of Engagement in the report date range, or a contact (Current Living
-- Situation, 4.12) in it on or before the Date of Engagement.
-- Contacts counted per person: the Current Living Situations of the reported enrollment dated on
-- or after project start, on or before exit, the Date of Engagement and the report end; a Date
-- of Engagement without a contact that day counts as one contact whose situation is unknown.
-- Columns by the situation of the first contact: C not literally homeless, D on the street, in
-- ES or SH (100-199), E worker unable to determine (37) or 8, 9, 99.

INSERT INTO report_cells
SELECT 'Q9a', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_outreach_person
CROSS JOIN unnest([contact_count_row(contacts), 6]) AS rows(row_number)
CROSS JOIN unnest(['B', first_contact_column(first_situation)]) AS cols(col)
WHERE is_contacted AND contacts > 0;
