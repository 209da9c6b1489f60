-- Q10 Total Coordinated Entry Activity During the Year (CE APR FY2026 HMIS Programming
-- Specifications, Q10). Every assessment (4.19) and event (4.20) of the report's projects dated in
-- the report date range, counted as occurrences: crisis and housing needs assessments (rows 2-3)
-- and events 1-18 (rows 4-21); for residential referrals (events 10-15, 17, 18) by Referral Result
-- (C accepted, D rejected by the client, E rejected by the provider); problem solving events that
-- re-housed the client (F); post-placement events with the client enrolled in aftercare (G).

INSERT INTO report_cells
SELECT 'Q10', 'B' || (1 + a.AssessmentLevel), a.AssessmentID, a.PersonalID, a.EnrollmentID
FROM rpt_ce_assessment a
WHERE a.AssessmentLevel IN (1, 2);

INSERT INTO report_cells
SELECT 'Q10', col || (3 + v.Event), v.EventID, v.PersonalID, v.EnrollmentID
FROM hmis_Event v
JOIN rpt_enrollment e ON e.EnrollmentID = v.EnrollmentID
CROSS JOIN rpt_parameters r
CROSS JOIN unnest([
    'B',
    CASE WHEN v.Event IN (10, 11, 12, 13, 14, 15, 17, 18) AND v.ReferralResult IN (1, 2, 3)
         THEN chr(66 + v.ReferralResult) END,
    CASE WHEN v.Event = 2 AND v.ProbSolDivRRResult = 1 THEN 'F' END,
    CASE WHEN v.Event = 5 AND v.ReferralCaseManageAfter = 1 THEN 'G' END
]) AS cols(col)
WHERE v.DateDeleted IS NULL AND v.EventDate BETWEEN r.ReportStart AND r.ReportEnd
  AND v.Event BETWEEN 1 AND 18 AND col IS NOT NULL;
