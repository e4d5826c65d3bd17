"""`validate-pack` from the command line, and the narration build script (without needing espeak-ng)."""
import importlib.util
import json

import pytest
from conftest import ROOT, run_cli
from sessions_packs import make_pack


def load_build_script():
    spec = importlib.util.spec_from_file_location("make_narration", ROOT / "build" / "make_narration.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_validate_pack_accepts_the_built_in_pack():
    result = run_cli("validate-pack", str(ROOT / "resources" / "content" / "supportback-en"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: pack 'supportback-en'")
    assert "6 sessions" in result.stdout


def test_validate_pack_refuses_a_hostile_pack_with_clear_lines(tmp_path):
    def mutate(m):
        m["sessions"][0]["pages"][1]["file"] = "../../etc/passwd"
        m["exercises"][0]["image"] = "/etc/hosts.svg"
        m["modules"][0]["extra"] = True
    root = make_pack(tmp_path / "bad", mutate)
    result = run_cli("validate-pack", str(root))
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("sb-desktop: the pack is not valid:")
    # Schema errors come first: one line each, naming file, field and reason.
    assert any("manifest.json [modules[0]]: error: unknown field(s): extra" in line for line in lines)


def test_validate_pack_reports_unsafe_paths_and_remote_urls(tmp_path):
    def mutate(m):
        m["sessions"][0]["pages"][1]["file"] = "../../etc/passwd"
        m["exercises"][0]["image"] = "/etc/hosts.svg"
    root = make_pack(tmp_path / "bad", mutate)
    (root / "pages" / "s2" / "01.md").write_text("![x](https://tracker.example/p.png)\n")
    result = run_cli("validate-pack", str(root), "--json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    by_field = {(p["file"], p["field"]): p["reason"] for p in problems if p["severity"] == "error"}
    assert "'..'" in by_field[("manifest.json", "sessions[0].pages[1].file")]
    assert "absolute" in by_field[("manifest.json", "exercises[0].image")]
    assert "https://tracker.example/p.png" in by_field[("pages/s2/01.md", "line 1")]


def test_validate_pack_on_a_missing_folder_and_strict_warnings(tmp_path):
    result = run_cli("validate-pack", str(tmp_path / "nowhere"))
    assert result.returncode == 1 and "does not exist" in result.stderr
    root = make_pack(tmp_path / "ok")
    assert run_cli("validate-pack", str(root)).returncode == 0
    strict = run_cli("validate-pack", "--strict", str(root))
    assert strict.returncode == 1 and "no narration audio" in strict.stderr


def test_speech_text_reads_the_words_not_the_markup():
    script = load_build_script()
    text = script.speech_text("Moving", "# Moving\n\nKeep **moving** – see [this page](page:x). Walk 5–10 min.\n\n"
                                        "![a picture](images/a.svg)\n\n- one\n- two\n\n| a | b |\n|---|---|\n")
    assert "**" not in text and "page:x" not in text and "images/a.svg" not in text and "#" not in text
    assert text.startswith("Moving.") and text.count("Moving") == 1
    assert "Keep moving, see this page. Walk 5 to 10 minutes." in text
    assert "one. two." in text


def test_the_narration_script_fails_clearly_without_its_tools(tmp_path, monkeypatch, capsys):
    script = load_build_script()
    root = make_pack(tmp_path / "pack")
    monkeypatch.setattr(script.shutil, "which", lambda name: None)
    assert script.main([str(root)]) == 2
    error = capsys.readouterr().err
    assert "espeak-ng and sox not found" in error and "apt-get install espeak-ng sox" in error


def test_the_narration_script_keeps_recorded_voices_and_checks_staleness(tmp_path, monkeypatch, capsys):
    script = load_build_script()
    root = make_pack(tmp_path / "pack")
    made = []

    def fake_synthesise(text, out, **kwargs):
        data = ("audio for " + text).encode()
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        made.append(out.name)
        return data

    monkeypatch.setattr(script, "find_tools", lambda: ("espeak-ng", "sox"))
    monkeypatch.setattr(script, "tool_version", lambda espeak: "1.0")
    monkeypatch.setattr(script, "synthesise", fake_synthesise)
    assert script.main([str(root), "--check"]) == 1
    assert script.main([str(root)]) == 0
    # The manifest's own .wav (not made by the script) is kept as a recorded voice.
    assert "s1-welcome.wav" not in made and "s1-choose.ogg" in made and "knee-rolls.ogg" in made
    made.clear()
    assert script.main([str(root)]) == 0 and made == []          # unchanged text: nothing redone
    assert script.main([str(root), "--check"]) == 0
    (root / "pages" / "s3" / "01.md").write_text("Keep building, gently.\n")
    assert script.main([str(root)]) == 0 and made == ["s3-one.ogg"]
    # A file someone replaced with a recording is left alone.
    (root / "audio" / "s3-one.ogg").write_bytes(b"a real voice")
    (root / "pages" / "s3" / "01.md").write_text("Changed again.\n")
    made.clear()
    assert script.main([str(root)]) == 0 and made == []
    assert (root / "audio" / "s3-one.ogg").read_bytes() == b"a real voice"
    state = json.loads((root / "audio" / "narration-sources.json").read_text())
    assert "audio/s2-review.ogg" in state


@pytest.mark.skipif(not all(__import__("shutil").which(t) for t in ("espeak-ng", "sox")),
                    reason="espeak-ng and sox are not installed")
def test_real_narration_is_byte_identical_between_runs(tmp_path):
    script = load_build_script()
    espeak, sox = script.find_tools()
    first = script.synthesise("Moving is safe.", tmp_path / "a.ogg", espeak=espeak, sox=sox, voice="en-gb", speed=155)
    second = script.synthesise("Moving is safe.", tmp_path / "b.ogg", espeak=espeak, sox=sox, voice="en-gb", speed=155)
    assert first == second and first.startswith(b"OggS")


def test_sessions_command_shows_progress_without_a_window(tmp_path, profiles):
    from sb_desktop.storage.sessions import SessionStore
    opened = profiles.open("default")
    store = SessionStore(opened.db, "supportback-en")
    store.finish("session-1", at="2026-01-05T10:00:00+00:00")
    store.open_page("session-2", 1, "s2-pacing")
    store.choose_programme("walking", 2, "session-1")
    opened.close()
    result = run_cli("sessions", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    statuses = [s["status"] for s in report["sessions"]]
    assert statuses == ["finished", "in_progress", "locked", "locked", "locked", "locked"]
    assert report["sessions"][0]["finished_on"] == "2026-01-05" and report["programme"] == {"id": "walking", "level": 2}
    text = run_cli("sessions").stdout
    assert "finished on 2026-01-05" in text and "Plan: Walking, level 2" in text
