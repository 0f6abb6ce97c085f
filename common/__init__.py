"""The ground every app stands on: spreadsheets, legacy encodings, text keys, uploads, working days,
percentages, the audited save, error translation, admin mixins and breadcrumbs. Imports no project app."""
