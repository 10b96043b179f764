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
# # Dossier records: Decision 766 indicators with DuckDB, and the same code on Spark
#
# **DỮ LIỆU GIẢ LẬP**: các hồ sơ trong `data/samples/records` là mô phỏng, chỉ để minh họa cách
# tính Bộ chỉ số 766 từ hồ sơ thủ tục hành chính. Cùng một mã chạy trên DuckDB (mặc định, trên máy)
# và trên Spark (cụm của Sở): chỉ đổi `backend`.

# %% tags=["parameters"]
language: str = "vi"  # vi or en
backend: str = "duckdb"  # duckdb (this machine) or pyspark (needs Java and pyspark; not started by default)

# %%
from dtlib import records
from dtlib.i18n import t

print(t("records_synthetic_banner", language))

# %% [markdown]
# ## Every indicator, every unit and quarter (mọi chỉ tiêu, mọi đơn vị, mọi quý)

# %%
result = records.compute(backend=backend)  # Spark only when the parameter asks: a JVM start takes a minute
result.n_input, result.n_valid, result.n_rejected

# %%
result.indicators.head(10)

# %% [markdown]
# ## One unit and quarter, as the quarterly report shows it (một đơn vị, một quý)

# %%
records.indicators_for("Bình Dương", "2024Q2").head(10)

# %% [markdown]
# ## Rejected records and why (hồ sơ bị loại và lý do)

# %%
result.rejects.head(5)

# %% [markdown]
# ## The same code on Spark (cùng mã trên Spark)
#
# Chạy lại notebook với `backend = "pyspark"` (papermill: `-p backend pyspark`) trên máy có Java
# và pyspark (`pip install -e ".[spark]"`): `records.compute(backend="pyspark")` dùng cùng định
# nghĩa chỉ tiêu (ibis), nên kết quả phải trùng với DuckDB (tests/test_records_spark.py kiểm tra).
