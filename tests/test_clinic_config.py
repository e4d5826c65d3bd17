"""Clinic configuration: one read-only machine-wide file; a bad file is reported and safe defaults apply."""
import json
from pathlib import Path

import pytest
from conftest import run_cli

from sb_desktop.domain import clinic_config
from sb_desktop.domain.clinic_config import ClinicConfig, load_clinic_config
from sb_desktop.domain.safety import advice_settings

FULL = {
    "version": 1,
    "passphrase_required": True,
    "autolock_max_minutes": 5,
    "site_name": "Riverside Health Centre",
    "contact": {"phone": "01234 567890", "email": "physio@example.org", "address": "1 River Road"},
    "emergency": {"urgent_text": "Call the practice today.", "emergency_text": "Go to A&E now.",
                  "urgent_phone": "111", "emergency_phone": "999"},
    "content_pack": "supportback-en",
    "reminders_allowed": False,
    "shared_machine": True,
    "session_unlock_days": 3,
}


@pytest.mark.parametrize("platform, expected", [
    ("linux", "/etc/sb-desktop/clinic.json"),
    ("darwin", "/Library/Application Support/SupportBack/sb-desktop/clinic.json"),
])
def test_documented_location_per_platform(monkeypatch, platform, expected):
    monkeypatch.setattr(clinic_config.sys, "platform", platform)
    assert clinic_config.default_location() == Path(expected)


def test_windows_location_uses_programdata(monkeypatch):
    monkeypatch.setattr(clinic_config.sys, "platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", "D:\\PD")
    assert clinic_config.default_location() == Path("D:\\PD") / "SupportBack" / "sb-desktop" / "clinic.json"


def test_environment_variable_overrides_the_location(tmp_path, monkeypatch):
    path = tmp_path / "mine.json"
    monkeypatch.setenv("SB_DESKTOP_CLINIC_CONFIG", str(path))
    assert clinic_config.config_location() == path


def test_no_file_is_a_personal_computer(tmp_path):
    config = load_clinic_config(tmp_path / "absent.json")
    assert config == ClinicConfig() and config.problem is None and not config.is_clinic
    assert config.effective_autolock_minutes(None) is None        # the person may turn it off
    assert config.effective_autolock_minutes(90) == 90


def test_a_full_file_sets_everything(tmp_path):
    path = tmp_path / "clinic.json"
    path.write_text(json.dumps(FULL))
    config = load_clinic_config(path)
    assert config.is_clinic and config.problem is None
    assert config.passphrase_required and config.shared_machine and not config.reminders_allowed
    assert config.site_name == "Riverside Health Centre" and config.contact.phone == "01234 567890"
    assert config.session_unlock_days == 3 and config.content_pack == "supportback-en"
    assert config.effective_autolock_minutes(None) == 5 and config.effective_autolock_minutes(30) == 5
    assert config.effective_autolock_minutes(2) == 2
    advice = advice_settings(config)   # the red-flag screens use the clinic's wording and numbers
    assert advice["emergency_advice"] == "Go to A&E now." and advice["urgent_number"] == "111"


@pytest.mark.parametrize("content", [
    "{not json",
    json.dumps({"autolock_max_minutes": "ten"}),
    json.dumps({"passphrase_required": "yes"}),
    json.dumps({"unknown_setting": 1}),
    json.dumps({"content_pack": "../../etc"}),
    json.dumps([1, 2]),
    "\udcff",
])
def test_an_invalid_file_gives_a_clear_message_and_safe_defaults(tmp_path, content):
    path = tmp_path / "clinic.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    config = load_clinic_config(path)
    assert config.problem and str(path) in config.problem and "Safe defaults apply" in config.problem
    assert config.passphrase_required and config.effective_autolock_minutes(None) is not None
    assert not config.is_clinic


def test_the_command_line_reports_a_bad_file_and_enforces_passphrases(tmp_path, fast_kdf):
    path = tmp_path / "clinic.json"
    path.write_text(json.dumps({**FULL, "autolock_max_minutes": 0}))
    result = run_cli("profiles", "create", "Ann", "--no-passphrase", input="",
                     env={"SB_DESKTOP_CLINIC_CONFIG": str(path)})
    assert result.returncode == 1
    assert "could not be used" in result.stderr and "needs a passphrase" in result.stderr
    path.write_text(json.dumps(FULL))
    result = run_cli("profiles", "create", "Ann", "--no-passphrase", input="",
                     env={"SB_DESKTOP_CLINIC_CONFIG": str(path)})
    assert result.returncode == 1 and "could not be used" not in result.stderr
    assert "needs a passphrase" in result.stderr


def test_a_licensed_clinic_can_supply_the_nine_startback_items(tmp_path):
    from sb_desktop.domain.clinic_config import load_clinic_config
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"startback_items": [f"Item {n}" for n in range(1, 10)]}))
    assert load_clinic_config(good).startback_items == tuple(f"Item {n}" for n in range(1, 10))
    short = tmp_path / "short.json"
    short.write_text(json.dumps({"startback_items": ["only one"]}))
    config = load_clinic_config(short)
    assert config.problem and config.startback_items is None
