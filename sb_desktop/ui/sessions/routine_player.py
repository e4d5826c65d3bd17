"""The guided routine player: one exercise at a time with its picture, a countdown, cues and level switches.

It counts what the routine prescribes: "Repetition 3 of 8", "Hold… 5, 4, 3", "Set 2 of 3", rests between sets
and a rest-and-get-ready before each new exercise, with the planned total and the minutes to go.

When the routine ends (or the person finishes early) the minutes actually done are recorded as an exercise
activity in the journal (source "session") and, in the same transaction, as a routine done (which routine,
level, route, planned and actual seconds, whether it reached the end). The done screen asks for a pain
rating and, optionally, how each exercise felt (easy, about right, hard). Opening a routine on a later day
asks once how the back was after the last one, and answers kindly. Routines show up in the Journal and on
Progress. The stop rules are on screen from the start and on every exercise, and
"Stop, I feel unwell" ends the routine at once, shows what to do, and records nothing as done. On the chair
route no floor or lying exercise is ever shown, not even as an easier or harder switch; while a safety
answer is unresolved, "Harder" is not offered.
"""
from __future__ import annotations

import datetime as dt
import html
import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QImage, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.entries import AFTER_ACTIVITY, make_activity, make_pain
from sb_desktop.domain.routes import CHAIR, fits_route, routine_route
from sb_desktop.domain.routine import (
    FINISHED,
    HOLDING,
    INTO,
    MOVE_INTO_HOLD,
    REST,
    SECONDS_PER_REPETITION,
    STEP_STARTED,
    RoutineRun,
    plan_routine,
)
from sb_desktop.domain.routine_log import (
    EFFORTS,
    effort_label,
    make_routine_done,
    soreness_to_ask,
)
from sb_desktop.domain.safety import unwell_advice
from sb_desktop.domain.settings import ROUTINE_SORENESS_ASKED
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import Change
from sb_desktop.ui.sessions.narration_player import AudioPlayer, format_ms
from sb_desktop.ui.sessions.soreness_question import SorenessQuestion
from sb_desktop.ui.sessions.stop_rules import scrolling_body, stop_rules_box, stop_rules_html

IMAGE_SIZE = 300


def picture_size() -> int:
    """The exercise picture's size: smaller on a short screen (or with large text), so the controls stay in view."""
    screen = QApplication.primaryScreen()
    height = screen.availableGeometry().height() if screen is not None else 768
    return IMAGE_SIZE if height >= 700 else max(140, int(height * 0.34))


def exercise_pixmap(path, size: int = IMAGE_SIZE) -> QPixmap:
    image = QImage(str(path)) if path else QImage()
    if image.isNull():
        return QPixmap()
    return QPixmap.fromImage(image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))


class RoutinePlayer(QWidget):
    """Plays one routine. Signals: finished(minutes) when it ends, closed() when the person leaves it."""

    finished = Signal(int)
    recorded = Signal(object)      # the saved ActivityEntry
    routine_recorded = Signal(object)   # the saved RoutineDone (recorded with the entry, in one transaction)
    closed = Signal()
    stopped_unwell = Signal()

    PLAY, DONE, UNWELL, SORENESS_QUESTION = 0, 1, 2, 3

    def __init__(self, context, pack, routine, *, source_label: str = "", parent: QWidget | None = None,
                 audio: AudioPlayer | None = None, route: str | None = None, allow_harder: bool = True):
        super().__init__(parent)
        self.context = context
        self.pack = pack
        self.routine = routine
        self.source_label = source_label
        self.route = route
        self.allow_harder = allow_harder
        self.unwell = False
        items = [item for item in plan_routine(routine, pack.exercise)
                 if fits_route(pack.exercise(item.exercise_id), route)]
        self.run = RoutineRun(items, routine.rest_seconds, self._exercise_on_route)
        self.planned_seconds = self.run.total_seconds   # the routine as prescribed on this route
        self.started = False
        self.saved_activity = None
        self.saved_routine = None        # the RoutineDone recorded at the end
        self.saved_pain = None
        self.effort_groups: dict[str, QButtonGroup] = {}
        self.soreness_run = self._soreness_to_ask()
        self._audio = audio
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self._build()
        self._show_state()
        if self.soreness_run is not None:
            self.stack.setCurrentIndex(self.SORENESS_QUESTION)

    def focus_start(self) -> None:
        """Put the keyboard focus where the person starts: the soreness question, or the Start button."""
        if self.stack.currentIndex() == self.SORENESS_QUESTION:
            self.soreness.buttons[0].setFocus()
        else:
            self.start_button.setFocus()

    def _soreness_to_ask(self):
        profile = getattr(self.context, "profile", None)
        if profile is None:
            return None
        return soreness_to_ask(profile.routine_log.latest(), dt.date.today(),
                               profile.settings.read(ROUTINE_SORENESS_ASKED))

    def _exercise_on_route(self, exercise_id: str | None):
        """An exercise the person may be shown (None for a floor exercise on the chair route)."""
        found = self.pack.exercise(exercise_id) if exercise_id else None
        return found if found is not None and fits_route(found, self.route) else None

    # --- layout ---

    def _build(self) -> None:
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        play = QWidget()
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.position_label = QLabel()
        self.overall = QProgressBar()
        self.overall.setTextVisible(False)
        self.overall.setMaximumHeight(8)
        self.overall.setAccessibleName(_("Progress through the routine"))

        self.picture = QLabel()
        self.image_size = picture_size()
        self.picture.setFixedSize(self.image_size + 16, self.image_size + 16)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setFrameShape(QFrame.Shape.StyledPanel)
        self.exercise_title = QLabel()
        big = self.exercise_title.font()
        big.setPointSizeF(big.pointSizeF() * 1.3)
        big.setBold(True)
        self.exercise_title.setFont(big)
        self.exercise_title.setWordWrap(True)
        self.steps_label = QLabel()
        self.steps_label.setWordWrap(True)
        self.steps_label.setTextFormat(Qt.TextFormat.RichText)
        self.steps_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.steps_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.phase_label = QLabel()
        self.phase_label.setWordWrap(True)
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        phase_font = self.phase_label.font()
        phase_font.setPointSizeF(phase_font.pointSizeF() * 1.2)
        self.phase_label.setFont(phase_font)
        self.countdown = QLabel()
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        count_font = QFont(self.countdown.font())
        count_font.setPointSizeF(count_font.pointSizeF() * 3.2)
        count_font.setBold(True)
        self.countdown.setFont(count_font)
        self.countdown.setAccessibleName(_("Countdown"))
        self.cue_label = QLabel()
        self.cue_label.setWordWrap(True)
        self.cue_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cue_label.setStyleSheet("font-style: italic;")
        counter = QFrame()
        counter.setFrameShape(QFrame.Shape.StyledPanel)
        counter.setFixedWidth(240)
        counter_layout = QVBoxLayout(counter)
        self.set_label = QLabel()
        self.set_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_font = self.set_label.font()
        set_font.setBold(True)
        self.set_label.setFont(set_font)
        counter_layout.addWidget(self.set_label)
        counter_layout.addWidget(self.phase_label)
        counter_layout.addWidget(self.countdown)
        self.phase_bar = QProgressBar()
        self.phase_bar.setTextVisible(False)
        self.phase_bar.setMaximumHeight(10)
        self.phase_bar.setAccessibleName(_("Time left in this part"))
        counter_layout.addWidget(self.phase_bar)
        counter_layout.addWidget(self.cue_label)

        self.start_button = QPushButton(_("▶ &Start routine"))
        self.start_button.setDefault(True)
        self.skip_button = QPushButton(_("S&kip exercise"))
        self.easier_button = QPushButton(_("◀ &Easier"))
        self.harder_button = QPushButton(_("&Harder ▶"))
        self.stop_button = QPushButton(_("&Finish now"))
        self.stop_button.setToolTip(_("End the routine here; the minutes you did are still recorded"))
        self.unwell_button = QPushButton(_("Stop, I feel &unwell"))
        self.unwell_button.setObjectName("unwell")
        self.unwell_button.setStyleSheet("QPushButton#unwell { color: #b3261e; font-weight: bold; }")
        self.unwell_button.setToolTip(_("Stop at once and see what to do. Nothing is recorded as done."))
        self.unwell_button.clicked.connect(self.stop_unwell)
        self.sound = QCheckBox(_("Sound cues"))
        self.sound.setChecked(True)
        self.start_button.clicked.connect(self.toggle)
        self.skip_button.clicked.connect(self.skip)
        self.easier_button.clicked.connect(lambda: self.switch("easier"))
        self.harder_button.clicked.connect(lambda: self.switch("harder"))
        self.stop_button.clicked.connect(self.finish_early)
        buttons = QVBoxLayout()
        self.controls_row, self.exits_row = QHBoxLayout(), QHBoxLayout()
        for button in (self.start_button, self.skip_button, self.easier_button, self.harder_button):
            self.controls_row.addWidget(button)
        self.controls_row.addStretch(1)
        self.exits_row.addStretch(1)
        buttons.addLayout(self.controls_row)
        buttons.addLayout(self.exits_row)
        self.exits_on_own_row = None
        self._arrange_buttons(False)
        # The ways out are never squeezed until their words are cut off.
        for button in (self.stop_button, self.unwell_button):
            button.setMinimumWidth(button.sizeHint().width())

        self.next_label = _small_muted()
        counter_layout.addWidget(self.next_label)
        text_column = QVBoxLayout()
        text_column.addWidget(self.exercise_title)
        # Long steps scroll (large text, a short screen) rather than being cut off.
        steps_scroll = QScrollArea()
        steps_scroll.setWidgetResizable(True)
        steps_scroll.setFrameShape(QFrame.Shape.NoFrame)
        steps_scroll.setWidget(self.steps_label)
        steps_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        text_column.addWidget(steps_scroll, 1)
        middle = QHBoxLayout()
        middle.setSpacing(18)
        middle.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        middle.addLayout(text_column, 1)
        middle.addWidget(counter, 0, Qt.AlignmentFlag.AlignTop)

        self.leave_button = QPushButton(_("← All sessions"))
        self.leave_button.setToolTip(_("Leave without starting"))
        self.leave_button.clicked.connect(self._leave)
        header = QHBoxLayout()
        header.addWidget(self.leave_button)
        header.addWidget(self.title, 1)
        header.addWidget(self.sound)
        # Everything but the buttons scrolls when the screen is short (or the text large): the buttons,
        # "Stop, I feel unwell" among them, always stay in view.
        play_layout = QVBoxLayout(play)
        play_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        outer_layout, play_layout = play_layout, QVBoxLayout(body)
        outer_layout.addWidget(scroll, 1)
        play_layout.addLayout(header)
        play_layout.addWidget(self.position_label)
        play_layout.addWidget(self.overall)
        self.stop_rules = stop_rules_box()
        play_layout.addWidget(self.stop_rules)
        play_layout.addLayout(middle, 1)
        buttons.setContentsMargins(9, 0, 9, 9)
        outer_layout.addLayout(buttons)
        self.stack.addWidget(play)
        self.stack.addWidget(self._build_done())
        self.stack.addWidget(self._build_unwell())
        self.soreness = SorenessQuestion(self.context, self.pack, self.soreness_run)
        self.soreness.finished.connect(self._show_play)
        self.stack.addWidget(self.soreness)

    def _show_play(self) -> None:
        self.stack.setCurrentIndex(self.PLAY)
        self.start_button.setFocus()

    def _build_unwell(self) -> QWidget:
        page = QWidget()
        title = QLabel(_("You stopped the routine"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        title.setWordWrap(True)
        self.unwell_text = QLabel()
        self.unwell_text.setWordWrap(True)
        big = self.unwell_text.font()
        big.setPointSizeF(big.pointSizeF() * 1.15)
        self.unwell_text.setFont(big)
        self.unwell_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        nothing = QLabel(_("This routine was not recorded as done. You can come back to it when you feel well."))
        nothing.setWordWrap(True)
        self.unwell_back = QPushButton(_("Back to sessions"))
        self.unwell_back.clicked.connect(self._leave)
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(self.unwell_text)
        layout.addWidget(stop_rules_box())
        layout.addWidget(nothing)
        row = QHBoxLayout()
        row.addWidget(self.unwell_back)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _build_done(self) -> QWidget:
        done, layout = scrolling_body()
        self.done_title = QLabel()
        font = self.done_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.done_title.setFont(font)
        self.done_text = QLabel()
        self.done_text.setWordWrap(True)
        question = QLabel(_("How is your back pain right now, from 0 (no pain) to 10 (worst imaginable)?"))
        question.setWordWrap(True)
        self.pain_group = QButtonGroup(self)
        row = QHBoxLayout()
        for value in range(11):
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setMinimumWidth(38)
            button.setAutoDefault(False)   # a focused number must not look chosen (a dialog fills its default button)
            button.setStyleSheet("QPushButton:checked { background: #2f6db5; color: white; font-weight: bold; }")
            button.setAccessibleName(_("Pain {n} out of 10").format(n=value))
            self.pain_group.addButton(button, value)
            row.addWidget(button)
        row.addStretch(1)
        self.save_pain_button = QPushButton(_("Save &answers"))
        self.save_pain_button.setEnabled(False)
        self.pain_group.idClicked.connect(lambda _id: self._answers_changed())
        self.save_pain_button.clicked.connect(self.save_pain)
        self.effort_box = QWidget()
        effort_layout = QVBoxLayout(self.effort_box)
        effort_layout.setContentsMargins(0, 0, 0, 0)
        effort_question = QLabel(_("How did each exercise feel? You can skip this."))
        effort_question.setWordWrap(True)
        effort_layout.addWidget(effort_question)
        self.effort_rows = QVBoxLayout()
        self.effort_rows.setSpacing(2)
        effort_layout.addLayout(self.effort_rows)
        self.skip_pain_button = QPushButton(_("Not now — back to sessions"))
        self.skip_pain_button.clicked.connect(self._leave)
        self.soreness = QLabel(_("A little soreness after new exercise is normal and is not a sign of harm."))
        self.soreness.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.save_pain_button)
        actions.addWidget(self.skip_pain_button)
        actions.addStretch(1)
        layout.addWidget(self.done_title)
        layout.addWidget(self.done_text)
        layout.addSpacing(8)
        layout.addWidget(question)
        layout.addLayout(row)
        layout.addWidget(self.soreness)
        layout.addSpacing(8)
        layout.addWidget(self.effort_box)
        layout.addSpacing(8)
        layout.addLayout(actions)
        layout.addStretch(1)
        return done

    def _arrange_buttons(self, two_rows: bool) -> None:
        """The stop buttons at the end of the one row, or on a row of their own when the row is too narrow."""
        if two_rows == self.exits_on_own_row:
            return
        self.exits_on_own_row = two_rows
        row = self.exits_row if two_rows else self.controls_row
        for button in (self.stop_button, self.unwell_button):
            row.addWidget(button)

    def _fit_buttons(self, width: int) -> None:
        shown = [button for button in (self.start_button, self.skip_button, self.easier_button, self.harder_button,
                                       self.stop_button, self.unwell_button) if not button.isHidden()]
        needed = sum(button.sizeHint().width() for button in shown) + 8 * len(shown) + 24
        self._arrange_buttons(needed > width)

    def resizeEvent(self, event) -> None:
        self._fit_buttons(event.size().width())
        super().resizeEvent(event)

    # --- driving it ---

    def set_tick_interval(self, ms: int) -> None:
        """Seconds pass this fast (tests use a few ms)."""
        self.timer.setInterval(max(1, int(ms)))

    def toggle(self) -> None:
        if self.run.finished:
            return
        if self.timer.isActive():
            self.timer.stop()
        else:
            if not self.started:
                self.started = True
                self._cue(STEP_STARTED)
            self.timer.start()
        self._show_state()

    @property
    def paused(self) -> bool:
        return not self.timer.isActive()

    def skip(self) -> None:
        event = self.run.skip()
        self._after(event)

    def switch(self, direction: str) -> None:
        if direction == "harder" and not self.allow_harder:
            return
        if self.run.switch(direction):
            self._cue(STEP_STARTED)
            self.context.status.emit(_("Switched to {title}.").format(title=self._exercise().title))
        self._show_state()

    def finish_early(self) -> None:
        self._finish()

    def stop_unwell(self) -> None:
        """End the routine at once because the person feels unwell: advice first, nothing recorded as done."""
        self.timer.stop()
        if self._audio is not None:
            self._audio.stop()
        self.unwell = True
        self.run.stop()
        self.unwell_text.setText(unwell_advice(getattr(self.context, "clinic", None)))
        self.stack.setCurrentIndex(self.UNWELL)
        self.unwell_back.setFocus()
        self.stopped_unwell.emit()

    def _tick(self) -> None:
        self._after(self.run.tick())

    def _after(self, event: str | None) -> None:
        if event == FINISHED or self.run.finished:
            self._finish()
            return
        if event:
            self._cue(event)
        self._show_state()

    def _exercise(self):
        return self.pack.exercise(self.run.item.exercise_id)

    def _cue(self, event: str) -> None:
        if not self.sound.isChecked() or not self.started:
            return
        exercise = self._exercise()
        if event == STEP_STARTED and exercise is not None and exercise.cue_audio is not None:
            if self._audio is None:
                self._audio = AudioPlayer(self)
            if self._audio.load(exercise.cue_audio):
                self._audio.play()
                return
        QApplication.beep()

    # --- showing the state ---

    def _show_state(self) -> None:
        run, item = self.run, self.run.item
        # Resting before a new exercise shows that exercise, so the person can get into position for it.
        getting_ready = run.between_exercises and run.next_item is not None
        shown = run.next_item if getting_ready and run.next_item is not None else item
        exercise = self.pack.exercise(shown.exercise_id)
        self.title.setText(self.routine.title)
        in_all = _minutes(run.total_seconds)
        if not self.started:
            self.position_label.setText(_("{n} exercises · about {m} minutes in all").format(
                n=len(run.items), m=in_all))
        else:
            number = run.step_index + (2 if getting_ready else 1)
            self.position_label.setText(_("Exercise {n} of {total} · about {left} of {m} minutes to go").format(
                n=min(number, len(run.items)), total=len(run.items), left=_minutes(run.seconds_left), m=in_all))
        self.overall.setMaximum(max(1, run.total_seconds))
        self.overall.setValue(run.planned_done)
        name = exercise.title if exercise else shown.exercise_id
        self.exercise_title.setText(_("Get ready: {title}").format(title=name) if getting_ready else name)
        if exercise is not None:
            steps = "".join(f"<li style='margin-bottom:4px'>{html.escape(s)}</li>" for s in exercise.steps)
            self.steps_label.setText(f"<ol>{steps}</ol>")
            pixmap = exercise_pixmap(exercise.image, self.image_size)
            self.picture.setPixmap(pixmap)
            self.picture.setAccessibleName(exercise.image_alt or exercise.title)
            self.cue_label.setText(exercise.cue)
        upcoming = self._upcoming()
        self.next_label.setText(_("Next: {title}").format(title=upcoming) if upcoming else _("Last one!"))
        self.phase_bar.setMaximum(max(1, run.phase_seconds))
        self.phase_bar.setValue(max(0, run.phase_seconds - run.remaining))
        self._show_counter(getting_ready, shown)
        if not self.started:
            self.start_button.setText(_("▶ &Start routine"))
        else:
            self.start_button.setText(_("▶ &Continue") if self.paused else _("❚❚ &Pause"))
        if self.started and self.paused:
            self.phase_label.setText(_("Paused"))
        resting = run.phase == REST
        self.skip_button.setText(_("S&kip rest") if resting else _("S&kip exercise"))
        self.easier_button.setEnabled(not resting and run.alternative("easier") is not None)
        self.harder_button.setVisible(self.allow_harder)
        self.harder_button.setEnabled(self.allow_harder and not resting and run.alternative("harder") is not None)
        self.easier_button.setToolTip(self._alternative_tip("easier"))
        self.harder_button.setToolTip(self._alternative_tip("harder"))
        self.skip_button.setEnabled(not run.finished)
        # Once started, "Finish now" is the way out, so the minutes done are never lost by accident.
        self.leave_button.setVisible(not self.started)
        # The stop rules as a list on the start screen; one line on every exercise after that.
        self.stop_rules.setText(stop_rules_html(compact=self.started))
        if self.width() > 1:
            self._fit_buttons(self.width())

    def _show_counter(self, getting_ready: bool, shown) -> None:
        """The counter box: which set, which repetition, the hold or rest counting down."""
        run, item = self.run, self.run.item
        if run.phase == REST:
            if getting_ready:
                self.set_label.setText(_("Rest"))
                self.phase_label.setText(_("Rest, then get into position"))
            else:
                self.set_label.setText(_("Set {n} of {sets} done").format(n=run.set_number, sets=item.sets))
                self.phase_label.setText(_("Rest before set {n}").format(n=run.set_number + 1))
            self.countdown.setText(format_ms(run.remaining * 1000))
            return
        self.set_label.setText(_("Set {n} of {sets}").format(n=run.set_number, sets=item.sets))
        count = item.repetition_count
        repetition = (_("Repetition {n} of {total}").format(n=run.repetition or 1, total=count) if count > 1
                      else (_("One hold") if item.hold_seconds else _("One repetition")))
        if item.hold_seconds:
            stage = run.hold_stage
            if stage == INTO:
                self.phase_label.setText(repetition + "\n" + _("Move slowly into position"))
                self.countdown.setText(_("Ready"))
            elif stage == HOLDING:
                self.phase_label.setText(repetition + "\n" + _("Hold… {n} seconds").format(n=item.hold_seconds))
                self.countdown.setText(str(run.hold_left))
            else:
                self.phase_label.setText(repetition + "\n" + _("Now slowly relax"))
                self.countdown.setText(_("Relax"))
        else:
            self.phase_label.setText(repetition + "\n" + _("Slowly and smoothly"))
            self.countdown.setText(_("{n} left").format(n=run.repetitions_left or 0))

    def _upcoming(self) -> str | None:
        run = self.run
        if run.phase == REST and not run.between_exercises:
            return _("set {n} of {sets}").format(n=run.set_number + 1, sets=run.item.sets)
        if run.phase != REST and run.set_number < run.item.sets:
            return _("set {n} of {sets}").format(n=run.set_number + 1, sets=run.item.sets)
        following_index = run.step_index + (2 if run.between_exercises else 1)
        if following_index < len(run.items):
            following = self.pack.exercise(run.items[following_index].exercise_id)
            return following.title if following else run.items[following_index].exercise_id
        return None

    def _alternative_tip(self, direction: str) -> str:
        other = self.run.alternative(direction)
        found = self.pack.exercise(other) if other else None
        if found is None:
            return _("There is no easier version of this exercise.") if direction == "easier" else \
                _("There is no harder version of this exercise.")
        return _("Switch to: {title}").format(title=found.title)

    # --- the end ---

    def _finish(self) -> None:
        if self.unwell:
            return   # stopped because unwell: nothing is recorded as done
        self.timer.stop()
        if self._audio is not None:
            self._audio.stop()
        minutes = self.run.minutes_done
        if self.started and self.sound.isChecked():
            QApplication.beep()
        completed = self.run.reached_end
        if not self.run.finished:
            self.run.stop()
        if minutes > 0 and self.saved_activity is None:
            self._record(minutes, completed)
        self._show_done(minutes)
        self.finished.emit(minutes)

    def _record(self, minutes: int, completed: bool) -> None:
        """The journal entry and the routine done, in one transaction: both are saved, or neither."""
        note = self.routine.title + (f" — {self.source_label}" if self.source_label else "")
        entry = make_activity(minutes, kind="exercise", source="session", note=note)
        route = CHAIR if self.route == CHAIR else routine_route(self.routine)
        routine, planned, seconds = self.routine, self.planned_seconds, self.run.seconds_done

        def record(profile):
            saved = profile.journal.add(entry)
            done = profile.routine_log.add(make_routine_done(
                routine.id, routine.level, route, planned_seconds=planned, seconds_done=seconds,
                completed=completed, entry_id=saved.id))
            return saved, done

        result = self.context.run(record, changes=Change.JOURNAL | Change.GOALS, parent=self,
                                  done=_("Routine recorded: {n} min of exercise.").format(n=minutes))
        if result is not None:
            self.saved_activity, self.saved_routine = result
            self.recorded.emit(self.saved_activity)
            self.routine_recorded.emit(self.saved_routine)

    def done_exercises(self) -> list[str]:
        """The exercises actually done (after any easier/harder switch), once each, in order."""
        run = self.run
        last = len(run.items) - 1 if run.reached_end else run.step_index
        seen: list[str] = []
        for index, item in enumerate(run.items[: last + 1]):
            if index not in run.skipped and item.exercise_id not in seen:
                seen.append(item.exercise_id)
        return seen

    def _show_done(self, minutes: int, recorded: bool | None = None) -> None:
        recorded = self.saved_activity is not None if recorded is None else recorded
        self.done_title.setText(_("Well done!") if minutes else _("Routine stopped"))
        if recorded:
            self.done_text.setText(_("You did {n} minutes of back exercises. It is in your Journal, and it counts "
                                     "towards your goal and your Progress charts.").format(n=minutes))
        else:
            self.done_text.setText(_("Nothing was recorded because no time had passed. You can start again any time."))
        self._build_effort_rows(self.done_exercises() if recorded else [])
        self.stack.setCurrentIndex(self.DONE)
        self.pain_group.buttons()[0].setFocus()

    def _build_effort_rows(self, exercise_ids: list[str]) -> None:
        while self.effort_rows.count():
            row = self.effort_rows.takeAt(0).widget()
            if row is not None:
                row.setParent(None)
                row.deleteLater()
        self.effort_groups = {}
        for exercise_id in exercise_ids:
            found = self.pack.exercise(exercise_id)
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            name = QLabel(found.title if found else exercise_id)
            name.setMinimumWidth(220)
            name.setWordWrap(True)
            row_layout.addWidget(name)
            group = QButtonGroup(row)
            for answer in EFFORTS:
                button = QRadioButton(effort_label(answer))
                button.setProperty("effort", answer)
                button.setAccessibleName(_("{exercise}: {answer}").format(exercise=name.text(),
                                                                          answer=effort_label(answer)))
                group.addButton(button)
                row_layout.addWidget(button)
            group.buttonClicked.connect(lambda _button: self._answers_changed())
            row_layout.addStretch(1)
            self.effort_rows.addWidget(row)
            self.effort_groups[exercise_id] = group
        self.effort_box.setVisible(bool(exercise_ids))

    def effort_answers(self) -> dict[str, str]:
        return {exercise_id: group.checkedButton().property("effort")
                for exercise_id, group in self.effort_groups.items() if group.checkedButton() is not None}

    def _answers_changed(self) -> None:
        self.save_pain_button.setEnabled(self.pain_group.checkedId() >= 0 or bool(self.effort_answers()))

    def save_pain(self) -> None:
        """Save the pain rating and the effort answers given (either may be left out), together."""
        value = self.pain_group.checkedId()
        effort = self.effort_answers()
        if value < 0 and not effort:
            return
        entry = None if value < 0 else make_pain(value, source="session", context=AFTER_ACTIVITY,
                                                  note=_("After: {routine}").format(routine=self.routine.title))
        run_id = self.saved_routine.id if self.saved_routine is not None else None

        def save(profile):
            saved = profile.journal.add(entry) if entry is not None else None
            if effort and run_id is not None:
                profile.routine_log.set_effort(run_id, effort)
            return saved, True

        done = (_("Pain {n}/10 recorded.").format(n=value) if value >= 0 else _("Thank you: your answers are saved."))
        result = self.context.run(save, changes=Change.JOURNAL | Change.GOALS, parent=self, done=done)
        if result is not None:
            self.saved_pain = result[0]
            self._leave()

    def show_preview(self, state: str) -> None:
        """Put the player in a state for a look only ("exercise", "rest", "done", "soreness"): the clock
        does not run and nothing is written. The smoke test's screenshots use it."""
        self.sound.setChecked(False)
        if state == "soreness":
            self.soreness_run = make_routine_done(
                self.routine.id, self.routine.level, routine_route(self.routine), planned_seconds=self.planned_seconds,
                seconds_done=self.planned_seconds, completed=True, date=dt.date.today() - dt.timedelta(days=2))
            self.soreness.set_last(self.soreness_run)
            self.stack.setCurrentIndex(self.SORENESS_QUESTION)
            return
        self.started = True
        self.set_tick_interval(24 * 3600 * 1000)   # "running", so the screen shows what a running one shows
        self.timer.start()
        if state == "exercise":
            self.run.skip()
            self.run.tick(MOVE_INTO_HOLD if self.run.item.hold_seconds else 2 * SECONDS_PER_REPETITION)
        elif state == "rest":
            while not self.run.between_exercises and not self.run.finished:
                self.run.tick()
            self.run.tick(5)
        elif state == "done":
            self.timer.stop()
            while not self.run.finished:
                self.run.tick()
            self._show_done(self.run.minutes_done, recorded=True)
            return
        self._show_state()

    def _leave(self) -> None:
        self.timer.stop()
        self.closed.emit()

    def hideEvent(self, event) -> None:
        # Leaving the page pauses the routine rather than letting it run on unseen.
        if self.timer.isActive():
            self.timer.stop()
            self._show_state()
        super().hideEvent(event)


def preview_dialog(context, parent: QWidget | None, state: str, routine_id: str = "back-level-2") -> QDialog:
    """The player in one state, in a dialog the size of the Sessions page, for the smoke test's screenshots."""
    from sb_desktop.content import find_pack, load_pack

    pack = load_pack(find_pack())
    dialog = QDialog(parent)
    dialog.setWindowTitle(_("Routine"))
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(12, 12, 12, 12)
    player = RoutinePlayer(context, pack, pack.routine(routine_id), parent=dialog)
    player.show_preview(state)
    layout.addWidget(player)
    dialog.player = player
    window = parent.window() if parent is not None else None
    page = getattr(window, "stack", None)
    if page is not None and page.width() > 200:
        from sb_desktop.ui.common.fit import MARGIN, available_area
        area = available_area(dialog)
        dialog.resize(min(page.width(), int(area.width() * MARGIN)), min(page.height(), int(area.height() * MARGIN)))
    return dialog


def _minutes(seconds: int) -> int:
    """Whole minutes, rounded up, so "about 1 minute to go" never hides the last few seconds."""
    return max(1, math.ceil(seconds / 60)) if seconds > 0 else 0


def _small_muted() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label
