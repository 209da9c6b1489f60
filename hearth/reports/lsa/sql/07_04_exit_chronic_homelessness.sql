-- LSA Programming Specifications v8, sections 7.4 to 7.8: heads of household and adults of each
-- qualifying exit (tlsa_ExitHoHAdult), their disability status, and time in ES/SH or on the street
-- in the three years ending on their exit (ch_Exclude_exit, ch_Include_exit, ch_Episodes_exit,
-- each as ranges of dates), giving CHTime and CHTimeStatus as in sections 5.5-5.10.

CREATE OR REPLACE TABLE lsa_exit_members AS
SELECT ex.Cohort, ex.QualifyingExitHHID, ex.ExitFrom, n.*
FROM tlsa_Exit ex
JOIN lsa_cohort_member n ON n.HouseholdID = ex.QualifyingExitHHID AND n.Cohort = ex.Cohort;

CREATE OR REPLACE TABLE tlsa_ExitHoHAdult AS
SELECT m.PersonalID, m.QualifyingExitHHID, m.Cohort,
    CAST(NULL AS INTEGER) AS DisabilityStatus,
    add_years(max(m.ExitDate), -3) + 1 AS CHStart, max(m.ExitDate) AS LastActive,
    CAST(NULL AS INTEGER) AS CHTime, CAST(NULL AS INTEGER) AS CHTimeStatus
FROM lsa_exit_members m
JOIN tlsa_Exit ex ON ex.QualifyingExitHHID = m.QualifyingExitHHID AND ex.Cohort = m.Cohort
WHERE m.exited_in_cohort
  AND (m.RelationshipToHoH = 1 OR m.CohortAge BETWEEN 18 AND 65)
  -- long TH stays and a year or more housed in RRH/PSH are not reported on for CH
  AND (ex.ExitFrom <> 3 OR ex.QualifyingEntryDate > add_years(ex.QualifyingExitDate, -1))
  AND (ex.ExitFrom NOT IN (5, 6) OR ex.QualifyingMoveInDate > add_years(ex.QualifyingExitDate, -1))
GROUP BY m.PersonalID, m.QualifyingExitHHID, m.Cohort;

CREATE OR REPLACE TABLE lsa_exit_disability AS
SELECT n.HouseholdID, n.PersonalID, bool_or(n.DisabilityStatus = 1) AS any_yes, bool_or(n.DisabilityStatus = 0) AS any_no
FROM tlsa_Enrollment n
WHERE EXISTS (SELECT 1 FROM tlsa_ExitHoHAdult ha WHERE ha.QualifyingExitHHID = n.HouseholdID AND ha.PersonalID = n.PersonalID)
GROUP BY n.HouseholdID, n.PersonalID;

UPDATE tlsa_ExitHoHAdult ha
SET DisabilityStatus = CASE WHEN d.any_yes THEN 1 WHEN d.any_no THEN 0 ELSE 99 END
FROM lsa_exit_disability d
WHERE d.HouseholdID = ha.QualifyingExitHHID AND d.PersonalID = ha.PersonalID;

-- 3.917 at a recent entry of any HoH/adult: 12+ months on 4+ occasions, for the whole household
UPDATE tlsa_ExitHoHAdult ha SET CHTime = 400, CHTimeStatus = 2
WHERE EXISTS (
    SELECT 1 FROM lsa_exit_members m
    JOIN hmis_Enrollment hn ON hn.EnrollmentID = m.EnrollmentID
    WHERE m.QualifyingExitHHID = ha.QualifyingExitHHID AND m.Cohort = ha.Cohort
      AND m.exited_in_cohort AND m.EntryDate > add_years(ha.LastActive, -1)
      AND (m.RelationshipToHoH = 1 OR m.CohortAge BETWEEN 18 AND 65)
      AND hn.MonthsHomelessPastThreeYears IN (112, 113) AND hn.TimesHomelessPastThreeYears = 4
      AND hn.EntryDate = m.EntryDate);

-- the window of each person: earliest CHStart to latest LastActive over their exits
CREATE OR REPLACE TABLE lsa_exit_ch_people AS
SELECT PersonalID, min(CHStart) AS WindowStart, max(LastActive) AS WindowEnd
FROM tlsa_ExitHoHAdult
GROUP BY PersonalID
HAVING bool_or(CHTime IS NULL);

CREATE OR REPLACE TABLE lsa_exit_ch_enrollments AS
SELECT n.EnrollmentID, n.PersonalID, n.LSAProjectType, n.EntryDate, n.MoveInDate, n.ExitDate,
    p.WindowStart, p.WindowEnd,
    hn.DateToStreetESSH, hn.LivingSituation, hn.LengthOfStay, hn.PreviousStreetESSH
FROM lsa_exit_ch_people p
JOIN tlsa_Enrollment n ON n.PersonalID = p.PersonalID
JOIN hmis_Enrollment hn ON hn.EnrollmentID = n.EnrollmentID;

-- 7.5: housed in TH, or in RRH/PSH after move-in (closed enrollments only), as date ranges
CREATE OR REPLACE TABLE ch_Exclude_exit AS
SELECT PersonalID, ExcludeStart, ExcludeEnd
FROM (
    SELECT PersonalID,
        greatest(CASE WHEN LSAProjectType IN (3, 13) THEN MoveInDate ELSE EntryDate END, WindowStart)
            AS ExcludeStart,
        least(ExitDate - 1, WindowEnd) AS ExcludeEnd
    FROM lsa_exit_ch_enrollments
    WHERE LSAProjectType IN (2, 3, 13) AND ExitDate IS NOT NULL
      AND (LSAProjectType = 2 OR MoveInDate IS NOT NULL)
) housed
WHERE ExcludeStart <= ExcludeEnd;

-- 7.6: ES/SH stays, bed nights, and 3.917 history (closed enrollments only), as date ranges
CREATE OR REPLACE TABLE lsa_exit_ch_candidate_dates AS
SELECT PersonalID, FirstDate, LastDate
FROM (
    SELECT PersonalID, greatest(EntryDate, WindowStart) AS FirstDate, least(ExitDate - 1, WindowEnd) AS LastDate
    FROM lsa_exit_ch_enrollments
    WHERE LSAProjectType IN (0, 8) AND ExitDate IS NOT NULL
    UNION ALL
    SELECT ch.PersonalID, greatest(bn.FirstNight, ch.EntryDate, ch.WindowStart),
        least(bn.LastNight, ch.ExitDate - 1, ch.WindowEnd)
    FROM lsa_exit_ch_enrollments ch
    JOIN lsa_bed_night_runs bn ON bn.EnrollmentID = ch.EnrollmentID
    WHERE ch.LSAProjectType = 1 AND ch.ExitDate IS NOT NULL
    UNION ALL
    SELECT ch.PersonalID, greatest(ch.DateToStreetESSH, ch.WindowStart),
        CASE WHEN ch.LSAProjectType IN (0, 1, 2, 8) THEN least(ch.EntryDate - 1, ch.WindowEnd)
             WHEN ch.MoveInDate IS NOT NULL THEN least(ch.MoveInDate - 1, ch.WindowEnd)
             -- not moved in: through the day before exit; an open enrollment adds nothing here
             WHEN ch.ExitDate IS NOT NULL THEN least(ch.ExitDate - 1, ch.WindowEnd) END
    FROM lsa_exit_ch_enrollments ch
    WHERE ch.DateToStreetESSH IS NOT NULL
      AND EXISTS (SELECT 1 FROM tlsa_ExitHoHAdult ha
                  WHERE ha.PersonalID = ch.PersonalID AND ha.CHTime IS NULL AND ch.EntryDate > ha.CHStart)
      AND (ch.LivingSituation BETWEEN 100 AND 199
           OR (ch.LSAProjectType NOT IN (0, 1, 8) AND ch.PreviousStreetESSH = 1 AND ch.LengthOfStay IN (10, 11))
           OR (ch.LSAProjectType NOT IN (0, 1, 8) AND ch.PreviousStreetESSH = 1 AND ch.LengthOfStay IN (2, 3)
               AND ch.LivingSituation BETWEEN 200 AND 299))
) candidates
WHERE FirstDate <= LastDate;

-- the candidate dates not excluded, as ranges (a sweep over the range boundaries); then gaps of
-- fewer than seven nights between two of them join the ranges on either side (ch_Include_exit:
-- runs of consecutive ES/SH/street dates)
CREATE OR REPLACE TABLE ch_Include_exit AS
WITH boundaries AS (
    SELECT PersonalID, FirstDate AS boundary, 1 AS candidate, 0 AS excluded FROM lsa_exit_ch_candidate_dates
    UNION ALL SELECT PersonalID, LastDate + 1, -1, 0 FROM lsa_exit_ch_candidate_dates
    UNION ALL SELECT PersonalID, ExcludeStart, 0, 1 FROM ch_Exclude_exit
    UNION ALL SELECT PersonalID, ExcludeEnd + 1, 0, -1 FROM ch_Exclude_exit
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
),
dated AS (SELECT PersonalID, IncludeStart, IncludeEnd FROM segments WHERE candidates > 0 AND exclusions = 0),
joined AS (
    SELECT *, sum(is_new) OVER (PARTITION BY PersonalID ORDER BY IncludeStart) AS run
    FROM (
        SELECT *, CASE WHEN IncludeStart - lag(IncludeEnd) OVER (PARTITION BY PersonalID ORDER BY IncludeStart) <= 7
                       THEN 0 ELSE 1 END AS is_new
        FROM dated
    ) marked
)
SELECT PersonalID, min(IncludeStart) AS IncludeStart, max(IncludeEnd) AS IncludeEnd
FROM joined
GROUP BY PersonalID, run;

-- 7.7: episodes. An episode starts on a date without one the day before and ends on the first
-- later date without one the day after; a one-day episode therefore runs to the end of the next
-- episode (or has no end when none follows), as HUD's sample code computes them.
CREATE OR REPLACE TABLE ch_Episodes_exit AS
SELECT PersonalID, IncludeStart AS episodeStart,
    CASE WHEN IncludeEnd > IncludeStart THEN IncludeEnd
         ELSE lead(IncludeEnd) OVER (PARTITION BY PersonalID ORDER BY IncludeStart) END AS episodeEnd
FROM ch_Include_exit;
ALTER TABLE ch_Episodes_exit ADD COLUMN episodeDays INTEGER;
UPDATE ch_Episodes_exit SET episodeDays = episodeEnd - episodeStart + 1;

-- 7.8: CHTime and CHTimeStatus
UPDATE tlsa_ExitHoHAdult ha SET CHTime = 365, CHTimeStatus = 1
WHERE EXISTS (SELECT 1 FROM ch_Episodes_exit e
              WHERE e.PersonalID = ha.PersonalID AND e.episodeEnd > add_years(ha.LastActive, -1)
                AND e.episodeStart <= add_years(e.episodeEnd, -1));

-- days: the ES/SH/street dates from CHStart to LastActive of the exit
UPDATE tlsa_ExitHoHAdult ha
SET CHTime = CASE WHEN t.days >= 365 THEN 365 WHEN t.days >= 270 THEN 270 END,
    CHTimeStatus = CASE WHEN t.episodes >= 4 THEN 2 ELSE 3 END
FROM (
    SELECT h.PersonalID, h.Cohort,
        coalesce((SELECT sum(least(i.IncludeEnd, h.LastActive) - greatest(i.IncludeStart, h.CHStart) + 1)
                  FROM ch_Include_exit i
                  WHERE i.PersonalID = h.PersonalID AND i.IncludeStart <= h.LastActive
                    AND i.IncludeEnd >= h.CHStart), 0) AS days,
        (SELECT count(DISTINCT e.episodeStart) FROM ch_Episodes_exit e
         WHERE e.PersonalID = h.PersonalID AND e.episodeEnd BETWEEN h.CHStart AND h.LastActive) AS episodes
    FROM tlsa_ExitHoHAdult h
    WHERE h.CHTime IS NULL
) t
WHERE t.PersonalID = ha.PersonalID AND t.Cohort = ha.Cohort AND ha.CHTime IS NULL
  AND t.days > 0 AND t.episodes > 0;

UPDATE tlsa_ExitHoHAdult ha SET CHTimeStatus = 99
WHERE (ha.CHTime IS NULL OR ha.CHTime IN (0, 270) OR ha.CHTimeStatus = 3)
  AND EXISTS (
    SELECT 1 FROM lsa_exit_members n
    JOIN hmis_Enrollment hn ON hn.EnrollmentID = n.EnrollmentID
    WHERE n.QualifyingExitHHID = ha.QualifyingExitHHID AND n.Cohort = ha.Cohort
      AND n.PersonalID = ha.PersonalID AND n.exited_in_cohort
      AND (n.RelationshipToHoH = 1 OR n.CohortAge BETWEEN 18 AND 65)
      AND (hn.DateToStreetESSH > n.EntryDate
           OR hn.LivingSituation < 100 OR hn.LivingSituation IS NULL
           OR hn.LengthOfStay IN (8, 9, 99) OR hn.LengthOfStay IS NULL
           OR (n.LSAProjectType NOT IN (0, 1, 8) AND hn.LivingSituation BETWEEN 200 AND 299
               AND hn.LengthOfStay IN (2, 3)
               AND (hn.PreviousStreetESSH IS NULL OR hn.PreviousStreetESSH NOT IN (0, 1)))
           OR (n.LSAProjectType NOT IN (0, 1, 8) AND hn.LengthOfStay IN (10, 11)
               AND (hn.PreviousStreetESSH IS NULL OR hn.PreviousStreetESSH NOT IN (0, 1)))
           OR ((n.LSAProjectType IN (0, 1, 8)
                OR hn.LivingSituation BETWEEN 100 AND 199
                OR (n.LSAProjectType NOT IN (0, 1, 8) AND hn.LivingSituation BETWEEN 200 AND 299
                    AND hn.LengthOfStay IN (2, 3) AND hn.PreviousStreetESSH = 1)
                OR (n.LSAProjectType NOT IN (0, 1, 8) AND hn.LengthOfStay IN (10, 11)
                    AND hn.PreviousStreetESSH = 1))
               AND (hn.MonthsHomelessPastThreeYears IN (8, 9, 99) OR hn.MonthsHomelessPastThreeYears IS NULL
                    OR hn.TimesHomelessPastThreeYears IN (8, 9, 99) OR hn.TimesHomelessPastThreeYears IS NULL
                    OR hn.DateToStreetESSH IS NULL))));
