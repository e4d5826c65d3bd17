"""Deleting needs the passphrase; restore never resurrects deleted entries; creation survives a kill at every
step; deeply nested JSON gets a sentence, not a RecursionError."""
import datetime as dt
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT, run_cli

from sb_desktop.cli import main
from sb_desktop.domain.entries import make_pain
from sb_desktop.storage import backups, keyfile
from sb_desktop.storage.profiles import ProfileDamagedError, ProfileDirectory

PHRASE = "a sturdy long phrase"
PAGE = 4096


# --- profiles delete needs the passphrase ---

def test_deleting_an_encrypted_profile_needs_its_passphrase(isolated_data_dir, fast_kdf, monkeypatch, capsys):
    directory = ProfileDirectory(isolated_data_dir)
    directory.create("Ann", passphrase=PHRASE)
    result = run_cli("profiles", "delete", "Ann", "--yes", input="")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "--without-passphrase" in result.stderr
    assert directory.find("Ann") is not None
    monkeypatch.setenv("SB_DESKTOP_PASSPHRASE", "a guess, not the phrase")
    assert main(["profiles", "delete", "Ann", "--yes"]) == 1
    assert "does not unlock" in capsys.readouterr().err
    assert directory.find("Ann") is not None
    monkeypatch.setenv("SB_DESKTOP_PASSPHRASE", PHRASE)
    assert main(["profiles", "delete", "Ann", "--yes"]) == 0
    assert directory.find("Ann") is None


def test_a_clinic_can_delete_a_profile_whose_passphrase_is_lost(isolated_data_dir, fast_kdf):
    directory = ProfileDirectory(isolated_data_dir)
    directory.create("Ann", passphrase=PHRASE)
    result = run_cli("profiles", "delete", "Ann", "--yes", "--without-passphrase", input="")
    assert result.returncode == 0, result.stderr
    assert directory.find("Ann") is None and not (directory.root / "ann").exists()


# --- restore's salvage never brings back a deleted entry ---

def _add(profile, n, start=0):
    for i in range(start, start + n):
        profile.journal.add(make_pain(i % 11, date=(dt.date(2024, 1, 1) + dt.timedelta(days=i)).isoformat(),
                                      note=f"entry number {i:05d} " + "x" * 200))


def test_restore_does_not_bring_back_entries_deleted_after_the_backup(isolated_data_dir):
    directory = ProfileDirectory(isolated_data_dir)
    profile = directory.open("Ann")
    _add(profile, 150)
    profile.backup("manual")
    by_note = {e.note[:18]: e.id for e in profile.journal.entries()}
    for gone in (3, 146):                             # deleted after the backup, early and late in the table
        profile.journal.delete(by_note[f"entry number {gone:05d}"])
    _add(profile, 20, start=150)                      # acknowledged after the backup
    path = profile.info.database_path
    profile.close()
    data = bytearray(path.read_bytes())
    page = data.index(b"entry number 00070") // PAGE   # damage a page in the middle of the table
    data[page * PAGE:page * PAGE + 400] = b"\xff" * 400
    path.write_bytes(bytes(data))
    with pytest.raises(ProfileDamagedError):
        directory.open("Ann")
    result = directory.restore("Ann")
    assert result.recovered_rows == 20
    profile = directory.open("Ann")
    notes = {e.note[:18] for e in profile.journal.entries()}
    profile.close()
    assert "entry number 00003" not in notes and "entry number 00146" not in notes
    kept = {f"entry number {i:05d}" for i in range(170)} - {"entry number 00003", "entry number 00146"}
    assert kept <= notes                               # nothing acknowledged was lost


# --- creation is crash-safe at every step ---

KILLER = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {root!r})
    import sb_desktop.storage
    from sb_desktop.storage import keyfile, profiles, schema

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    point = {point!r}
    if point == "during-migration":
        real_migrate = schema.migrate
        def migrate(db):
            db.execute("BEGIN")
            db.execute("CREATE TABLE half_done (x)")
            die()
        schema.migrate = migrate
    elif point == "after-migration":
        keyfile.write_meta = die
    elif point == "before-rename":
        profiles._move_into_place = die
    elif point == "first-open":
        real = keyfile.write_meta
        calls = []
        def write_meta(folder, record):
            if "journal_new" not in record and not calls:
                calls.append(1)
                die()
            return real(folder, record)
        keyfile.write_meta = write_meta
    directory = profiles.ProfileDirectory({data!r})
    directory.open("Ann").close()
""")


@pytest.mark.parametrize("point", ["during-migration", "after-migration", "before-rename", "first-open"])
def test_a_kill_while_creating_never_leaves_a_profile_without_its_missing_journal_check(isolated_data_dir, point):
    child = subprocess.run([sys.executable, "-c", KILLER.format(root=str(ROOT), data=str(isolated_data_dir),
                                                                point=point)], capture_output=True, timeout=60)
    assert child.returncode == -9, child.stderr
    directory = ProfileDirectory(isolated_data_dir)
    if directory.find("Ann") is None:                 # killed before the profile existed: start again cleanly
        assert [i.name for i in directory.list()] == []
        directory.open("Ann").close()
        assert not list(directory.root.glob(".creating-*"))
    profile = directory.open("Ann")
    profile.journal.add(make_pain(5, note="kept"))
    profile.close()
    (directory.find("Ann").folder / "journal.db").unlink()
    with pytest.raises(ProfileDamagedError):          # never silently recreated empty
        directory.open("Ann")
    assert not (directory.find("Ann").folder / "journal.db").exists()


def test_a_profile_from_an_older_version_killed_after_migration_gets_its_check_back(isolated_data_dir):
    directory = ProfileDirectory(isolated_data_dir)
    directory.open("Ann").close()
    folder = directory.find("Ann").folder
    meta = keyfile.read_meta(folder).record
    meta.pop("initialised")                           # what the old order left behind after a kill
    keyfile.write_meta(folder, meta)
    directory.open("Ann").close()
    (folder / "journal.db").unlink()
    with pytest.raises(ProfileDamagedError):
        directory.open("Ann")


def test_a_kill_during_a_schema_migration_keeps_the_journal_and_its_backup(isolated_data_dir):
    directory = ProfileDirectory(isolated_data_dir)
    profile = directory.open("Ann")
    _add(profile, 5)
    profile.close()
    script = textwrap.dedent(f"""
        import os, signal, sys, types
        sys.path.insert(0, {str(ROOT)!r})
        import sb_desktop.storage
        from sb_desktop.storage import schema
        from sb_desktop.storage.migrations import MigrationSet
        from sb_desktop.storage.profiles import ProfileDirectory
        module = types.ModuleType("sb_test_feature")
        module.migrations = MigrationSet("sb_test_feature")

        @module.migrations()
        def m001(db):
            db["feature"].create({{"id": int}}, pk="id")
            db.execute("DELETE FROM entries")
            os.kill(os.getpid(), signal.SIGKILL)

        sys.modules["sb_test_feature"] = module
        schema.FEATURE_MIGRATION_MODULES = [*schema.FEATURE_MIGRATION_MODULES, "sb_test_feature"]
        schema.STEP_COUNT += 1
        ProfileDirectory({str(isolated_data_dir)!r}).open("Ann", auto_backup=False)
    """)
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert child.returncode == -9, child.stderr
    profile = directory.open("Ann")
    try:
        assert profile.journal.count() == 5 and "feature" not in profile.db.table_names()
    finally:
        profile.close()
    assert "before-migration" in [b.reason for b in backups.list_backups(directory.find("Ann").folder)]


# --- deeply nested JSON ---

def test_deeply_nested_clinic_configuration_is_one_clear_line(tmp_path):
    config = tmp_path / "clinic.json"
    config.write_text("[" * 200_000)
    result = run_cli("profiles", "list", env={"SB_DESKTOP_CLINIC_CONFIG": str(config)})
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    first, *rest = result.stderr.strip().splitlines()
    assert first.startswith("sb-desktop: The clinic configuration") and "nested" in first
    assert rest == ["No profiles yet."]


@pytest.mark.parametrize("body", ["[" * 200_000, '{"a":' * 100 + "1" + "}" * 100])
def test_deeply_nested_pack_manifest_is_refused_in_one_line(tmp_path, body):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "manifest.json").write_text(body)
    result = run_cli("validate-pack", str(pack))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr + result.stdout
    assert "nested" in result.stdout + result.stderr
