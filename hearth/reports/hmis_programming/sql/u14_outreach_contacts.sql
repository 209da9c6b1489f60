-- Contacts and engagement of street outreach and night-by-night shelter clients (HMIS Programming
-- Specifications, CoC APR / ESG CAPER FY2026, Q9a and Q9b). Adults and heads of household in
-- project types 1 and 4.
--   * contacted: a Date of Engagement in the report date range, or a contact (Current Living
--     Situation, 4.12) in it on or before the Date of Engagement;
--   * contacts counted: the Current Living Situations of the reported enrollment on or after
--     project start and on or before exit, the Date of Engagement and the report end; a Date of
--     Engagement without a contact that day counts as one contact whose situation is unknown (37);
--   * first contact: homeless situations (100-199) "WAS staying on streets, ES or SH"; 37, 8, 9,
--     99 "worker unable to determine"; any other situation "NOT staying on streets, ES or SH".

CREATE OR REPLACE TABLE apr_outreach_contact AS
WITH outreach AS (
    SELECT * FROM apr_client
    WHERE ProjectType IN (1, 4) AND (AgeGroup = 'adult' OR IsHeadOfHousehold)
),
situations AS (
    SELECT o.PersonalID, o.EnrollmentID, s.InformationDate, s.CurrentLivingSituation AS situation
    FROM outreach o
    JOIN hmis_CurrentLivingSituation s ON s.EnrollmentID = o.EnrollmentID AND s.DateDeleted IS NULL
    CROSS JOIN rpt_parameters r
    WHERE s.InformationDate >= o.EntryDate
      AND (o.ExitDate IS NULL OR s.InformationDate <= o.ExitDate)
      AND (o.DateOfEngagement IS NULL OR s.InformationDate <= o.DateOfEngagement)
      AND s.InformationDate <= r.ReportEnd
)
SELECT * FROM situations
UNION ALL
SELECT o.PersonalID, o.EnrollmentID, o.DateOfEngagement, 37
FROM outreach o
CROSS JOIN rpt_parameters r
WHERE o.DateOfEngagement <= r.ReportEnd
  AND NOT EXISTS (
      SELECT 1 FROM situations s WHERE s.EnrollmentID = o.EnrollmentID AND s.InformationDate = o.DateOfEngagement
  );

CREATE OR REPLACE TABLE apr_outreach_person AS
SELECT
    c.PersonalID,
    c.EnrollmentID,
    c.DateOfEngagement BETWEEN r.ReportStart AND r.ReportEnd AS is_engaged,
    (c.DateOfEngagement BETWEEN r.ReportStart AND r.ReportEnd) OR EXISTS (
        SELECT 1 FROM hmis_CurrentLivingSituation s
        WHERE s.EnrollmentID = c.EnrollmentID AND s.DateDeleted IS NULL
          AND s.InformationDate BETWEEN r.ReportStart AND r.ReportEnd
          AND (c.DateOfEngagement IS NULL OR s.InformationDate <= c.DateOfEngagement)
    ) AS is_contacted,
    (SELECT count(*) FROM apr_outreach_contact k WHERE k.EnrollmentID = c.EnrollmentID) AS contacts,
    (SELECT arg_min(k.situation, k.InformationDate) FROM apr_outreach_contact k WHERE k.EnrollmentID = c.EnrollmentID) AS first_situation
FROM apr_client c
CROSS JOIN rpt_parameters r
WHERE c.ProjectType IN (1, 4) AND (c.AgeGroup = 'adult' OR c.IsHeadOfHousehold);

CREATE OR REPLACE MACRO contact_count_row(contacts) AS
    CASE WHEN contacts = 1 THEN 2 WHEN contacts <= 5 THEN 3 WHEN contacts <= 9 THEN 4 ELSE 5 END;
CREATE OR REPLACE MACRO first_contact_column(situation) AS
    CASE
        WHEN situation BETWEEN 100 AND 199 THEN 'D'
        WHEN situation IN (37, 8, 9, 99) OR situation IS NULL THEN 'E'
        ELSE 'C'
    END;
