"""`voila.json` names only real options, each explained in `voila.md`; `serve` runs it safely."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dtlib.dashboard import serve

ROOT = Path(__file__).resolve().parent.parent
CONFIG = json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))


def _settings() -> list[tuple[str, str]]:
    return [(section, key) for section, values in CONFIG.items() for key in values]


def _classes() -> dict[str, type]:
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
    from voila.app import Voila
    from voila.configuration import VoilaConfiguration
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    from dtlib.dashboard.kernels import CappedKernelManager
    from dtlib.dashboard.secure import DtlibVoila

    pooled = voila_kernel_manager_factory(CappedKernelManager, True, 1)
    return {"Voila": Voila, "VoilaConfiguration": VoilaConfiguration, "MappingKernelManager": MappingKernelManager,
            "CappedKernelManager": CappedKernelManager, "VoilaKernelManager": pooled, "DtlibVoila": DtlibVoila}


@pytest.mark.parametrize("section, key", _settings(), ids=[f"{s}.{k}" for s, k in _settings()])
def test_every_setting_is_a_real_option_and_documented(section, key):
    cls = _classes()[section]
    assert key in cls.class_traits(config=True), f"{section}.{key} is not a configurable option"
    assert f"`{section}.{key}`" in (ROOT / "voila.md").read_text(encoding="utf-8")


def test_the_lockdown_settings_are_on():
    vc = CONFIG["VoilaConfiguration"]
    assert vc["strip_sources"] is True and vc["show_tracebacks"] is False
    assert vc["allow_template_override"] == "NO" and vc["allow_theme_override"] == "NO"
    assert vc["file_allowlist"] == []
    assert CONFIG["Voila"]["ip"] == "127.0.0.1"
    assert CONFIG["CappedKernelManager"]["max_kernels"] >= 1
    assert CONFIG["MappingKernelManager"]["cull_idle_timeout"] > 0


def test_serve_listens_on_localhost_by_default_and_reads_host_and_port_from_env(monkeypatch):
    assert serve.parse_args([]).host == "127.0.0.1"
    monkeypatch.setenv("DTLIB_DASHBOARD_PORT", "9001")
    monkeypatch.setenv("DTLIB_DASHBOARD_HOST", "0.0.0.0")
    args = serve.parse_args([])
    assert (args.host, args.port) == ("0.0.0.0", 9001)
    assert serve.parse_args(["--port", "9002"]).port == 9002


def test_voila_command_serves_the_dashboard_with_the_repo_config():
    command = serve.voila_command("127.0.0.1", 8999)
    assert command[1:3] == ["-m", "dtlib.dashboard.secure"] and command[3].endswith("notebooks/dashboard.ipynb")
    assert "--Voila.ip=127.0.0.1" in command and "--port=8999" in command
    assert f"--Voila.config_file_paths={ROOT}" in command


def test_kernels_do_not_inherit_the_operators_secrets():
    env = serve.server_env({"PATH": "/bin", "AWS_SECRET_ACCESS_KEY": "x", "DTLIB_DATA_DIR": "/d",
                            "GITHUB_TOKEN": "y"})
    assert env.keys() == {"PATH", "DTLIB_DATA_DIR", "JUPYTER_PATH"}
    assert env["JUPYTER_PATH"] == str(serve.TEMPLATE_ROOT)


def test_a_missing_reporting_layer_is_built_first(monkeypatch, tmp_path):
    import dtlib.dashboard.prerender
    import dtlib.layer

    built, rendered = [], []
    monkeypatch.setenv("DTLIB_REPORTS_DIR", str(tmp_path))
    monkeypatch.setattr(dtlib.layer, "build_reporting_layer", lambda: built.append(True))
    monkeypatch.setattr(dtlib.dashboard.prerender, "ensure_views", lambda folder: rendered.append(folder))
    serve.ensure_reporting_layer()
    assert built == [True] and rendered == [tmp_path / "_data"]
    (tmp_path / "_data").mkdir()
    (tmp_path / "_data" / "observations.parquet").write_bytes(b"")
    serve.ensure_reporting_layer()
    assert built == [True]  # the layer is there: not built again
    assert len(rendered) == 2  # the views are always checked (rendered again only when outdated)
