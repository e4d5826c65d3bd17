"""The routine player counts what the routine prescribes, records a routine done together with its journal
entry, asks how each exercise felt, and asks once about soreness before the next routine on a later day."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sessions_packs import make_pack

from sb_desktop.content import find_pack, load_pack
from sb_desktop.content.pack import load_pack as load_pack_folder
from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.routine import MOVE_INTO_HOLD, SECONDS_PER_REPETITION
from sb_desktop.domain.routine_log import ABOUT_RIGHT, HARD, SORE_LASTING, SORE_SETTLED, make_routine_done
from sb_desktop.domain.settings import CONTENT_PACK
from sb_desktop.ui.sessions.routine_player import RoutinePlayer


@pytest.fixture
def pack(isolated_data_dir, profile, app_context):
    from sb_desktop.domain.clinic_config import parse_clinic_config
    root = make_pack(isolated_data_dir / "content" / "test-pack")
    profile.settings.write(CONTENT_PACK, "test-pack")
    app_context.clinic = parse_clinic_config({"version": 1, "allow_user_content_packs": True},
                                             source=isolated_data_dir / "clinic.json")
    return load_pack_folder(root)


@pytest.fixture(scope="module")
def built_in():
    return load_pack(find_pack())


def make_player(qtbot, app_context, pack, routine_id="back-level-0", **kw):
    player = RoutinePlayer(app_context, pack, pack.routine(routine_id), **kw)
    qtbot.addWidget(player)
    player.show()
    player.sound.setChecked(False)
    return player


def play_to_the_end(qtbot, player):
    player.set_tick_interval(1)
    with qtbot.waitSignal(player.finished, timeout=20_000):
        player.start_button.click()


# --- what the player shows --------------------------------------------------------------------------------


def test_the_player_shows_repetitions_sets_holds_rests_and_the_planned_total(qtbot, app_context, built_in):
    # Level 2, floor: 2 sets of 8 back arches, then 3 sets of 10 bridges held for 3 seconds each.
    player = make_player(qtbot, app_context, built_in, "back-level-2")
    total_minutes = -(-player.run.total_seconds // 60)
    assert f"about {total_minutes} minutes in all" in player.position_label.text()
    assert 15 <= total_minutes <= 20
    player.set_tick_interval(600_000)         # running, but the test moves the clock itself
    player.toggle()
    player.run.tick(2 * SECONDS_PER_REPETITION)
    player._show_state()
    assert player.set_label.text() == "Set 1 of 2"
    assert player.phase_label.text().startswith("Repetition 3 of 8") and player.countdown.text() == "6 left"
    assert "minutes to go" in player.position_label.text()
    player.run.tick(6 * SECONDS_PER_REPETITION)       # first set done: a rest before set 2
    player._show_state()
    assert player.set_label.text() == "Set 1 of 2 done" and player.phase_label.text() == "Rest before set 2"
    assert player.countdown.text() == "0:30" and player.skip_button.text() == "S&kip rest"
    assert not player.easier_button.isEnabled()
    player.run.tick(30 + 8 * SECONDS_PER_REPETITION)  # set 2, then the rest before the bridge
    player._show_state()
    assert player.exercise_title.text() == "Get ready: Bridge" and player.countdown.text() == "0:40"
    player.run.tick(40 + MOVE_INTO_HOLD)              # into the first bridge, and holding it
    player._show_state()
    assert player.set_label.text() == "Set 1 of 3"
    assert player.phase_label.text() == "Repetition 1 of 10\nHold… 3 seconds" and player.countdown.text() == "3"
    player.run.tick(1)
    player._show_state()
    assert player.countdown.text() == "2"
    player.timer.stop()


# --- recording ------------------------------------------------------------------------------------------


def test_finishing_records_the_routine_done_with_its_journal_entry(qtbot, app_context, pack, profile):
    player = make_player(qtbot, app_context, pack, source_label="Session 1")
    with qtbot.waitSignal(player.routine_recorded) as recorded:
        play_to_the_end(qtbot, player)
    [entry] = profile.journal.entries()
    [done] = profile.routine_log.runs()
    assert recorded.args == [done]
    assert (done.routine_id, done.level, done.route, done.completed) == ("back-level-0", 0, "floor", True)
    assert done.planned_seconds == player.planned_seconds == done.seconds_done
    assert done.entry_id == entry.id and entry.kind == "exercise" and done.date == dt.date.today()


def test_stopping_early_records_what_was_done_as_not_completed(qtbot, app_context, pack, profile):
    player = make_player(qtbot, app_context, pack)
    player.start_button.click()
    player.start_button.click()          # pause; the test moves the clock
    player.run.tick(5)
    with qtbot.waitSignal(player.finished):
        player.stop_button.click()
    [done] = profile.routine_log.runs()
    assert not done.completed and done.seconds_done == 5 and done.planned_seconds == player.planned_seconds
    assert done.entry_id == profile.journal.entries()[0].id


def test_the_entry_and_the_routine_done_are_saved_together_or_not_at_all(qtbot, app_context, pack, profile,
                                                                         monkeypatch):
    from sb_desktop.storage.routine_log import RoutineLog
    from sb_desktop.ui.common import context as context_module

    def broken(self, run):
        raise ValidationError("the routine log refused it")
    monkeypatch.setattr(RoutineLog, "add", broken)
    messages = []
    monkeypatch.setattr(context_module.QMessageBox, "warning", lambda *args: messages.append(args[2]))
    player = make_player(qtbot, app_context, pack)
    play_to_the_end(qtbot, player)
    assert messages == ["the routine log refused it"]
    assert profile.journal.entries() == [], "the journal entry was rolled back with the routine done"
    assert player.saved_activity is None and player.saved_routine is None


def test_stop_i_feel_unwell_records_no_routine_done(qtbot, app_context, pack, profile):
    player = make_player(qtbot, app_context, pack)
    player.toggle()
    player.run.tick(5)
    player.unwell_button.click()
    player.finish_early()
    assert profile.routine_log.runs() == [] and profile.journal.entries() == []


# --- effort ---------------------------------------------------------------------------------------------


def test_effort_for_each_exercise_is_asked_at_the_end_and_saved(qtbot, app_context, pack, profile):
    player = make_player(qtbot, app_context, pack)
    play_to_the_end(qtbot, player)
    assert list(player.effort_groups) == ["knee-rolls", "stretch"] and player.effort_box.isVisibleTo(player)
    assert not player.save_pain_button.isEnabled()       # nothing answered yet
    hard = next(b for b in player.effort_groups["stretch"].buttons() if b.property("effort") == HARD)
    qtbot.mouseClick(hard, Qt.MouseButton.LeftButton)
    easy_row = player.effort_groups["knee-rolls"].buttons()
    easy_row[1].setFocus()
    qtbot.keyClick(easy_row[1], Qt.Key.Key_Space)         # the keyboard works too: About right
    assert player.save_pain_button.isEnabled()
    with qtbot.waitSignal(player.closed):
        player.save_pain_button.click()
    [done] = profile.routine_log.runs()
    assert done.effort == {"stretch": HARD, "knee-rolls": ABOUT_RIGHT}
    assert [e.entry for e in profile.journal.entries()] == ["activity"]   # no pain rating was chosen


def test_skipped_exercises_are_not_asked_about_and_skipping_the_questions_is_fine(qtbot, app_context, pack,
                                                                                  profile):
    player = make_player(qtbot, app_context, pack)
    player.toggle()
    player.run.tick(3)
    player.skip()                                          # knee rolls skipped part-way
    player.run.tick(5)
    with qtbot.waitSignal(player.finished):
        player.stop_button.click()
    assert list(player.effort_groups) == ["stretch"]
    with qtbot.waitSignal(player.closed):
        player.skip_pain_button.click()
    assert profile.routine_log.runs()[0].effort == {}


# --- soreness, asked once on a later day ----------------------------------------------------------------


def record_earlier_routine(profile, days_ago=1, **kw):
    with profile.transaction():
        return profile.routine_log.add(make_routine_done(
            "back-level-0", 0, "floor", planned_seconds=60, seconds_done=60, completed=True,
            date=dt.date.today() - dt.timedelta(days=days_ago), **kw))


def test_soreness_is_asked_once_before_the_next_routine_and_answered_kindly(qtbot, app_context, pack, profile):
    earlier = record_earlier_routine(profile, effort={"stretch": HARD})
    player = make_player(qtbot, app_context, pack)
    assert player.stack.currentIndex() == player.SORENESS_QUESTION
    assert [b.text() for b in player.soreness.buttons] == [
        "No more sore than usual", "A bit sore, settled within a day or two", "Sore for longer, or worse"]
    player.focus_start()
    assert player.focusWidget() is player.soreness.buttons[0]
    player.soreness.buttons[2].click()
    assert profile.routine_log.get(earlier.id).soreness == SORE_LASTING
    reply = player.soreness.reply.text()
    assert "Easier" in reply and "Back stretch" in reply and "stay at this level" in reply
    assert player.soreness.stop_rules.isVisibleTo(player) and "chest" in player.soreness.stop_rules.text()
    player.soreness.continue_button.click()
    assert player.stack.currentIndex() == player.PLAY
    # Opened again: not asked a second time.
    again = make_player(qtbot, app_context, pack)
    assert again.stack.currentIndex() == again.PLAY


def test_settled_soreness_is_told_as_expected_and_not_harm(qtbot, app_context, pack, profile):
    earlier = record_earlier_routine(profile)
    player = make_player(qtbot, app_context, pack)
    player.soreness.buttons[1].click()
    assert profile.routine_log.get(earlier.id).soreness == SORE_SETTLED
    assert "not a sign of harm" in player.soreness.reply.text()
    assert not player.soreness.stop_rules.isVisibleTo(player)


def test_skipping_the_soreness_question_is_fine_and_it_is_not_asked_again(qtbot, app_context, pack, profile):
    earlier = record_earlier_routine(profile)
    player = make_player(qtbot, app_context, pack)
    player.soreness.skip.click()
    assert player.stack.currentIndex() == player.PLAY
    assert profile.routine_log.get(earlier.id).soreness is None
    assert make_player(qtbot, app_context, pack).stack.currentIndex() == RoutinePlayer.PLAY


def test_soreness_is_not_asked_the_same_day(qtbot, app_context, pack, profile):
    record_earlier_routine(profile, days_ago=0)
    assert make_player(qtbot, app_context, pack).stack.currentIndex() == RoutinePlayer.PLAY


def test_when_to_ask_about_soreness_and_what_to_reply():
    from sb_desktop.domain.routine_log import SORE_NONE, soreness_reply, soreness_to_ask

    today = dt.date(2026, 11, 10)
    last = make_routine_done("back-level-1", 1, "floor", planned_seconds=700, seconds_done=700, completed=True,
                             date=today - dt.timedelta(days=1))
    stored = last.__class__(**{**last.__dict__, "id": 7})
    assert soreness_to_ask(stored, today, None) == stored
    assert soreness_to_ask(stored, today, 7) is None                       # asked once already
    assert soreness_to_ask(stored, today - dt.timedelta(days=1), None) is None   # same day
    answered = stored.__class__(**{**stored.__dict__, "soreness": SORE_NONE})
    assert soreness_to_ask(answered, today, None) is None
    assert soreness_to_ask(None, today, None) is None
    # Kind replies: settled soreness is expected and not harm; lasting soreness eases off, never "stop".
    assert "not a sign of harm" in soreness_reply(SORE_SETTLED)
    lasting = soreness_reply(SORE_LASTING, ["Bridge"])
    assert "Bridge" in lasting and "Easier" in lasting and "get help" in lasting
    assert "Bridge" not in soreness_reply(SORE_LASTING) and "any exercise that feels hard" in soreness_reply(SORE_LASTING)
    with pytest.raises(ValidationError):
        soreness_reply("awful")
