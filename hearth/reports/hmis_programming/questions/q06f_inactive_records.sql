-- Q6f Data Quality: Inactive Records: Street Outreach and Emergency Shelter (HMIS Programming
-- Specifications, CoC APR / ESG CAPER FY2026, Q6f; HUD Data Quality report Q7).
-- Records: stayers of the data-quality universe whose project start is 90 days or more before the
-- report end.
--   Row 2: adults and heads of household in street outreach (4) or PATH-funded (Funder 21)
--     services only (6); inactive when neither a Current Living Situation (4.12) nor the project
--     start falls within the 90 days before the report end.
--   Row 3: everyone in night-by-night shelter (1); inactive when no bed night falls within the 90
--     days before the report end.
-- D is the share of inactive records.

CREATE OR REPLACE TABLE q06f_records AS
SELECT
    c.PersonalID,
    c.EnrollmentID,
    CASE WHEN c.ProjectType = 1 THEN 3 ELSE 2 END AS row_number,
    CASE
        WHEN c.ProjectType = 1 THEN (SELECT max(b.DateProvided) FROM rpt_bed_night b WHERE b.EnrollmentID = c.EnrollmentID)
        ELSE greatest(c.EntryDate, (
            SELECT max(s.InformationDate) FROM hmis_CurrentLivingSituation s
            WHERE s.EnrollmentID = c.EnrollmentID AND s.DateDeleted IS NULL AND s.InformationDate <= r.ReportEnd
        ))
    END AS last_activity,
    r.ReportEnd
FROM apr_client c
CROSS JOIN rpt_parameters r
WHERE c.InDataQualityUniverse
  AND NOT c.IsLeaver
  AND date_diff('day', c.EntryDate, r.ReportEnd) >= 90
  AND (
      c.ProjectType = 1
      OR ((c.AgeGroup = 'adult' OR c.IsHeadOfHousehold) AND (
          c.ProjectType = 4
          OR (c.ProjectType = 6 AND c.ProjectID IN (
              SELECT f.ProjectID FROM hmis_Funder f
              WHERE f.Funder = 21 AND f.DateDeleted IS NULL
                AND f.StartDate <= r.ReportEnd AND (f.EndDate IS NULL OR f.EndDate >= r.ReportStart)
          ))
      ))
  );

INSERT INTO report_cells
SELECT 'Q6f', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM q06f_records
CROSS JOIN unnest([
    'B',
    CASE WHEN last_activity IS NULL OR date_diff('day', last_activity, ReportEnd) > 90 THEN 'C' END
]) AS cols(col)
WHERE col IS NOT NULL;

INSERT INTO report_values
SELECT 'Q6f', 'D' || r.row_number, coalesce(
    count(DISTINCT f.PersonalID) FILTER (WHERE f.last_activity IS NULL OR date_diff('day', f.last_activity, f.ReportEnd) > 90)
    / nullif(count(DISTINCT f.PersonalID), 0), 0), NULL
FROM (SELECT unnest([2, 3]) AS row_number) r
LEFT JOIN q06f_records f ON f.row_number = r.row_number
GROUP BY r.row_number;
