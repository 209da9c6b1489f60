-- Q27m Education Status - Youth (HMIS Programming Specifications, CoC APR FY2026, Q27m). Youth
-- heads of household who left a project funded by RHY (Funder 43, active in the report date
-- range), by Youth Education Status (C3) at project start (B) and exit (C): current school
-- attendance (C3.2), then the most recent status of those not enrolled (C3.A) and the current
-- status of those enrolled (C3.B). The latest record of each stage counts; 8 is read as 9.

CREATE OR REPLACE TABLE q27m_status AS
SELECT c.PersonalID, c.EnrollmentID, y.DataCollectionStage, y.CurrentSchoolAttend, y.MostRecentEdStatus, y.CurrentEdStatus
FROM apr_client c
CROSS JOIN rpt_parameters r
JOIN hmis_YouthEducationStatus y ON y.EnrollmentID = c.EnrollmentID AND y.DateDeleted IS NULL
    AND y.DataCollectionStage IN (1, 3)
WHERE c.IsYouth AND c.IsHeadOfHousehold AND c.IsLeaver
  AND c.ProjectID IN (
      SELECT f.ProjectID FROM hmis_Funder f
      WHERE f.Funder = 43 AND f.DateDeleted IS NULL
        AND f.StartDate <= r.ReportEnd AND (f.EndDate IS NULL OR f.EndDate >= r.ReportStart)
  )
QUALIFY row_number() OVER (PARTITION BY c.EnrollmentID, y.DataCollectionStage ORDER BY y.InformationDate DESC) = 1;

CREATE OR REPLACE MACRO q27m_answer_row(value, first_row) AS
    CASE WHEN value IN (8, 9) THEN first_row + 3 WHEN value = 99 THEN first_row + 4 WHEN value IS NOT NULL THEN first_row + value END;

INSERT INTO report_cells
SELECT 'Q27m', CASE DataCollectionStage WHEN 1 THEN 'B' ELSE 'C' END || row_number, PersonalID, PersonalID, EnrollmentID
FROM q27m_status
CROSS JOIN unnest([
    q27m_answer_row(CurrentSchoolAttend, 2),
    CASE WHEN MostRecentEdStatus IN (8, 9) THEN 16 WHEN MostRecentEdStatus = 99 THEN 17
         WHEN MostRecentEdStatus BETWEEN 0 AND 7 THEN 8 + MostRecentEdStatus END,
    CASE WHEN CurrentEdStatus IN (8, 9) THEN 24 WHEN CurrentEdStatus = 99 THEN 25
         WHEN CurrentEdStatus BETWEEN 0 AND 4 THEN 19 + CurrentEdStatus END,
    26
]) AS rows(row_number)
WHERE row_number IS NOT NULL;
