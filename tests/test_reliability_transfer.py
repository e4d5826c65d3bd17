"""Moving a profile to another computer: one encrypted, checksummed file; import creates or merges, never
overwrites."""
import pytest
from conftest import run_cli

from sb_desktop.cli import main
from sb_desktop.domain.entries import make_pain
from sb_desktop.storage import crypto
from sb_desktop.storage.demo import fill_demo
from sb_desktop.storage.profiles import ProfileDirectory
from sb_desktop.storage.transfer import TransferDamaged, export_profile, import_profile

PHRASE = "moving day long phrase"
SECRET_NOTE = "only-ann-knows-this-note"


def _tables(profile) -> dict[str, list]:
    names = [t for t in profile.db.table_names() if not t.startswith(("_sqlite", "sqlite_"))]
    return {t: sorted(map(tuple, profile.db.execute(f'SELECT * FROM "{t}"').fetchall()), key=repr) for t in names}


@pytest.fixture
def source(tmp_path, fast_kdf):
    directory = ProfileDirectory(tmp_path / "old-computer")
    directory.create("Ann", passphrase=PHRASE)
    profile = directory.open("Ann", passphrase=PHRASE)
    fill_demo(profile)
    profile.journal.add(make_pain(4, note=SECRET_NOTE))
    profile.settings.set("reminders.time", "09:30")
    profile.db.execute("INSERT INTO session_progress (pack_id, session_id, page_index, updated_at) "
                       "VALUES ('clinic-pack', 'session-1', 3, '2024-05-01T10:00:00+00:00')")
    profile.db.conn.commit()
    profile.close()
    return directory


def _open(directory, name="Ann", phrase=PHRASE):
    return directory.open(name, create=False, passphrase=phrase, auto_backup=False)


def test_the_whole_profile_moves_and_the_file_is_encrypted(source, tmp_path):
    out = tmp_path / "ann.sbprofile"
    export_profile(source, "Ann", out, passphrase=PHRASE, file_passphrase=PHRASE)
    assert SECRET_NOTE.encode() not in out.read_bytes()
    new_computer = ProfileDirectory(tmp_path / "new-computer")
    result = import_profile(new_computer, out, file_passphrase=PHRASE)
    assert result.created and result.name == "Ann" and new_computer.find("Ann").encrypted
    before, after = _open(source), _open(new_computer)
    try:
        assert _tables(after) == _tables(before)
        assert after.settings.get("reminders.time") == "09:30"
    finally:
        before.close()
        after.close()
    for path in new_computer.find("Ann").folder.rglob("*"):
        if path.is_file():
            assert SECRET_NOTE.encode() not in path.read_bytes(), path


def test_a_wrong_passphrase_or_a_damaged_file_imports_nothing(source, tmp_path):
    out = tmp_path / "ann.sbprofile"
    export_profile(source, "Ann", out, passphrase=PHRASE, file_passphrase=PHRASE)
    new_computer = ProfileDirectory(tmp_path / "new-computer")
    with pytest.raises(crypto.WrongPassphrase):
        import_profile(new_computer, out, file_passphrase="not the right phrase")
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged = tmp_path / "damaged.sbprofile"
    damaged.write_bytes(bytes(data))
    with pytest.raises(TransferDamaged, match="damaged"):
        import_profile(new_computer, damaged, file_passphrase=PHRASE)
    assert new_computer.list() == []


def test_importing_into_an_existing_profile_merges_and_never_overwrites(source, tmp_path):
    out = tmp_path / "ann.sbprofile"
    export_profile(source, "Ann", out, passphrase=PHRASE, file_passphrase=PHRASE)
    target = ProfileDirectory(tmp_path / "new-computer")
    target.create("Ann", passphrase="the other computer's phrase")
    profile = target.open("Ann", passphrase="the other computer's phrase")
    profile.journal.add(make_pain(2, note="typed on the new computer"))
    profile.settings.set("reminders.time", "20:00")
    own = _tables(profile)
    profile.close()
    result = import_profile(target, out, file_passphrase=PHRASE, target_passphrase="the other computer's phrase")
    assert not result.created and result.added["entries"] > 0
    merged = _open(target, phrase="the other computer's phrase")
    try:
        tables = _tables(merged)
        for table, rows in own.items():
            assert set(rows) <= set(tables[table]), table          # nothing it held was changed or removed
        assert merged.settings.get("reminders.time") == "20:00"     # its own setting kept
        notes = {e.note for e in merged.journal.entries()}
        assert {"typed on the new computer", SECRET_NOTE} <= notes
        count = merged.journal.count()
    finally:
        merged.close()
    again = import_profile(target, out, file_passphrase=PHRASE, target_passphrase="the other computer's phrase")
    assert again.rows_added == 0                                    # importing twice adds nothing
    merged = _open(target, phrase="the other computer's phrase")
    try:
        assert merged.journal.count() == count
    finally:
        merged.close()


def test_the_commands(source, tmp_path, monkeypatch, capsys):
    out = tmp_path / "ann.sbprofile"
    monkeypatch.setenv("SB_DESKTOP_PASSPHRASE", PHRASE)
    assert main(["--data-dir", str(source.data_dir), "profiles", "export", "Ann", "--out", str(out)]) == 0
    assert "Exported profile 'Ann'" in capsys.readouterr().out
    new_dir = tmp_path / "new-computer"
    assert main(["--data-dir", str(new_dir), "profiles", "import", str(out), "--as", "Ann at home"]) == 0
    assert "Imported profile 'Ann at home'" in capsys.readouterr().out
    assert main(["--data-dir", str(new_dir), "profiles", "import", str(out), "--as", "Ann at home"]) == 0
    assert "0 rows added" in capsys.readouterr().out
    result = run_cli("--data-dir", str(new_dir), "profiles", "import", str(out),
                     env={"SB_DESKTOP_PASSPHRASE": "a wrong long phrase"})
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert [i.name for i in ProfileDirectory(new_dir).list()] == ["Ann at home"]


def test_a_profile_without_a_passphrase_is_still_exported_encrypted(tmp_path, fast_kdf, monkeypatch, capsys):
    directory = ProfileDirectory(tmp_path / "data")
    profile = directory.open("Solo")
    profile.journal.add(make_pain(3, note=SECRET_NOTE))
    profile.close()
    out = tmp_path / "solo.sbprofile"
    monkeypatch.setenv("SB_DESKTOP_NEW_PASSPHRASE", "a file passphrase")
    assert main(["--data-dir", str(directory.data_dir), "profiles", "export", "Solo", "--out", str(out)]) == 0
    assert SECRET_NOTE.encode() not in out.read_bytes()
    new_computer = ProfileDirectory(tmp_path / "new")
    result = import_profile(new_computer, out, file_passphrase="a file passphrase")
    assert result.created and not new_computer.find("Solo").encrypted
    profile = new_computer.open("Solo", create=False)
    try:
        assert [e.note for e in profile.journal.entries()] == [SECRET_NOTE]
    finally:
        profile.close()
