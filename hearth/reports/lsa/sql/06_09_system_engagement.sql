-- LSA Programming Specifications v8, sections 6.9 and 6.10: system engagement status (Stat) and
-- return time from the household's latest exit in the 730 days before its first active entry
-- (FirstEntry), and days in RRH before move-in.

CREATE OR REPLACE TABLE lsa_household_engagement AS
WITH first_entry AS (
    SELECT HoHID, HHType, min(EntryDate) AS FirstEntry FROM lsa_active_hhid GROUP BY HoHID, HHType
),
prior AS (
    SELECT fe.HoHID, fe.HHType, p.EnrollmentID, p.ExitDate, p.ExitDest,
        row_number() OVER (PARTITION BY fe.HoHID, fe.HHType ORDER BY p.ExitDate DESC, p.EnrollmentID) AS rank
    FROM first_entry fe
    JOIN tlsa_HHID p ON p.HoHID = fe.HoHID AND p.ActiveHHType = fe.HHType
        AND p.ExitDate >= fe.FirstEntry - 730 AND p.ExitDate < fe.FirstEntry
)
SELECT fe.HoHID, fe.HHType, fe.FirstEntry, p.EnrollmentID AS StatEnrollmentID,
    p.ExitDate AS PriorExitDate, p.ExitDest AS PriorExitDest
FROM first_entry fe
LEFT JOIN prior p ON p.HoHID = fe.HoHID AND p.HHType = fe.HHType AND p.rank = 1;

ALTER TABLE tlsa_Household ADD COLUMN FirstEntry DATE;
ALTER TABLE tlsa_Household ADD COLUMN StatEnrollmentID VARCHAR;
ALTER TABLE tlsa_Household ADD COLUMN Stat INTEGER;
ALTER TABLE tlsa_Household ADD COLUMN ReturnTime INTEGER;
ALTER TABLE tlsa_Household ADD COLUMN RRHPreMoveInDays INTEGER;

UPDATE tlsa_Household hh
SET FirstEntry = e.FirstEntry, StatEnrollmentID = e.StatEnrollmentID,
    Stat = CASE WHEN g.PSHStatus IN (11, 12) OR g.RRHStatus IN (11, 12) OR g.ESTStatus IN (11, 12) THEN 5
                WHEN e.StatEnrollmentID IS NULL THEN 1
                WHEN e.PriorExitDate + 15 > e.FirstEntry THEN 5
                WHEN e.PriorExitDest BETWEEN 400 AND 499 THEN 2
                WHEN e.PriorExitDest BETWEEN 100 AND 399 THEN 3
                ELSE 4 END,
    ReturnTime = CASE WHEN g.PSHStatus IN (11, 12) OR g.RRHStatus IN (11, 12) OR g.ESTStatus IN (11, 12)
                        OR e.StatEnrollmentID IS NULL OR e.PriorExitDate + 15 > e.FirstEntry THEN -1
                      ELSE e.FirstEntry - e.PriorExitDate END
FROM lsa_household_engagement e, lsa_household_group_columns g
WHERE e.HoHID = hh.HoHID AND e.HHType = hh.HHType AND g.HoHID = hh.HoHID AND g.HHType = hh.HHType;

-- 6.10: distinct days enrolled in RRH before move-in (through exit, or ReportEnd, if never moved
-- in): each stay counts the days after the latest day of the household's earlier stays
UPDATE tlsa_Household hh
SET RRHPreMoveInDays = coalesce(d.days, 0)
FROM (
    SELECT hh2.HoHID, hh2.HHType,
        sum(greatest(x.LastDay - greatest(x.FirstDay - 1, coalesce(x.covered, x.FirstDay - 1)), 0)) AS days
    FROM tlsa_Household hh2
    LEFT JOIN (
        SELECT HoHID, HHType, FirstDay, LastDay,
            max(LastDay) OVER (PARTITION BY HoHID, HHType ORDER BY FirstDay, LastDay
                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS covered
        FROM (SELECT h.HoHID, h.HHType, h.EntryDate AS FirstDay,
                  coalesce(h.MoveInDate - 1, h.ExitDate, h.ReportEnd) AS LastDay
              FROM lsa_group_hhid h WHERE h.LSAProjectType = 13) stays
        WHERE FirstDay <= LastDay
    ) x ON x.HoHID = hh2.HoHID AND x.HHType = hh2.HHType
    GROUP BY hh2.HoHID, hh2.HHType
) d
WHERE d.HoHID = hh.HoHID AND d.HHType = hh.HHType;
