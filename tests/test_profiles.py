"""Profiles on a shared computer: separate, private, and removable without leaving anything behind."""
import json

import pytest
from conftest import run_cli

from sb_desktop.domain.entries import make_pain
from sb_desktop.storage import crypto
from sb_desktop.storage.profiles import PassphraseRequired, ProfileDirectory, ProfileError

ANN, BOB = "ann's kettle sings", "bob walks the dog"


@pytest.fixture
def directory(isolated_data_dir, fast_kdf):
    return ProfileDirectory(isolated_data_dir)


def test_two_people_keep_separate_private_journals(directory):
    directory.create("Ann", passphrase=ANN)
    directory.create("Bob", passphrase=BOB)
    ann = directory.open("Ann", passphrase=ANN)
    ann.journal.add(make_pain(7, note="ann only"))
    ann.close()
    bob = directory.open("Bob", passphrase=BOB)
    assert bob.journal.count() == 0
    bob.journal.add(make_pain(2, note="bob only"))
    bob.close()
    with pytest.raises(crypto.WrongPassphrase):
        directory.open("Ann", passphrase=BOB)
    with pytest.raises(crypto.WrongPassphrase):
        directory.open("Bob", passphrase=ANN)
    assert [e.note for e in directory.open("Ann", passphrase=ANN).journal.entries()] == ["ann only"]
    # One person's wrong attempts do not slow the other down.
    for _ in range(5):
        with pytest.raises((crypto.WrongPassphrase, ProfileError)):
            directory.open("Bob", passphrase="guessing at it")
    assert directory.unlock_wait(directory.find("Ann")) == 0


def test_a_copied_key_envelope_does_not_open_another_profile(directory):
    directory.create("Ann", passphrase=ANN)
    directory.create("Bob", passphrase=BOB)
    directory.open("Bob", passphrase=BOB).close()
    ann_meta = json.loads((directory.find("Ann").folder / "profile.json").read_text())
    bob_meta_path = directory.find("Bob").folder / "profile.json"
    bob_meta = json.loads(bob_meta_path.read_text())
    bob_meta["key"] = ann_meta["key"]
    bob_meta_path.write_text(json.dumps(bob_meta))
    with pytest.raises(Exception) as caught:
        directory.open("Bob", passphrase=ANN)
    assert "Bob" in str(caught.value) or "damaged" in str(caught.value).lower()


def test_list_shows_display_names_only_sorted(directory):
    for name in ("zoe", "Ann", "M. J.", "Bob"):
        directory.create(name, passphrase=ANN)
    assert [i.name for i in directory.list()] == ["Ann", "Bob", "M. J.", "zoe"]
    assert all(i.encrypted for i in directory.list())


def test_names_are_checked_and_unique(directory):
    directory.create("Ann", passphrase=ANN)
    with pytest.raises(ProfileError):
        directory.create("ann", passphrase=ANN)
    for bad in ("", "../etc", "/abs", "a" * 41, ".hidden"):
        with pytest.raises(ProfileError):
            directory.create(bad, passphrase=ANN)


def test_short_passphrases_are_refused(directory):
    with pytest.raises(crypto.UserError):
        directory.create("Ann", passphrase="short")
    assert directory.find("Ann") is None


def test_a_clinic_can_forbid_profiles_without_a_passphrase(isolated_data_dir, fast_kdf):
    clinic = ProfileDirectory(isolated_data_dir, passphrase_required=True)
    with pytest.raises(PassphraseRequired):
        clinic.create("Ann")
    with pytest.raises(PassphraseRequired):
        clinic.open("Ann")
    clinic.create("Ann", passphrase=ANN)
    with pytest.raises(PassphraseRequired):
        clinic.change_passphrase("Ann", ANN, None)


def test_delete_removes_database_wal_and_backups(directory):
    directory.create("Ann", passphrase=ANN)
    directory.create("Bob", passphrase=BOB)
    ann = directory.open("Ann", passphrase=ANN)
    ann.journal.add(make_pain(3))
    ann.backup("manual")
    folder = ann.info.folder
    assert (folder / "journal.db-wal").exists()
    ann.close()
    directory.delete("Ann")
    assert not folder.exists()
    assert [i.name for i in directory.list()] == ["Bob"]


def test_profiles_commands(isolated_data_dir, fast_kdf, monkeypatch, capsys):
    from sb_desktop.cli import main
    monkeypatch.setenv("SB_DESKTOP_PASSPHRASE", ANN)
    assert main(["profiles", "create", "Ann"]) == 0
    captured = capsys.readouterr()
    assert "Created encrypted profile 'Ann'" in captured.out and "recover" in captured.err
    assert main(["profiles", "create", "Solo", "--no-passphrase"]) == 0
    assert main(["profiles", "list", "--json"]) == 0
    capsys.readouterr()
    assert main(["profiles", "list"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Ann", "Solo  (no passphrase)"]
    assert main(["--profile", "Ann", "add", "pain", "6", "--note", "private"]) == 0
    monkeypatch.setenv("SB_DESKTOP_NEW_PASSPHRASE", "a brand new phrase")
    assert main(["profiles", "passwd", "Ann"]) == 0
    capsys.readouterr()
    assert main(["--profile", "Ann", "list"]) == 1
    assert "does not unlock" in capsys.readouterr().err
    monkeypatch.setenv("SB_DESKTOP_PASSPHRASE", "a brand new phrase")
    assert main(["--profile", "Ann", "list"]) == 0
    assert "private" in capsys.readouterr().out
    assert main(["profiles", "delete", "Ann", "--yes"]) == 0
    assert main(["profiles", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1]) == [{"name": "Solo", "encrypted": False}]


def test_without_passphrase_or_terminal_the_command_line_refuses_cleanly(isolated_data_dir, fast_kdf):
    ProfileDirectory(isolated_data_dir).create("Ann", passphrase=ANN)
    result = run_cli("--profile", "Ann", "list", input="")
    assert result.returncode == 1
    assert result.stderr.strip() == ("sb-desktop: A passphrase is needed: set SB_DESKTOP_PASSPHRASE or run this "
                                     "command in a terminal.")
    assert "Traceback" not in result.stderr
    result = run_cli("profiles", "delete", "Ann", input="")
    assert result.returncode == 1 and "--yes" in result.stderr
    assert ProfileDirectory(isolated_data_dir).find("Ann") is not None
