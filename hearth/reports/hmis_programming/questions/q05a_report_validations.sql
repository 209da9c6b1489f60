-- Q5a Report Validations Table (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026,
-- Q5a; the same table opens the HUD Data Quality report).
-- Column B counts the data-quality universe (street outreach: engaged clients only), column C
-- every active client. Row 16: heads of household and adults who are stayers and have been in
-- the project 365 days or more.

INSERT INTO report_cells
SELECT 'Q5a', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM (
    SELECT c.*, r.row_number
    FROM apr_client c
    CROSS JOIN rpt_parameters p
    JOIN (
        SELECT * FROM (VALUES (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15), (16), (17))
            AS t(row_number)
    ) r ON CASE r.row_number
        WHEN 2 THEN TRUE
        WHEN 3 THEN c.AgeGroup = 'adult'
        WHEN 4 THEN c.AgeGroup = 'child'
        WHEN 5 THEN c.AgeGroup IN ('dkpnta', 'dnc')
        WHEN 6 THEN c.IsLeaver
        WHEN 7 THEN c.IsLeaver AND c.AgeGroup = 'adult'
        WHEN 8 THEN c.IsLeaver AND (c.AgeGroup = 'adult' OR c.IsHeadOfHousehold)
        WHEN 9 THEN NOT c.IsLeaver
        WHEN 10 THEN NOT c.IsLeaver AND c.AgeGroup = 'adult'
        WHEN 11 THEN c.IsVeteran
        WHEN 12 THEN c.ChronicStatus = 'Y'
        WHEN 13 THEN c.IsYouth
        WHEN 14 THEN c.IsParentingYouth
        WHEN 15 THEN c.AgeGroup = 'adult' AND c.IsHeadOfHousehold
        WHEN 16 THEN c.AgeGroup <> 'adult' AND c.IsHeadOfHousehold
        WHEN 17 THEN NOT c.IsLeaver AND (c.AgeGroup = 'adult' OR c.IsHeadOfHousehold) AND c.LengthOfStayDays >= 365
    END
) counted
CROSS JOIN unnest(CASE WHEN InDataQualityUniverse THEN ['B', 'C'] ELSE ['C'] END) AS cols(col);
