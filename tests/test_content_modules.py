"""The built-in pack's content: the sciatica, feared-movements and worry topics, the sleep plan, safety wording
from the one source, narration that matches its text, no advice that teaches guarding, and plain reading."""
import importlib.util
import json
import re

import pytest
from conftest import ROOT
from readability import flesch_kincaid_grade, plain_sentences, words_in

from sb_desktop.content.pack import load_pack
from sb_desktop.domain.safety import (
    EMERGENCY,
    fill_safety_text,
    red_flag_questions,
    unknown_safety_placeholders,
    warning_signs,
)

PACK = ROOT / "resources" / "content" / "supportback-en"
NEW_TOPICS = {"leg-pain": "Sciatica and leg pain",
              "feared-movements": "Bending, lifting and twisting, step by step",
              "worry": "Worry and problem-solving"}


@pytest.fixture(scope="module")
def pack():
    return load_pack(PACK)


def manifest():
    return json.loads((PACK / "manifest.json").read_text(encoding="utf-8"))


def load_build_script():
    spec = importlib.util.spec_from_file_location("make_narration", ROOT / "build" / "make_narration.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_new_topics_load_with_pages_a_picture_and_narration(pack):
    for module_id, title in NEW_TOPICS.items():
        # Tailoring suggests "worry" and "feared-movements" by these ids: they must not change.
        module = pack.module(module_id)
        assert module is not None and module.title == title and module.kind == "optional"
        assert 2 <= len(module.pages) <= 4
        first = module.pages[0]
        assert first.image is not None and first.image.is_file() and first.image.suffix == ".svg"
        assert len(first.image_alt) > 20
        for page in module.pages:
            assert page.text.lstrip().startswith("# ")
            assert page.narration is not None and page.narration.is_file(), page.id
    sleep = pack.module("sleep")
    plan = next(p for p in sleep.pages if p.id == "sleep-sleep-plan")
    assert plan.title == "A simple sleep plan" and plan.narration.is_file()
    for idea in ("same time", "Wind down", "awake in the night", "get up", "coffee", "Alcohol", "active in the day"):
        assert idea.lower() in plan.text.lower(), idea


def test_every_safety_placeholder_in_the_pack_resolves(pack):
    for group in (*pack.sessions, *pack.modules):
        for page in group.pages:
            assert unknown_safety_placeholders(page.text) == [], page.id
            assert "{{" not in fill_safety_text(page.text), page.id


def test_sciatica_warning_signs_come_from_the_one_red_flag_list(pack):
    page = pack.page("leg-pain-when-to-get-help")
    shown = fill_safety_text(page.text)
    emergency = next(group for group in warning_signs() if group.level == EMERGENCY)
    # Saddle numbness, bladder or bowel changes, weakening legs, both legs: every emergency sign, as worded once.
    ids = {q.id for q in red_flag_questions() if q.level == EMERGENCY}
    assert {"bladder_bowel", "saddle_numbness", "leg_weakness", "both_legs"} <= ids
    for sign in emergency.signs:
        assert sign in shown
    assert "A&E" in shown and "999" in shown
    # The pages never carry a hand-written copy of the list (or a service name) that could drift from it.
    for leg_page in pack.module("leg-pain").pages:
        raw = leg_page.text.lower()
        for written in ("bladder", "bowel", "saddle", "genital", "a&e", "999", "111"):
            assert written not in raw, (leg_page.id, written)
    # A clinic's own services are what the page shows in that clinic.
    clinic = {"emergency_service": "the emergency room", "emergency_number": "911"}
    assert "call 911" in fill_safety_text(page.text, clinic) and "A&E" not in fill_safety_text(page.text, clinic)


def test_the_worry_topic_signposts_crisis_help(pack):
    shown = fill_safety_text(pack.page("worry-problem-solving").text)
    assert "Samaritans" in shown and "116 123" in shown


def test_every_narration_file_exists_and_matches_its_text():
    script = load_build_script()
    # --check compares each file with the hash of the text it was made from (and of the file it made).
    assert script.main([str(PACK), "--modules", "--check"]) == 0


def test_every_exercise_reads_out_its_title_and_steps(pack):
    script = load_build_script()
    state = json.loads((PACK / "audio" / "narration-sources.json").read_text(encoding="utf-8"))
    raw = {e["id"]: e for e in manifest()["exercises"]}
    for exercise in pack.exercises:
        assert raw[exercise.id]["narration"] == f"audio/exercises/{exercise.id}.ogg"
        assert exercise.narration == (PACK / "audio" / "exercises" / f"{exercise.id}.ogg").resolve()
        assert exercise.narration.read_bytes().startswith(b"OggS")
        assert f"audio/exercises/{exercise.id}.ogg" in state
        text = script.exercise_speech_text(exercise.title, exercise.steps)
        assert text.startswith(exercise.title)
        assert re.findall(r"^Step (\d+)\. ", text, flags=re.MULTILINE) == [
            str(n) for n in range(1, len(exercise.steps) + 1)]
        for step in exercise.steps:
            assert script.spoken_text(step.rstrip(".")) in text
        # The routine player's short cues stay where they were.
        if exercise.cue:
            assert (PACK / "audio" / "cues" / f"{exercise.id}.ogg").is_file()


# Advice that teaches people to guard their back or fear normal movement (removed; must not come back).
GUARDING = [
    r"rather than twist", r"instead of (?:reaching and )?twist", r"move your feet (?:to|when you) turn",
    r"like a log", r"log[- ]?roll", r"keep your back straight", r"bend your knees,? not your back",
    r"\bbrac(?:e|ing)\b", r"protect your back", r"be careful", r"\bcarefully\b", r"keeps you safe",
    r"rather than bending", r"shoulders,? hips and knees (?:over )?together", r"never (?:bend|twist|lift)",
    r"(?<!need to )avoid (?:bending|twisting|lifting)", r"between waist and shoulder height", r"without strain",
]


def pack_texts():
    for path in sorted((PACK / "pages").rglob("*.md")):
        yield path.relative_to(PACK).as_posix(), path.read_text(encoding="utf-8")
    for exercise in manifest()["exercises"]:
        yield f"exercise {exercise['id']}", " ".join([*exercise["steps"], exercise.get("cue", "")])


def test_no_advice_teaches_guarding_or_fear_of_normal_movement():
    found = [(where, phrase) for where, text in pack_texts() for phrase in GUARDING
             if re.search(phrase, text, flags=re.IGNORECASE)]
    assert found == []


def test_the_pack_says_backs_are_built_to_bend_twist_and_carry(pack):
    for page_id in ("s1-why-active", "daily-living-lifting", "feared-movements-why-practise"):
        assert "built to bend, twist and carry" in pack.page(page_id).text
    assert "Hurt does not mean harm" in pack.page("feared-movements-why-practise").text


def test_every_page_reads_at_about_age_eleven():
    grades = {}
    for where, text in pack_texts():
        if where.endswith(".md"):
            grades[where] = flesch_kincaid_grade(text)
            longest = max(len(words_in(s)) for s in plain_sentences(text))
            assert longest <= 30, (where, longest)
    too_hard = {where: round(grade, 1) for where, grade in grades.items() if grade > 7.0}
    assert too_hard == {}
    # The estimator itself: plain short sentences score low, long technical ones high.
    assert flesch_kincaid_grade("Walk a bit each day. It helps your back.") < 3
    assert flesch_kincaid_grade("Radiculopathy secondary to intervertebral disc herniation necessitates "
                                "multidisciplinary conservative management incorporating graded "
                                "physiotherapeutic rehabilitation.") > 12


def test_the_flare_up_plan_prompts_teach_no_guarding():
    """The plan's example text is advice too: it must not tell a person to avoid lifting or twisting."""
    from sb_desktop.ui.safety.flare_plan import sections

    prompts = " ".join(prompt.lower() for _field, _title, prompt in sections())
    for phrase in ("lifting", "twisting", "bending", "rest in bed"):
        assert phrase not in prompts, phrase
    assert "staying in bed" in prompts
