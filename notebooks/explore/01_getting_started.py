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
# # Getting started: load, find, series, compare, plot, map
#
# Bảy bước của một phân tích thường gặp, chỉ dùng API công khai `dtlib` (xem `help(dtlib)`):
# nạp dữ liệu, lấy một chỉ tiêu của Bình Dương và Bình Phước, so với mục tiêu, vẽ biểu đồ,
# vẽ bản đồ hạng DTI 2022, gộp một chuỗi 2023 sang 34 đơn vị mới, và đánh giá tiến độ trên bảng
# của chính bạn. Đơn vị viết kiểu nào cũng được: "74", "Bình Dương", "Binh Duong", "BD", "P63-74".

# %% tags=["parameters"]
language: str = "vi"  # vi or en: words in tables, charts and maps

# %% [markdown]
# ## 1. Load everything (nạp toàn bộ dữ liệu đã kiểm tra)

# %%
import pandas as pd

import dtlib

b = dtlib.load()
b

# %% [markdown]
# ## Find an indicator (tìm chỉ tiêu, có dấu hay không dấu, hoặc tiếng Anh)

# %%
dtlib.find("ho so truc tuyen", b, with_data=True).head(5)

# %% [markdown]
# ## 2. One indicator for Bình Dương and Bình Phước (chuỗi số liệu gọn)

# %%
dtlib.series(b, "ho_so_truc_tuyen_ty_le", ["Bình Dương", "BP"], language=language)[
    ["unit", "date", "value", "source_id"]]

# %% [markdown]
# ## 3. Compare with the targets and the national value (so với mục tiêu và cả nước)
#
# Ô trống nghĩa là dữ liệu chưa có (ví dụ chưa có số liệu cả nước); dòng "không có số liệu" nói rõ
# đơn vị nào thiếu.

# %%
dtlib.compare(b, ["ho_so_truc_tuyen_ty_le", "ho_so_cong_viec_xu_ly_tren_mang_ty_le"], ["74", "Binh Phuoc"],
              language=language)[["unit", "name", "value_text", "target_text", "gap_text", "national_target", "note"]]

# %% [markdown]
# ## 4. Plot (biểu đồ xu hướng nhiều đơn vị)

# %%
dtlib.plot(b, "ho_so_truc_tuyen_ty_le", ["BD", "BP"], language=language)

# %% [markdown]
# ## 5. Map the DTI 2022 ranks (bản đồ, chạy không cần mạng)

# %%
dtlib.choropleth(b, "dti_rank", 2022, highlight=["BD", "BP"], language=language)

# %% [markdown]
# ## 6. A 2023 series on the 34 new units (gộp sang đơn vị mới, và lý do nếu chưa gộp được)

# %%
dtlib.reexpress(b, "doanh_nghiep_so_luong", "Bình Dương", period=2023)

# %% [markdown]
# ## 7. Progress on your own table (đánh giá tiến độ trên bảng của bạn)
#
# Số liệu dưới đây là ví dụ tự gõ (GIẢ LẬP), không phải số liệu thật.

# %%
mine = pd.DataFrame({"unit": ["Binh Duong"] * 3, "indicator": ["ho_so_truc_tuyen_ty_le"] * 3,
                     "date": ["2022-12-31", "2023-12-31", "2024-12-31"], "value": [40.0, 46.5, 49.0]})
dtlib.assess(mine, b, language=language)
