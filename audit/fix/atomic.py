"""Atomic file replacement: a reader sees the old file or the new one, never half.

The new bytes go to a temporary file in the same directory (same file system, so
the rename is atomic), which is flushed and synced, given the original's permission
bits (and owner, where allowed), then renamed over the original; the directory is
synced so the rename survives a crash. A symbolic link is followed: its target is
replaced and the link kept. A new file gets the permissions ``open`` would give it. If the file changed since it was read, nothing is written.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from audit.errors import InputError


def write_atomic(path: str, data: bytes, *, expected: bytes | None = None) -> None:
    """Replace ``path`` with ``data``; ``expected``: the bytes the file must still hold."""
    target = os.path.realpath(path)
    directory = os.path.dirname(target) or "."
    try:
        mode, owner = _mode_and_owner(target)
        if expected is not None:
            with open(target, "rb") as f:
                if f.read() != expected:
                    raise InputError("changed while being fixed; not written", path=path)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{os.path.basename(target)}.", suffix=".audit-tmp", dir=directory
        )
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", path=path) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        if owner is not None:
            with contextlib.suppress(OSError):
                os.chown(tmp, *owner)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError(f"cannot write: {exc.strerror}", path=path) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_directory(directory)


def _mode_and_owner(target: str) -> tuple[int, tuple[int, int] | None]:
    """The file's permission bits and owner; for a new file, what open() would give."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask, None
    return stat.S_IMODE(st.st_mode), (st.st_uid, st.st_gid)


def _sync_directory(directory: str) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
