# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: dtlib (py3.11)
#     language: python
#     name: dtlib
# ---

# %%
# Leadership dashboard, served read-only by Voila (`make dashboard`; see docs/dashboard.md).
# Everything is in dtlib.dashboard; this notebook only calls it. Voila strips this code.
# Work that does not depend on the visitor runs before the request (pre-heated kernels).
import dtlib.dashboard as dashboard

page = dashboard.prepare()

# %%
# Deep links: ?unit=74&indicator=dti_rank&lang=en (validated against the allow-lists).
query = dashboard.request_query()
view = dashboard.show(page, query)
