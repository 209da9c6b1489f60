-- Eva "dq" checks on income (4.02), non-cash benefits (4.03) and health insurance (4.04) at
-- project start and exit (EvaChecks.csv IDs in brackets). Income and benefits are asked of adults
-- and heads of household; insurance of everyone. The record of a stage is the one dated on the
-- project start (stage 1) or exit (stage 3).

CREATE OR REPLACE TABLE eva_income AS
SELECT
    e.ProjectID, e.PersonalID, e.EnrollmentID, e.HouseholdID, e.IsAdultOrHead, s.stage,
    i.IncomeBenefitsID, i.IncomeFromAnySource, i.BenefitsFromAnySource, i.InsuranceFromAnySource,
    (coalesce(i.Earned = 1, FALSE)::INTEGER + coalesce(i.Unemployment = 1, FALSE)::INTEGER + coalesce(i.SSI = 1, FALSE)::INTEGER
     + coalesce(i.SSDI = 1, FALSE)::INTEGER + coalesce(i.VADisabilityService = 1, FALSE)::INTEGER
     + coalesce(i.VADisabilityNonService = 1, FALSE)::INTEGER + coalesce(i.PrivateDisability = 1, FALSE)::INTEGER
     + coalesce(i.WorkersComp = 1, FALSE)::INTEGER + coalesce(i.TANF = 1, FALSE)::INTEGER + coalesce(i.GA = 1, FALSE)::INTEGER
     + coalesce(i.SocSecRetirement = 1, FALSE)::INTEGER + coalesce(i.Pension = 1, FALSE)::INTEGER
     + coalesce(i.ChildSupport = 1, FALSE)::INTEGER + coalesce(i.Alimony = 1, FALSE)::INTEGER
     + coalesce(i.OtherIncomeSource = 1, FALSE)::INTEGER) AS income_sources,
    (coalesce(i.SNAP = 1, FALSE)::INTEGER + coalesce(i.WIC = 1, FALSE)::INTEGER + coalesce(i.TANFChildCare = 1, FALSE)::INTEGER
     + coalesce(i.TANFTransportation = 1, FALSE)::INTEGER + coalesce(i.OtherTANF = 1, FALSE)::INTEGER
     + coalesce(i.OtherBenefitsSource = 1, FALSE)::INTEGER) AS benefit_sources,
    (coalesce(i.Medicaid = 1, FALSE)::INTEGER + coalesce(i.Medicare = 1, FALSE)::INTEGER + coalesce(i.SCHIP = 1, FALSE)::INTEGER
     + coalesce(i.VHAServices = 1, FALSE)::INTEGER + coalesce(i.EmployerProvided = 1, FALSE)::INTEGER
     + coalesce(i.COBRA = 1, FALSE)::INTEGER + coalesce(i.PrivatePay = 1, FALSE)::INTEGER
     + coalesce(i.StateHealthIns = 1, FALSE)::INTEGER + coalesce(i.IndianHealthServices = 1, FALSE)::INTEGER
     + coalesce(i.OtherInsurance = 1, FALSE)::INTEGER) AS insurance_sources
FROM eva_enrollment e
CROSS JOIN (SELECT unnest(['entry', 'exit']) AS stage) s
LEFT JOIN hmis_IncomeBenefits i ON i.EnrollmentID = e.EnrollmentID AND i.DateDeleted IS NULL
    AND ((s.stage = 'entry' AND i.DataCollectionStage = 1 AND i.InformationDate = e.EntryDate)
         OR (s.stage = 'exit' AND i.DataCollectionStage = 3 AND i.InformationDate = e.ExitDate))
WHERE s.stage = 'entry' OR e.ExitDate IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY e.EnrollmentID, s.stage ORDER BY i.DateUpdated DESC NULLS LAST) = 1;

-- [87] Missing Income at Entry, [89] at Exit; [88] Conflicting Income at Entry, [90] at Exit.
INSERT INTO eva_finding
SELECT CASE stage WHEN 'entry' THEN 87 ELSE 89 END, ProjectID, PersonalID, EnrollmentID, HouseholdID,
       'Income from any source ' || coalesce(CAST(IncomeFromAnySource AS VARCHAR), 'missing')
FROM eva_income WHERE IsAdultOrHead AND (IncomeFromAnySource IS NULL OR IncomeFromAnySource = 99);
INSERT INTO eva_finding
SELECT CASE stage WHEN 'entry' THEN 88 ELSE 90 END, ProjectID, PersonalID, EnrollmentID, HouseholdID,
       'Income from any source ' || IncomeFromAnySource || ' with ' || income_sources || ' sources'
FROM eva_income
WHERE IsAdultOrHead AND ((IncomeFromAnySource = 1 AND income_sources = 0) OR (IncomeFromAnySource = 0 AND income_sources > 0));

-- [96] Missing Non-cash Benefits at Entry, [97] Conflicting Non-cash Benefits at Entry.
INSERT INTO eva_finding
SELECT 96, ProjectID, PersonalID, EnrollmentID, HouseholdID,
       'Benefits from any source ' || coalesce(CAST(BenefitsFromAnySource AS VARCHAR), 'missing')
FROM eva_income WHERE stage = 'entry' AND IsAdultOrHead AND (BenefitsFromAnySource IS NULL OR BenefitsFromAnySource = 99);
INSERT INTO eva_finding
SELECT 97, ProjectID, PersonalID, EnrollmentID, HouseholdID,
       'Benefits from any source ' || BenefitsFromAnySource || ' with ' || benefit_sources || ' sources'
FROM eva_income
WHERE stage = 'entry' AND IsAdultOrHead
  AND ((BenefitsFromAnySource = 1 AND benefit_sources = 0) OR (BenefitsFromAnySource = 0 AND benefit_sources > 0));

-- [92] Missing Health Insurance at Entry, [93] at Exit; [94] Conflicting at Entry, [95] at Exit.
INSERT INTO eva_finding
SELECT CASE stage WHEN 'entry' THEN 92 ELSE 93 END, ProjectID, PersonalID, EnrollmentID, HouseholdID,
       'Covered by health insurance ' || coalesce(CAST(InsuranceFromAnySource AS VARCHAR), 'missing')
FROM eva_income WHERE InsuranceFromAnySource IS NULL OR InsuranceFromAnySource = 99;
INSERT INTO eva_finding
SELECT CASE stage WHEN 'entry' THEN 94 ELSE 95 END, ProjectID, PersonalID, EnrollmentID, HouseholdID,
       'Covered by health insurance ' || InsuranceFromAnySource || ' with ' || insurance_sources || ' sources'
FROM eva_income
WHERE (InsuranceFromAnySource = 1 AND insurance_sources = 0) OR (InsuranceFromAnySource = 0 AND insurance_sources > 0);
