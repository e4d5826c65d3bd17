"""Tailoring to the barriers the trial found: each barrier's topic and step, old review codes, the About-you
answers, and the suggested topics (deterministic, changed by the answers and by the STarT Back group)."""
import datetime as dt
import json
import re

import pytest

from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.goals import NOT_MET, PARTLY, WALKING, make_goal
from sb_desktop.domain.measures import HIGH_RISK, LOW_RISK, MEDIUM_RISK
from sb_desktop.domain.review import (
    BARRIER_MODULES,
    BARRIERS,
    KNOWN_BARRIERS,
    GoalReview,
    barrier_label,
    feedback,
)
from sb_desktop.domain.tailoring import (
    ABOUT_YOU,
    AboutYou,
    about_you,
    make_about_you,
    read_about_you,
    startback_explanation,
    suggest_topics,
)
from sb_desktop.resources import resource_path

GOAL = make_goal(WALKING, 2, 3, 10)
OLD_CODES = ("pain", "time", "worry", "mood", "movement", "other")


def _manifest():
    return json.loads(resource_path("content", "supportback-en", "manifest.json").read_text(encoding="utf-8"))


MANIFEST = _manifest()
MODULE_IDS = {m["id"] for m in MANIFEST["modules"]}
MODULE_PAGES = {p["id"]: m["id"] for m in MANIFEST["modules"] for p in m["pages"]}
SESSION_PAGES = {p["id"] for s in MANIFEST["sessions"] for p in s["pages"]}


def test_the_review_offers_the_barriers_the_trial_found_in_plain_words():
    assert [barrier_label(b) for b in BARRIERS] == [
        "I doubted it would help", "I was sore after last time", "I worried it was doing harm",
        "Pain or stiffness stopped me starting", "No time", "Low mood", "Poor sleep", "Work", "A flare-up",
        "Something else"]


@pytest.mark.parametrize("barrier", BARRIERS)
def test_every_barrier_leads_to_a_topic_in_the_pack_and_one_practical_step(barrier):
    fb = feedback(PARTLY, GOAL, [barrier])
    assert fb.suggested_module == BARRIER_MODULES[barrier] and fb.suggested_module in MODULE_IDS
    assert len(fb.tips) == 1 and len(fb.tips[0]) > 60
    assert fb.suggested_title and fb.suggested_title != fb.suggested_module
    for page in fb.suggested_pages:
        assert page in MODULE_PAGES or page in SESSION_PAGES, page
    if fb.suggested_pages:   # the last choice is always a page of a topic, open whatever the session
        assert MODULE_PAGES.get(fb.suggested_pages[-1]) == fb.suggested_module


def test_each_barrier_goes_where_the_clinical_rules_say():
    expected = {"doubt": "will-this-work", "sore": "hurt-not-harm", "worry": "hurt-not-harm",
                "starting": "moving-is-hard", "mood": "mood", "sleep": "sleep", "work": "work",
                "flare-up": "flare-ups"}
    assert {b: BARRIER_MODULES[b] for b in expected} == expected
    sore = feedback(NOT_MET, GOAL, ["sore"])
    assert sore.suggested_pages == ("hurt-not-harm-soreness",) and "a little less than last time" in sore.tips[0]
    time = feedback(PARTLY, GOAL, ["time"])
    assert time.suggested_pages[0] == "s2-pacing" and time.suggested_title == "Pacing: little and often"
    assert "Daily living" not in time.suggested_title
    # Flare-ups, sleep and work are suggested at last.
    assert {feedback(PARTLY, GOAL, [b]).suggested_module for b in ("flare-up", "sleep", "work")} == {
        "flare-ups", "sleep", "work"}


BLAMING = re.compile(r"\b(fail\w*|fault|lazy|should have|excuse\w*|disappoint\w*|blame\w*)\b", re.IGNORECASE)
ADVISES_REST = re.compile(r"\b(bed rest|stay in bed|rest until|avoid (moving|activity|exercise))\b", re.IGNORECASE)


def test_barrier_steps_reassure_without_blame_and_never_advise_rest():
    """Checked against CLINICAL.md: hurt is not harm, soreness that settles is expected (with the stop rule for
    pain that keeps getting worse), no bed rest (NICE NG59), never blaming; mood carries crisis signposting."""
    for barrier in KNOWN_BARRIERS:
        tip = feedback(PARTLY, GOAL, [barrier]).tips[0]
        assert not BLAMING.search(tip) and not ADVISES_REST.search(tip), tip
    worry = feedback(PARTLY, GOAL, ["worry"]).tips[0]
    assert "very rarely a sign of damage" in worry and "gentle activity is safe" in worry
    sore = feedback(PARTLY, GOAL, ["sore"]).tips[0]
    assert "not harm" in sore and "keeps getting worse instead of settling, stop and get advice" in sore
    assert "thoughts of harming yourself" in feedback(PARTLY, GOAL, ["mood"]).tips[0]


def test_beliefs_about_harm_and_functional_limits_come_before_the_rest():
    assert feedback(PARTLY, GOAL, ["time", "sleep", "worry"]).suggested_module == "hurt-not-harm"
    assert feedback(PARTLY, GOAL, ["work", "starting"]).suggested_module == "moving-is-hard"
    assert feedback(PARTLY, GOAL, ["mood", "doubt"]).suggested_module == "will-this-work"


@pytest.mark.parametrize("code", OLD_CODES)
def test_old_review_codes_still_read_and_show_their_words(code, profile):
    assert code in KNOWN_BARRIERS
    assert barrier_label(code) != code
    assert feedback(PARTLY, GOAL, [code]).suggested_module in MODULE_IDS
    goal = profile.goals.set_goal(make_goal(WALKING, 2, 3, 10, start_date=dt.date(2026, 1, 5)))
    with profile.transaction():
        profile.goals.add_review(GoalReview(
            goal_id=goal.id, period_start=dt.date(2026, 1, 5), period_end=dt.date(2026, 1, 11), computed_result=PARTLY,
            result=PARTLY, days_met=2, days_active=3, minutes_total=30, barriers=(code,), decision="keep",
            feedback="", suggested_module=BARRIER_MODULES[code]))
    assert profile.goals.reviews()[0].barriers == (code,)


def test_old_codes_keep_their_meaning():
    # The four whose meaning did not change keep their code; the two with no honest new match keep theirs.
    assert barrier_label("worry") == "I worried it was doing harm"
    assert (barrier_label("pain"), barrier_label("movement")) == ("Pain", "I could not do the movement")
    assert BARRIER_MODULES["pain"] == "relieving-pain" and BARRIER_MODULES["movement"] == "moving-is-hard"
    assert "pain" not in BARRIERS and "movement" not in BARRIERS


def test_goals_json_keeps_review_barriers_as_codes(profile):
    from sb_desktop.cli.goals_commands import goals_report
    goal = profile.goals.set_goal(make_goal(WALKING, 2, 3, 10, start_date=dt.date(2026, 1, 5)))
    with profile.transaction():
        profile.goals.add_review(GoalReview(
            goal_id=goal.id, period_start=dt.date(2026, 1, 5), period_end=dt.date(2026, 1, 11), computed_result=PARTLY,
            result=PARTLY, days_met=2, days_active=3, minutes_total=30, barriers=("movement", "sleep"), decision="keep",
            feedback="", suggested_module="moving-is-hard"))
    report = goals_report(profile, profile.overview(dt.date(2026, 1, 12)))
    assert report["reviews"][0]["barriers"] == ["movement", "sleep"]


def test_goals_json_keeps_the_startback_object_and_adds_its_explanation_and_the_start_answers(profile):
    from sb_desktop.cli.goals_commands import goals_report
    from sb_desktop.domain.measures import make_startback
    with profile.transaction():
        profile.measures.add(make_startback({n: n in (5, 6, 7, 8) for n in range(1, 9)}, 3, date=dt.date(2026, 1, 5)))
        profile.measures.add(make_about_you(AboutYou("not_much", None, ("work",)), date=dt.date(2026, 1, 5)))
    report = goals_report(profile, profile.overview(dt.date(2026, 1, 6)))
    startback = report["startback"]
    assert {k: startback[k] for k in ("date", "total", "psychosocial", "risk", "wording")} == {
        "date": "2026-01-05", "total": 5, "psychosocial": 5, "risk": "high", "wording": "paraphrase"}
    assert "weighing on you" in startback["explanation"]
    assert report["about_you"] == {"expectation": "not_much", "damage_belief": None, "hardest": ["work"]}


# --- About you ---

def test_about_you_answers_are_checked_and_kept(profile):
    with pytest.raises(ValidationError):
        about_you(None, None, [])                       # nothing answered: nothing to save
    with pytest.raises(ValidationError):
        about_you("maybe", None, [])
    with pytest.raises(ValidationError):
        about_you(None, "perhaps", [])
    with pytest.raises(ValidationError):
        about_you(None, None, ["gardening"])
    answers = about_you("not_sure", None, ["sleep", "starting", "sleep"])
    assert answers.hardest == ("starting", "sleep")     # listed order, each once
    with profile.transaction():
        profile.measures.add(make_about_you(answers, date=dt.date(2026, 1, 5)))
    stored = profile.measures.latest(ABOUT_YOU)
    assert stored.answers == {"expectation": "not_sure", "damage_belief": None, "hardest": ["starting", "sleep"]}
    assert read_about_you(stored) == answers


# --- suggested topics ---

ALL = MODULE_IDS | {"worry", "feared-movements"}
WITHOUT_NEW_TOPICS = MODULE_IDS - {"worry", "feared-movements"}   # a pack from before those topics


def test_nothing_known_suggests_nothing():
    assert suggest_topics(None, None, [], MODULE_IDS) == []
    assert suggest_topics(None, LOW_RISK, [], MODULE_IDS) == []


def test_start_answers_decide_the_first_topics_with_kind_reasons():
    doubting = suggest_topics(AboutYou("not_sure", "no", ()), None, [], MODULE_IDS)
    assert [s.module_id for s in doubting] == ["will-this-work"]
    assert doubting[0].reason == "Because you said you were not sure it would help"
    damage = suggest_topics(AboutYou("a_lot", "yes", ("sleep",)), None, [], MODULE_IDS)
    assert [s.module_id for s in damage] == ["hurt-not-harm", "sleep", "feared-movements"]
    assert "pain may mean your back is being damaged" in damage[0].reason
    hard = suggest_topics(AboutYou(None, None, ("work", "sitting")), None, [], MODULE_IDS)
    assert [s.module_id for s in hard] == ["work", "daily-living"]


def test_the_higher_startback_group_gets_support_and_reassurance_first():
    answers = AboutYou("a_lot", "no", ("sleep", "work"))
    without = [s.module_id for s in suggest_topics(answers, None, [], MODULE_IDS)]
    higher = suggest_topics(answers, HIGH_RISK, [], MODULE_IDS)
    assert without == ["sleep", "work"]
    assert [s.module_id for s in higher] == ["hurt-not-harm", "will-this-work", "worry"]
    older_pack = suggest_topics(answers, HIGH_RISK, [], WITHOUT_NEW_TOPICS)
    assert [s.module_id for s in older_pack] == ["hurt-not-harm", "will-this-work", "mood"]
    assert "pain and worry are weighing on you" in higher[0].reason
    medium = [s.module_id for s in suggest_topics(None, MEDIUM_RISK, [], MODULE_IDS)]
    assert medium == ["moving-is-hard"]


def test_a_recent_barrier_is_not_hidden_by_the_screening():
    higher = suggest_topics(None, HIGH_RISK, [("sleep",)], MODULE_IDS)
    assert higher[0].module_id == "sleep" and "Poor sleep" in higher[0].reason
    # "No time" leads to pacing (a session page), not to a topic to choose.
    assert suggest_topics(None, None, [("time", "other")], MODULE_IDS) == []


def test_topics_not_in_the_pack_are_skipped_silently():
    answers = AboutYou(None, "yes", ())
    before = [s.module_id for s in suggest_topics(answers, HIGH_RISK, [], WITHOUT_NEW_TOPICS)]
    after = [s.module_id for s in suggest_topics(answers, HIGH_RISK, [], ALL)]
    assert "worry" not in before and "feared-movements" not in before
    assert after[:2] == ["hurt-not-harm", "will-this-work"] and set(after) <= ALL
    assert suggest_topics(answers, None, [], set()) == []


def test_the_same_answers_always_give_the_same_suggestions():
    answers = AboutYou("not_much", "not_sure", ("mood", "sleep", "lifting", "flare_ups"))
    results = {tuple(suggest_topics(answers, HIGH_RISK, [("work", "sore"), ("doubt",)], frozenset(order)))
               for order in (sorted(ALL), sorted(ALL, reverse=True), list(ALL))}
    assert len(results) == 1
    assert len(next(iter(results))) == 3


# --- STarT Back in words ---

ALARMING = re.compile(r"\b(risk|danger\w*|serious|severe|high|alarm(?!ed))\b", re.IGNORECASE)


@pytest.mark.parametrize("risk", [LOW_RISK, MEDIUM_RISK, HIGH_RISK])
def test_startback_is_explained_kindly_never_as_a_bare_label(risk):
    text = startback_explanation(risk)
    assert not ALARMING.search(text), text
    assert text.startswith("Your answers suggest")


def test_the_higher_group_explanation_says_why_and_what_next():
    text = startback_explanation(HIGH_RISK)
    assert "pain and worry are weighing on you" in text and "common" in text
    assert "support and reassurance" in text and "support call" in text
    with pytest.raises(ValidationError):
        startback_explanation("unknown")
