-- LSA Programming Specifications v8, sections 8.4 to 8.11: average days (of values above zero,
-- truncated to whole days as an integer average) for each report row, population and household
-- type: length of time homeless, by system path, housed in PSH, in RRH (LSAHousehold, cohort 1),
-- and days to return by last project type, population, system path and destination (LSAExit).

CREATE OR REPLACE TABLE lsa_average_inputs AS
-- 8.4: rows 1-9 for every household, SystemPath -1
SELECT 1 AS Cohort, -1 AS Universe, HoHID, HHType, r.ReportRow, -1 AS SystemPath, r.Days, 'household' AS kind,
    '8.4-8.7' AS Step
FROM lsa_household_values h,
LATERAL (VALUES (1, h.ESDays), (2, h.THDays), (3, h.ESTDays), (4, h.RRHPSHPreMoveInDays),
                (5, h.SystemHomelessDays), (6, h.Other3917Days), (7, h.TotalHomelessDays),
                (8, h.RRHHousedDays), (9, h.SystemDaysNotPSHHoused)) r(ReportRow, Days)
UNION ALL
-- 8.5: rows 1-9 by system path
SELECT 1, -1, HoHID, HHType, r.ReportRow, h.SystemPath, r.Days, 'path', '8.4-8.7'
FROM lsa_household_values h,
LATERAL (VALUES (1, h.ESDays, h.SystemPath IN (1, 3, 5, 7, 9, 10, 12)),
                (2, h.THDays, h.SystemPath IN (2, 3, 6, 7, 12)),
                (3, h.ESTDays, h.SystemPath IN (3, 7, 12)),
                (4, h.RRHPSHPreMoveInDays, h.SystemPath BETWEEN 4 AND 12),
                (5, h.SystemHomelessDays, h.SystemPath BETWEEN 5 AND 12),
                (6, h.Other3917Days, h.SystemPath BETWEEN 1 AND 12),
                (7, h.TotalHomelessDays, h.SystemPath BETWEEN 1 AND 12),
                (8, h.RRHHousedDays, h.SystemPath IN (4, 5, 6, 7, 10, 11, 12)),
                (9, h.SystemDaysNotPSHHoused, h.SystemPath BETWEEN 1 AND 12)) r(ReportRow, Days, applies)
WHERE r.applies
UNION ALL
-- 8.6 and 8.7: rows 10-16
SELECT 1, -1, HoHID, HHType, r.ReportRow, -1, r.Days, 'other', '8.4-8.7'
FROM lsa_household_values h,
LATERAL (VALUES
    (10, h.PSHHousedDays, h.PSHMoveIn IN (1, 2) AND h.PSHStatus IN (12, 22)),
    (11, h.PSHHousedDays, h.PSHMoveIn IN (1, 2) AND h.PSHStatus IN (11, 21)),
    (12, h.RRHPreMoveInDays, h.RRHStatus IN (12, 22) AND h.RRHMoveIn = 0),
    (13, h.RRHPreMoveInDays, h.RRHStatus IN (11, 21) AND h.RRHMoveIn = 0),
    (14, h.RRHPreMoveInDays, h.RRHMoveIn IN (1, 2) AND h.RRHStatus > 2),
    (15, h.RRHHousedDays, h.RRHStatus IN (12, 22) AND h.RRHMoveIn IN (1, 2)),
    (16, h.RRHHousedDays, h.RRHStatus IN (11, 21) AND h.RRHMoveIn IN (1, 2))) r(ReportRow, Days, applies)
WHERE r.applies
UNION ALL
-- 8.8 to 8.11: days to return, by where the household exited to (Universe 2 permanent, 3 temporary,
-- 4 unknown)
SELECT x.Cohort, CASE WHEN x.ExitTo BETWEEN 400 AND 499 THEN 2 WHEN x.ExitTo BETWEEN 100 AND 399 THEN 3 ELSE 4 END,
    x.HoHID, x.HHType, r.ReportRow, r.SystemPath, x.ReturnTime, r.kind, r.Step
FROM tlsa_Exit x,
LATERAL (VALUES
    -- 8.8: by the project type exited (rows 18-22, 63-66)
    (CASE x.ExitFrom WHEN 2 THEN 18 WHEN 3 THEN 19 WHEN 4 THEN 20 WHEN 5 THEN 21 WHEN 6 THEN 22
                     WHEN 7 THEN 63 WHEN 8 THEN 64 WHEN 9 THEN 65 WHEN 10 THEN 66 END, -1, 'other', '8.8-8.10'),
    -- 8.9: all (row 23)
    (23, -1, 'population', '8.8-8.10'),
    -- 8.10: by system path (rows 24-35) and any path but -1 (row 36)
    (CASE WHEN x.SystemPath BETWEEN 1 AND 12 THEN 23 + x.SystemPath END, x.SystemPath, 'other', '8.8-8.10'),
    (CASE WHEN x.SystemPath <> -1 THEN 36 END, -1, 'other', '8.8-8.10'),
    -- 8.11: by destination (rows 101-136)
    (CASE x.ExitTo WHEN 101 THEN 101 WHEN 116 THEN 102 WHEN 118 THEN 103 WHEN 204 THEN 104 WHEN 205 THEN 105
        WHEN 206 THEN 106 WHEN 207 THEN 107 WHEN 215 THEN 108 WHEN 225 THEN 109 WHEN 302 THEN 110
        WHEN 312 THEN 111 WHEN 313 THEN 112 WHEN 314 THEN 113 WHEN 327 THEN 114 WHEN 329 THEN 115
        WHEN 332 THEN 116 WHEN 410 THEN 117 WHEN 411 THEN 118 WHEN 419 THEN 119 WHEN 420 THEN 120
        WHEN 421 THEN 121 WHEN 422 THEN 122 WHEN 423 THEN 123 WHEN 426 THEN 124 WHEN 428 THEN 125
        WHEN 431 THEN 126 WHEN 433 THEN 127 WHEN 434 THEN 128 WHEN 436 THEN 129 WHEN 437 THEN 130
        WHEN 438 THEN 131 WHEN 439 THEN 132 WHEN 440 THEN 133 WHEN 24 THEN 134 WHEN 98 THEN 135
        WHEN 99 THEN 136 END, -1, 'other', '8.11')
) r(ReportRow, SystemPath, kind, Step)
WHERE r.ReportRow IS NOT NULL;

-- which populations each kind of row is reported for
CREATE OR REPLACE TABLE lsa_average_members AS
SELECT i.Cohort, i.Universe, pt.HHType, p.PopID AS Population, i.SystemPath, i.ReportRow, i.HoHID, i.Days, i.Step
FROM lsa_average_inputs i
JOIN (SELECT PopID, Cohort, HoHID, HHType FROM tlsa_AveragePops
      UNION ALL SELECT 0, Cohort, HoHID, HHType FROM lsa_average_inputs GROUP BY ALL) p
    ON p.Cohort = i.Cohort AND p.HoHID = i.HoHID AND p.HHType = i.HHType
JOIN lsa_population_hhtypes pt ON pt.PopID = p.PopID AND (pt.HHType = i.HHType OR pt.HHType = 0)
WHERE i.Days > 0
  AND CASE i.kind
        WHEN 'household' THEN TRUE
        WHEN 'population' THEN p.PopID <= 20 OR (p.PopID BETWEEN 23 AND 48)
                               OR (p.PopID >= 1000 AND p.PopID % 100 NOT IN (21, 22))
        ELSE p.PopID = 0 OR p.PopID BETWEEN 10 AND 17 END;

INSERT INTO lsa_Calculated
SELECT CAST(sum(Days) // count(*) AS INTEGER), Cohort, Universe, HHType, Population, SystemPath, NULL, ReportRow,
    any_value(rpt.ReportID), any_value(Step)
FROM lsa_average_members CROSS JOIN lsa_Report rpt
GROUP BY Cohort, Universe, HHType, Population, SystemPath, ReportRow;

INSERT INTO lsa_calculated_members
SELECT DISTINCT Cohort, Universe, HHType, Population, SystemPath, NULL, ReportRow, HoHID
FROM lsa_average_members;
