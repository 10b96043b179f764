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
# # The 2025 reform: former areas, successors, re-aggregation
#
# Từ 01/7/2025, 63 tỉnh thành 34 đơn vị và cấp huyện bị bỏ. Số liệu lịch sử vẫn gắn với đơn vị
# tồn tại lúc đó; notebook này cho thấy đơn vị cũ thành đơn vị mới nào, đơn vị mới gồm những tỉnh cũ
# nào, số liệu nào gộp được sang 34 đơn vị và số liệu nào không gộp được (và vì sao).

# %% tags=["parameters"]
language: str = "vi"  # vi or en

# %%
import dtlib

b = dtlib.load()

# %% [markdown]
# ## Successors (đơn vị kế thừa)

# %%
story = dtlib.reform_of(b, "Bình Phước")
story["status"], [u.label(language) for u in story["became"]], [u.label(language) for u in story["merged_with"]]

# %% [markdown]
# ## Former areas of a new unit (các tỉnh cũ hợp thành)

# %%
new = dtlib.reform_of(b, "P34-79")
[u.label(language) for u in new["formed_from"]]

# %%
b.units.get("P34-79")

# %% [markdown]
# ## Re-aggregation, and why a result is incomplete (gộp số liệu và lý do chưa đủ)
#
# Số lượng (count) cộng được; tỉ lệ chỉ gộp được từ tử số và mẫu số; hạng, chỉ số, điểm thì không
# bao giờ gộp. Một đơn vị mới chỉ có giá trị khi *mọi* tỉnh cũ hợp thành đều có số liệu cùng kỳ.

# %%
result = dtlib.reexpress(b, ["doanh_nghiep_so_luong", "ho_so_truc_tuyen_ty_le", "dti_rank"],
                         ["Bình Dương", "Bình Phước"])
result

# %%
for line in result.explain(language):
    print(line)

# %% [markdown]
# ## What cannot be re-aggregated (không gộp được)

# %%
result.refused.groupby(["indicator", "reason"]).size()
