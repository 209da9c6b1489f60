-- Income change from start to the annual assessment (stayers) or exit (leavers), per adult
-- (HMIS Programming Specifications, CoC APR FY2026, Q19a1 and Q19a2; the youth tables reuse it).
-- Adults with income information (Income from Any Source 0 or 1) at both points and a known
-- calculated total income at both. Earned amount: the earned income when total income is above
-- zero; other amount: total less earned; total amount: calculated total income.

CREATE OR REPLACE TABLE apr_income_change AS
SELECT
    f.PersonalID,
    f.EnrollmentID,
    f.Stage,
    f.AgeGroup,
    f.IsYouth,
    kind.kind,
    CASE kind.kind
        WHEN 'earned' THEN CASE WHEN s.TotalIncome > 0 THEN s.EarnedIncome ELSE 0 END
        WHEN 'other' THEN CASE WHEN s.TotalIncome > 0 THEN greatest(s.TotalIncome - s.EarnedIncome, 0) ELSE 0 END
        ELSE s.TotalIncome
    END AS start_amount,
    CASE kind.kind
        WHEN 'earned' THEN CASE WHEN f.TotalIncome > 0 THEN f.EarnedIncome ELSE 0 END
        WHEN 'other' THEN CASE WHEN f.TotalIncome > 0 THEN greatest(f.TotalIncome - f.EarnedIncome, 0) ELSE 0 END
        ELSE f.TotalIncome
    END AS later_amount
FROM apr_income_status f
JOIN apr_income_status s ON s.EnrollmentID = f.EnrollmentID AND s.Stage = 'start'
CROSS JOIN (SELECT unnest(['earned', 'other', 'total']) AS kind) kind
WHERE f.Stage IN ('annual', 'exit')
  AND s.IncomeFromAnySource IN (0, 1)
  AND f.IncomeFromAnySource IN (0, 1)
  AND s.TotalIncome IS NOT NULL
  AND f.TotalIncome IS NOT NULL;

-- The change group of a person: B lost, C retained but less, D retained the same, E retained and
-- increased, F gained, G had none at either point.
CREATE OR REPLACE MACRO income_change_column(start_amount, later_amount) AS
    CASE
        WHEN start_amount > 0 AND later_amount = 0 THEN 'B'
        WHEN start_amount > later_amount AND later_amount > 0 THEN 'C'
        WHEN start_amount = later_amount AND later_amount > 0 THEN 'D'
        WHEN start_amount < later_amount AND start_amount > 0 THEN 'E'
        WHEN start_amount = 0 AND later_amount > 0 THEN 'F'
        ELSE 'G'
    END;

-- Rows of the counts for earned, other and total income in Q19a1 and Q19a2.
CREATE OR REPLACE MACRO q19_count_row(kind) AS CASE kind WHEN 'earned' THEN 2 WHEN 'other' THEN 4 ELSE 6 END;
