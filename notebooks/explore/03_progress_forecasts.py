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
# # Progress to targets and forecasts
#
# Đánh giá tiến độ theo phương pháp UNSD (tỉ số tốc độ thực tế / tốc độ cần thiết) và dự báo có
# khoảng tin cậy, trên dữ liệu của dự án và trên bảng của bạn.
#
# **Lưu ý trung thực về chuỗi ngắn:** phần lớn chuỗi chỉ có 1–3 mốc. Hai mốc cho một tốc độ nhưng
# không cho sai số; dưới 3 mốc thì không dự báo; 3–5 mốc cho khoảng dự báo rất rộng. Kết quả
# "đúng hướng" từ hai điểm chỉ là dấu hiệu, không phải kết luận.

# %% tags=["parameters"]
language: str = "vi"  # vi or en

# %%
import pandas as pd

import dtlib

b = dtlib.load()

# %% [markdown]
# ## Progress on the project's data (dữ liệu của dự án)

# %%
progress = dtlib.assess(b, units=["Bình Dương", "Bình Phước"], language=language)
progress

# %% [markdown]
# ## Your own table (bảng của bạn, số GIẢ LẬP để minh họa)
#
# Cần các cột `unit`, `indicator`, `date`, `value` (`kind` = actual/target là tùy chọn).

# %%
mine = pd.DataFrame({
    "unit": ["BD"] * 5 + ["Binh Phuoc"] * 2,
    "indicator": ["ho_so_truc_tuyen_ty_le"] * 7,
    "date": ["2020-12-31", "2021-12-31", "2022-12-31", "2023-12-31", "2024-12-31", "2023-12-31", "2024-12-31"],
    "value": ["21,5%", "30%", "38,2%", "41%", "47,5%", "35%", "42%"],
})
dtlib.assess(mine, b, locale="vi", language=language)

# %% [markdown]
# ## A malformed table: every problem at once (bảng sai: báo mọi lỗi một lần)

# %%
try:
    dtlib.assess(pd.DataFrame({"don_vi": ["BD"], "value": ["nhiều"]}), b, language=language)
except dtlib.DtlibError as problem:
    print(problem)

# %% [markdown]
# ## Forecasts (dự báo đến năm mục tiêu)

# %%
forecasts = dtlib.forecast(mine, b, locale="vi", language=language)
forecasts

# %%
forecasts.plot("P63-74", "ho_so_truc_tuyen_ty_le")
