"""The narration player and the guided routine player, driven headless (playback advances without a device)."""
import datetime as dt
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt
from sessions_packs import make_pack, write_tone

from sb_desktop.content.pack import load_pack
from sb_desktop.domain.routine import (
    CHANGEOVER_SECONDS,
    FINISHED,
    MOVE_INTO_HOLD,
    MOVE_OUT_OF_HOLD,
    REST,
    REST_STARTED,
    SECONDS_PER_REPETITION,
    STEP_STARTED,
    RoutineRun,
    plan_routine,
)
from sb_desktop.domain.settings import CONTENT_PACK
from sb_desktop.ui.sessions.narration_player import AudioPlayer, NarrationPlayer, load_multimedia
from sb_desktop.ui.sessions.page import SessionsPage
from sb_desktop.ui.sessions.routine_player import RoutinePlayer

needs_multimedia = pytest.mark.skipif(load_multimedia() is None, reason="QtMultimedia cannot load (libpulse0 missing)")


@pytest.fixture
def pack(isolated_data_dir, profile, app_context):
    from sb_desktop.domain.clinic_config import parse_clinic_config
    root = make_pack(isolated_data_dir / "content" / "test-pack")
    profile.settings.write(CONTENT_PACK, "test-pack")
    app_context.clinic = parse_clinic_config({"version": 1, "allow_user_content_packs": True},
                                             source=isolated_data_dir / "clinic.json")
    return load_pack(root)


# --- narration ---------------------------------------------------------------------------------------


@needs_multimedia
def test_narration_plays_to_the_end_and_can_seek_and_change_speed(qtbot, tmp_path):
    player = NarrationPlayer()
    qtbot.addWidget(player)
    player.show()
    player.set_source(write_tone(tmp_path / "one-second.wav", 1.0))
    assert not player.text_only and player.isVisible()
    player.speed.setCurrentIndex(player.speed.findData(1.5))
    with qtbot.waitSignal(player.audio.duration_changed, timeout=5000):
        qtbot.mouseClick(player.play_button, Qt.MouseButton.LeftButton)
    assert player.audio.duration() == pytest.approx(1000, abs=50)
    assert player.audio._player.playbackRate() == 1.5
    assert player.play_button.accessibleName() == "Pause narration"
    with qtbot.waitSignal(player.audio.finished, timeout=5000):
        pass
    assert player.time_label.text().endswith("/ 0:01")
    # Seeking by keyboard on the slider moves the audio.
    player.audio.play()
    player.audio.pause()
    player.slider.setFocus()
    with qtbot.waitSignal(player.audio.position_changed, timeout=3000):
        player.audio.seek(500)
    assert player.audio.position() == pytest.approx(500, abs=100)


@needs_multimedia
def test_narration_can_be_driven_by_keyboard_alone(qtbot, tmp_path):
    player = NarrationPlayer()
    qtbot.addWidget(player)
    player.show()
    player.set_source(write_tone(tmp_path / "tone.wav", 2.0))
    for control in (player.play_button, player.back_button, player.forward_button, player.slider, player.speed):
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control
        assert control.accessibleName() or control.text()
    player.play_button.setFocus()
    with qtbot.waitSignal(player.audio.playing_changed, timeout=5000) as started:
        qtbot.keyClick(player.play_button, Qt.Key.Key_Space)
    assert started.args == [True]
    with qtbot.waitSignal(player.audio.playing_changed, timeout=5000) as paused:
        qtbot.keyClick(player.play_button, Qt.Key.Key_Space)
    assert paused.args == [False]


def test_narration_falls_back_to_text_when_audio_cannot_load(qtbot, tmp_path):
    audio = AudioPlayer(loader=lambda: None)          # as on a computer without QtMultimedia's libraries
    player = NarrationPlayer(audio=audio)
    qtbot.addWidget(player)
    player.show()
    player.set_source(write_tone(tmp_path / "tone.wav"))
    assert player.text_only and not player.message.isHidden()
    assert "read everything on this page" in player.message.text()
    player.audio.play()                                 # harmless
    player.set_source(None)                             # a page without narration hides the bar
    assert player.isHidden()


@needs_multimedia
def test_narration_falls_back_to_text_when_the_file_cannot_play(qtbot, tmp_path):
    broken = tmp_path / "broken.ogg"
    broken.write_bytes(b"OggS" + b"\x00" * 200)
    player = NarrationPlayer()
    qtbot.addWidget(player)
    player.show()
    with qtbot.waitSignal(player.audio.unavailable, timeout=5000):
        player.set_source(broken)
        player.audio.play()
    assert player.text_only


def test_multimedia_is_not_imported_at_start_up_only_on_first_use(tmp_path):
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        sys.path.insert(0, {str(tmp_path.parent)!r})
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        import sb_desktop.ui.sessions.page, sb_desktop.ui.sessions.routine_player, sb_desktop.ui.sessions.narration_player
        from sb_desktop.ui.sessions.narration_player import NarrationPlayer
        player = NarrationPlayer()
        print("before", "PySide6.QtMultimedia" in sys.modules)
        player.audio.available
        print("after", "PySide6.QtMultimedia" in sys.modules)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False,
                            cwd=str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    assert "before False" in result.stdout, result.stderr[-2000:]
    if load_multimedia() is not None:
        assert "after True" in result.stdout


@needs_multimedia
def test_a_narrated_session_page_plays_alongside_its_text(qtbot, app_context, pack):
    page = SessionsPage(app_context)
    qtbot.addWidget(page)
    page.show()
    page.open_session("session-1")
    assert "Moving helps your back" in page.browser.toPlainText()
    assert page.narration.isVisibleTo(page) and not page.narration.text_only
    with qtbot.waitSignal(page.narration.audio.position_changed, timeout=5000):
        page.narration.play_button.click()
    page.next_page()                     # turning the page stops the recording and hides the bar
    assert not page.narration.audio.is_playing() and page.narration.isHidden()


# --- routines: the timeline --------------------------------------------------------------------------


def test_routine_timeline_counts_holds_reps_sets_and_rests(pack):
    routine = pack.routine("back-level-0")
    run = RoutineRun(plan_routine(routine, pack.exercise), routine.rest_seconds, pack.exercise)
    # knee-rolls: 2 reps; stretch: one 3-second hold (moving into and out of it too), 2 sets; rests of 2 s
    # between sets, and a changeover to get into position between the exercises.
    hold = MOVE_INTO_HOLD + 3 + MOVE_OUT_OF_HOLD
    assert run.total_seconds == 2 * SECONDS_PER_REPETITION + (2 + CHANGEOVER_SECONDS) + 2 * hold + 2
    assert run.repetitions_left == 2
    assert run.tick(SECONDS_PER_REPETITION) is None and run.repetitions_left == 1
    assert run.tick(SECONDS_PER_REPETITION) == REST_STARTED and run.phase == REST and run.between_exercises
    assert run.tick(2 + CHANGEOVER_SECONDS) == STEP_STARTED and run.item.exercise_id == "stretch"
    assert run.remaining == hold
    run.tick(hold + 2)
    assert run.set_number == 2
    assert run.tick(hold) == FINISHED and run.finished and run.reached_end
    assert run.seconds_done == run.total_seconds and run.minutes_done == 1


def test_routine_skip_pause_and_switch(pack):
    routine = pack.routine("back-level-0")
    run = RoutineRun(plan_routine(routine, pack.exercise), routine.rest_seconds, pack.exercise)
    assert run.alternative("easier") is None and run.alternative("harder") == "bridge"
    assert run.switch("harder") and run.item.exercise_id == "bridge"
    # The bridge is a hold exercise: the switched step now holds for the bridge's own 5 seconds.
    assert run.item.hold_seconds == 5 and run.remaining == MOVE_INTO_HOLD + 5 + MOVE_OUT_OF_HOLD
    assert run.switch("easier") and run.item.exercise_id == "knee-rolls"
    assert run.item.hold_seconds is None and run.item.repetitions == 8   # back to its own 8 repetitions
    run.tick(1)
    assert run.skip() == STEP_STARTED and run.skipped == [0]
    assert run.skip() == FINISHED and run.seconds_done == 1


# --- routines: the player ----------------------------------------------------------------------------


def test_routine_player_plays_to_the_end_and_records_activity_and_pain(qtbot, app_context, pack, profile):
    player = RoutinePlayer(app_context, pack, pack.routine("back-level-0"), source_label="Session 1")
    qtbot.addWidget(player)
    player.show()
    player.sound.setChecked(False)
    assert player.exercise_title.text() == "Knee rolls" and player.countdown.text() == "2 left"
    assert not player.picture.pixmap().isNull()
    player.set_tick_interval(2)
    with qtbot.waitSignal(player.finished, timeout=10_000) as done:
        qtbot.mouseClick(player.start_button, Qt.MouseButton.LeftButton)
    expected_minutes = player.run.minutes_done
    assert done.args == [expected_minutes] and expected_minutes == 1
    [activity] = profile.journal.entries()
    assert (activity.entry, activity.kind, activity.minutes, activity.source) == ("activity", "exercise", 1, "session")
    assert "Back exercises level 0" in activity.note and "Session 1" in activity.note
    assert activity.date == dt.date.today()
    assert player.stack.currentIndex() == 1 and "in your Journal" in player.done_text.text()
    # The pain question.
    player.pain_group.button(3).click()
    with qtbot.waitSignal(player.closed):
        player.save_pain_button.click()
    pain = [e for e in profile.journal.entries() if e.entry == "pain"]
    assert [(p.intensity, p.source, p.context) for p in pain] == [(3, "session", "after_activity")]
    # A rating straight after a routine is soreness: it stays out of the day's pain.
    assert profile.journal.daily_pain() == [] and profile.journal.daily_soreness()[0][1] == 3.0


def test_routine_player_pause_skip_easier_harder_and_stop_early(qtbot, app_context, pack, profile):
    player = RoutinePlayer(app_context, pack, pack.routine("back-level-0"))
    qtbot.addWidget(player)
    player.show()
    player.sound.setChecked(False)
    assert player.harder_button.isEnabled() and not player.easier_button.isEnabled()
    player.toggle()
    assert not player.paused
    player.toggle()
    assert player.paused and player.phase_label.text() == "Paused"
    player.harder_button.click()
    assert player.exercise_title.text() == "Bridge" and player.easier_button.isEnabled()
    player.run.tick(3)  # a few seconds of work, as if the timer had run
    player.skip_button.click()
    assert player.exercise_title.text() == "Back stretch"
    with qtbot.waitSignal(player.finished) as done:
        player.stop_button.click()
    assert done.args == [1]
    [activity] = profile.journal.entries()
    assert activity.minutes == 1


def test_stopping_before_anything_happened_records_nothing(qtbot, app_context, pack, profile):
    player = RoutinePlayer(app_context, pack, pack.routine("back-level-0"))
    qtbot.addWidget(player)
    with qtbot.waitSignal(player.finished) as done:
        player.stop_button.click()
    assert done.args == [0] and profile.journal.entries() == []
    assert "Nothing was recorded" in player.done_text.text()


def test_new_user_path_session_one_choose_level_play_routine_find_it_in_journal(qtbot, app_context, pack, profile):
    page = SessionsPage(app_context)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.session_buttons["session-1"], Qt.MouseButton.LeftButton)
    page.next_page()
    page.programme_chooser.select_programme("back-exercises")
    page.programme_chooser.select_level(0)
    page.programme_chooser.save_button.click()
    page.try_routine_button.click()
    player = page.routine_player
    assert page.stack.currentIndex() == page.ROUTINE and player.routine.id == "back-level-0"
    player.sound.setChecked(False)
    player.set_tick_interval(1)
    with qtbot.waitSignal(player.finished, timeout=10_000):
        player.start_button.click()
    player.skip_pain_button.click()
    # Back where they were, on the choice page of session 1.
    assert page.stack.currentIndex() == page.READER and page.current_page.id == "s1-choose"
    [activity] = profile.journal.entries()
    assert activity.kind == "exercise" and activity.source == "session" and activity.minutes >= 1


@needs_multimedia
def test_spoken_cue_plays_when_an_exercise_starts(qtbot, app_context, isolated_data_dir, profile):
    def with_cue_audio(m):
        m["exercises"][0]["cue_audio"] = "audio/cues/knee-rolls.wav"
    root = make_pack(isolated_data_dir / "content" / "cue-pack", with_cue_audio)
    write_tone(root / "audio" / "cues" / "knee-rolls.wav", 0.5)
    pack = load_pack(root)
    assert pack.exercise("knee-rolls").cue_audio.name == "knee-rolls.wav"
    player = RoutinePlayer(app_context, pack, pack.routine("back-level-0"))
    qtbot.addWidget(player)
    player.show()
    player.set_tick_interval(60_000)   # keep the countdown still while the cue plays
    player.start_button.click()
    assert player._audio is not None
    qtbot.waitUntil(lambda: player._audio.position() > 0, timeout=5000)
    player.stop_button.click()


def test_leaving_a_running_routine_pauses_it(qtbot, app_context, pack):
    player = RoutinePlayer(app_context, pack, pack.routine("back-level-0"))
    qtbot.addWidget(player)
    player.show()
    player.sound.setChecked(False)
    assert player.leave_button.isVisibleTo(player)
    player.start_button.click()
    assert not player.paused and not player.leave_button.isVisibleTo(player)
    player.hide()                       # e.g. the person switched to the Journal page
    assert player.paused


@needs_multimedia
def test_the_smoke_test_loads_a_bundled_narration_through_the_real_backend(qapp):
    from sb_desktop.ui.shell.smoke import smoke_audio
    line = smoke_audio()
    assert line.startswith("Narration audio: loaded ") and line.endswith(" s).")


def test_the_smoke_test_reports_missing_audio_without_failing(qapp, monkeypatch):
    from sb_desktop.ui.shell.smoke import smoke_audio
    monkeypatch.setattr(AudioPlayer.__init__, "__defaults__", (None, lambda: None))  # QtMultimedia missing
    assert smoke_audio() == ("Narration audio: not available here. Sound cannot be played on this computer "
                             "(the audio library is missing).")
