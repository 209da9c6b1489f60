-- Income and Sources (4.02), Non-Cash Benefits (4.03) and Health Insurance (4.04) at project
-- start, at the annual assessment and at exit, for each reported enrollment.
--
-- HMIS Programming Specifications, CoC APR / ESG CAPER FY2026 (Q6c, Q16-Q21) and the HMIS
-- Reporting Glossary:
--   * at start: the record with DataCollectionStage 1 dated on the project start date;
--   * at exit (leavers): the record with DataCollectionStage 3 dated on the exit date;
--   * at annual assessment (stayers whose assessment is due): the record with
--     DataCollectionStage 5 dated within 30 days before or after the due date, the latest one;
--   * total monthly income: TotalMonthlyIncome when above zero, else the sum of the amounts of
--     the sources answered Yes, else zero when the client said No income (or gave a total of
--     zero with no Don't know); unknown otherwise ("calculated total income").

CREATE OR REPLACE TABLE apr_income_record AS
SELECT
    i.*,
    (coalesce(i.Earned = 1, FALSE)::INTEGER + coalesce(i.Unemployment = 1, FALSE)::INTEGER
     + coalesce(i.SSI = 1, FALSE)::INTEGER + coalesce(i.SSDI = 1, FALSE)::INTEGER
     + coalesce(i.VADisabilityService = 1, FALSE)::INTEGER + coalesce(i.VADisabilityNonService = 1, FALSE)::INTEGER
     + coalesce(i.PrivateDisability = 1, FALSE)::INTEGER + coalesce(i.WorkersComp = 1, FALSE)::INTEGER
     + coalesce(i.TANF = 1, FALSE)::INTEGER + coalesce(i.GA = 1, FALSE)::INTEGER
     + coalesce(i.SocSecRetirement = 1, FALSE)::INTEGER + coalesce(i.Pension = 1, FALSE)::INTEGER
     + coalesce(i.ChildSupport = 1, FALSE)::INTEGER + coalesce(i.Alimony = 1, FALSE)::INTEGER
     + coalesce(i.OtherIncomeSource = 1, FALSE)::INTEGER) AS IncomeSourceCount,
    (coalesce(i.SNAP = 1, FALSE)::INTEGER + coalesce(i.WIC = 1, FALSE)::INTEGER
     + coalesce(i.TANFChildCare = 1, FALSE)::INTEGER + coalesce(i.TANFTransportation = 1, FALSE)::INTEGER
     + coalesce(i.OtherTANF = 1, FALSE)::INTEGER + coalesce(i.OtherBenefitsSource = 1, FALSE)::INTEGER) AS BenefitSourceCount,
    (coalesce(i.Medicaid = 1, FALSE)::INTEGER + coalesce(i.Medicare = 1, FALSE)::INTEGER
     + coalesce(i.SCHIP = 1, FALSE)::INTEGER + coalesce(i.VHAServices = 1, FALSE)::INTEGER
     + coalesce(i.EmployerProvided = 1, FALSE)::INTEGER + coalesce(i.COBRA = 1, FALSE)::INTEGER
     + coalesce(i.PrivatePay = 1, FALSE)::INTEGER + coalesce(i.StateHealthIns = 1, FALSE)::INTEGER
     + coalesce(i.IndianHealthServices = 1, FALSE)::INTEGER + coalesce(i.OtherInsurance = 1, FALSE)::INTEGER) AS InsuranceSourceCount,
    income_part(i.Earned, i.EarnedAmount) AS EarnedIncome,
    income_part(i.Earned, i.EarnedAmount) + income_part(i.Unemployment, i.UnemploymentAmount)
        + income_part(i.SSI, i.SSIAmount) + income_part(i.SSDI, i.SSDIAmount)
        + income_part(i.VADisabilityService, i.VADisabilityServiceAmount)
        + income_part(i.VADisabilityNonService, i.VADisabilityNonServiceAmount)
        + income_part(i.PrivateDisability, i.PrivateDisabilityAmount)
        + income_part(i.WorkersComp, i.WorkersCompAmount) + income_part(i.TANF, i.TANFAmount)
        + income_part(i.GA, i.GAAmount) + income_part(i.SocSecRetirement, i.SocSecRetirementAmount)
        + income_part(i.Pension, i.PensionAmount) + income_part(i.ChildSupport, i.ChildSupportAmount)
        + income_part(i.Alimony, i.AlimonyAmount) + income_part(i.OtherIncomeSource, i.OtherIncomeAmount)
        AS SourcesAmount
FROM hmis_IncomeBenefits i
WHERE i.DateDeleted IS NULL
  AND i.EnrollmentID IN (SELECT EnrollmentID FROM apr_client);

CREATE OR REPLACE TABLE apr_income AS
WITH chosen AS (
    SELECT c.PersonalID, c.EnrollmentID, 'start' AS Stage, i.IncomeBenefitsID
    FROM apr_client c
    JOIN apr_income_record i ON i.EnrollmentID = c.EnrollmentID
        AND i.DataCollectionStage = 1 AND i.InformationDate = c.EntryDate
    QUALIFY row_number() OVER (PARTITION BY c.EnrollmentID ORDER BY i.DateUpdated DESC, i.IncomeBenefitsID DESC) = 1
    UNION ALL
    SELECT c.PersonalID, c.EnrollmentID, 'exit', i.IncomeBenefitsID
    FROM apr_client c
    JOIN apr_income_record i ON i.EnrollmentID = c.EnrollmentID
        AND i.DataCollectionStage = 3 AND i.InformationDate = c.ExitDate
    QUALIFY row_number() OVER (PARTITION BY c.EnrollmentID ORDER BY i.DateUpdated DESC, i.IncomeBenefitsID DESC) = 1
    UNION ALL
    SELECT c.PersonalID, c.EnrollmentID, 'annual', i.IncomeBenefitsID
    FROM apr_client c
    JOIN apr_income_record i ON i.EnrollmentID = c.EnrollmentID
        AND i.DataCollectionStage = 5
        AND i.InformationDate BETWEEN c.AnnualAssessmentDue - INTERVAL 30 DAY AND c.AnnualAssessmentDue + INTERVAL 30 DAY
    WHERE c.ExitDate IS NULL AND c.AnnualAssessmentDue IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY c.EnrollmentID ORDER BY i.InformationDate DESC, i.DateUpdated DESC, i.IncomeBenefitsID DESC
    ) = 1
)
SELECT
    ch.PersonalID,
    ch.Stage,
    i.* EXCLUDE (PersonalID),
    CASE
        WHEN i.TotalMonthlyIncome > 0 THEN i.TotalMonthlyIncome
        WHEN i.SourcesAmount > 0 THEN i.SourcesAmount
        WHEN i.IncomeFromAnySource = 0 THEN 0
        WHEN i.TotalMonthlyIncome <= 0 AND (i.IncomeFromAnySource IS NULL OR i.IncomeFromAnySource = 1) THEN 0
    END AS TotalIncome
FROM chosen ch
JOIN apr_income_record i USING (IncomeBenefitsID);
