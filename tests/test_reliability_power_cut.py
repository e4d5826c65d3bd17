"""Power cuts, simulated: every write the disk was not told to sync is thrown away, as a power cut may.

A SIGKILL cannot show this (the page cache outlives the process, so even synchronous=OFF passes), so SQLite
runs here on a recording VFS (through apsw, which lets Python be a VFS, the way SQLite's own crash tests
work). Each file keeps a durable image; xWrite and xTruncate are only pending until an xSync applies them.
After every acknowledged commit the durable images are copied aside: each copy is the disk as a power cut at
that moment would leave it. The database gets the pragmas the app applies (storage.database.apply_pragmas
itself, not a copy of its values), so weakening them there fails this test.

apsw carries its own SQLite, not SQLCipher: the app's connections cannot run on this VFS, so what is tested
is the app's durability configuration (WAL, synchronous) on the same SQL a journal entry commits.
"""
import itertools
import os
from pathlib import Path

import pytest

apsw = pytest.importorskip("apsw", reason="apsw (a test extra) provides the recording VFS")

from sb_desktop.storage.database import Database, apply_pragmas  # noqa: E402

COMMITS = 40
CHECKPOINT_AFTER = 20   # Profile.close and restore checkpoint with TRUNCATE; do one mid-way
_names = itertools.count()


class Disk:
    """What a power cut leaves: per file, the bytes as of its last sync."""

    def __init__(self):
        self.durable: dict[str, bytearray] = {}
        self.pending: dict[str, list[tuple]] = {}

    def opened(self, path: str) -> None:
        if path not in self.durable:
            self.durable[path] = bytearray(Path(path).read_bytes()) if os.path.exists(path) else bytearray()
            self.pending[path] = []

    def write(self, path, offset, data) -> None:
        self.pending[path].append(("write", offset, bytes(data)))

    def truncate(self, path, size) -> None:
        self.pending[path].append(("truncate", size))

    def sync(self, path) -> None:
        image = self.durable[path]
        for operation in self.pending[path]:
            if operation[0] == "write":
                _kind, offset, data = operation
                if len(image) < offset:
                    image.extend(b"\0" * (offset - len(image)))
                image[offset:offset + len(data)] = data
            else:
                del image[operation[1]:]
        self.pending[path] = []

    def delete(self, path) -> None:
        self.durable.pop(path, None)
        self.pending.pop(path, None)

    def snapshot(self) -> dict[str, bytes]:
        # The -shm index lives in shared memory, never on the disk SQLite trusts: it is rebuilt from the WAL.
        return {path: bytes(image) for path, image in self.durable.items() if not path.endswith("-shm")}


class RecordingFile(apsw.VFSFile):
    def __init__(self, disk: Disk, name, flags):
        super().__init__("", name, flags)
        self.disk = disk
        self.path = name.filename() if hasattr(name, "filename") else name
        if self.path:
            disk.opened(self.path)

    def xWrite(self, data, offset):
        if self.path:
            self.disk.write(self.path, offset, data)
        super().xWrite(data, offset)

    def xTruncate(self, size):
        if self.path:
            self.disk.truncate(self.path, size)
        super().xTruncate(size)

    def xSync(self, flags):
        if self.path:
            self.disk.sync(self.path)
        super().xSync(flags)


class RecordingVFS(apsw.VFS):
    def __init__(self, disk: Disk):
        self.disk = disk
        self.vfs_name = f"recording-{next(_names)}"
        super().__init__(name=self.vfs_name, base="")

    def xOpen(self, name, flags):
        return RecordingFile(self.disk, name, flags)

    def xDelete(self, filename, syncdir):
        self.disk.delete(filename)
        super().xDelete(filename, syncdir)


def acknowledged_and_surviving(folder: Path, synchronous: str | None = None) -> list[tuple[int, int]]:
    """Commit COMMITS journal entries one transaction each, as the app does; after each commit returns (the
    moment the window says "Saved"), cut the power. Returns (entries acknowledged, entries surviving) per cut."""
    disk = Disk()
    vfs = RecordingVFS(disk)
    path = folder / "journal.db"
    conn = apsw.Connection(str(path), vfs=vfs.vfs_name)
    apply_pragmas(Database(conn))
    assert conn.execute("PRAGMA journal_mode").fetchall() == [("wal",)]
    if synchronous is not None:
        conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, date TEXT NOT NULL, value INTEGER, note TEXT)")
    cuts = [(0, disk.snapshot())]
    for number in range(1, COMMITS + 1):
        with conn:  # one transaction, committed when the block ends
            conn.execute("INSERT INTO entries (date, value, note) VALUES (?, ?, ?)",
                         ("2024-05-01", number % 11, f"entry {number} " + "x" * 300))
        cuts.append((number, disk.snapshot()))
        if number == CHECKPOINT_AFTER:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    vfs.unregister()
    return [(acknowledged, _surviving(folder / f"cut-{acknowledged}", files, path.parent))
            for acknowledged, files in cuts]


def _surviving(cut_folder: Path, files: dict[str, bytes], original_folder: Path) -> int:
    cut_folder.mkdir()
    for original, data in files.items():
        (cut_folder / Path(original).relative_to(original_folder)).write_bytes(data)
    conn = apsw.Connection(str(cut_folder / "journal.db"))
    try:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        if not conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'entries'").fetchone()[0]:
            return 0
        return conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        conn.close()


def test_no_acknowledged_entry_is_lost_to_a_power_cut_with_the_apps_settings(tmp_path):
    results = acknowledged_and_surviving(tmp_path)
    assert len(results) == COMMITS + 1
    lost = [(acknowledged, surviving) for acknowledged, surviving in results if surviving < acknowledged]
    assert lost == []


@pytest.mark.parametrize("setting", ["OFF", "NORMAL"])
def test_the_same_power_cut_loses_acknowledged_entries_with_weaker_settings(tmp_path, setting):
    """The check above can fail: with synchronous=OFF (nothing synced) or NORMAL (WAL synced only at a
    checkpoint), entries the window had called saved are gone after the cut."""
    results = acknowledged_and_surviving(tmp_path, synchronous=setting)
    lost = [(acknowledged, surviving) for acknowledged, surviving in results if surviving < acknowledged]
    assert lost, "a power cut lost nothing: the recording VFS is not discarding unsynced writes"
    assert results[-1][1] < COMMITS
