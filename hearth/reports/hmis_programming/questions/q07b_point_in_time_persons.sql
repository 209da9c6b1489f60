-- Q7b Point-in-Time Count of Persons on the Last Wednesday (HMIS Programming Specifications,
-- CoC APR / ESG CAPER FY2026, Q7b).
-- The last Wednesday of January, April, July and October within the report date range (the
-- latest, should the range hold a month twice). Counted: every enrollment (not only the
-- client's latest) in the report's projects that started on or before that night and
--   * night-by-night shelters: has a bed night on that date;
--   * PSH and RRH: the household had moved in (head's Housing Move-In Date) on or before it;
--   * residential projects (ES, TH, PH, SH): exited after that date, or not at all;
--   * other projects (SO, SSO, day shelter, HP, CE): exited on or after that date, or not at all.
-- Columns: the client's household type in the report universe (Q7a).

INSERT INTO report_cells
SELECT 'Q7b', col || row_number, p.PersonalID, p.PersonalID, p.EnrollmentID
FROM apr_pit_enrollment p
JOIN apr_client c USING (PersonalID)
CROSS JOIN unnest(['B', hh_col(c.HouseholdType)]) AS cols(col);
