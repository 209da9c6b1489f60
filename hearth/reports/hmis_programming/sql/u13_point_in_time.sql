-- Point-in-time nights (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q7b and
-- Q8b): the last Wednesday of January, April, July and October within the report date range (the
-- latest, should the range hold a month twice), and every enrollment (not only the client's
-- latest) in the report's projects present on each of those nights:
--   * started on or before the night;
--   * night-by-night shelters: has a bed night on that date;
--   * PSH and RRH: the household had moved in (head's Housing Move-In Date) on or before it;
--   * residential projects (ES, TH, PH, SH): exited after that date, or not at all;
--   * other projects (SO, SSO, day shelter, HP, CE): exited on or after that date, or not at all.

CREATE OR REPLACE TABLE apr_pit_date AS
SELECT month_name, max(d) AS pit_date
FROM (
    SELECT CAST(d AS DATE) AS d, monthname(d) AS month_name
    FROM rpt_parameters r, generate_series(CAST(r.ReportStart AS TIMESTAMP), CAST(r.ReportEnd AS TIMESTAMP), INTERVAL 1 DAY) AS t(d)
    WHERE dayofweek(d) = 3 AND month(d) IN (1, 4, 7, 10)
      AND month(d + INTERVAL 7 DAY) <> month(d)
)
GROUP BY month_name;

CREATE OR REPLACE TABLE apr_pit_enrollment AS
SELECT
    p.month_name,
    CASE p.month_name WHEN 'January' THEN 2 WHEN 'April' THEN 3 WHEN 'July' THEN 4 ELSE 5 END AS row_number,
    e.PersonalID,
    e.EnrollmentID,
    e.HouseholdID
FROM apr_pit_date p
JOIN rpt_enrollment e ON e.EntryDate <= p.pit_date
LEFT JOIN apr_household_move_in m ON m.HouseholdID = e.HouseholdID
WHERE CASE
        WHEN e.ProjectType = 1 THEN EXISTS (
            SELECT 1 FROM rpt_bed_night b WHERE b.EnrollmentID = e.EnrollmentID AND b.DateProvided = p.pit_date
        )
        WHEN e.ProjectType IN (3, 13) THEN m.HoHMoveInDate <= p.pit_date
            AND (e.RecordedExitDate IS NULL OR e.RecordedExitDate > p.pit_date)
        WHEN e.ProjectType IN (0, 2, 8, 9, 10) THEN e.RecordedExitDate IS NULL OR e.RecordedExitDate > p.pit_date
        ELSE e.RecordedExitDate IS NULL OR e.RecordedExitDate >= p.pit_date
    END;
