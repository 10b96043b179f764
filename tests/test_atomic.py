import pytest

from dtlib import atomic


def test_staged_dir_replaces_only_on_success(tmp_path):
    final = tmp_path / "out"
    with atomic.staged_dir(final) as stage:
        (stage / "a.txt").write_text("first")
    assert (final / "a.txt").read_text() == "first"
    with pytest.raises(RuntimeError), atomic.staged_dir(final) as stage:
        (stage / "a.txt").write_text("half")
        raise RuntimeError("kernel died")
    assert (final / "a.txt").read_text() == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_write_text_leaves_no_temp_files(tmp_path):
    atomic.write_text(tmp_path / "x" / "f.txt", "ok")
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["f.txt"]


def test_outputs_are_readable_by_others(tmp_path):
    atomic.write_text(tmp_path / "f.txt", "ok")
    with atomic.staged_dir(tmp_path / "d") as stage:
        (stage / "a").write_text("x")
    assert (tmp_path / "f.txt").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "d").stat().st_mode & 0o777 == 0o755
