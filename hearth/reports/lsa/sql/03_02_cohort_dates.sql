-- LSA Programming Specifications v8, section 3.2: LSA reporting cohorts and dates (tlsa_CohortDates).
-- Cohort 1 is the report period; exit cohorts 0, -1, -2 and the point-in-time cohorts 10-13 exist
-- only outside the HIC scope, and a point-in-time date only when it falls in the report period.

CREATE OR REPLACE TABLE tlsa_CohortDates AS
WITH rpt AS (SELECT * FROM lsa_Report),
cohorts AS (
    SELECT 1 AS Cohort, ReportStart AS CohortStart, ReportEnd AS CohortEnd FROM rpt
    UNION ALL
    SELECT 0, ReportStart,
        CASE WHEN add_months(ReportEnd, -6) <= ReportStart THEN ReportEnd ELSE add_months(ReportEnd, -6) END
    FROM rpt WHERE LSAScope <> 3
    UNION ALL
    SELECT -1, add_years(ReportStart, -1), add_years(ReportEnd, -1) FROM rpt WHERE LSAScope <> 3
    UNION ALL
    SELECT -2, add_years(ReportStart, -2), add_years(ReportEnd, -2) FROM rpt WHERE LSAScope <> 3
    UNION ALL
    SELECT pit.Cohort, pit.PITDate, pit.PITDate
    FROM rpt, (
        SELECT 10 AS Cohort, make_date(year(ReportStart), 10, 31) AS PITDate FROM lsa_Report
        UNION ALL SELECT 11, make_date(year(ReportEnd), 1, 31) FROM lsa_Report
        UNION ALL SELECT 12, make_date(year(ReportEnd), 4, 30) FROM lsa_Report
        UNION ALL SELECT 13, make_date(year(ReportEnd), 7, 31) FROM lsa_Report
    ) pit
    WHERE rpt.LSAScope <> 3 AND pit.PITDate BETWEEN rpt.ReportStart AND rpt.ReportEnd
)
SELECT c.Cohort, c.CohortStart, c.CohortEnd, rpt.LookbackDate, rpt.ReportID
FROM cohorts c, rpt;
