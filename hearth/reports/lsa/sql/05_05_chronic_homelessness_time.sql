-- LSA Programming Specifications v8, sections 5.5 to 5.10: time spent in ES/SH or on the street in
-- the three years ending on each adult's or HoH's last active date (CHStart..LastActive), as
-- date ranges to exclude (housed in TH, or in RRH/PSH after move-in: ch_Exclude), date ranges to
-- include (ES/SH stays, bed nights, 3.917 homeless history, less the excluded dates: ch_Include),
-- episodes of dates with gaps under seven nights (ch_Episodes), and from them CHTime and
-- CHTimeStatus. Dates are never listed one by one: each step works on ranges of dates.

-- 5.5: LastActive and CHStart
CREATE OR REPLACE TABLE lsa_person_last_active AS
SELECT n.PersonalID,
    max(CASE WHEN n.ExitDate IS NULL AND (n.LastBednight IS NULL OR n.LastBednight = rpt.ReportEnd)
             THEN rpt.ReportEnd
             WHEN n.LastBednight IS NOT NULL THEN n.LastBednight + 1
             ELSE n.ExitDate END) AS LastActive
FROM tlsa_Enrollment n CROSS JOIN lsa_Report rpt
WHERE n.EntryDate <= rpt.ReportEnd AND n.Active = 1
  AND n.PersonalID IN (SELECT PersonalID FROM tlsa_Person WHERE HoHAdult > 0)
GROUP BY n.PersonalID;

UPDATE tlsa_Person lp
SET LastActive = la.LastActive, CHStart = add_years(la.LastActive, -3) + 1
FROM lsa_person_last_active la
WHERE la.PersonalID = lp.PersonalID;

-- 5.6: enrollments that overlap the three-year window
UPDATE tlsa_Enrollment n SET CH = 1
FROM tlsa_Person lp
WHERE lp.PersonalID = n.PersonalID AND lp.HoHAdult > 0
  AND n.EntryDate <= lp.LastActive
  AND (n.ExitDate IS NULL OR n.ExitDate > lp.CHStart);

CREATE OR REPLACE TABLE lsa_ch_enrollments AS
SELECT n.EnrollmentID, n.PersonalID, n.LSAProjectType, n.EntryDate, n.MoveInDate, n.ExitDate,
    lp.CHStart, lp.LastActive,
    hn.DateToStreetESSH, hn.LivingSituation, hn.LengthOfStay, hn.PreviousStreetESSH,
    hn.TimesHomelessPastThreeYears, hn.MonthsHomelessPastThreeYears
FROM tlsa_Enrollment n
JOIN tlsa_Person lp ON lp.PersonalID = n.PersonalID
JOIN hmis_Enrollment hn ON hn.EnrollmentID = n.EnrollmentID
WHERE n.CH = 1;

-- 5.7: dates housed in TH (entry to the day before exit) or RRH/PSH (move-in to the day before
-- exit), as ranges ExcludeStart..ExcludeEnd
CREATE OR REPLACE TABLE ch_Exclude AS
SELECT PersonalID, ExcludeStart, ExcludeEnd
FROM (
    SELECT PersonalID,
        greatest(CASE WHEN LSAProjectType IN (3, 13, 15) THEN MoveInDate ELSE EntryDate END, CHStart)
            AS ExcludeStart,
        least(coalesce(ExitDate - 1, LastActive), LastActive) AS ExcludeEnd
    FROM lsa_ch_enrollments
    WHERE LSAProjectType IN (2, 3, 13, 15)
      AND (LSAProjectType = 2 OR MoveInDate IS NOT NULL)
) housed
WHERE ExcludeStart <= ExcludeEnd;

-- 5.8: ES/SH/street dates, as ranges FirstDate..LastDate
CREATE OR REPLACE TABLE lsa_ch_candidate_dates AS
SELECT PersonalID, FirstDate, LastDate
FROM (
    -- entry-exit ES and SH stays
    SELECT PersonalID, greatest(EntryDate, CHStart) AS FirstDate,
        least(coalesce(ExitDate - 1, LastActive), LastActive) AS LastDate
    FROM lsa_ch_enrollments
    WHERE LSAProjectType IN (0, 8)
    UNION ALL
    -- night-by-night bed nights from entry to the day before exit, within CHStart..LastActive
    SELECT ch.PersonalID, greatest(bn.FirstNight, ch.EntryDate, ch.CHStart),
        least(bn.LastNight, ch.ExitDate - 1, ch.LastActive)
    FROM lsa_ch_enrollments ch
    JOIN lsa_bed_night_runs bn ON bn.EnrollmentID = ch.EnrollmentID
    WHERE ch.LSAProjectType = 1
    UNION ALL
    -- 3.917 homeless history: from DateToStreetESSH up to entry (ES/SH/TH) or, in RRH/PSH, up to
    -- move-in (or exit, or LastActive, while not moved in)
    SELECT PersonalID, greatest(DateToStreetESSH, CHStart),
        CASE WHEN LSAProjectType IN (0, 1, 2, 8) THEN least(EntryDate - 1, LastActive)
             WHEN MoveInDate IS NOT NULL THEN least(MoveInDate - 1, LastActive)
             WHEN ExitDate IS NOT NULL THEN least(ExitDate - 1, LastActive)
             ELSE LastActive END
    FROM lsa_ch_enrollments
    WHERE EntryDate > CHStart
      AND DateToStreetESSH IS NOT NULL
      AND (LivingSituation BETWEEN 100 AND 199
           OR (LSAProjectType NOT IN (0, 1, 8) AND PreviousStreetESSH = 1 AND LengthOfStay IN (10, 11))
           OR (LSAProjectType NOT IN (0, 1, 8) AND PreviousStreetESSH = 1 AND LengthOfStay IN (2, 3)
               AND LivingSituation BETWEEN 200 AND 299))
) candidates
WHERE FirstDate <= LastDate;

-- ch_Include as ranges IncludeStart..IncludeEnd: the candidate dates not excluded (a sweep over
-- the range boundaries, counting the candidate and excluding ranges open on each date)
CREATE OR REPLACE TABLE ch_Include AS
WITH boundaries AS (
    SELECT PersonalID, FirstDate AS boundary, 1 AS candidate, 0 AS excluded FROM lsa_ch_candidate_dates
    UNION ALL SELECT PersonalID, LastDate + 1, -1, 0 FROM lsa_ch_candidate_dates
    UNION ALL SELECT PersonalID, ExcludeStart, 0, 1 FROM ch_Exclude
    UNION ALL SELECT PersonalID, ExcludeEnd + 1, 0, -1 FROM ch_Exclude
),
points AS (
    SELECT PersonalID, boundary, sum(candidate) AS candidate, sum(excluded) AS excluded
    FROM boundaries GROUP BY PersonalID, boundary
),
segments AS (
    SELECT PersonalID, boundary AS IncludeStart,
        lead(boundary) OVER (PARTITION BY PersonalID ORDER BY boundary) - 1 AS IncludeEnd,
        sum(candidate) OVER (PARTITION BY PersonalID ORDER BY boundary) AS candidates,
        sum(excluded) OVER (PARTITION BY PersonalID ORDER BY boundary) AS exclusions
    FROM points
)
SELECT PersonalID, IncludeStart, IncludeEnd FROM segments WHERE candidates > 0 AND exclusions = 0;

-- 5.8 gaps of fewer than seven nights between two ES/SH/street dates count as ES/SH/street time,
-- so ranges less than eight days apart join; 5.9: each joined run of dates is an episode
CREATE OR REPLACE TABLE ch_Episodes AS
SELECT PersonalID, min(IncludeStart) AS episodeStart, max(IncludeEnd) AS episodeEnd,
    CAST(max(IncludeEnd) - min(IncludeStart) + 1 AS INTEGER) AS episodeDays
FROM (
    SELECT PersonalID, IncludeStart, IncludeEnd,
        sum(is_new) OVER (PARTITION BY PersonalID ORDER BY IncludeStart) AS episode
    FROM (
        SELECT *, CASE WHEN IncludeStart - lag(IncludeEnd) OVER (PARTITION BY PersonalID ORDER BY IncludeStart) <= 7
                       THEN 0 ELSE 1 END AS is_new
        FROM ch_Include
    ) marked
) numbered
GROUP BY PersonalID, episode;

-- 5.10: CHTime and CHTimeStatus
UPDATE tlsa_Person SET CHTime = CASE WHEN HoHAdult = 0 THEN -1 ELSE 0 END, CHTimeStatus = -1;

-- one episode of 365+ days ending in the last year of activity
UPDATE tlsa_Person lp SET CHTime = 365, CHTimeStatus = 1
WHERE lp.CHTime = 0 AND EXISTS (
    SELECT 1 FROM ch_Episodes e
    WHERE e.PersonalID = lp.PersonalID AND e.episodeDays >= 365 AND e.episodeEnd > add_years(lp.LastActive, -1));

-- 365+ days in total: four or more episodes meet the time criteria
CREATE OR REPLACE TABLE lsa_ch_episode_totals AS
SELECT PersonalID, sum(episodeDays) AS days, count(DISTINCT episodeStart) AS episodes
FROM ch_Episodes
WHERE PersonalID IN (SELECT PersonalID FROM tlsa_Person WHERE CHTime = 0)
GROUP BY PersonalID;

UPDATE tlsa_Person lp
SET CHTime = CASE WHEN ep.days >= 365 THEN 365 WHEN ep.days BETWEEN 270 AND 364 THEN 270 ELSE 0 END,
    CHTimeStatus = CASE WHEN ep.days < 365 THEN -1 WHEN ep.episodes >= 4 THEN 2 ELSE 3 END
FROM lsa_ch_episode_totals ep
WHERE ep.PersonalID = lp.PersonalID;

-- 3.917 at an entry in the last year of activity: 12+ months in four or more occasions
UPDATE tlsa_Person lp SET CHTime = 400, CHTimeStatus = 2
WHERE (lp.CHTime NOT IN (-1, 365) OR lp.CHTimeStatus = 3)
  AND EXISTS (
    SELECT 1 FROM lsa_ch_enrollments ch
    WHERE ch.PersonalID = lp.PersonalID
      AND ch.MonthsHomelessPastThreeYears IN (112, 113) AND ch.TimesHomelessPastThreeYears = 4
      AND ch.EntryDate > add_years(lp.LastActive, -1));

-- not meeting the time criteria with 3.917 data missing for a relevant enrollment
UPDATE tlsa_Person lp SET CHTimeStatus = 99
WHERE (lp.CHTime IN (0, 270) OR lp.CHTimeStatus = 3)
  AND EXISTS (
    SELECT 1 FROM lsa_ch_enrollments hn
    WHERE hn.PersonalID = lp.PersonalID
      AND (hn.DateToStreetESSH > hn.EntryDate
           OR hn.LivingSituation < 100 OR hn.LivingSituation IS NULL
           OR hn.LengthOfStay IN (8, 9, 99) OR hn.LengthOfStay IS NULL
           OR (hn.LSAProjectType NOT IN (0, 1, 8) AND hn.LivingSituation BETWEEN 200 AND 299
               AND hn.LengthOfStay IN (2, 3)
               AND (hn.PreviousStreetESSH IS NULL OR hn.PreviousStreetESSH NOT IN (0, 1)))
           OR (hn.LSAProjectType NOT IN (0, 1, 8) AND hn.LengthOfStay IN (10, 11)
               AND (hn.PreviousStreetESSH IS NULL OR hn.PreviousStreetESSH NOT IN (0, 1)))
           OR ((hn.LSAProjectType IN (0, 1, 8)
                OR hn.LivingSituation BETWEEN 100 AND 199
                OR (hn.LSAProjectType NOT IN (0, 1, 8) AND hn.LivingSituation BETWEEN 200 AND 299
                    AND hn.LengthOfStay IN (2, 3) AND hn.PreviousStreetESSH = 1)
                OR (hn.LSAProjectType NOT IN (0, 1, 8) AND hn.LengthOfStay IN (10, 11)
                    AND hn.PreviousStreetESSH = 1))
               AND (hn.MonthsHomelessPastThreeYears IN (8, 9, 99) OR hn.MonthsHomelessPastThreeYears IS NULL
                    OR hn.TimesHomelessPastThreeYears IN (8, 9, 99) OR hn.TimesHomelessPastThreeYears IS NULL
                    OR hn.DateToStreetESSH IS NULL))));
