-- Lengths of participation and of time to housing (HMIS Programming Specifications, CoC APR /
-- ESG CAPER FY2026, Q22 and Q27j-l).
--   * Length of participation: days from project start to exit (leavers) or to the day after the
--     report end (stayers); night-by-night shelters count distinct bed nights from project start
--     to the exit or the report end.
--   * Time from project start to Housing Move-In Date (PSH and RRH): days from the client's
--     project start to their adjusted move-in date (u03); counted for clients whose head of
--     household moved in within the report date range; leavers who never moved in are counted
--     apart.
--   * Time prior to housing: days from the head of household's Approximate date this episode of
--     homelessness started (3.917.3) to the move-in date (PSH, PH, RRH) or project start (other
--     residential types: ES, TH, SH). Data Not Collected when that date is missing or later than
--     the housing date.

CREATE OR REPLACE MACRO length_row_q22a1(days) AS
    CASE WHEN days <= 30 THEN 2 WHEN days <= 60 THEN 3 WHEN days <= 90 THEN 4 WHEN days <= 180 THEN 5
         WHEN days <= 365 THEN 6 WHEN days <= 730 THEN 7 WHEN days <= 1095 THEN 8 WHEN days <= 1460 THEN 9
         WHEN days <= 1825 THEN 10 ELSE 11 END;
CREATE OR REPLACE MACRO length_row_detailed(days) AS
    CASE WHEN days <= 7 THEN 2 WHEN days <= 14 THEN 3 WHEN days <= 21 THEN 4 WHEN days <= 30 THEN 5
         WHEN days <= 60 THEN 6 WHEN days <= 90 THEN 7 WHEN days <= 180 THEN 8 WHEN days <= 365 THEN 9
         WHEN days <= 730 THEN 10 WHEN days <= 1095 THEN 11 WHEN days <= 1460 THEN 12 WHEN days <= 1825 THEN 13
         ELSE 14 END;

CREATE OR REPLACE TABLE apr_stay AS
WITH head AS (
    SELECT HouseholdID, any_value(DateToStreetESSH ORDER BY EntryDate DESC) AS HoHDateToStreetESSH
    FROM rpt_enrollment
    WHERE RelationshipToHoH = 1
    GROUP BY HouseholdID
)
SELECT
    c.PersonalID,
    c.EnrollmentID,
    c.HouseholdType,
    c.IsLeaver,
    c.IsYouth,
    c.ProjectType,
    CASE
        WHEN c.ProjectType = 1 THEN (
            SELECT count(DISTINCT s.DateProvided) FROM hmis_Services s
            WHERE s.EnrollmentID = c.EnrollmentID AND s.DateDeleted IS NULL AND s.RecordType = 200
              AND s.DateProvided >= c.EntryDate AND s.DateProvided <= coalesce(c.ExitDate, r.ReportEnd)
        )
        ELSE date_diff('day', c.EntryDate, coalesce(c.ExitDate, r.ReportEnd + INTERVAL 1 DAY))
    END AS ParticipationDays,
    CASE WHEN c.ProjectType IN (3, 13) AND c.HoHMoveInDate BETWEEN r.ReportStart AND r.ReportEnd
         THEN date_diff('day', c.EntryDate, c.MoveInDateAdj) END AS DaysToMoveIn,
    c.ProjectType IN (3, 13) AND (c.HoHMoveInDate BETWEEN r.ReportStart AND r.ReportEnd
                                  OR (c.IsLeaver AND c.MoveInDateAdj IS NULL)) AS InMoveInUniverse,
    coalesce(h.HoHDateToStreetESSH, c.DateToStreetESSH) AS HomelessSince,
    CASE WHEN c.ProjectType IN (3, 9, 10, 13) THEN c.MoveInDateAdj ELSE c.EntryDate END AS HousingDate,
    c.ProjectType IN (0, 1, 2, 3, 8, 9, 10, 13) AS InTimePriorUniverse
FROM apr_client c
CROSS JOIN rpt_parameters r
LEFT JOIN head h USING (HouseholdID);

CREATE OR REPLACE TABLE apr_time_prior AS
SELECT
    s.*,
    CASE
        WHEN s.HousingDate IS NULL THEN 'not yet'
        WHEN s.HomelessSince IS NULL OR s.HomelessSince > s.HousingDate THEN 'not collected'
        ELSE 'housed'
    END AS status,
    CASE WHEN s.HousingDate IS NOT NULL AND s.HomelessSince <= s.HousingDate
         THEN date_diff('day', s.HomelessSince, s.HousingDate) END AS DaysPriorToHousing
FROM apr_stay s
WHERE s.InTimePriorUniverse;
