"""Narration says what a reader would: the text-for-speech step of build/make_narration.py."""
import importlib.util

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("make_narration", ROOT / "build" / "make_narration.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("written, spoken", [
    ("If you cannot get one, call NHS 111.", "If you cannot get one, call N H S one one one."),
    ("Go to A&E now, or call 999.", "Go to A and E now, or call nine nine nine."),
    ("call Samaritans on 116 123, free", "call Samaritans on one one six, one two three, free"),
    ("Call 0800 123 4567.", "Call zero eight zero zero, one two three, four five six seven."),
    ("Rate your pain from 0 to 10.", "Rate your pain from 0 to 10."),
    ("Rate it 0-10.", "Rate it 0 to 10."),
    ("Walk for 10-15 minutes.", "Walk for 10 to 15 minutes."),
    ("Walk for 10–15 minutes.", "Walk for 10 to 15 minutes."),
    ("Ask your GP, e.g. at your next visit.", "Ask your G P, for example at your next visit."),
    ("Some GPs can help, i.e. yours.", "Some G P's can help, that is yours."),
    ("Tea, coffee etc. keep you awake.", "Tea, coffee and so on keep you awake."),
    ("It is OK to rest.", "It is okay to rest."),
    ("Walk 5 mins, then 20 min.", "Walk 5 minutes, then 20 minutes."),
    ("Aim for 10,000 steps in 2026.", "Aim for 10,000 steps in 2026."),
    ("Walk for 20 minutes, 3 times.", "Walk for 20 minutes, 3 times."),
    ("TENS and MRI scans", "T E N S and M R I scans"),
    ("Stop — and rest.", "Stop, and rest."),
])
def test_spoken_text(script, written, spoken):
    assert script.spoken_text(written) == spoken


def test_page_speech_applies_the_rules_to_filled_in_safety_text(script):
    from sb_desktop.domain.safety import fill_safety_text
    markdown = fill_safety_text("# When to get help\n\nIf you are worried, {{safety:urgent-contact}}.\n")
    text = script.speech_text("When to get help", markdown)
    assert "N H S one one one" in text and "111" not in text and "NHS" not in text
    assert text.startswith("When to get help.")


def test_exercise_speech_says_the_title_and_every_step(script):
    text = script.exercise_speech_text("Knee rolls", ["Lie on your back.", "Roll your knees to one side",
                                                      "Hold for 10-15 seconds."])
    assert text == ("Knee rolls.\n\nStep 1. Lie on your back.\n\nStep 2. Roll your knees to one side.\n\n"
                    "Step 3. Hold for 10 to 15 seconds.\n")


def test_exercise_narration_is_a_job_for_every_exercise(script, tmp_path):
    manifest = {"sessions": [], "exercises": [
        {"id": "knee-rolls", "title": "Knee rolls", "steps": ["Lie down."], "cue": "Roll gently."},
        {"id": "bridge", "title": "Bridge", "steps": ["Lift."], "narration": "audio/ex/bridge.mp3"}]}
    jobs = {key: text for key, text, _out in script.jobs_for(tmp_path, manifest, with_modules=False)}
    assert jobs["audio/cues/knee-rolls.ogg"] == "Roll gently.\n"
    assert jobs["audio/exercises/knee-rolls.ogg"] == "Knee rolls.\n\nStep 1. Lie down.\n"
    assert jobs["audio/ex/bridge.mp3"] == "Bridge.\n\nStep 1. Lift.\n"
