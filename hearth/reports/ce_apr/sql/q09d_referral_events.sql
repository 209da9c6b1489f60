-- Q9d Referral Events - Households Who Were Referred (CE APR FY2026 HMIS Programming
-- Specifications, Q9d). Heads of assessed households by their latest referral event (c01), events
-- 5-18 (rows 2-15); total (16); the share of prioritized households (Q9b row 2) that received a
-- referral (17); results of residential referrals (events 10-15, 17, 18): accepted, rejected by
-- the client, rejected by the provider, none recorded (18-21); post-placement case management
-- with the client enrolled in aftercare (22); the share of residential referrals accepted (23).

INSERT INTO report_cells
SELECT 'Q9d', col || row_number, HouseholdID, PersonalID, EnrollmentID
FROM ce_head_event
CROSS JOIN unnest([
    Event - 3,
    16,
    CASE WHEN Event IN (10, 11, 12, 13, 14, 15, 17, 18) THEN
        CASE WHEN ReferralResult IN (1, 2, 3) THEN 17 + ReferralResult ELSE 21 END END,
    CASE WHEN Event = 5 AND ReferralCaseManageAfter = 1 THEN 22 END
]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE kind = 'referral' AND row_number IS NOT NULL;

INSERT INTO report_values
SELECT 'Q9d', col || '17', coalesce(
    count(DISTINCT h.HouseholdID) FILTER (WHERE h.HouseholdID IN (SELECT HouseholdID FROM ce_head_event WHERE kind = 'referral'))
    / nullif(count(DISTINCT h.HouseholdID), 0), 0), NULL
FROM ce_head h
CROSS JOIN unnest(['B', 'C', 'D', 'E', 'F']) AS cols(col)
WHERE h.PrioritizationStatus = 1 AND (col = 'B' OR col = hh_col(h.HouseholdType))
GROUP BY col;

INSERT INTO report_values
SELECT 'Q9d', col || '23', coalesce(
    count(DISTINCT HouseholdID) FILTER (WHERE ReferralResult = 1)
    / nullif(count(DISTINCT HouseholdID), 0), 0), NULL
FROM ce_head_event
CROSS JOIN unnest(['B', 'C', 'D', 'E', 'F']) AS cols(col)
WHERE kind = 'referral' AND Event IN (10, 11, 12, 13, 14, 15, 17, 18) AND (col = 'B' OR col = hh_col(HouseholdType))
GROUP BY col;
