"""The guided routine player: one exercise at a time with its picture, a countdown, cues and level switches.

When the routine ends (or the person finishes early) the minutes actually done are recorded as an exercise
activity in the journal (source "session"), and the person is asked for a pain rating, so routines show
up in the Journal and on Progress. The stop rules are on screen from the start and on every exercise, and
"Stop, I feel unwell" ends the routine at once, shows what to do, and records nothing as done. On the chair
route no floor or lying exercise is ever shown, not even as an easier or harder switch; while a safety
answer is unresolved, "Harder" is not offered.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QImage, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.entries import AFTER_ACTIVITY, make_activity, make_pain
from sb_desktop.domain.routes import fits_route
from sb_desktop.domain.routine import (
    FINISHED,
    REST,
    STEP_STARTED,
    WORK,
    RoutineRun,
    plan_routine,
)
from sb_desktop.domain.safety import soreness_note, stop_rules, stop_rules_heading, unwell_advice
from sb_desktop.i18n import _
from sb_desktop.ui.common.widgets import panel_style
from sb_desktop.ui.sessions.narration_player import AudioPlayer, format_ms

IMAGE_SIZE = 300


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
    closed = Signal()
    stopped_unwell = Signal()

    PLAY, DONE, UNWELL = 0, 1, 2

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
        self.started = False
        self.saved_activity = None
        self.saved_pain = None
        self._audio = audio
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self._build()
        self._show_state()

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
        self.picture.setFixedSize(IMAGE_SIZE + 16, IMAGE_SIZE + 16)
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
        self.skip_button = QPushButton(_("S&kip this exercise"))
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
        buttons = QHBoxLayout()
        for button in (self.start_button, self.skip_button, self.easier_button, self.harder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.sound)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.unwell_button)

        self.next_label = _small_muted()
        counter_layout.addWidget(self.next_label)
        text_column = QVBoxLayout()
        text_column.addWidget(self.exercise_title)
        text_column.addWidget(self.steps_label)
        text_column.addStretch(1)
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
        play_layout = QVBoxLayout(play)
        play_layout.addLayout(header)
        play_layout.addWidget(self.position_label)
        play_layout.addWidget(self.overall)
        self.stop_rules = stop_rules_box()
        play_layout.addWidget(self.stop_rules)
        play_layout.addLayout(middle, 1)
        play_layout.addLayout(buttons)
        self.stack.addWidget(play)
        self.stack.addWidget(self._build_done())
        self.stack.addWidget(self._build_unwell())

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
        done = QWidget()
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
            button.setStyleSheet("QPushButton:checked { background: #2f6db5; color: white; font-weight: bold; }")
            button.setAccessibleName(_("Pain {n} out of 10").format(n=value))
            self.pain_group.addButton(button, value)
            row.addWidget(button)
        row.addStretch(1)
        self.save_pain_button = QPushButton(_("Save &rating"))
        self.save_pain_button.setEnabled(False)
        self.pain_group.idClicked.connect(lambda _id: self.save_pain_button.setEnabled(True))
        self.save_pain_button.clicked.connect(self.save_pain)
        self.skip_pain_button = QPushButton(_("Not now — back to sessions"))
        self.skip_pain_button.clicked.connect(self._leave)
        self.soreness = QLabel(_("A little soreness after new exercise is normal and is not a sign of harm."))
        self.soreness.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.save_pain_button)
        actions.addWidget(self.skip_pain_button)
        actions.addStretch(1)
        layout = QVBoxLayout(done)
        layout.addWidget(self.done_title)
        layout.addWidget(self.done_text)
        layout.addSpacing(12)
        layout.addWidget(question)
        layout.addLayout(row)
        layout.addWidget(self.soreness)
        layout.addLayout(actions)
        layout.addStretch(1)
        return done

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
        self.run.phase = "done"
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
        exercise = self._exercise()
        self.title.setText(self.routine.title)
        self.position_label.setText(_("Exercise {n} of {total} · set {set} of {sets}").format(
            n=run.step_index + 1, total=len(run.items), set=run.set_number, sets=item.sets))
        self.overall.setMaximum(max(1, run.total_seconds))
        self.overall.setValue(min(run.total_seconds, self._planned_done()))
        self.exercise_title.setText(exercise.title if exercise else item.exercise_id)
        if exercise is not None:
            steps = "".join(f"<li style='margin-bottom:4px'>{_escape(s)}</li>" for s in exercise.steps)
            self.steps_label.setText(f"<ol>{steps}</ol>")
            pixmap = exercise_pixmap(exercise.image)
            self.picture.setPixmap(pixmap)
            self.picture.setAccessibleName(exercise.image_alt or exercise.title)
            self.cue_label.setText(exercise.cue)
        upcoming = self._upcoming()
        self.next_label.setText(_("Next: {title}").format(title=upcoming) if upcoming else _("Last one!"))
        phase_total = run.rest_seconds if run.phase == REST else item.work_seconds
        self.phase_bar.setMaximum(max(1, phase_total))
        self.phase_bar.setValue(max(0, phase_total - run.remaining))
        if run.phase == REST:
            self.phase_label.setText(_("Rest"))
            self.countdown.setText(format_ms(run.remaining * 1000))
        elif item.hold_seconds:
            self.phase_label.setText(_("Hold for {n} seconds").format(n=item.hold_seconds))
            self.countdown.setText(format_ms(run.remaining * 1000))
        else:
            left = run.repetitions_left or 0
            self.phase_label.setText(_("{n} repetitions, slowly").format(n=item.repetitions))
            self.countdown.setText(_("{n} left").format(n=left))
        if not self.started:
            self.start_button.setText(_("▶ &Start routine"))
        else:
            self.start_button.setText(_("▶ &Continue") if self.paused else _("❚❚ &Pause"))
        if self.started and self.paused:
            self.phase_label.setText(_("Paused"))
        self.easier_button.setEnabled(run.alternative("easier") is not None)
        self.harder_button.setVisible(self.allow_harder)
        self.harder_button.setEnabled(self.allow_harder and run.alternative("harder") is not None)
        self.easier_button.setToolTip(self._alternative_tip("easier"))
        self.harder_button.setToolTip(self._alternative_tip("harder"))
        self.skip_button.setEnabled(not run.finished)
        # Once started, "Finish now" is the way out, so the minutes done are never lost by accident.
        self.leave_button.setVisible(not self.started)
        # The stop rules as a list on the start screen; one line on every exercise after that.
        self.stop_rules.setText(stop_rules_html(compact=self.started))

    def _upcoming(self) -> str | None:
        run = self.run
        if run.set_number < run.item.sets:
            return _("set {n} of {sets}").format(n=run.set_number + 1, sets=run.item.sets)
        if run.step_index + 1 < len(run.items):
            following = self.pack.exercise(run.items[run.step_index + 1].exercise_id)
            return following.title if following else run.items[run.step_index + 1].exercise_id
        return None

    def _alternative_tip(self, direction: str) -> str:
        other = self.run.alternative(direction)
        found = self.pack.exercise(other) if other else None
        if found is None:
            return _("There is no easier version of this exercise.") if direction == "easier" else \
                _("There is no harder version of this exercise.")
        return _("Switch to: {title}").format(title=found.title)

    def _planned_done(self) -> int:
        run = self.run
        done = 0
        for item in run.items[: run.step_index]:
            done += item.sets * item.work_seconds + item.sets * run.rest_seconds
        item = run.item
        done += (run.set_number - 1) * (item.work_seconds + run.rest_seconds)
        if run.phase == WORK:
            done += item.work_seconds - run.remaining
        elif run.phase == REST:
            done += item.work_seconds + run.rest_seconds - run.remaining
        return done

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
        if minutes > 0 and self.saved_activity is None:
            note = self.routine.title + (f" — {self.source_label}" if self.source_label else "")
            entry = make_activity(minutes, kind="exercise", source="session", note=note)
            self.saved_activity = self.context.run(lambda profile: profile.journal.add(entry), parent=self,
                                                   done=_("Routine recorded: {n} min of exercise.").format(n=minutes))
            if self.saved_activity is not None:
                self.recorded.emit(self.saved_activity)
        self.run.phase = "done"
        self.done_title.setText(_("Well done!") if minutes else _("Routine stopped"))
        if self.saved_activity is not None:
            self.done_text.setText(_("You did {n} minutes of back exercises. It is in your Journal, and it counts "
                                     "towards your goal and your Progress charts.").format(n=minutes))
        else:
            self.done_text.setText(_("Nothing was recorded because no time had passed. You can start again any time."))
        self.stack.setCurrentIndex(1)
        self.pain_group.buttons()[0].setFocus()
        self.finished.emit(minutes)

    def save_pain(self) -> None:
        value = self.pain_group.checkedId()
        if value < 0:
            return
        entry = make_pain(value, source="session", context=AFTER_ACTIVITY,
                          note=_("After: {routine}").format(routine=self.routine.title))
        self.saved_pain = self.context.run(lambda profile: profile.journal.add(entry), parent=self,
                                           done=_("Pain {n}/10 recorded.").format(n=value))
        if self.saved_pain is not None:
            self._leave()

    def _leave(self) -> None:
        self.timer.stop()
        self.closed.emit()

    def hideEvent(self, event) -> None:
        # Leaving the page pauses the routine rather than letting it run on unseen.
        if self.timer.isActive():
            self.timer.stop()
            self._show_state()
        super().hideEvent(event)


def stop_rules_html(compact: bool = False) -> str:
    """The exercise stop rules, from the one safety source: a list before the start, one line after."""
    heading = f"<b>{_escape(stop_rules_heading())}:</b>"
    if compact:
        return f"{heading} {_escape('; '.join(stop_rules()))}. {_escape(soreness_note())}"
    items = "".join(f"<li>{_escape(rule)}</li>" for rule in stop_rules())
    return (f"{heading}<ul style='margin-top:2px; margin-bottom:2px'>{items}</ul>"
            f"{_escape(soreness_note())}")


def stop_rules_box(compact: bool = False) -> QLabel:
    """The exercise stop rules in a calm box."""
    label = QLabel(stop_rules_html(compact))
    label.setObjectName("stop-rules")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setStyleSheet(panel_style("QLabel#stop-rules", "#fff8ec", "#e0b36a", radius=6, extra="padding: 6px 10px;"))
    label.setAccessibleName(stop_rules_heading())
    return label


def _small_muted() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
