# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: dtlib
#     language: python
#     name: dtlib
# ---

# %% [markdown] tags=["remove_cell"]
# # Quarterly digital transformation report (template)
#
# Run by `dtlib report` (papermill) for one unit and quarter; the HTML export hides this code.
# All logic is in `dtlib.reporting` (`brief`, `sections`, `continuity`, `analysis_sections`,
# `rank_sections`, `map_sections`); each cell below displays one section. The first is the brief.

# %%
from IPython.display import display

from dtlib.reporting import analysis_sections, brief, continuity, rank_sections, records_section, sections
from dtlib.reporting.context import build_context
from dtlib.reporting.glue import glue

# %% tags=["parameters"]
unit: str = "74"  # GSO code, name or unit id accepted by dtlib.data.units.resolve; 74 is Bình Dương
quarter: str = ""  # reporting quarter such as 2024Q2 or Quý II/2024; empty means latest with data
language: str = "vi"  # vi or en
known_at: str = ""  # YYYY-MM-DD: only figures published by then; empty: as known at the quarter end

# %%
ctx = build_context(unit, quarter, language, known_at=known_at)
brief.brief(ctx)

# %%
sections.reform(ctx)

# %%
continuity.continuity_section(ctx)

# %%
sections.indicator_table(ctx)

# %%
display(analysis_sections.forecast_heading(ctx))
for fig, caption in analysis_sections.forecast_figures(ctx):
    sections.show(fig, ctx)
    display(caption)

# %%
display(sections.heading("trends_heading", ctx))
for fig in sections.trend_figures(ctx):
    sections.show(fig, ctx)

# %%
display(sections.heading("dti_heading", ctx))
sections.show(sections.rank_figure(ctx), ctx)

# %%
rank_sections.rankings(ctx)

# %%
sections.dti_map(ctx)

# %%
sections.district_map(ctx)

# %%
records_section.records_766(ctx)

# %%
sections.appendix(ctx)

# %%
sections.sources(ctx)

# %%
glue("report", sections.scraps(ctx))
