-- Eva "dq" warnings that weigh an enrollment against the rest of the system or against the CoC's
-- local settings (EvaChecks.csv IDs in brackets). Days count to the as-of date (the export date of
-- a CSV export, today for Hearth's own data); an enrollment is open when it has no exit by then.
-- The settings (eva_settings, one row) default to Eva's: 90 days for every long-stayer type and 14
-- days for a referral without a result.

CREATE OR REPLACE TABLE eva_open_enrollment AS
SELECT e.*, date_diff('day', e.EntryDate, r.AsOf) AS DaysOpen
FROM eva_enrollment e
CROSS JOIN eva_parameters r
WHERE (e.ExitDate IS NULL OR e.ExitDate > r.AsOf) AND e.EntryDate <= r.AsOf;

-- [68] Unknown Living Situation: prior living situation, times or months homeless answered
-- "Client doesn't know" or "Client prefers not to answer" (adults and heads of household).
INSERT INTO eva_finding
SELECT 68, ProjectID, PersonalID, EnrollmentID, HouseholdID,
       'Living situation ' || coalesce(CAST(LivingSituation AS VARCHAR), 'missing') || ', times '
           || coalesce(CAST(TimesHomelessPastThreeYears AS VARCHAR), 'missing') || ', months '
           || coalesce(CAST(MonthsHomelessPastThreeYears AS VARCHAR), 'missing')
FROM eva_enrollment
WHERE IsAdultOrHead
  AND (LivingSituation IN (8, 9) OR TimesHomelessPastThreeYears IN (8, 9) OR MonthsHomelessPastThreeYears IN (8, 9));

-- [104] Long Stayers (Outliers): open enrollments longer than the 98th percentile of their project
-- type across the checked projects (ES, TH, SH, HP, RRH), or the 99th (PSH, PH - housing only,
-- PH - housing with services).
INSERT INTO eva_finding
SELECT 104, ProjectID, PersonalID, EnrollmentID, HouseholdID,
       DaysOpen || ' days open; the ' || CASE WHEN ProjectType IN (3, 9, 10) THEN '99th' ELSE '98th' END
           || ' percentile of the project type is ' || round(cutoff, 1) || ' days'
FROM (
    SELECT *,
           CASE WHEN ProjectType IN (3, 9, 10)
                THEN quantile_cont(DaysOpen, 0.99) OVER (PARTITION BY ProjectType)
                ELSE quantile_cont(DaysOpen, 0.98) OVER (PARTITION BY ProjectType)
           END AS cutoff
    FROM eva_open_enrollment
    WHERE ProjectType IN (0, 1, 2, 3, 8, 9, 10, 12, 13)
)
WHERE DaysOpen > cutoff;

-- [72] Possible Missed Move-In Date: open PH enrollments without a move-in date, waiting longer
-- than the 99th (PSH, PH) or 98th (RRH) percentile of the waits in their project type.
INSERT INTO eva_finding
SELECT 72, ProjectID, PersonalID, EnrollmentID, HouseholdID,
       DaysOpen || ' days without a move-in date; the ' || CASE WHEN ProjectType IN (3, 9, 10) THEN '99th' ELSE '98th' END
           || ' percentile of the project type is ' || round(cutoff, 1) || ' days'
FROM (
    SELECT *,
           CASE WHEN ProjectType IN (3, 9, 10)
                THEN quantile_cont(DaysOpen, 0.99) OVER (PARTITION BY ProjectType)
                ELSE quantile_cont(DaysOpen, 0.98) OVER (PARTITION BY ProjectType)
           END AS cutoff
    FROM eva_open_enrollment
    WHERE ProjectType IN (3, 9, 10, 13) AND MoveInDate IS NULL
)
WHERE DaysOpen > cutoff;

-- [102] Long Stayers (Local Settings): open Services Only, Day Shelter and Other enrollments longer
-- than the local setting for their type.
INSERT INTO eva_finding
SELECT 102, ProjectID, PersonalID, EnrollmentID, HouseholdID,
       DaysOpen || ' days open; the local setting is ' || limit_days || ' days'
FROM (
    SELECT e.*,
           CASE e.ProjectType WHEN 6 THEN s.ServicesOnlyDays WHEN 11 THEN s.DayShelterDays ELSE s.OtherDays END AS limit_days
    FROM eva_open_enrollment e CROSS JOIN eva_settings s
    WHERE e.ProjectType IN (6, 7, 11)
)
WHERE DaysOpen > limit_days;

-- [103] Days since Most Recent CLS Exceeds Local Settings (Street Outreach, Coordinated Entry);
-- [142] Days since Most Recent Bed Night Exceeds Local Settings (ES night-by-night). Without a
-- contact or bed night, the days count from the project start.
INSERT INTO eva_finding
SELECT 103, e.ProjectID, e.PersonalID, e.EnrollmentID, e.HouseholdID,
       date_diff('day', coalesce(l.last_date, e.EntryDate), r.AsOf) || ' days since '
           || CASE WHEN l.last_date IS NULL THEN 'project start' ELSE 'the last current living situation' END
           || '; the local setting is ' || CASE e.ProjectType WHEN 4 THEN s.OutreachDays ELSE s.CoordinatedEntryDays END || ' days'
FROM eva_open_enrollment e
CROSS JOIN eva_parameters r
CROSS JOIN eva_settings s
LEFT JOIN (
    SELECT EnrollmentID, max(InformationDate) AS last_date
    FROM hmis_CurrentLivingSituation WHERE DateDeleted IS NULL GROUP BY EnrollmentID
) l USING (EnrollmentID)
WHERE e.ProjectType IN (4, 14)
  AND date_diff('day', coalesce(l.last_date, e.EntryDate), r.AsOf)
      > CASE e.ProjectType WHEN 4 THEN s.OutreachDays ELSE s.CoordinatedEntryDays END;
INSERT INTO eva_finding
SELECT 142, e.ProjectID, e.PersonalID, e.EnrollmentID, e.HouseholdID,
       date_diff('day', coalesce(b.last_date, e.EntryDate), r.AsOf) || ' days since '
           || CASE WHEN b.last_date IS NULL THEN 'project start' ELSE 'the last bed night' END
           || '; the local setting is ' || s.EsNbnDays || ' days'
FROM eva_open_enrollment e
CROSS JOIN eva_parameters r
CROSS JOIN eva_settings s
LEFT JOIN (
    SELECT EnrollmentID, max(DateProvided) AS last_date
    FROM hmis_Services WHERE DateDeleted IS NULL AND RecordType = 200 GROUP BY EnrollmentID
) b USING (EnrollmentID)
WHERE e.ProjectType = 1 AND date_diff('day', coalesce(b.last_date, e.EntryDate), r.AsOf) > s.EsNbnDays;

-- [100] Days Referral Active Exceeds Local Settings: a referral to a housing opening (4.20.2
-- events 10-15, 17, 18) still without a result (4.20.D) after the local setting's days.
INSERT INTO eva_finding
SELECT 100, e.ProjectID, e.PersonalID, e.EnrollmentID, e.HouseholdID,
       'Event ' || v.EventID || ' (type ' || v.Event || ') on ' || v.EventDate || ': '
           || date_diff('day', v.EventDate, r.AsOf) || ' days without a result; the local setting is '
           || s.ReferralDays || ' days'
FROM eva_enrollment e
JOIN hmis_Event v ON v.EnrollmentID = e.EnrollmentID AND v.DateDeleted IS NULL
CROSS JOIN eva_parameters r
CROSS JOIN eva_settings s
WHERE v.Event IN (10, 11, 12, 13, 14, 15, 17, 18)
  AND v.ReferralResult IS NULL
  AND v.EventDate <= r.AsOf
  AND date_diff('day', v.EventDate, r.AsOf) > s.ReferralDays;
