-- Coordinated Entry events of the assessed households (CE APR FY2026 HMIS Programming
-- Specifications, Q9c and Q9d): for each head of household in the CE APR universe, the latest
-- Coordinated Entry Event (4.20) on or after the household's latest assessment and no later than
-- 90 days after the report end, among access events (1-4, Q9c) and among referral events (5-18,
-- Q9d) apart. Residential referrals (events 10-15, 17, 18) report a Referral Result.

CREATE OR REPLACE TABLE ce_head AS
SELECT c.PersonalID, c.EnrollmentID, c.HouseholdID, c.HouseholdType, h.AssessmentDate, h.AssessmentType,
       h.PrioritizationStatus
FROM apr_client c
JOIN rpt_ce_household h USING (HouseholdID)
WHERE c.IsHeadOfHousehold;

CREATE OR REPLACE TABLE ce_head_event AS
SELECT
    hd.PersonalID, hd.EnrollmentID, hd.HouseholdID, hd.HouseholdType,
    CASE WHEN v.Event BETWEEN 1 AND 4 THEN 'access' ELSE 'referral' END AS kind,
    v.EventID, v.Event, v.ProbSolDivRRResult, v.ReferralCaseManageAfter, v.ReferralResult
FROM ce_head hd
CROSS JOIN rpt_parameters r
JOIN hmis_Event v ON v.PersonalID = hd.PersonalID AND v.DateDeleted IS NULL
JOIN rpt_enrollment e ON e.EnrollmentID = v.EnrollmentID
WHERE v.EventDate >= hd.AssessmentDate
  AND v.EventDate <= r.ReportEnd + INTERVAL 90 DAY
  AND v.Event BETWEEN 1 AND 18
QUALIFY row_number() OVER (
    PARTITION BY hd.PersonalID, CASE WHEN v.Event BETWEEN 1 AND 4 THEN 'access' ELSE 'referral' END
    ORDER BY v.EventDate DESC, v.EventID DESC
) = 1;
