-- Q24a Homelessness Prevention Housing Assessment at Exit (HMIS Programming Specifications, ESG
-- CAPER FY2026, Q24a). Leavers of homelessness prevention projects (12) by Housing Assessment at
-- Exit (W5, 1-10) and Subsidy Information: maintained the housing they had at start without a
-- subsidy (1), with the subsidy they had (2), with a subsidy acquired since (3), only with other
-- financial assistance (4); moved to a new unit with (11) or without (12) an ongoing subsidy;
-- moved in with family or friends temporarily or permanently; to transitional or temporary
-- housing; became homeless; jail or prison; deceased; Client Doesn't Know/Prefers Not to
-- Answer; data not collected. The total counts the leavers with a valid answer.

INSERT INTO report_cells
SELECT 'Q24a', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM (
    SELECT *,
        CASE
            WHEN HousingAssessment = 1 AND SubsidyInformation IN (1, 2, 3, 4) THEN 1 + SubsidyInformation
            WHEN HousingAssessment = 2 AND SubsidyInformation = 11 THEN 6
            WHEN HousingAssessment = 2 AND SubsidyInformation = 12 THEN 7
            WHEN HousingAssessment = 3 THEN 8
            WHEN HousingAssessment = 4 THEN 9
            WHEN HousingAssessment = 5 THEN 10
            WHEN HousingAssessment = 6 THEN 11
            WHEN HousingAssessment = 7 THEN 12
            WHEN HousingAssessment = 10 THEN 13
            WHEN HousingAssessment IN (8, 9) THEN 14
            WHEN HousingAssessment = 99 OR HousingAssessment IS NULL THEN 15
        END AS assessment_row
    FROM apr_client
    WHERE IsLeaver AND ProjectType = 12
)
CROSS JOIN unnest([assessment_row, CASE WHEN assessment_row IS NOT NULL THEN 16 END]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE row_number IS NOT NULL;
