"""Quarterly reports: parameters, report content, papermill runs and the offline HTML export.

Kept import-light on purpose: the report kernel imports `dtlib.reporting.sections`, which must
not pull in papermill or nbconvert (`runner` and `html` do, and only the runner process needs them).
"""
