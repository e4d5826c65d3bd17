"""The command line as a clinic's script uses it: through a subprocess, exit codes and output exactly."""
import json
import os
from pathlib import Path

from conftest import run_cli

from sb_desktop.storage.profiles import ProfileDirectory


def test_add_prints_only_the_new_id_and_list_json_has_the_fields():
    first = run_cli("add", "pain", "4", "--date", "2025-01-02", "--time", "08:30", "--note", "stiff")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().isdigit()
    second = run_cli("add", "activity", "25", "--kind", "walk", "--date", "2025-01-02", "--steps", "2600",
                     "--effort", "5")
    assert second.returncode == 0 and second.stdout.strip() == str(int(first.stdout) + 1)
    listed = run_cli("list", "--json")
    rows = json.loads(listed.stdout)
    assert [r["entry"] for r in rows] == ["activity", "pain"]
    pain = rows[1]
    for key in ("id", "entry", "date", "time", "value", "unit", "activity_kind", "steps", "effort", "note", "source"):
        assert key in pain
    assert (pain["value"], pain["unit"], pain["time"], pain["note"], pain["source"]) == (4, "score", "08:30", "stiff", "manual")
    walk = rows[0]
    assert (walk["value"], walk["unit"], walk["activity_kind"], walk["steps"], walk["effort"]) == (25, "min", "walk", 2600, 5)


def test_bad_input_is_one_line_on_stderr_nonzero_and_changes_nothing():
    for args in (["add", "pain", "11"], ["add", "activity", "20", "--kind", "swim"],
                 ["add", "pain", "3", "--date", "2025-13-01"], ["add", "activity", "-3", "--kind", "walk"]):
        result = run_cli(*args)
        assert result.returncode != 0
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    listing = run_cli("list", "--json")   # bad input did not even create the profile
    assert listing.returncode != 0 and "There is no profile called 'default'" in listing.stderr


def test_profiles_are_separate():
    assert run_cli("--profile", "Ann", "add", "pain", "2").returncode == 0
    assert len(json.loads(run_cli("--profile", "Ann", "list", "--json").stdout)) == 1
    listing = run_cli("--profile", "Bob", "list", "--json")
    assert listing.returncode != 0 and "Bob" in listing.stderr and listing.stdout == ""
    ProfileDirectory(Path(os.environ["SB_DESKTOP_DATA_DIR"])).open("Bob").close()
    assert json.loads(run_cli("--profile", "Bob", "list", "--json").stdout) == []


def test_data_dir_flag_overrides_environment(tmp_path):
    other = tmp_path / "elsewhere"
    assert run_cli("--data-dir", str(other), "add", "pain", "1").returncode == 0
    assert any(other.rglob("journal.db"))


def test_check_and_demo():
    demo = run_cli("demo")
    assert demo.returncode == 0, demo.stderr
    rows = json.loads(run_cli("list", "--json").stdout)
    dates = sorted({r["date"] for r in rows})
    assert len(dates) >= 100  # about 16 weeks
    assert {r["entry"] for r in rows} == {"pain", "activity"}
    again = run_cli("demo")
    assert again.returncode != 0 and "already has entries" in again.stderr
    check = run_cli("check")
    assert check.returncode == 0 and "OK" in check.stdout


def test_check_fails_on_a_damaged_database(isolated_data_dir):
    assert run_cli("add", "pain", "3").returncode == 0
    db_file = next(isolated_data_dir.rglob("journal.db"))
    data = bytearray(db_file.read_bytes())
    data[:16] = b"garbage garbage!"
    db_file.write_bytes(bytes(data))
    result = run_cli("check")
    assert result.returncode != 0
    assert "damaged" in result.stderr.lower() or "cannot be read" in result.stderr
    assert "Traceback" not in result.stderr


def test_version_and_module_entry_point():
    import subprocess
    import sys

    from sb_desktop import __version__
    assert __version__ in run_cli("--version").stdout
    result = subprocess.run([sys.executable, "-m", "sb_desktop", "--version"], capture_output=True, text=True)
    assert __version__ in result.stdout


def test_cli_imports_no_qt():
    import subprocess
    import sys
    code = ("import sys; from sb_desktop.cli import main; main(['list','--json']); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_commands_that_only_read_never_create_a_profile(tmp_path, isolated_data_dir):
    """On a shared clinic computer a mistyped name must not leave a new, empty profile on the start screen."""
    for args in (["list"], ["insights"], ["chart", "--range", "3m", "--out", str(tmp_path / "c.png")], ["goals"],
                 ["sessions"], ["export", "--format", "csv", "--out", str(tmp_path / "e.csv")], ["check"]):
        result = run_cli("--profile", "Nobody", *args)
        assert result.returncode != 0, args
        assert "There is no profile called 'Nobody'" in result.stderr, args
        assert len(result.stderr.strip().splitlines()) == 1, args
    assert not (isolated_data_dir / "profiles").exists() or not any((isolated_data_dir / "profiles").iterdir())
    assert not (tmp_path / "c.png").exists() and not (tmp_path / "e.csv").exists()


def test_an_unusual_activity_needs_yes_on_the_command_line():
    refused = run_cli("add", "activity", "400", "--kind", "walk")
    assert refused.returncode != 0 and "--yes" in refused.stderr and refused.stdout == ""
    assert len(refused.stderr.strip().splitlines()) == 1
    accepted = run_cli("add", "activity", "400", "--kind", "walk", "--yes")
    assert accepted.returncode == 0 and accepted.stdout.strip().isdigit()
    assert json.loads(run_cli("list", "--json").stdout)[0]["value"] == 400
