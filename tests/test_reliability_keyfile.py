"""A key that survives damage: profile.json is kept in checksummed copies; damage is never a wrong passphrase."""
import json

import pytest

from sb_desktop.domain.entries import make_pain
from sb_desktop.storage import crypto, keyfile
from sb_desktop.storage.profiles import KeyRecordDamaged, ProfileDirectory

PHRASE = "the right long phrase"


@pytest.fixture
def directory(isolated_data_dir, fast_kdf):
    directory = ProfileDirectory(isolated_data_dir)
    directory.create("Ann", passphrase=PHRASE)
    profile = directory.open("Ann", passphrase=PHRASE)
    profile.journal.add(make_pain(6, note="kept"))
    profile.close()
    return directory


def _folder(directory):
    return directory.root / "ann"


def _damage_one_byte(path, marker="wrapped_key"):
    data = bytearray(path.read_bytes())
    at = data.index(marker.encode()) + len(marker) + 6  # inside the base64 value
    data[at] = ord("A") if data[at] != ord("A") else ord("B")
    path.write_bytes(bytes(data))


def _notes(directory, phrase=PHRASE):
    profile = directory.open("Ann", create=False, passphrase=phrase)
    try:
        return [e.note for e in profile.journal.entries()]
    finally:
        profile.close()


def test_every_copy_is_written_and_sealed(directory):
    folder = _folder(directory)
    records = [json.loads(p.read_text()) for p in (folder / "profile.json", *keyfile.copies(folder))]
    assert records[0] == records[1] == records[2]
    assert records[0]["sha256"] == keyfile.checksum(records[0])
    assert "key" in records[0]


def test_one_damaged_byte_is_damage_not_a_wrong_passphrase_and_is_repaired(directory):
    folder = _folder(directory)
    _damage_one_byte(folder / "profile.json")
    assert keyfile.read_meta(folder).damaged
    assert [i.name for i in directory.list()] == ["Ann"]
    assert _notes(directory) == ["kept"]
    assert directory.failed_attempts(directory.find("Ann")) == 0
    repaired = json.loads((folder / "profile.json").read_text())
    assert repaired["sha256"] == keyfile.checksum(repaired)
    assert keyfile.read_meta(folder).primary == keyfile.INTACT


def test_an_unreadable_profile_json_and_a_lost_copy_still_leave_the_backup_copy(directory):
    folder = _folder(directory)
    (folder / "profile.json").write_bytes(b"\x00" * 40)
    (folder / keyfile.COPY_NAME).unlink()
    assert directory.find("Ann").encrypted
    assert _notes(directory) == ["kept"]
    assert keyfile.read_meta(folder).primary == keyfile.INTACT
    assert (folder / keyfile.COPY_NAME).exists()


def test_with_every_copy_damaged_the_passphrase_is_not_tried_and_no_delay_grows(directory):
    folder = _folder(directory)
    for path in (folder / "profile.json", *keyfile.copies(folder)):
        _damage_one_byte(path)
    info = directory.find("Ann")
    assert info is not None and info.encrypted
    for _ in range(6):
        with pytest.raises(KeyRecordDamaged, match="damaged"):
            directory.open("Ann", create=False, passphrase=PHRASE)
    assert directory.failed_attempts(info) == 0
    assert directory.unlock_wait(info) == 0
    assert not (folder / "unlock.json").exists()


def test_a_wrong_passphrase_against_an_intact_copy_is_still_wrong(directory):
    folder = _folder(directory)
    _damage_one_byte(folder / "profile.json")
    with pytest.raises(crypto.WrongPassphrase, match="damaged"):
        directory.open("Ann", create=False, passphrase="not the right phrase")
    assert _notes(directory) == ["kept"]


def test_a_profile_from_an_older_version_gains_its_copies_on_open(directory):
    folder = _folder(directory)
    legacy = json.loads((folder / "profile.json").read_text())
    legacy.pop("sha256")
    (folder / "profile.json").write_text(json.dumps(legacy))
    for copy in keyfile.copies(folder):
        copy.unlink()
    assert _notes(directory) == ["kept"]
    assert all(copy.exists() for copy in keyfile.copies(folder))
    assert keyfile.read_meta(folder).primary == keyfile.INTACT


def test_a_new_passphrase_reaches_every_copy(directory):
    folder = _folder(directory)
    directory.change_passphrase("Ann", PHRASE, "a new long phrase")
    (folder / "profile.json").write_text("{")
    assert _notes(directory, "a new long phrase") == ["kept"]
    (folder / "profile.json").write_text("{")
    (folder / keyfile.COPY_NAME).write_text("{")
    assert _notes(directory, "a new long phrase") == ["kept"]
