"""Write files and folders so that a reader never sees half of them.

A crash or Ctrl-C in the middle of a report must leave either the old output or nothing, never
a truncated HTML file that looks finished. Everything is written next to its destination and
moved into place with `os.replace`, which is atomic on one filesystem.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

FILE_MODE = 0o644
"""mkstemp creates 0600 files; outputs are meant to be read by the team and the web server."""
DIR_MODE = 0o755



def write_text(path: Path, text: str) -> None:
    """Write `text` to `path` atomically (UTF-8)."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _stage(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def staged_dir(final: Path) -> Iterator[Path]:
    """Yield a scratch folder that replaces `final` only if the block finishes without error."""
    final.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{final.name}.", suffix=".partial"))
    os.chmod(stage, DIR_MODE)
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        os.replace(final, old)
    os.replace(stage, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_together(files: Mapping[Path, bytes]) -> None:
    """Write several files as one step: afterwards either all hold the new bytes or none changed.

    A delivery touches its new observation file, `sources.csv` and `datasets.yaml`; a registry
    that names a file that is not there (or the reverse) breaks every report. Everything is first
    staged next to its destination (written and fsynced), then moved into place one by one; if a
    move fails, the ones already done are undone from hard-link backups of the old files.
    """
    staged: list[tuple[Path, Path]] = []
    created_dirs: list[Path] = []
    try:
        for path, data in files.items():
            for parent in reversed(path.parents):
                if not parent.exists():
                    parent.mkdir()
                    created_dirs.append(parent)
            staged.append((_stage(path, data), path))
        _commit(staged)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        for folder in reversed(created_dirs):
            shutil.rmtree(folder, ignore_errors=True)
        raise


def _stage(path: Path, data: bytes) -> Path:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _commit(staged: list[tuple[Path, Path]]) -> None:
    """Move staged files into place; on any failure put every old file back."""
    done: list[tuple[Path, Path | None]] = []
    try:
        for tmp, final in staged:
            backup = None
            if final.exists():
                backup = final.with_name(f".{final.name}.bak-{os.getpid()}")
                backup.unlink(missing_ok=True)
                try:
                    os.link(final, backup)
                except OSError:  # filesystem without hard links
                    shutil.copy2(final, backup)
            try:
                os.replace(tmp, final)
            except BaseException:
                if backup is not None:
                    backup.unlink(missing_ok=True)
                raise
            done.append((final, backup))
    except BaseException:
        for final, backup in reversed(done):
            try:
                if backup is not None:
                    os.replace(backup, final)
                else:
                    final.unlink(missing_ok=True)
            except OSError:  # keep undoing the others; the first error is what the caller sees
                continue
        raise
    for _, backup in done:
        if backup is not None:
            backup.unlink(missing_ok=True)
