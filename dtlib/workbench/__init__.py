"""The analyst's workbench: the `dtlib` Jupyter kernel and `make lab` (JupyterLab on localhost)."""
