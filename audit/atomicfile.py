"""Replacing a file atomically: a reader sees the old file or the new one, never half.

Every file audit writes goes through :func:`write_atomic` (fixed articles, glossary
proposals, back-translations, cache files), so the guarantees below hold everywhere:

- The new bytes go to a temporary file ``.NAME.PID.XXXX.audit-tmp`` in the same
  directory (same file system, so the rename is atomic), flushed and synced, given the
  original's permission bits and, where the system allows, its owner and group; then
  it is renamed over the original and the directory is synced.
- A symbolic link is followed: the file it points to is replaced and the link kept.
- A read-only file (no write bit, or not writable by this user) is refused, not
  replaced behind the user's back; a file with several hard links is replaced under
  this name only, which is said in a warning (the other names keep the old text).
- The file must still be what the caller read (``expected``) when the temporary file
  is made, and again immediately before the rename (size, modification time, inode
  and content): a line appended meanwhile is never lost, the write is refused.
- SIGTERM, SIGHUP or Ctrl-C during the write remove the temporary file; one left by
  SIGKILL or a crash is removed by the next write of the same file
  (:func:`remove_leftovers`), once the process that made it is gone.

Only the standard library is imported, so cheap callers (the glossary cache) can use it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence

from audit.errors import InputError

TMP_SUFFIX = ".audit-tmp"
#: A leftover without a process id in its name (written by an older audit) is removed
#: once it is this old: no write takes that long between creating and renaming its file.
LEGACY_LEFTOVER_SECONDS = 15 * 60


def write_atomic(
    path: str,
    data: bytes | Sequence[bytes | memoryview],
    *,
    expected: bytes | None = None,
    clean: bool = True,
) -> list[str]:
    """Replace ``path`` with ``data`` (bytes, or pieces written one after the other, so
    that a large buffer is written without being copied into one bytes object first);
    ``expected``: the bytes the file must still hold;
    ``clean``: first remove the file's leftovers (a caller writing many files of one
    folder removes them once for all, :func:`remove_leftovers`).

    Returns warnings to show the user (hard links split, owner not kept); raises
    :class:`InputError` (one line, exit 2) when nothing was written.
    """
    target = os.path.realpath(path)
    directory = os.path.dirname(target) or "."
    warnings: list[str] = []
    try:
        if clean:
            remove_leftovers([target])
        before = _stat_or_none(target)
        if before is not None:
            _check_writable(path, target, before)
            if expected is not None:
                _check_unchanged(path, target, before, expected)
            if before.st_nlink > 1:
                warnings.append(
                    f"{path}: has {before.st_nlink} hard links; only this name gets the "
                    "fixed text, the other links keep the old one"
                )
        fd, tmp = tempfile.mkstemp(
            prefix=f".{os.path.basename(target)}.{os.getpid()}.", suffix=TMP_SUFFIX, dir=directory
        )
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", path=path) from None
    try:
        with _removed_on_termination():
            with os.fdopen(fd, "wb") as f:
                for piece in (data,) if isinstance(data, bytes) else data:
                    f.write(piece)
                f.flush()
                os.fsync(f.fileno())
            if before is None:
                os.chmod(tmp, _new_file_mode())
            else:
                os.chmod(tmp, stat.S_IMODE(before.st_mode))
                warnings.extend(_keep_owner(path, tmp, before))
                # The last look: a write to the original since it was read is not lost.
                _check_unchanged(path, target, before, expected)
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
    return warnings


def check_writable(path: str) -> None:
    """Raise :class:`InputError` when :func:`write_atomic` would refuse ``path`` for its
    kind or permissions (a caller writing several files checks them all first)."""
    target = os.path.realpath(path)
    try:
        st = _stat_or_none(target)
        if st is not None:
            _check_writable(path, target, st)
        if not os.access(os.path.dirname(target) or ".", os.W_OK | os.X_OK):
            raise InputError("cannot write: its folder is not writable", path=path)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", path=path) from None


def remove_leftovers(paths: Iterable[str]) -> list[str]:
    """Remove temporary files of ``paths`` left by a write that was killed (SIGKILL, a
    crash, a power cut): those whose process is gone, or, written without a process
    id by an older audit, older than :data:`LEGACY_LEFTOVER_SECONDS`. Each folder is
    listed once, however many of its files are given. Returns the removed files."""
    wanted: dict[str, set[str]] = {}
    for path in paths:
        target = os.path.realpath(path)
        wanted.setdefault(os.path.dirname(target) or ".", set()).add(os.path.basename(target))
    removed: list[str] = []
    for directory, bases in wanted.items():
        try:
            names = os.listdir(directory)
        except OSError:
            continue
        for name in names:
            if name.startswith(".") and name.endswith(TMP_SUFFIX):
                leftover = os.path.join(directory, name)
                if _is_stale_leftover(name, bases, leftover):
                    with contextlib.suppress(OSError):
                        os.unlink(leftover)
                        removed.append(leftover)
    return removed


def _is_stale_leftover(name: str, bases: set[str], leftover: str) -> bool:
    """``.BASE.PID.XXXX.audit-tmp`` of a dead process, or ``.BASE.XXXX.audit-tmp`` (an
    older audit's) that is old, for one of ``bases``; never a link or a folder."""
    middle = name[1 : -len(TMP_SUFFIX)]
    parts = middle.rsplit(".", 2)
    try:
        st = os.lstat(leftover)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return False
    if len(parts) == 3 and parts[0] in bases and parts[1].isdigit():
        return _process_gone(int(parts[1]))
    base = middle.rsplit(".", 1)[0]
    return base in bases and time.time() - st.st_mtime >= LEGACY_LEFTOVER_SECONDS


def _process_gone(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, another user's
        return False
    return False


def _stat_or_none(target: str) -> os.stat_result | None:
    try:
        return os.stat(target)
    except FileNotFoundError:
        return None


def _check_writable(path: str, target: str, st: os.stat_result) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file; not written", path=path)
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise InputError(
            f"read-only file (mode {stat.S_IMODE(st.st_mode):04o}); not written "
            "(make it writable to apply the fixes)",
            path=path,
        )


def _check_unchanged(
    path: str, target: str, before: os.stat_result, expected: bytes | None
) -> None:
    """Refuse when the file is no longer what was read: another inode, size, mtime, or
    other bytes than ``expected``."""
    now = os.stat(target)
    same = (now.st_ino, now.st_dev, now.st_size, now.st_mtime_ns) == (
        before.st_ino,
        before.st_dev,
        before.st_size,
        before.st_mtime_ns,
    )
    if same and expected is not None:
        same = now.st_size == len(expected) and _digest_of(target) == _digest(expected)
    if not same:
        raise InputError("changed while being fixed; not written (run audit fix again)", path=path)


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _digest_of(target: str) -> bytes:
    h = hashlib.sha256()
    with open(target, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.digest()


def _keep_owner(path: str, tmp: str, before: os.stat_result) -> list[str]:
    """Give the new file the original's owner and group where allowed (root: both; a
    user: a group they belong to); say so when one of them could not be kept."""
    wanted = (before.st_uid, before.st_gid)
    for uid, gid in (wanted, (-1, before.st_gid)):
        try:
            os.chown(tmp, uid, gid)
            break
        except OSError:
            continue
    st = os.stat(tmp)
    lost = [
        what
        for what, now, was in (
            ("owner", st.st_uid, before.st_uid),
            ("group", st.st_gid, before.st_gid),
        )
        if now != was
    ]
    if not lost:
        return []
    return [
        f"{path}: the {' and '.join(lost)} could not be kept (not permitted); the file is now yours"
    ]


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def _removed_on_termination() -> Iterator[None]:
    """While the temporary file exists, SIGTERM and SIGHUP raise SystemExit (128 +
    signal) so that the caller's cleanup runs, instead of ending the process at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signals = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s]
    previous = {}
    for s in signals:
        with contextlib.suppress(ValueError, OSError):
            previous[s] = signal.signal(s, stop)
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _sync_directory(directory: str) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
