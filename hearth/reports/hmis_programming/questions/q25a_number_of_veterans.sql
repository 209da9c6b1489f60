-- Q25a Number of Veterans (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q25a).
-- Adults by veteran status (3.07) and chronic homelessness at project start (u04): chronically
-- homeless veterans, other veterans, not a veteran, Client Doesn't Know/Prefers Not to Answer,
-- Data Not Collected; by household type (no column for households with only children).

INSERT INTO report_cells
SELECT 'Q25a', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_veteran_category
CROSS JOIN unnest([category_row, 7]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col_no_children(HouseholdType)]) AS cols(col)
WHERE col IS NOT NULL;
