-- LSA Programming Specifications v8, sections 6.11 to 6.17: each household's days of system use
-- (sys_Time: 1 housed in PSH, 2 housed in RRH, 3 TH, 4 ES/SH, 5 PSH before move-in, 6 RRH before
-- move-in, 7 homeless per 3.917), the last day it was inactive before its first active entry
-- (via sys_TimePadded), the day counts of LSAHousehold, statuses for groups known only from
-- system use, and whether the HoH was active in residence in each group. Days are kept as
-- ranges (FirstDay..LastDay) and counted from their lengths.

-- 6.11: dates housed in PSH (1) or RRH (2), as ranges FirstDay..LastDay
CREATE OR REPLACE TABLE lsa_sys_housed AS
SELECT h.HoHID, h.HHType, CASE WHEN h.LSAProjectType = 3 THEN 1 ELSE 2 END AS sysStatus,
    greatest(h.MoveInDate, rpt.LookbackDate) AS FirstDay, coalesce(h.ExitDate - 1, rpt.ReportEnd) AS LastDay
FROM lsa_active_hhid h CROSS JOIN lsa_Report rpt
WHERE h.LSAProjectType IN (3, 13) AND h.MoveInDate IS NOT NULL
  AND EXISTS (SELECT 1 FROM tlsa_Household hh WHERE hh.HoHID = h.HoHID AND hh.HHType = h.HHType);

-- 6.12: LastInactive is the day before FirstEntry unless the household was continuously engaged
-- (Stat 5) with an exit before the period within six days of FirstEntry; then it is the last day,
-- before FirstEntry, outside every enrollment padded by six days after exit (or bed night).
ALTER TABLE tlsa_Household ADD COLUMN LastInactive DATE;
UPDATE tlsa_Household hh
SET LastInactive = greatest(hh.FirstEntry - 1, rpt.LookbackDate - 1)
FROM lsa_Report rpt
WHERE hh.Stat <> 5
   OR NOT EXISTS (SELECT 1 FROM tlsa_HHID h
                  WHERE h.HoHID = hh.HoHID AND h.ActiveHHType = hh.HHType
                    AND h.ExitDate < rpt.ReportStart AND h.ExitDate + 6 >= hh.FirstEntry);

CREATE OR REPLACE TABLE sys_TimePadded AS
SELECT DISTINCT hh.HoHID, hh.HHType, 1 AS Cohort, h.EntryDate AS StartDate,
    CASE WHEN h.ExitDate IS NULL OR h.ExitDate + 6 >= rpt.ReportEnd THEN rpt.ReportEnd ELSE h.ExitDate + 6 END
        AS EndDate
FROM tlsa_Household hh
CROSS JOIN lsa_Report rpt
JOIN tlsa_HHID h ON h.HoHID = hh.HoHID AND h.ActiveHHType = hh.HHType
    AND (h.Active = 1 OR h.ExitDate < rpt.ReportStart)
WHERE hh.LastInactive IS NULL AND rpt.ReportStart >= hh.FirstEntry AND h.LSAProjectType <> 1
UNION
-- bed nights padded by six days: a run of consecutive nights pads as one period
SELECT DISTINCT HoHID, HHType, 1, FirstNight,
    CASE WHEN LastNight + 6 <= ReportEnd THEN LastNight + 6 ELSE ReportEnd END
FROM (
    SELECT hh.HoHID, hh.HHType, rpt.ReportEnd,
        greatest(bn.FirstNight, rpt.LookbackDate, h.EntryDate) AS FirstNight,
        least(bn.LastNight, rpt.ReportEnd, h.ExitDate - 1) AS LastNight
    FROM tlsa_Household hh
    CROSS JOIN lsa_Report rpt
    JOIN tlsa_HHID h ON h.HoHID = hh.HoHID AND h.ActiveHHType = hh.HHType
        AND (h.Active = 1 OR h.ExitDate < rpt.ReportStart)
    JOIN lsa_bed_night_runs bn ON bn.EnrollmentID = h.EnrollmentID
    WHERE hh.LastInactive IS NULL AND rpt.ReportStart >= hh.FirstEntry AND h.LSAProjectType = 1
) runs
WHERE FirstNight <= LastNight;

-- the latest uncovered day before FirstEntry is FirstEntry - 1 or the day before a padded period
UPDATE tlsa_Household hh
SET LastInactive = last_day.inactive
FROM (
    SELECT c.HoHID, c.HHType, max(c.candidate) AS inactive
    FROM (
        SELECT HoHID, HHType, FirstEntry - 1 AS candidate FROM tlsa_Household WHERE LastInactive IS NULL
        UNION
        SELECT p.HoHID, p.HHType, p.StartDate - 1 FROM sys_TimePadded p
    ) c
    JOIN tlsa_Household h2 ON h2.HoHID = c.HoHID AND h2.HHType = c.HHType AND h2.LastInactive IS NULL
    CROSS JOIN lsa_Report r
    WHERE c.candidate < h2.FirstEntry AND c.candidate >= r.LookbackDate AND c.candidate <= r.ReportEnd
      AND NOT EXISTS (SELECT 1 FROM sys_TimePadded p2
                      WHERE p2.HoHID = c.HoHID AND p2.HHType = c.HHType
                        AND c.candidate BETWEEN p2.StartDate AND p2.EndDate)
    GROUP BY c.HoHID, c.HHType
) last_day
WHERE hh.LastInactive IS NULL AND last_day.HoHID = hh.HoHID AND last_day.HHType = hh.HHType;
UPDATE tlsa_Household hh SET LastInactive = rpt.LookbackDate - 1
FROM lsa_Report rpt WHERE hh.LastInactive IS NULL;

-- 6.13: other system use after LastInactive, on days not housed: TH (3) and ES/SH (4), then
-- night-by-night bed nights (4, runs of consecutive nights), then RRH/PSH before move-in
-- (PSH 5, RRH 6), as ranges FirstDay..LastDay
CREATE OR REPLACE TABLE lsa_sys_other AS
SELECT hh.HoHID, hh.HHType, CASE WHEN h.LSAProjectType = 2 THEN 3 ELSE 4 END AS sysStatus,
    greatest(h.EntryDate, hh.LastInactive + 1, rpt.LookbackDate) AS FirstDay,
    coalesce(h.ExitDate - 1, rpt.ReportEnd) AS LastDay
FROM tlsa_Household hh CROSS JOIN lsa_Report rpt
JOIN tlsa_HHID h ON h.HoHID = hh.HoHID AND h.ActiveHHType = hh.HHType AND h.EntryDate <= rpt.ReportEnd
WHERE h.LSAProjectType IN (0, 2, 8)
UNION ALL
SELECT hh.HoHID, hh.HHType, 4, greatest(bn.FirstNight, hh.LastInactive + 1, rpt.LookbackDate, h.EntryDate),
    least(bn.LastNight, coalesce(h.ExitDate - 1, rpt.ReportEnd))
FROM tlsa_Household hh CROSS JOIN lsa_Report rpt
JOIN tlsa_HHID h ON h.HoHID = hh.HoHID AND h.ActiveHHType = hh.HHType AND h.EntryDate <= rpt.ReportEnd
JOIN lsa_bed_night_runs bn ON bn.EnrollmentID = h.EnrollmentID
WHERE h.LSAProjectType = 1
UNION ALL
SELECT hh.HoHID, hh.HHType, CASE WHEN h.LSAProjectType = 3 THEN 5 ELSE 6 END,
    greatest(h.EntryDate, hh.LastInactive + 1, rpt.LookbackDate),
    coalesce(h.MoveInDate - 1, h.ExitDate - 1, rpt.ReportEnd)
FROM tlsa_Household hh CROSS JOIN lsa_Report rpt
JOIN tlsa_HHID h ON h.HoHID = hh.HoHID AND h.ActiveHHType = hh.HHType AND h.EntryDate <= rpt.ReportEnd
WHERE h.LSAProjectType IN (3, 13);

-- 6.14: days homeless per 3.917 before entries after LastInactive: the days up to LastInactive
-- are counted directly; later days join sys_Time with status 7 where no other status applies.
CREATE OR REPLACE TABLE lsa_household_3917 AS
SELECT hh.HoHID, hh.HHType, h.EntryDate, h.ActiveHHType, h.EntryHHType, hn.DateToStreetESSH
FROM tlsa_Household hh
JOIN tlsa_HHID h ON h.HoHID = hh.HoHID
JOIN hmis_Enrollment hn ON hn.EnrollmentID = h.EnrollmentID
WHERE h.EntryDate > hh.LastInactive
  AND (h.LSAProjectType IN (0, 1, 8)
       OR hn.LivingSituation BETWEEN 100 AND 199
       OR (hn.LengthOfStay IN (10, 11) AND hn.PreviousStreetESSH = 1)
       OR (hn.LivingSituation BETWEEN 200 AND 299 AND hn.LengthOfStay IN (2, 3) AND hn.PreviousStreetESSH = 1));

CREATE OR REPLACE TABLE lsa_sys_3917 AS
SELECT x.HoHID, x.HHType, 7 AS sysStatus,
    greatest(x.DateToStreetESSH, hh.LastInactive) AS FirstDay, x.EntryDate - 1 AS LastDay
FROM lsa_household_3917 x
JOIN tlsa_Household hh ON hh.HoHID = x.HoHID AND hh.HHType = x.HHType
WHERE x.EntryHHType = x.HHType AND x.DateToStreetESSH < x.EntryDate;

-- sys_Time as ranges FirstDay..LastDay, each day with the lowest status of the ranges covering it
-- (a sweep over the range boundaries, counting the ranges of each status open on each day)
CREATE OR REPLACE TABLE sys_Time AS
WITH ranges AS (
    SELECT HoHID, HHType, sysStatus, FirstDay, LastDay FROM lsa_sys_housed
    UNION ALL SELECT HoHID, HHType, sysStatus, FirstDay, LastDay FROM lsa_sys_other
    UNION ALL SELECT HoHID, HHType, sysStatus, FirstDay, LastDay FROM lsa_sys_3917
),
boundaries AS (
    SELECT HoHID, HHType, sysStatus, FirstDay AS boundary, 1 AS change FROM ranges WHERE FirstDay <= LastDay
    UNION ALL
    SELECT HoHID, HHType, sysStatus, LastDay + 1, -1 FROM ranges WHERE FirstDay <= LastDay
),
points AS (
    SELECT HoHID, HHType, boundary,
        sum(change) FILTER (sysStatus = 1) AS s1, sum(change) FILTER (sysStatus = 2) AS s2,
        sum(change) FILTER (sysStatus = 3) AS s3, sum(change) FILTER (sysStatus = 4) AS s4,
        sum(change) FILTER (sysStatus = 5) AS s5, sum(change) FILTER (sysStatus = 6) AS s6,
        sum(change) FILTER (sysStatus = 7) AS s7
    FROM boundaries GROUP BY HoHID, HHType, boundary
),
open_ranges AS (
    SELECT HoHID, HHType, boundary AS FirstDay, lead(boundary) OVER w - 1 AS LastDay,
        sum(s1) OVER w AS s1, sum(s2) OVER w AS s2, sum(s3) OVER w AS s3, sum(s4) OVER w AS s4,
        sum(s5) OVER w AS s5, sum(s6) OVER w AS s6, sum(s7) OVER w AS s7
    FROM points
    WINDOW w AS (PARTITION BY HoHID, HHType ORDER BY boundary)
)
SELECT HoHID, HHType, FirstDay, LastDay,
    CASE WHEN s1 > 0 THEN 1 WHEN s2 > 0 THEN 2 WHEN s3 > 0 THEN 3 WHEN s4 > 0 THEN 4 WHEN s5 > 0 THEN 5
         WHEN s6 > 0 THEN 6 WHEN s7 > 0 THEN 7 END AS sysStatus
FROM open_ranges
WHERE s1 > 0 OR s2 > 0 OR s3 > 0 OR s4 > 0 OR s5 > 0 OR s6 > 0 OR s7 > 0;

-- 6.15: days of each kind
ALTER TABLE tlsa_Household ADD COLUMN Other3917Days INTEGER;
UPDATE tlsa_Household hh
SET Other3917Days = (
    SELECT hh.LastInactive - min(x.DateToStreetESSH) + 1
    FROM lsa_household_3917 x
    WHERE x.HoHID = hh.HoHID AND x.HHType = hh.HHType AND x.ActiveHHType = hh.HHType
      AND x.DateToStreetESSH <= hh.LastInactive);

CREATE OR REPLACE TABLE lsa_household_days AS
WITH days AS (
    SELECT HoHID, HHType, sysStatus, CAST(sum(LastDay - FirstDay + 1) AS BIGINT) AS days
    FROM sys_Time GROUP BY HoHID, HHType, sysStatus
)
SELECT hh.HoHID, hh.HHType,
    coalesce(sum(st.days) FILTER (st.sysStatus = 4), 0) AS ESDays,
    coalesce(sum(st.days) FILTER (st.sysStatus = 3), 0) AS THDays,
    coalesce(sum(st.days) FILTER (st.sysStatus IN (3, 4)), 0) AS ESTDays,
    coalesce(sum(st.days) FILTER (st.sysStatus IN (5, 6)), 0) AS RRHPSHPreMoveInDays,
    coalesce(sum(st.days) FILTER (st.sysStatus = 2), 0) AS RRHHousedDays,
    coalesce(sum(st.days) FILTER (st.sysStatus IN (2, 3, 4, 5, 6)), 0) AS SystemDaysNotPSHHoused,
    coalesce(sum(st.days) FILTER (st.sysStatus IN (3, 4, 5, 6)), 0) AS SystemHomelessDays,
    coalesce(any_value(hh.Other3917Days), 0) + coalesce(sum(st.days) FILTER (st.sysStatus = 7), 0)
        AS Other3917Days,
    coalesce(any_value(hh.Other3917Days), 0) + coalesce(sum(st.days) FILTER (st.sysStatus IN (3, 4, 5, 6, 7)), 0)
        AS TotalHomelessDays,
    coalesce(sum(st.days) FILTER (st.sysStatus = 1), 0) AS PSHHousedDays,
    -- 6.16: a group known only from system use before the period counts as "served before" (2)
    bool_or(st.sysStatus IN (3, 4)) AS has_est_days,
    bool_or(st.sysStatus = 6) AS has_rrh_days,
    bool_or(st.sysStatus = 5) AS has_psh_days
FROM tlsa_Household hh
LEFT JOIN days st ON st.HoHID = hh.HoHID AND st.HHType = hh.HHType
GROUP BY hh.HoHID, hh.HHType;

-- 6.17: the HoH was active in residence in the group
CREATE OR REPLACE TABLE lsa_household_air AS
SELECT h.HoHID, h.ActiveHHType AS HHType,
    max(CASE WHEN h.LSAProjectType IN (0, 1, 2, 8) THEN 1 ELSE 0 END) AS ESTAIR,
    max(CASE WHEN h.LSAProjectType = 13 THEN 1 ELSE 0 END) AS RRHAIR,
    max(CASE WHEN h.LSAProjectType = 3 THEN 1 ELSE 0 END) AS PSHAIR
FROM tlsa_HHID h
JOIN tlsa_Enrollment n ON n.HouseholdID = h.HouseholdID AND n.PersonalID = h.HoHID AND n.AIR = 1
GROUP BY h.HoHID, h.ActiveHHType;
