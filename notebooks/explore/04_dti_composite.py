# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: dtlib
#     language: python
#     name: dtlib
# ---

# %% [markdown]
# # The DTI composite: reproduce a published total, change weights, rank intervals
#
# Chỉ số DTI là tổng có trọng số của các chỉ số thành phần (cây trong
# `data/config/dti_framework.yaml`). Ta tính lại tổng từ các chỉ số thành phần đã công bố, so
# với tổng công bố, đổi trọng số, và xem hạng dao động bao nhiêu khi trọng số thay đổi.

# %% tags=["parameters"]
language: str = "vi"  # vi or en
year: int = 2022  # DTI year with published sub-indices
draws: int = 200  # random weight draws for the rank intervals

# %%
import dtlib
from dtlib import analysis

b = dtlib.load()
framework = analysis.load_framework()
framework.nodes.head(10)

# %% [markdown]
# ## Reproduce the published DTI total (tính lại tổng DTI đã công bố)

# %%
actual = b.actuals[b.actuals["period_end"].dt.year == year]
subs = actual[actual["indicator"].isin(framework.leaves)][["unit_id", "indicator", "value"]]
published = actual[actual["indicator"] == "dti_score"].groupby("unit_id")["value"].first()
units = sorted(set(subs["unit_id"]) & set(published.index))
nominal = analysis.build_composite(subs[subs["unit_id"].isin(units)], framework, "identity")
check = nominal.scores[["dti_score"]].assign(published=published.reindex(units))
check.assign(difference=(check["dti_score"] - check["published"]).round(4))

# %% [markdown]
# ## Change the weights (đổi trọng số: ví dụ hai nhóm 300/700 thay vì 500/500)

# %%
heavier = analysis.build_composite(subs[subs["unit_id"].isin(units)], framework, "identity",
                                   weight_overrides={"nen_tang_chung": 300, "hoat_dong": 700})
compare = nominal.long(framework).query("node == 'dti_score'")[["unit_id", "score", "rank"]].merge(
    heavier.long(framework).query("node == 'dti_score'")[["unit_id", "score", "rank"]],
    on="unit_id", suffixes=("_published_weights", "_300_700"))
compare.sort_values("rank_published_weights")

# %% [markdown]
# ## Rank intervals (khoảng hạng khi trọng số và cách chuẩn hóa thay đổi)
#
# Chỉ 5 tỉnh có đủ 8 chỉ số thành phần năm 2022 nên hạng ở đây là hạng trong 5 tỉnh đó.

# %%
analysis.rank_uncertainty(subs[subs["unit_id"].isin(units)], framework, n_draws=draws).sort_values("rank")
