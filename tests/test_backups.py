"""Backups and recovery: a damaged journal is detected, never overwritten, and restored without losing entries."""
import datetime as dt
import hashlib
import sys
import types

import pytest

from sb_desktop.domain.entries import make_pain
from sb_desktop.storage import backups, crypto, schema
from sb_desktop.storage.migrations import MigrationSet
from sb_desktop.storage.profiles import ProfileDamagedError, ProfileDirectory

PASSPHRASE = "blue kettle morning"
PAGE = 4096


@pytest.fixture
def directory(isolated_data_dir, fast_kdf):
    return ProfileDirectory(isolated_data_dir, backups_kept=3)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add(profile, n, start=0):
    for i in range(start, start + n):
        profile.journal.add(make_pain(i % 11, date=(dt.date(2024, 1, 1) + dt.timedelta(days=i)).isoformat(),
                                      note=f"entry number {i:05d} " + "x" * 200))


@pytest.mark.parametrize("encrypted", [True, False])
def test_backup_is_verified_encrypted_like_the_profile_and_rolls(directory, encrypted):
    passphrase = PASSPHRASE if encrypted else None
    directory.create("Ann", passphrase=passphrase)
    profile = directory.open("Ann", passphrase=passphrase)
    _add(profile, 5)
    made = [profile.backup("manual") for _ in range(5)]
    kept = backups.list_backups(profile.info.folder)
    assert [b.path for b in kept] == [b.path for b in reversed(made[-3:])]  # the newest 3, newest first
    header = kept[0].path.read_bytes()[:16]
    assert header.startswith(b"SQLite format 3") is (not encrypted)
    assert backups.verify(kept[0].path, profile.connect) == []
    assert not list((profile.info.folder / "backups").glob(".tmp-*"))
    profile.close()


def test_backup_at_most_daily_on_open(directory):
    directory.create("Ann")
    directory.open("Ann").close()                      # first open creates the journal: nothing to back up yet
    directory.open("Ann").close()
    assert len(directory.backups("Ann")) == 1
    directory.open("Ann").close()
    assert len(directory.backups("Ann")) == 1          # not again the same day
    assert not backups.backup_due(directory.find("Ann").folder)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=1, minutes=1)
    assert backups.backup_due(directory.find("Ann").folder, now=later)


def test_a_pending_migration_takes_a_backup_first(directory, monkeypatch):
    directory.create("Ann")
    profile = directory.open("Ann")
    _add(profile, 3)
    profile.close()
    module = types.ModuleType("sb_test_feature")
    module.migrations = MigrationSet("sb_test_feature")

    @module.migrations()
    def m001(db):
        db["feature"].create({"id": int}, pk="id")

    monkeypatch.setitem(sys.modules, "sb_test_feature", module)
    monkeypatch.setattr(schema, "FEATURE_MIGRATION_MODULES", [*schema.FEATURE_MIGRATION_MODULES, "sb_test_feature"])
    monkeypatch.setattr(schema, "STEP_COUNT", schema.STEP_COUNT + 1)  # as a version adding a step declares
    profile = directory.open("Ann", auto_backup=False)
    assert "feature" in profile.db.table_names()
    profile.close()
    reasons = [b.reason for b in directory.backups("Ann")]
    assert "before-migration" in reasons
    before = next(b for b in directory.backups("Ann") if b.reason == "before-migration")
    from sb_desktop.storage.database import open_database
    db = open_database(before.path, check=False, pragmas=False)
    assert "feature" not in db.table_names() and db.utils["entries"].count == 3
    db.close()


def _damage(path, page_number, length=64):
    data = bytearray(path.read_bytes())
    offset = (page_number - 1) * PAGE  # the page header: type and cell count
    data[offset:offset + length] = b"\xff" * length
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("encrypted", [True, False])
def test_damaged_journal_is_detected_left_unchanged_and_restored(directory, encrypted):
    passphrase = PASSPHRASE if encrypted else None
    directory.create("Ann", passphrase=passphrase)
    profile = directory.open("Ann", passphrase=passphrase)
    _add(profile, 120)
    good = profile.backup("manual")
    path = profile.info.database_path
    profile.close()
    pages = path.stat().st_size // PAGE
    _damage(path, pages // 2)
    before = _digest(path)
    with pytest.raises(ProfileDamagedError) as caught:
        directory.open("Ann", passphrase=passphrase)
    assert caught.value.newest_backup is not None and caught.value.newest_backup.path == good.path
    assert "failed its check and was not changed" in str(caught.value)
    assert _digest(path) == before                     # nothing overwritten, no backup taken of a bad file
    result = directory.restore("Ann", passphrase=passphrase)
    assert result.backup.path == good.path
    assert result.damaged_copy is not None and _digest(result.damaged_copy) == before
    profile = directory.open("Ann", passphrase=passphrase)
    assert profile.journal.count() == 120
    profile.close()


def test_entries_made_after_the_last_backup_are_read_back_from_the_damaged_file(directory):
    directory.create("Ann")
    profile = directory.open("Ann")
    _add(profile, 150)
    profile.backup("manual")
    _add(profile, 30, start=150)                       # acknowledged after the backup
    path = profile.info.database_path
    profile.close()
    data = path.read_bytes()
    # Damage the page holding an early entry (which the backup also has).
    page = data.index(b"entry number 00010") // PAGE + 1
    _damage(path, page, length=400)
    with pytest.raises(ProfileDamagedError):
        directory.open("Ann")
    result = directory.restore("Ann")
    assert result.recovered_rows == 30
    profile = directory.open("Ann")
    notes = {e.note[:18] for e in profile.journal.entries()}
    assert {f"entry number {i:05d}" for i in range(180)} <= notes   # nothing acknowledged was lost
    profile.close()


@pytest.mark.parametrize("size", ["half", "zero", "missing"])
def test_truncated_or_missing_journal_is_detected_and_restored(directory, size):
    directory.create("Ann", passphrase=PASSPHRASE)
    profile = directory.open("Ann", passphrase=PASSPHRASE)
    _add(profile, 100)
    profile.backup("manual")
    path = profile.info.database_path
    profile.close()
    if size == "missing":
        path.unlink()
    else:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if size == "half" else b"")
    with pytest.raises(ProfileDamagedError):
        directory.open("Ann", passphrase=PASSPHRASE)
    if size != "missing":
        assert path.exists()
    directory.restore("Ann", passphrase=PASSPHRASE)
    assert directory.open("Ann", passphrase=PASSPHRASE).journal.count() == 100


def test_damaged_backups_are_skipped_and_newest_good_one_used(directory):
    directory.create("Ann")
    profile = directory.open("Ann")
    _add(profile, 10)
    older = profile.backup("manual")
    _add(profile, 5, start=10)
    newer = profile.backup("manual")
    profile.close()
    newer.path.write_bytes(newer.path.read_bytes()[:PAGE])
    assert backups.newest_good_backup(directory.find("Ann").folder, crypto.connect_unkeyed) == older


def test_restoring_a_sound_journal_keeps_a_backup_of_it_first(directory):
    directory.create("Ann")
    profile = directory.open("Ann")
    _add(profile, 4)
    chosen = profile.backup("manual")
    _add(profile, 2, start=4)
    profile.close()
    result = directory.restore("Ann", backup=chosen)
    assert result.damaged_copy is None
    assert directory.open("Ann").journal.count() == 4
    undo = next(b for b in directory.backups("Ann") if b.reason == "before-restore")
    directory.restore("Ann", backup=undo)
    assert directory.open("Ann").journal.count() == 6


def test_no_backup_means_a_clear_message(directory):
    directory.create("Ann")
    directory.open("Ann").close()
    path = directory.find("Ann").database_path
    path.write_bytes(b"\x00" * 5000)
    with pytest.raises(ProfileDamagedError) as caught:
        directory.open("Ann")
    assert caught.value.newest_backup is None and "No usable backup" in str(caught.value)
    with pytest.raises(backups.BackupError):
        directory.restore("Ann")


def test_backup_and_restore_commands(isolated_data_dir, monkeypatch, capsys, fast_kdf):
    from sb_desktop.cli import main
    monkeypatch.setenv("SB_DESKTOP_PASSPHRASE", PASSPHRASE)
    assert main(["profiles", "create", "Ann"]) == 0
    assert main(["--profile", "Ann", "add", "pain", "4"]) == 0
    assert main(["--profile", "Ann", "backup"]) == 0
    assert "Backed up profile 'Ann'" in capsys.readouterr().out
    assert main(["--profile", "Ann", "add", "pain", "5"]) == 0
    path = ProfileDirectory(isolated_data_dir).find("Ann").database_path
    path.write_bytes(path.read_bytes()[:PAGE])
    assert main(["--profile", "Ann", "list"]) == 1
    err = capsys.readouterr().err
    assert "failed its check" in err and "newest good backup" in err
    assert main(["--profile", "Ann", "restore", "--list"]) == 0
    assert "manual" in capsys.readouterr().out
    assert main(["--profile", "Ann", "restore"]) == 0
    out = capsys.readouterr().out
    assert "Restored profile 'Ann'" in out and "damaged file was kept" in out
    assert main(["--profile", "Ann", "list", "--json"]) == 0
    assert '"value": 4' in capsys.readouterr().out
