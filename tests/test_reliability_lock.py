"""One writer per profile: while one process has a profile open, nothing else may open, replace or delete it."""
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT, run_cli

from sb_desktop.domain.entries import make_pain
from sb_desktop.storage.locking import ProfileInUse, ProfileLock
from sb_desktop.storage.profiles import ProfileDirectory

PASSPHRASE = "a holder's long phrase"

HOLDER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    import sb_desktop.storage
    from sb_desktop.storage.profiles import ProfileDirectory
    profile = ProfileDirectory({data!r}).open("Ann", create=False, passphrase={passphrase!r})
    print("open", flush=True)
    sys.stdin.readline()  # hold the profile until the test says so (or kills us)
    profile.close()
""")


@pytest.fixture
def ann(isolated_data_dir, fast_kdf):
    directory = ProfileDirectory(isolated_data_dir)
    directory.create("Ann", passphrase=PASSPHRASE)
    profile = directory.open("Ann", passphrase=PASSPHRASE)
    profile.journal.add(make_pain(4, note="before"))
    profile.backup("manual")
    profile.close()
    return directory


@pytest.fixture
def holder(ann, isolated_data_dir):
    """A second process (another window, in effect) holding profile Ann open."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER.format(root=str(ROOT), data=str(isolated_data_dir), passphrase=PASSPHRASE)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "open"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait(timeout=30)


def _journal_notes(directory):
    profile = directory.open("Ann", create=False, passphrase=PASSPHRASE, auto_backup=False)
    try:
        return [e.note for e in profile.journal.entries()]
    finally:
        profile.close()


def test_a_profile_open_in_another_process_cannot_be_opened_replaced_rekeyed_or_deleted(ann, holder):
    folder = ann.find("Ann").folder
    before = sorted((p.name, p.stat().st_size) for p in folder.rglob("*.db"))
    with pytest.raises(ProfileInUse, match="open in another window of SupportBack Desktop"):
        ann.open("Ann", create=False, passphrase=PASSPHRASE)
    with pytest.raises(ProfileInUse):
        ann.restore("Ann", passphrase=PASSPHRASE)
    with pytest.raises(ProfileInUse):
        ann.change_passphrase("Ann", PASSPHRASE, "another long phrase")
    with pytest.raises(ProfileInUse):
        ann.delete("Ann")
    assert sorted((p.name, p.stat().st_size) for p in folder.rglob("*.db")) == before
    assert ann.find("Ann") is not None
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.wait(timeout=30) == 0
    assert _journal_notes(ann) == ["before"]


def test_the_command_line_refuses_in_one_line_while_the_profile_is_open(ann, holder, tmp_path):
    csv = tmp_path / "steps.csv"
    csv.write_text("date,steps\n2024-05-01,4000\n")
    env = {"SB_DESKTOP_PASSPHRASE": PASSPHRASE, "SB_DESKTOP_NEW_PASSPHRASE": "another long phrase"}
    for command in (["restore"], ["profiles", "passwd", "Ann"], ["profiles", "delete", "Ann", "--yes"],
                    ["import", str(csv)], ["add", "pain", "3"]):
        result = run_cli("--profile", "Ann", *command, env=env)
        assert result.returncode != 0, command
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "open in another window" in lines[0], (command, result.stderr)
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.wait(timeout=30) == 0
    assert _journal_notes(ann) == ["before"]


def test_a_killed_holder_leaves_no_stale_lock(ann, holder):
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert _journal_notes(ann) == ["before"]


def test_in_one_process_a_second_open_is_refused_and_close_releases(ann):
    first = ann.open("Ann", create=False, passphrase=PASSPHRASE)
    with pytest.raises(ProfileInUse):
        ann.open("Ann", create=False, passphrase=PASSPHRASE)
    with pytest.raises(ProfileInUse):
        ann.restore("Ann", passphrase=PASSPHRASE)
    first.journal.add(make_pain(5, note="after"))
    first.close()
    assert _journal_notes(ann) == ["after", "before"] or sorted(_journal_notes(ann)) == ["after", "before"]


def test_a_wrong_passphrase_or_damage_does_not_leave_the_profile_locked(ann):
    from sb_desktop.storage.crypto import WrongPassphrase
    with pytest.raises(WrongPassphrase):
        ann.open("Ann", create=False, passphrase="not the phrase at all")
    with ProfileLock(ann.find("Ann").folder):
        pass


@pytest.mark.skipif(os.name != "posix", reason="flock semantics")
def test_the_lock_file_is_private(ann):
    profile = ann.open("Ann", create=False, passphrase=PASSPHRASE)
    try:
        assert (ann.find("Ann").folder / "profile.lock").stat().st_mode & 0o077 == 0
    finally:
        profile.close()


def test_a_second_window_is_told_the_profile_is_open_elsewhere(qtbot, ann, holder, monkeypatch):
    """The start screen of a second copy of the app: unlocking a profile another window holds says so."""
    from PySide6.QtWidgets import QMessageBox

    from sb_desktop.ui.profiles.start_screen import StartScreen
    warnings, opened = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: warnings.append(text))
    start = StartScreen(ann)
    qtbot.addWidget(start)
    start.opened.connect(opened.append)
    assert start.try_open(ann.find("Ann"), PASSPHRASE) is False
    assert opened == [] and len(warnings) == 1 and "open in another window" in warnings[0]
    assert ann.failed_attempts(ann.find("Ann")) == 0  # the right passphrase was not counted as wrong
