"""A full or read-only disk: reading, exporting and checking still work, and a failed write is never damage."""
import errno
import json

import pytest

from sb_desktop.cli import main
from sb_desktop.domain.entries import make_pain
from sb_desktop.storage import backups, database
from sb_desktop.storage._driver import driver
from sb_desktop.storage.files import DiskWriteError
from sb_desktop.storage.profiles import ProfileDamagedError, ProfileDirectory


@pytest.fixture
def directory(isolated_data_dir):
    directory = ProfileDirectory(isolated_data_dir)
    profile = directory.open("default")
    profile.journal.add(make_pain(3, note="saved before the disk filled"))
    profile.close()
    assert backups.backup_due(directory.find("default").folder)  # the next open wants its daily backup
    return directory


def _refuse(error_number):
    def copy(source_conn, target, connect):
        raise OSError(error_number, "refused by the test", str(target))
    return copy


def _real_sqlite_full(monkeypatch):
    """The backup's target can hold one page: SQLite itself reports SQLITE_FULL, as on a full disk."""
    real_copy = backups._copy

    def copy(source_conn, target, connect):
        def tiny(path):
            conn = connect(path)
            conn.execute("PRAGMA max_page_count=1")
            return conn
        real_copy(source_conn, target, tiny)
    monkeypatch.setattr(backups, "_copy", copy)


@pytest.mark.parametrize("error_number, words", [(errno.ENOSPC, "disk is full"), (errno.EROFS, "read-only")])
def test_opening_carries_on_when_the_daily_backup_cannot_be_written(directory, monkeypatch, error_number, words):
    monkeypatch.setattr(backups, "_copy", _refuse(error_number))
    profile = directory.open("default", create=False)
    try:
        assert words in profile.backup_problem
        assert [e.note for e in profile.journal.entries()] == ["saved before the disk filled"]
    finally:
        profile.close()
    folder = backups.backup_folder(directory.find("default").folder)
    assert backups.list_backups(directory.find("default").folder) == []
    assert not list(folder.glob(".tmp-*"))


def test_sqlites_own_disk_full_error_is_reported_as_a_full_disk(directory, monkeypatch):
    _real_sqlite_full(monkeypatch)
    profile = directory.open("default", create=False)
    try:
        assert "disk is full" in profile.backup_problem
    finally:
        profile.close()


def test_list_check_and_export_work_on_a_full_disk_and_say_so_once(directory, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(backups, "_copy", _refuse(errno.ENOSPC))
    assert main(["list", "--json"]) == 0
    out, err = capsys.readouterr()
    assert [e["note"] for e in json.loads(out)] == ["saved before the disk filled"]
    assert len(err.strip().splitlines()) == 1 and "disk is full" in err
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("OK") and "disk is full" in err and "damaged" not in err
    target = tmp_path / "out.csv"
    assert main(["export", "--format", "csv", "--out", str(target)]) == 0
    assert "saved before the disk filled" in target.read_text()


def test_a_manual_backup_on_a_full_disk_fails_in_one_line_without_calling_it_damage(directory, monkeypatch, capsys):
    monkeypatch.setattr(backups, "_copy", _refuse(errno.ENOSPC))
    assert main(["backup"]) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert "disk is full" in lines[-1]
    assert not any("damaged" in line or "failed its check" in line or "No usable backup" in line for line in lines)


@pytest.mark.parametrize("message", ["database or disk is full", "attempt to write a readonly database"])
def test_a_write_refused_while_opening_the_journal_is_not_damage(directory, monkeypatch, message):
    def refuse(db):
        raise driver.OperationalError(message)
    monkeypatch.setattr(database, "apply_pragmas", refuse)
    with pytest.raises(DiskWriteError) as caught:
        directory.open("default", create=False)
    assert not isinstance(caught.value, ProfileDamagedError)
    text = str(caught.value)
    assert ("disk is full" in text or "read-only" in text) and "No usable backup" not in text
    monkeypatch.undo()
    profile = directory.open("default", create=False)  # nothing was changed or moved aside
    try:
        assert profile.journal.count() == 1
    finally:
        profile.close()
