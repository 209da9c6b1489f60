-- Helpers shared by the APR-family reports (CoC APR, ESG CAPER, CE APR, HUD data quality).
--
-- HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, "Report parameters" and the HMIS
-- Reporting Glossary: ages are whole years between the date of birth and a reference date;
-- household types are columns C (without children), D (with children and adults), E (with only
-- children) and F (unknown household type) beside B (total) in most tables.

CREATE OR REPLACE MACRO age_on(dob, on_date) AS
    CASE
        WHEN dob IS NULL OR on_date IS NULL THEN NULL
        ELSE date_diff('year', dob, on_date)
            - CASE WHEN strftime(on_date, '%m%d') < strftime(dob, '%m%d') THEN 1 ELSE 0 END
    END;

-- The column of a household type in the standard five-column tables (B is the total).
CREATE OR REPLACE MACRO hh_col(household_type) AS
    CASE household_type WHEN 'AO' THEN 'C' WHEN 'AC' THEN 'D' WHEN 'CO' THEN 'E' ELSE 'F' END;

-- The column of a household type in tables without a "with only children" column (Q25, Q26):
-- B total, C without children, D with children and adults, E unknown household type.
CREATE OR REPLACE MACRO hh_col_no_children(household_type) AS
    CASE household_type WHEN 'AO' THEN 'C' WHEN 'AC' THEN 'D' WHEN 'UK' THEN 'E' END;

-- Living situation categories of list 3.12.1 (FY2024 onward): 100s homeless, 200s institutional,
-- 300s temporary, 400s permanent, below 100 other.
CREATE OR REPLACE MACRO is_homeless_situation(code) AS code BETWEEN 100 AND 199;
CREATE OR REPLACE MACRO is_institutional_situation(code) AS code BETWEEN 200 AND 299;

-- Income amounts: a source counts toward total income only when its Yes/No says yes and its
-- amount is above zero (APR Q16, Q18, Q19: "calculated total income").
CREATE OR REPLACE MACRO income_part(flag, amount) AS CASE WHEN flag = 1 AND amount > 0 THEN amount ELSE 0 END;

-- A Social Security Number that cannot be right (APR Q6a "Data Issues", FY2026; Social
-- Security Administration rules): not nine digits, area 000, 666 or 900-999, group 00, serial
-- 0000, or one digit repeated nine times.
CREATE OR REPLACE MACRO ssn_is_invalid(ssn) AS
    NOT regexp_full_match(coalesce(ssn, ''), '[0-9]{9}')
    OR substr(ssn, 1, 3) IN ('000', '666')
    OR substr(ssn, 1, 1) = '9'
    OR substr(ssn, 4, 2) = '00'
    OR substr(ssn, 6, 4) = '0000'
    OR ssn = repeat(substr(ssn, 1, 1), 9);
