-- Q6e Data Quality: Timeliness (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026,
-- Q6e; HUD Data Quality report Q6). Universe: the data-quality universe.
-- Column B: clients whose project start falls in the report date range, by the days from the
-- project start to the day the enrollment record was created; column C: leavers, by the days
-- from the exit date to the day the exit record was created. Rows: fewer than 0, 0, 1-3, 4-6,
-- 7-10 and 11 or more days.

CREATE OR REPLACE MACRO q06e_row(days) AS
    CASE
        WHEN days < 0 THEN 2
        WHEN days = 0 THEN 3
        WHEN days <= 3 THEN 4
        WHEN days <= 6 THEN 5
        WHEN days <= 10 THEN 6
        ELSE 7
    END;

INSERT INTO report_cells
SELECT 'Q6e', 'B' || q06e_row(date_diff('day', c.EntryDate, CAST(c.DateCreated AS DATE))), c.PersonalID, c.PersonalID, c.EnrollmentID
FROM apr_client c
CROSS JOIN rpt_parameters r
WHERE c.InDataQualityUniverse AND c.EntryDate >= r.ReportStart AND c.DateCreated IS NOT NULL;

INSERT INTO report_cells
SELECT 'Q6e', 'C' || q06e_row(date_diff('day', c.ExitDate, CAST(c.ExitDateCreated AS DATE))), c.PersonalID, c.PersonalID, c.EnrollmentID
FROM apr_client c
WHERE c.InDataQualityUniverse AND c.IsLeaver AND c.ExitDateCreated IS NOT NULL;
