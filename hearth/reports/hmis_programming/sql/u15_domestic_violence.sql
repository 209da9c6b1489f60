-- Domestic violence (4.11) of adults and heads of household (HMIS Programming Specifications,
-- CoC APR / ESG CAPER FY2026, Q14a and Q14b): the latest Health and DV record of the reported
-- enrollment on or before the report end, among the stages that collect it (start, update,
-- annual assessment; not exit).

CREATE OR REPLACE TABLE apr_domestic_violence AS
SELECT c.PersonalID, c.EnrollmentID, c.HouseholdType, h.DomesticViolenceSurvivor, h.WhenOccurred
FROM apr_client c
CROSS JOIN rpt_parameters r
LEFT JOIN hmis_HealthAndDV h ON h.EnrollmentID = c.EnrollmentID AND h.DateDeleted IS NULL
    AND h.DataCollectionStage IN (1, 2, 5) AND h.InformationDate <= r.ReportEnd
WHERE c.AgeGroup = 'adult' OR c.IsHeadOfHousehold
QUALIFY row_number() OVER (PARTITION BY c.EnrollmentID ORDER BY h.InformationDate DESC NULLS LAST, h.DateUpdated DESC) = 1;
