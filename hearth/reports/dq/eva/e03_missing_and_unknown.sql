-- Eva "dq" checks on missing (Error) and unknown (Warning) answers (EvaChecks.csv IDs in
-- brackets). Prior living situation elements (3.917) are asked of adults and heads of household.

-- [34] Missing DOB, [60] Unknown DOB.
INSERT INTO eva_finding
SELECT CASE WHEN DOBDataQuality IN (8, 9) THEN 60 ELSE 34 END, ProjectID, PersonalID, EnrollmentID, HouseholdID,
       'DOB Data Quality ' || coalesce(CAST(DOBDataQuality AS VARCHAR), 'missing')
FROM eva_enrollment WHERE DOB IS NULL;

-- [78] Incomplete or Unknown Name, [67] Unknown SSN, [63] Unknown Race/Ethnicity.
INSERT INTO eva_finding
SELECT 78, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Name Data Quality ' || NameDataQuality
FROM eva_enrollment WHERE NameDataQuality IN (2, 8, 9);
INSERT INTO eva_finding
SELECT 67, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'SSN Data Quality ' || SSNDataQuality
FROM eva_enrollment WHERE SSNDataQuality IN (8, 9);
INSERT INTO eva_finding
SELECT 63, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'RaceNone ' || RaceNone
FROM eva_enrollment WHERE RaceNone IN (8, 9);

-- [66] Unknown Veteran Status (adults), [32] Unknown Disabling Condition.
INSERT INTO eva_finding
SELECT 66, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Veteran Status ' || VeteranStatus
FROM eva_enrollment WHERE AgeAtEntry >= 18 AND VeteranStatus IN (8, 9);
INSERT INTO eva_finding
SELECT 32, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Disabling Condition ' || DisablingCondition
FROM eva_enrollment WHERE DisablingCondition IN (8, 9);

-- [27] Missing Enrollment CoC (heads of household).
INSERT INTO eva_finding
SELECT 27, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'No Enrollment CoC'
FROM eva_enrollment WHERE RelationshipToHoH = 1 AND nullif(trim(EnrollmentCoC), '') IS NULL;

-- [30] Missing Residence Prior, [64] Unknown Residence Prior (3.917.1).
INSERT INTO eva_finding
SELECT CASE WHEN LivingSituation IN (8, 9) THEN 64 ELSE 30 END, ProjectID, PersonalID, EnrollmentID, HouseholdID,
       'Prior living situation ' || coalesce(CAST(LivingSituation AS VARCHAR), 'missing')
FROM eva_enrollment WHERE IsAdultOrHead AND (LivingSituation IS NULL OR LivingSituation IN (8, 9, 99));

-- [26] Missing Length of Stay, [73] Unknown Length of Stay (3.917.2).
INSERT INTO eva_finding
SELECT CASE WHEN LengthOfStay IN (8, 9) THEN 73 ELSE 26 END, ProjectID, PersonalID, EnrollmentID, HouseholdID,
       'Length of stay ' || coalesce(CAST(LengthOfStay AS VARCHAR), 'missing')
FROM eva_enrollment WHERE IsAdultOrHead AND (LengthOfStay IS NULL OR LengthOfStay IN (8, 9, 99));

-- [29] Missing Previously Unsheltered, ES, SH (3.917.2C): asked after a short stay elsewhere.
INSERT INTO eva_finding
SELECT 29, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'PreviousStreetESSH missing'
FROM eva_enrollment
WHERE IsAdultOrHead AND LOSUnderThreshold = 1 AND (PreviousStreetESSH IS NULL OR PreviousStreetESSH = 99);

-- [41] Incomplete Living Situation Data: outside homelessness with no answer on the stay's length.
INSERT INTO eva_finding
SELECT 41, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'LOSUnderThreshold missing'
FROM eva_enrollment
WHERE IsAdultOrHead AND ProjectType NOT IN (0, 1, 4, 8) AND LivingSituation NOT BETWEEN 100 AND 199
  AND LivingSituation NOT IN (8, 9, 99) AND (LOSUnderThreshold IS NULL OR LOSUnderThreshold = 99);

-- [28] Missing Approximate Date Homeless, [31] Missing / [61] Unknown Months or Times Homeless
-- (3.917.3-5), where the homeless history applies.
INSERT INTO eva_finding
SELECT 28, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'DateToStreetESSH missing'
FROM eva_enrollment
WHERE IsAdultOrHead AND eva_asks_history(ProjectType, LivingSituation, LOSUnderThreshold, PreviousStreetESSH)
  AND DateToStreetESSH IS NULL;
INSERT INTO eva_finding
SELECT CASE WHEN TimesHomelessPastThreeYears IN (8, 9) OR MonthsHomelessPastThreeYears IN (8, 9) THEN 61 ELSE 31 END,
       ProjectID, PersonalID, EnrollmentID, HouseholdID,
       'Times ' || coalesce(CAST(TimesHomelessPastThreeYears AS VARCHAR), 'missing') || ', months '
           || coalesce(CAST(MonthsHomelessPastThreeYears AS VARCHAR), 'missing')
FROM eva_enrollment
WHERE IsAdultOrHead AND eva_asks_history(ProjectType, LivingSituation, LOSUnderThreshold, PreviousStreetESSH)
  AND (TimesHomelessPastThreeYears IS NULL OR TimesHomelessPastThreeYears IN (8, 9, 99)
       OR MonthsHomelessPastThreeYears IS NULL OR MonthsHomelessPastThreeYears IN (8, 9, 99));

-- [69] Homelessness Start Date Later Than Entry; [105] over three years before entry while the
-- times and months say otherwise; [70] one episode with a start date but no months; [71] one
-- episode whose months do not match its start date.
INSERT INTO eva_finding
SELECT 69, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Homeless since ' || DateToStreetESSH
FROM eva_enrollment WHERE DateToStreetESSH > EntryDate;
INSERT INTO eva_finding
SELECT 105, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Homeless since ' || DateToStreetESSH
FROM eva_enrollment
WHERE DateToStreetESSH <= EntryDate - INTERVAL 3 YEAR
  AND (TimesHomelessPastThreeYears <> 1 OR MonthsHomelessPastThreeYears <> 113);
INSERT INTO eva_finding
SELECT 70, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Months homeless missing'
FROM eva_enrollment
WHERE TimesHomelessPastThreeYears = 1 AND DateToStreetESSH IS NOT NULL AND DateToStreetESSH <= EntryDate
  AND (MonthsHomelessPastThreeYears IS NULL OR MonthsHomelessPastThreeYears = 99);
INSERT INTO eva_finding
SELECT 71, ProjectID, PersonalID, EnrollmentID, HouseholdID,
       'Months homeless ' || MonthsHomelessPastThreeYears || ', homeless since ' || DateToStreetESSH
FROM eva_enrollment
WHERE TimesHomelessPastThreeYears = 1 AND DateToStreetESSH <= EntryDate AND MonthsHomelessPastThreeYears BETWEEN 101 AND 113
  AND MonthsHomelessPastThreeYears
      <> 100 + least(date_diff('month', DateToStreetESSH, EntryDate) + 1, 13);

-- [59] Unknown Destination (leavers).
INSERT INTO eva_finding
SELECT 59, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Destination ' || Destination
FROM eva_enrollment WHERE ExitDate IS NOT NULL AND Destination IN (8, 9);

-- [121] Missing Destination Subsidy Type, [130] Missing Prior Living Situation Subsidy Type,
-- [129] Missing Current Living Situation Subsidy Type (situation 435).
INSERT INTO eva_finding
SELECT 121, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Destination 435 without a subsidy type'
FROM eva_enrollment WHERE Destination = 435 AND DestinationSubsidyType IS NULL;
INSERT INTO eva_finding
SELECT 130, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Living situation 435 without a subsidy type'
FROM eva_enrollment WHERE LivingSituation = 435 AND RentalSubsidyType IS NULL;
INSERT INTO eva_finding
SELECT 129, e.ProjectID, e.PersonalID, e.EnrollmentID, e.HouseholdID, 'Current living situation on ' || s.InformationDate
FROM eva_enrollment e
JOIN hmis_CurrentLivingSituation s ON s.EnrollmentID = e.EnrollmentID AND s.DateDeleted IS NULL
WHERE s.CurrentLivingSituation = 435 AND s.CLSSubsidyType IS NULL;

-- Veteran's information (V1), collected for veterans in VA-funded projects: [15] missing year
-- entered, [17] missing year separated, [16]/[18] impossible years, [19]/[57] theaters of
-- operations, [20]/[58] military branch, [21]/[56] discharge status.
INSERT INTO eva_finding
SELECT c.check_id, ProjectID, PersonalID, EnrollmentID, HouseholdID, c.detail
FROM (
    SELECT ProjectID, PersonalID, EnrollmentID, HouseholdID, unnest([
        {'check_id': 15, 'flagged': YearEnteredService IS NULL, 'detail': 'Year entered service missing'},
        {'check_id': 17, 'flagged': YearSeparated IS NULL, 'detail': 'Year separated missing'},
        {'check_id': 16, 'flagged': YearEnteredService < year(DOB) + 14 OR YearEnteredService > year(EntryDate),
         'detail': 'Year entered ' || YearEnteredService},
        {'check_id': 18, 'flagged': YearSeparated < YearEnteredService OR YearSeparated > year(EntryDate),
         'detail': 'Year separated ' || YearSeparated},
        {'check_id': 19, 'flagged': WorldWarII IS NULL OR KoreanWar IS NULL OR VietnamWar IS NULL OR DesertStorm IS NULL
             OR AfghanistanOEF IS NULL OR IraqOIF IS NULL OR IraqOND IS NULL OR OtherTheater IS NULL
             OR 99 IN (WorldWarII, KoreanWar, VietnamWar, DesertStorm, AfghanistanOEF, IraqOIF, IraqOND, OtherTheater),
         'detail': 'Theater of operations missing'},
        {'check_id': 57, 'flagged': 8 IN (WorldWarII, KoreanWar, VietnamWar, DesertStorm, AfghanistanOEF, IraqOIF, IraqOND, OtherTheater)
             OR 9 IN (WorldWarII, KoreanWar, VietnamWar, DesertStorm, AfghanistanOEF, IraqOIF, IraqOND, OtherTheater),
         'detail': 'Theater of operations unknown'},
        {'check_id': 20, 'flagged': MilitaryBranch IS NULL OR MilitaryBranch = 99, 'detail': 'Military branch missing'},
        {'check_id': 58, 'flagged': MilitaryBranch IN (8, 9), 'detail': 'Military branch unknown'},
        {'check_id': 21, 'flagged': DischargeStatus IS NULL OR DischargeStatus = 99, 'detail': 'Discharge status missing'},
        {'check_id': 56, 'flagged': DischargeStatus IN (8, 9), 'detail': 'Discharge status unknown'}
    ]) AS c
    FROM eva_enrollment
    WHERE VeteranStatus = 1 AND AgeAtEntry >= 18 AND IsVaFunded
)
WHERE coalesce(c.flagged, FALSE);

-- [22] Missing Percent AMI (SSVF), [23] Missing VAMC Station Number (VA-funded heads of household).
INSERT INTO eva_finding
SELECT 22, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Percent AMI missing'
FROM eva_enrollment WHERE IsSsvfFunded AND RelationshipToHoH = 1 AND (PercentAMI IS NULL OR PercentAMI = 99);
INSERT INTO eva_finding
SELECT 23, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'VAMC station missing'
FROM eva_enrollment WHERE IsVaFunded AND RelationshipToHoH = 1 AND nullif(trim(VAMCStation), '') IS NULL;

-- [25] Missing HP Screening or Threshold Score (SSVF homelessness prevention heads of household).
INSERT INTO eva_finding
SELECT 25, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'HP screening or threshold score missing'
FROM eva_enrollment
WHERE IsSsvfFunded AND ProjectType = 12 AND RelationshipToHoH = 1 AND (HPScreeningScore IS NULL OR ThresholdScore IS NULL);
