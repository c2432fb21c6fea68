"""Issue 14, the file system: no write outside the target, no lost byte, no leftover.

Each test is the issue's reproduction, scaled to run in seconds.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from audit.errors import InputError
from audit.fix import write_atomic
from audit.formats import iter_files
from tests.conftest import ROOT

ARTICLE = "Salamah met Hifter.\n"
FIXED = "Salameh met Haftar.\n"


def _limited() -> None:
    """At most 2 GiB of memory: reading /dev/zero fails instead of exhausting the machine."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def _audit(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The CLI in its own process, so a hang or a runaway read is a failed test."""
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "audit", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        preexec_fn=_limited if sys.platform != "win32" else None,
    )


# -- 1. symbolic links and special files in folders ---------------------------------


def test_fixing_a_folder_never_writes_through_a_link_out_of_it(cli, tmp_path):
    (tmp_path / "repo" / "docs").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    victim = tmp_path / "outside" / "victim.conf"
    victim.write_text("secret: Hifter\n", encoding="utf-8")
    (tmp_path / "repo" / "docs" / "innocent.txt").symlink_to("../../outside/victim.conf")
    article = tmp_path / "repo" / "docs" / "a.txt"
    article.write_text("Hifter.\n", encoding="utf-8")

    result = cli("fix", str(tmp_path / "repo"), "--write")

    assert result.exit_code == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == "secret: Hifter\n"
    assert article.read_text(encoding="utf-8") == "Haftar.\n"
    assert "innocent.txt: symbolic link to ../../outside/victim.conf, outside the folder" in (
        result.stderr
    )


def test_a_link_inside_the_folder_is_followed_and_each_file_read_once(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").symlink_to("sub/a.txt")
    (tmp_path / "linked").symlink_to(tmp_path / "sub", target_is_directory=True)
    warnings: list[str] = []
    files = list(iter_files([str(tmp_path)], warnings.append))
    assert files == [str(tmp_path / "b.txt")]  # the same file is not audited twice
    assert warnings == []


def test_fifos_and_devices_in_a_folder_are_skipped_with_a_warning(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    folder = tmp_path / "docs"
    folder.mkdir()
    os.mkfifo(folder / "f.txt")
    (folder / "z.txt").symlink_to("/dev/zero")
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")

    result = _audit("check", str(folder), "--format", "text", timeout=60)

    assert result.returncode == 1, result.stderr  # a.txt's finding; no hang, no exhaustion
    assert f"{folder / 'f.txt'}: not a regular file (a FIFO); skipped" in result.stderr
    assert f"{folder / 'z.txt'}: symbolic link to /dev/zero, outside the folder" in result.stderr
    assert "a.txt:1:13: N001" in result.stdout
    as_json = _audit("check", str(folder), "--format", "json", timeout=60)
    assert json.loads(as_json.stdout)["summary"]["notes"] == [
        f"Skipped: {folder / 'f.txt'}: not a regular file (a FIFO); skipped",
        f"Skipped: {folder / 'z.txt'}: symbolic link to /dev/zero, outside the folder; "
        "not followed; skipped",
    ]


def test_a_device_named_on_the_command_line_is_an_error(cli, tmp_path):
    link = tmp_path / "z.txt"
    link.symlink_to("/dev/zero")
    result = cli("check", str(link))
    assert result.exit_code == 2
    assert result.stderr == f"audit: error: {link}: a device, not a file; not read\n"


def test_a_link_named_on_the_command_line_is_fixed_where_it_leads_and_said(cli, tmp_path):
    real = tmp_path / "real.txt"
    real.write_text(ARTICLE, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    result = cli("fix", str(link), "--write")
    assert result.exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8") == FIXED
    assert f"{link} is a symbolic link; writing the file it points to, {real}" in result.stderr


# -- 4. a write to the file during the fix is not lost ------------------------------


def test_lines_appended_during_the_write_are_not_lost(cli, tmp_path, monkeypatch):
    """The file grows between the first comparison and the rename (another process
    appends while the temporary file is written): the fix is refused, nothing lost."""
    path = tmp_path / "log.txt"
    path.write_text(ARTICLE * 100, encoding="utf-8")
    real_fsync = os.fsync
    appended = [f"line {i} appended during the fix\n" for i in range(32)]

    def fsync_while_someone_appends(fd: int) -> None:
        with open(path, "a", encoding="utf-8") as f:
            f.writelines(appended)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_while_someone_appends)
    result = cli("fix", str(path), "--write")

    assert result.exit_code == 2
    assert "changed while being fixed; not written" in result.stderr
    assert path.read_text(encoding="utf-8") == ARTICLE * 100 + "".join(appended)
    assert [p.name for p in tmp_path.iterdir()] == ["log.txt"]


def test_a_change_that_keeps_size_and_time_is_still_seen(tmp_path, monkeypatch):
    """Same size, same modification time, other bytes: the content hash catches it."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"Hifter one\n")
    st = path.stat()
    real_fsync = os.fsync

    def rewrite(fd: int) -> None:
        path.write_bytes(b"Hifter two\n")
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", rewrite)
    with pytest.raises(InputError, match="changed while being fixed"):
        write_atomic(str(path), b"Haftar one\n", expected=b"Hifter one\n")
    assert path.read_bytes() == b"Hifter two\n"


# -- 6. encodings, byte order and byte-order marks are written back as read ----------


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("utf-16", codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be")),
        ("utf-16", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")),
        ("utf-16", ARTICLE.encode("utf-16-le")),
        ("utf-32", codecs.BOM_UTF32_BE + ARTICLE.encode("utf-32-be")),
        ("utf-8-sig", ARTICLE.encode("utf-8")),
        ("utf-8-sig", codecs.BOM_UTF8 + ARTICLE.encode("utf-8")),
        (None, codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be")),
    ],
)
def test_encoding_byte_order_and_bom_are_written_back_as_read(cli, tmp_path, encoding, data):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    args = ["fix", str(path), "--write"] + (["--encoding", encoding] if encoding else [])
    assert cli(*args).exit_code == 0
    expected = data.replace(ARTICLE.encode("utf-16-be"), FIXED.encode("utf-16-be"))
    for codec in ("utf-16-le", "utf-32-be", "utf-8"):
        expected = expected.replace(ARTICLE.encode(codec), FIXED.encode(codec))
    assert path.read_bytes() == expected


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_named_on_the_command_line_is_audited_and_fixed(cli, tmp_path, codec):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode(codec))
    result = cli("check", str(path), "--format", "text")
    assert result.exit_code == 1  # not a silent pass as "binary"
    assert f"{path}:1:13: N001" in result.stdout
    assert cli("fix", str(path), "--write").exit_code == 0
    assert path.read_bytes() == FIXED.encode(codec)  # same byte order, no mark added


def test_an_unreadable_text_file_named_directly_is_exit_2_not_a_silent_pass(cli, tmp_path):
    """A .txt that cannot be read as text is bad input when named; found in a folder, or
    named without a text format's ending (an image among a hook's files), it is skipped
    with a warning."""
    garbled = tmp_path / "docs" / "a.txt"
    garbled.parent.mkdir()
    garbled.write_bytes(b"\x00\x01\x02 not text \x00" * 10)
    (tmp_path / "docs" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    for command in ("check", "fix"):
        named = cli(command, str(garbled))
        assert named.exit_code == 2, (command, named.stderr)
        assert (
            named.stderr
            == f"audit: error: {garbled}: looks like a binary file (NUL bytes); not audited\n"
        )
        found = cli(command, str(garbled.parent))
        assert found.exit_code == 1, (command, found.stderr)  # b.txt's finding decides
        assert f"audit: warning: {garbled}: looks like a binary file" in found.stderr


def test_a_fix_the_encoding_cannot_hold_is_an_error_not_a_traceback(cli, tmp_path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "entries:\n  - id: x\n    canonical: Łódź\n    variants: [Lodsch]\n", encoding="utf-8"
    )
    path = tmp_path / "a.txt"
    path.write_bytes("Café in Lodsch.\n".encode("latin-1"))
    result = cli(
        "fix", str(path), "--write", "--encoding", "latin-1", "--no-default-glossaries",
        "-g", str(glossary),
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.startswith(f"audit: error: {path}:1: a fix needs 'Ł' (U+0141)")
    assert path.read_bytes() == "Café in Lodsch.\n".encode("latin-1")


# -- 9. permissions, ownership and hard links ---------------------------------------


def test_a_read_only_file_is_refused(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    os.chmod(path, 0o444)
    result = cli("fix", str(path), "--write")
    assert result.exit_code == 2
    assert "read-only file (mode 0444); not written" in result.stderr
    assert path.read_text(encoding="utf-8") == ARTICLE


def test_a_read_only_file_in_a_folder_holds_back_every_write(cli, tmp_path):
    """Validate all, then write: no file is rewritten when one of them cannot be."""
    first = tmp_path / "a.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    locked = tmp_path / "b.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    os.chmod(locked, 0o444)
    result = cli("fix", str(tmp_path), "--write")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"audit: error: {locked}: read-only file (mode 0444); not written "
        "(make it writable to apply the fixes)",
        "audit: error: nothing written: 1 file could not be fixed (see above); "
        "the others are written only when all can be",
    ]
    assert first.read_text(encoding="utf-8") == ARTICLE


def test_hard_links_are_reported(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    os.link(path, tmp_path / "b.txt")
    result = cli("fix", str(path), "--write")
    assert result.exit_code == 0
    assert f"{path}: has 2 hard links; only this name gets the fixed text" in result.stderr
    assert path.read_text(encoding="utf-8") == FIXED


AS_USER = """
import os, sys
from click.testing import CliRunner
from audit.cli import main
# Load every module and glossary a fix loads while still allowed to read them all.
CliRunner().invoke(main, ["fix", "--write", sys.argv[1]], catch_exceptions=False)
uid, groups = int(sys.argv[2]), [int(g) for g in sys.argv[3].split(",")]
os.setgroups(groups)
os.setgid(groups[0])
os.setuid(uid)
sys.argv = ["audit", "fix", "--write", *sys.argv[4:]]
main()
"""
NOBODY = 65534
SHARED_GROUP = 4242


@pytest.fixture
def open_folder():
    """A folder any user may write (pytest's tmp_path is private to root)."""
    if not hasattr(os, "setuid") or os.geteuid() != 0:
        pytest.skip("switching to a non-root user needs root")
    folder = Path(tempfile.mkdtemp(prefix="audit-perm-"))
    os.chmod(folder, 0o777)
    (folder / "warm.txt").write_text(ARTICLE, encoding="utf-8")
    yield folder
    shutil.rmtree(folder)


def _as_nobody(folder: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", AS_USER, str(folder / "warm.txt"), str(NOBODY),
         f"{NOBODY},{SHARED_GROUP}", *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "AUDIT_NO_CACHE": "1"},
    )  # fmt: skip


def test_a_user_cannot_fix_a_read_only_file_and_keeps_the_group(open_folder):
    read_only = open_folder / "ro.txt"
    read_only.write_text(ARTICLE, encoding="utf-8")
    os.chown(read_only, NOBODY, NOBODY)
    os.chmod(read_only, 0o444)
    shared = open_folder / "shared.txt"  # root's file, writable by the group
    shared.write_text(ARTICLE, encoding="utf-8")
    os.chown(shared, 0, SHARED_GROUP)
    os.chmod(shared, 0o664)

    refused = _as_nobody(open_folder, read_only)
    assert refused.returncode == 2, refused.stderr
    assert "ro.txt: read-only file (mode 0444); not written" in refused.stderr
    assert read_only.read_text(encoding="utf-8") == ARTICLE

    result = _as_nobody(open_folder, shared)
    assert result.returncode == 0, result.stderr
    assert shared.read_text(encoding="utf-8") == FIXED
    st = shared.stat()
    assert (st.st_gid, stat.S_IMODE(st.st_mode)) == (SHARED_GROUP, 0o664)
    assert "shared.txt: the owner could not be kept" in result.stderr


# -- 10. no temporary file left behind -------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".audit-tmp"))


def test_a_temporary_file_left_by_sigkill_is_removed_by_the_next_run(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE * 200, encoding="utf-8")
    killed = subprocess.run(
        [sys.executable, "-c",
         "import os, sys\n"
         "os.fsync = lambda fd: os.kill(os.getpid(), 9)\n"
         "sys.argv = ['audit', 'fix', '--write', sys.argv[1]]\n"
         "from audit.cli import main\nmain()\n",
         str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL
    assert len(_leftovers(tmp_path)) == 1  # what the issue saw
    legacy = tmp_path / ".article.txt.k3j2h1.audit-tmp"  # named by an older audit, long ago
    legacy.write_bytes(b"partial")
    os.utime(legacy, (time.time() - 3600, time.time() - 3600))
    other = tmp_path / ".other.txt.1.x.audit-tmp"  # another file's: not ours to remove
    other.write_bytes(b"partial")

    again = _audit("fix", "--write", str(path))

    assert again.returncode == 0, again.stderr
    assert _leftovers(tmp_path) == [other.name]
    assert path.read_text(encoding="utf-8") == FIXED * 200


def test_sigterm_during_the_write_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE * 200, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c",
         "import os, signal, sys\n"
         "real = os.fsync\n"
         "def fsync(fd):\n"
         "    os.kill(os.getpid(), signal.SIGTERM)\n"
         "    real(fd)\n"
         "os.fsync = fsync\n"
         "sys.argv = ['audit', 'fix', '--write', sys.argv[1]]\n"
         "from audit.cli import main\nmain()\n",
         str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 128 + signal.SIGTERM, result.stderr
    assert "Traceback" not in result.stderr
    assert _leftovers(tmp_path) == []
    assert path.read_text(encoding="utf-8") == ARTICLE * 200


# -- one atomic write for everything audit writes ------------------------------------


def test_every_file_audit_writes_goes_through_one_atomic_write():
    """Renames, temporary files and whole-file writes appear in audit/atomicfile.py only
    (and in the generator of synthetic benchmark corpora, which writes new folders)."""
    allowed = {"atomicfile.py", "synth.py"}
    patterns = ("os.replace(", "mkstemp(", "os.rename(", ".write_text(", ".write_bytes(")
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "audit").rglob("*.py")
        if p.name not in allowed and any(s in p.read_text(encoding="utf-8") for s in patterns)
    ]
    assert offenders == []


def test_an_odd_number_of_bytes_is_never_taken_for_utf16(cli, tmp_path):
    """Found by the property tests: five bytes whose first four look like UTF-16-BE
    ("00\\x00\\xc2", a NUL in every other position) were read as UTF-16 and stopped the
    whole run with "invalid UTF-16-BE at byte 4"; UTF-16 text is an even number of
    bytes, so this is a binary file, skipped in a folder like any other."""
    (tmp_path / "docs").mkdir()
    odd = tmp_path / "docs" / "a.txt"
    odd.write_bytes("00\x00\x80".encode())
    (tmp_path / "docs" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    found = cli("check", str(odd.parent))
    assert found.exit_code == 1, found.stderr  # b.txt's finding decides
    assert f"audit: warning: {odd}: looks like a binary file" in found.stderr
    assert "UTF-16" not in found.stderr


def test_write_atomic_writes_pieces_one_after_the_other(tmp_path: Path) -> None:
    from audit.atomicfile import write_atomic

    target = tmp_path / "pieces.bin"
    target.write_bytes(b"old")
    big = bytearray(range(256)) * 64
    write_atomic(str(target), [b"head:", memoryview(big), b":tail"])
    assert target.read_bytes() == b"head:" + bytes(big) + b":tail"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".audit-tmp")]
