"""Encryption at rest: what a person relies on when their journal sits on a shared computer."""
import base64
import dataclasses
import json
import sqlite3
import time

import pytest

from sb_desktop.domain.entries import make_activity, make_pain
from sb_desktop.domain.errors import UserError
from sb_desktop.storage import crypto, schema
from sb_desktop.storage.database import DATABASE_ERRORS, open_database
from sb_desktop.storage.journal import JournalStore
from sb_desktop.storage.profiles import (
    FREE_ATTEMPTS,
    META_NAME,
    PassphraseRequired,
    ProfileDirectory,
    UnlockDelayed,
)
from sb_desktop.storage.settings import SettingsStore

SECRET = "zebra-knee-tramadol-7731"   # a note that must never appear in any file in plain text
PASSPHRASE = "blue kettle morning"


def _all_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def _fill(profile, n=40):
    for i in range(n):
        profile.journal.add(make_pain(i % 11, date=f"2024-03-{1 + i % 28:02d}", note=f"{SECRET} {i}"))
    profile.settings.set("private.setting", SECRET)


@pytest.fixture
def directory(isolated_data_dir, fast_kdf):
    return ProfileDirectory(isolated_data_dir)


def test_encrypted_database_cannot_be_opened_by_plain_sqlite(directory):
    directory.create("Ann", passphrase=PASSPHRASE)
    profile = directory.open("Ann", passphrase=PASSPHRASE)
    _fill(profile)
    path = profile.info.database_path
    profile.close()
    with open(path, "rb") as handle:
        assert not handle.read(16).startswith(b"SQLite format 3")
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    conn.close()


def test_no_file_holds_the_journal_in_plain_text_while_open_or_after(directory, isolated_data_dir):
    directory.create("Ann", passphrase=PASSPHRASE)
    profile = directory.open("Ann", passphrase=PASSPHRASE)
    _fill(profile)
    profile.backup("manual")
    # While open: the WAL and shared-memory files exist and must be encrypted too.
    open_files = _all_files(isolated_data_dir)
    assert any(p.name.endswith("-wal") for p in open_files)
    for path in open_files:
        data = path.read_bytes()
        assert SECRET.encode() not in data, path
        assert SECRET.encode("utf-16-le") not in data, path
    profile.close()
    for path in _all_files(isolated_data_dir):
        assert SECRET.encode() not in path.read_bytes(), path
    meta = json.loads((profile.info.folder / META_NAME).read_text())
    assert set(meta) <= {"name", "encrypted", "created", "key", "initialised", "sha256"}
    assert PASSPHRASE not in json.dumps(meta)


def test_the_right_passphrase_opens_and_the_wrong_one_says_only_that(directory):
    directory.create("Ann", passphrase=PASSPHRASE)
    profile = directory.open("Ann", passphrase=PASSPHRASE)
    profile.journal.add(make_pain(3, note=SECRET))
    profile.close()
    with pytest.raises(crypto.WrongPassphrase) as caught:
        directory.open("Ann", passphrase="blue kettle evening")
    assert str(caught.value) == "That passphrase does not unlock this profile."
    with pytest.raises(PassphraseRequired):
        directory.open("Ann")
    reopened = directory.open("Ann", passphrase=PASSPHRASE)
    assert reopened.journal.entries()[0].note == SECRET
    reopened.close()


def test_repeated_wrong_passphrases_impose_a_growing_delay(isolated_data_dir, fast_kdf):
    now = [1000.0]
    directory = ProfileDirectory(isolated_data_dir, clock=lambda: now[0])
    info = directory.create("Ann", passphrase=PASSPHRASE)
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(crypto.WrongPassphrase):
            directory.open("Ann", passphrase="nope nope nope")
        assert directory.unlock_wait(info) == 0
    waits = []
    for _ in range(4):
        with pytest.raises(crypto.WrongPassphrase):
            directory.open("Ann", passphrase="nope nope nope")
        waits.append(directory.unlock_wait(info))
        with pytest.raises(UnlockDelayed):  # even the right passphrase must wait
            directory.open("Ann", passphrase=PASSPHRASE)
        now[0] += waits[-1]
    assert waits == sorted(waits) and waits[0] >= 2 and waits[-1] > waits[0]
    # A fresh ProfileDirectory (another run of the command line) sees the same delay.
    with pytest.raises(crypto.WrongPassphrase):
        directory.open("Ann", passphrase="nope nope nope")
    assert ProfileDirectory(isolated_data_dir, clock=lambda: now[0]).unlock_wait(info) > waits[-1]
    now[0] += 10_000
    directory.open("Ann", passphrase=PASSPHRASE).close()
    assert directory.failed_attempts(info) == 0


@pytest.mark.parametrize("passphrase", ["it's \"quoted\"; DROP", "ünïcødé pass ☂", "x'00'; PRAGMA key='"])
def test_any_passphrase_text_is_safe(directory, passphrase):
    directory.create("Ann", passphrase=passphrase)
    profile = directory.open("Ann", passphrase=passphrase)
    profile.journal.add(make_pain(2))
    profile.close()
    assert directory.open("Ann", passphrase=passphrase).journal.count() == 1


def test_passphrase_is_normalised_so_the_same_text_typed_differently_unlocks(directory):
    directory.create("Ann", passphrase="caf\u00e9 au lait")
    directory.open("Ann", passphrase="cafe\u0301 au lait").close()


def test_changing_the_passphrase_rekeys_journal_and_backups(directory):
    directory.create("Ann", passphrase=PASSPHRASE)
    profile = directory.open("Ann", passphrase=PASSPHRASE)
    _fill(profile, 5)
    profile.backup("manual")
    folder = profile.info.folder
    old_meta = (folder / META_NAME).read_text()
    old_bytes = {p: p.read_bytes() for p in _all_files(folder) if p.suffix == ".db"}
    profile.close()
    directory.change_passphrase("Ann", PASSPHRASE, "green window evening")
    with pytest.raises(crypto.WrongPassphrase):
        directory.open("Ann", passphrase=PASSPHRASE)
    profile = directory.open("Ann", passphrase="green window evening")
    assert profile.journal.count() == 5
    profile.close()
    # Every file was re-encrypted: an old copy of profile.json and the old passphrase no longer open anything.
    for path, before in old_bytes.items():
        assert path.read_bytes()[:64] != before[:64]
    (folder / META_NAME).write_text(old_meta)
    with pytest.raises(UserError):
        directory.open("Ann", passphrase=PASSPHRASE, auto_backup=False)
    assert not list(folder.rglob("*.rekey"))


def test_a_profile_without_passphrase_can_be_encrypted_later_and_back(directory):
    directory.create("Solo")
    profile = directory.open("Solo")
    _fill(profile, 3)
    path = profile.info.database_path
    profile.close()
    assert SECRET.encode() in path.read_bytes()
    directory.change_passphrase("Solo", None, PASSPHRASE)
    assert directory.find("Solo").encrypted
    assert SECRET.encode() not in path.read_bytes()
    assert directory.open("Solo", passphrase=PASSPHRASE).journal.count() == 3
    directory.open("Solo", passphrase=PASSPHRASE).close()
    directory.change_passphrase("Solo", PASSPHRASE, None)
    assert directory.open("Solo").journal.count() == 3


def test_an_interrupted_rekey_is_finished_or_undone(directory):
    directory.create("Ann", passphrase=PASSPHRASE)
    profile = directory.open("Ann", passphrase=PASSPHRASE)
    _fill(profile, 2)
    folder = profile.info.folder
    profile.close()
    # Crash before the commit point: a staged file but profile.json unchanged -> discarded.
    (folder / "journal.db.rekey").write_bytes(b"half written")
    assert directory.open("Ann", passphrase=PASSPHRASE).journal.count() == 2
    assert not (folder / "journal.db.rekey").exists()


# Made by version 0.1.0's wrap_key (AES-GCM through the `cryptography` package) with a cheap scrypt: a
# profile created then must still open now that AES-GCM comes from pycryptodomex.
ENVELOPE_FROM_0_1_0 = {
    "kdf": "scrypt", "n": 1024, "r": 8, "p": 1, "salt": "fti177XKD+HZFR91rA8wxA==", "nonce": "74ncJAwpFIaWCRZI",
    "wrapped_key": "vcC8BsbNsDLFq7/vq/H7GHIxL3Ox5iOLxv5vp1mDIhiStEz7qyYiFOd9sYkUPHbq",
}


def test_key_envelopes_written_by_earlier_versions_still_unlock():
    assert crypto.unwrap_key(ENVELOPE_FROM_0_1_0, "correct horse battery") == bytes(range(32))
    with pytest.raises(crypto.WrongPassphrase):
        crypto.unwrap_key(ENVELOPE_FROM_0_1_0, "correct horse batterY")


@pytest.mark.parametrize("field, change", [
    ("wrapped_key", lambda v: v[:-4] + ("AAAA" if v[-4:] != "AAAA" else "BBBB")),  # tag altered
    ("wrapped_key", lambda v: v[:8]),                                                # cut short
    ("nonce", lambda v: "A" + v[1:] if v[0] != "A" else "B" + v[1:]),
    ("salt", lambda v: "not base64!"),
    ("n", lambda v: "many"),
    ("n", lambda v: 2 ** 40),   # would need 128 TiB: refused before any work
    ("n", lambda v: 1000),      # not a power of two
    ("r", lambda v: 10_000),
])
def test_a_tampered_envelope_reads_as_a_wrong_passphrase_and_never_yields_a_key(field, change):
    envelope = dict(ENVELOPE_FROM_0_1_0, **{field: change(ENVELOPE_FROM_0_1_0[field])})
    with pytest.raises(crypto.WrongPassphrase):
        crypto.unwrap_key(envelope, "correct horse battery")


def test_key_derivation_is_standard_scrypt():
    # RFC 7914, section 12, second test vector
    params = crypto.KdfParams(n=1024, r=8, p=16)
    derived = crypto.derive_wrapping_key("password", b"NaCl", params)
    assert derived.hex() == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"


def test_wrapping_is_aes_256_gcm_with_a_fresh_salt_and_nonce_each_time():
    params = crypto.KdfParams(n=2 ** 10, r=8, p=1)
    first, second = (crypto.wrap_key(bytes(32), "correct horse battery", params) for _ in range(2))
    assert first["salt"] != second["salt"] and first["nonce"] != second["nonce"]
    assert len(base64.b64decode(first["wrapped_key"])) == 32 + 16  # the key and GCM's 16-byte tag
    assert crypto.unwrap_key(first, "correct horse battery") == bytes(32)


def test_key_reaches_sqlcipher_only_as_hex():
    key = bytes(range(32))
    assert crypto.key_pragma_value(key) == "x'" + key.hex() + "'"
    with pytest.raises(ValueError):
        crypto.key_pragma_value(b"short")


def test_key_derivation_is_at_least_as_strong_as_sqlcipher_defaults():
    params = crypto.KdfParams()
    # scrypt n=2**17, r=8 needs 128 MiB per guess; SQLCipher 4's default is PBKDF2-SHA512 x 256,000.
    assert params.n >= 2 ** 17 and params.r >= 8
    envelope = crypto.wrap_key(bytes(32), "a long passphrase")
    assert envelope["n"] >= 2 ** 17


def test_unlock_takes_a_deliberate_moment(isolated_data_dir):
    directory = ProfileDirectory(isolated_data_dir)
    directory.create("Ann", passphrase=PASSPHRASE)
    started = time.perf_counter()
    directory.open("Ann", passphrase=PASSPHRASE).close()
    assert time.perf_counter() - started > 0.05


def _plain_sqlite3(path):
    return sqlite3.connect(str(path), check_same_thread=False)


@pytest.mark.parametrize("driver", ["sqlite3", "sqlcipher-plain", "sqlcipher-keyed"])
def test_storage_layer_works_on_every_driver(tmp_path, driver):
    connect = {"sqlite3": _plain_sqlite3, "sqlcipher-plain": crypto.connect_unkeyed,
               "sqlcipher-keyed": crypto.connector(bytes(range(32)))}[driver]
    db = open_database(tmp_path / "j.db", connect)
    schema.migrate(db)
    journal, settings = JournalStore(db), SettingsStore(db)
    pain = journal.add(make_pain(6, date="2024-05-01", note="first"))
    walk = journal.add(make_activity(30, kind="walk", date="2024-05-01", steps=3000))
    assert journal.update(dataclasses.replace(pain, note="edited")).note == "edited"
    journal.delete(walk.id)
    journal.restore(walk)
    assert journal.count() == 2
    assert journal.daily_activity()[0][1] == 30
    settings.set("k", {"a": 1})
    assert settings.get("k") == {"a": 1}
    db.utils["extra"].insert({"id": 1, "x": "y"}, pk="id")
    db.utils["extra"].transform(types={"x": str})
    assert db.utils["extra"].count == 1
    # "sqlite3" stands for an install without SQLCipher, where the app's errors are Python's sqlite3's.
    with pytest.raises(sqlite3.DatabaseError if driver == "sqlite3" else DATABASE_ERRORS):
        db.execute("SELECT * FROM no_such_table")
    db.close()


def test_without_sqlcipher_the_app_uses_pythons_sqlite3_and_its_errors():
    """Plain profiles keep working where SQLCipher is not installed; where it is, Python's sqlite3 (a second
    SQLite library) is never loaded."""
    import subprocess
    import sys

    code = ("import sys; sys.modules['sqlcipher3'] = None\n"
            "import sqlite3\n"
            "from sb_desktop.storage import _driver\n"
            "assert _driver.driver is sqlite3 and not _driver.encryption_available()\n"
            "assert _driver.DATABASE_ERRORS == (sqlite3.DatabaseError,)\n"
            "assert _driver.CONNECTION_ERRORS == (sqlite3.Error,)\n")
    without = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert without.returncode == 0, without.stderr
    probe = "import sys, sb_desktop.storage; print('sqlite3' in sys.modules)"
    with_sqlcipher = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert with_sqlcipher.stdout.strip() == "False", with_sqlcipher.stderr


def test_sqlite_utils_sees_the_sqlcipher_driver_so_its_own_error_handling_works(tmp_path):
    import sqlite_utils.utils

    from sb_desktop.storage._driver import driver
    assert sqlite_utils.utils.OperationalError is driver.OperationalError
    db = open_database(tmp_path / "r.db", crypto.connector(bytes(32)))
    db.utils["t"].create({"id": int, "v": str}, pk="id")
    rows = list(db.utils.query("INSERT INTO t (v) VALUES ('a') RETURNING id"))
    assert rows == [{"id": 1}]
    db.close()


def test_a_rekey_interrupted_after_its_commit_point_is_finished_at_next_open(directory, monkeypatch):
    directory.create("Ann", passphrase=PASSPHRASE)
    profile = directory.open("Ann", passphrase=PASSPHRASE)
    _fill(profile, 4)
    profile.backup("manual")
    folder = profile.info.folder
    profile.close()
    with monkeypatch.context() as patch:
        patch.setattr(ProfileDirectory, "_settle_rekey", lambda self, folder: None)  # "power cut" here
        directory.change_passphrase("Ann", PASSPHRASE, "green window evening")
    assert json.loads((folder / META_NAME).read_text())["rekey_pending"] is True
    assert len(list(folder.rglob("*.rekey"))) == 2
    profile = directory.open("Ann", passphrase="green window evening")
    assert profile.journal.count() == 4
    profile.close()
    assert not list(folder.rglob("*.rekey"))
    assert "rekey_pending" not in json.loads((folder / META_NAME).read_text())
