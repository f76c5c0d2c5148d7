-- ICCS (UNODC, v1.0) codes of the tip categories, where the classification gives one with
-- confidence (docs/reference/iccs-and-open311.md §2). Extortion (0205 Coercion?) and gang
-- activity (09051?) wait for verification against the ICCS text; violence against women has
-- no single ICCS code (the act is coded, the relationship recorded) and "other" none.
UPDATE report_categories SET iccs_code = '0601' WHERE code = 'drug_sales';
UPDATE report_categories SET iccs_code = '0204' WHERE code = 'trafficking';
UPDATE report_categories SET iccs_code = '0901' WHERE code = 'weapons';
UPDATE report_categories SET iccs_code = '0703' WHERE code = 'corruption';
