"""The weekly review: safety questions first, then how the week went, what got in the way, feedback and the
goal for next week, and a quick re-rating of the person's activities (PSFS)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.goals import (
    CONFIDENCE_AIM,
    DECISIONS,
    KEEP,
    MET,
    RESULTS,
    STEP_UP,
    Goal,
    WeekProgress,
    make_goal,
)
from sb_desktop.domain.measures import make_psfs, psfs_previous
from sb_desktop.domain.progression import smaller_choice
from sb_desktop.domain.review import (
    BARRIERS,
    GoalReview,
    barrier_label,
    decision_label,
    feedback,
    module_title,
    result_label,
)
from sb_desktop.domain.safety import WEEKLY, feedback_while_escalated
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.common.widgets import panel_style
from sb_desktop.ui.goals.dialogs import ChoiceGroup, PsfsForm, heading, note
from sb_desktop.ui.goals.measures_widgets import WeekStrip
from sb_desktop.ui.goals.widgets import ConfidenceQuestion, SmallerGoalOffer
from sb_desktop.ui.safety.red_flags import RedFlagPanel

SAFETY, RESULT, WEEKS_STEP, BARRIER_STEP, FEEDBACK, PSFS_STEP = range(6)


def open_module(context: AppContext, parent: QWidget | None, module_id: str, pages: tuple[str, ...] = ()) -> None:
    """Show Sessions and, when the main window offers its pages, open the module itself (at the first of
    `pages` the person can open, when the Sessions page knows how)."""
    context.navigate.emit("sessions")
    page_for = getattr(parent.window(), "page", None) if parent is not None else None
    sessions = page_for("sessions") if callable(page_for) else None
    topic_opener = getattr(sessions, "open_topic", None)
    if pages and callable(topic_opener):
        topic_opener(module_id, pages)
        return
    opener = getattr(sessions, "open_module", None)
    if callable(opener):
        opener(module_id)


def week_sentence(week: WeekProgress) -> str:
    if week.goal.is_routine:
        return _("You followed the routine to the end on {met} of {target} days, and were active on {active} days "
                 "({minutes} minutes of exercise in all).").format(met=week.days_met, target=week.target_days,
                                                                    active=week.days_active, minutes=week.minutes_total)
    return _("You reached your goal on {met} of {target} days, and were active on {active} days "
             "({minutes} minutes in all).").format(met=week.days_met, target=week.target_days,
                                                    active=week.days_active, minutes=week.minutes_total)


class ReviewDialog(QDialog):
    def __init__(self, context: AppContext, parent=None, *, today: dt.date | None = None):
        super().__init__(parent)
        self.context = context
        self.today = today or dt.date.today()
        overview = context.profile.overview(self.today)
        self.goal = overview.goal
        self.week = overview.week
        self.effort = overview.effort     # how the week felt: decides whether a step up is offered
        if self.goal is None or self.week is None:
            raise ValueError("a weekly review needs a current goal")
        self.saved: GoalReview | None = None
        # Next week's goal made smaller again from the offer, below the review's own "make it smaller" (the
        # decision it belongs to, and the goal); and a rating under 7 the person chose to keep as it is.
        self.smaller_taken: tuple[str, Goal] | None = None
        self.kept_as_is: tuple[Goal, int] | None = None
        self.setWindowTitle(_("Weekly review"))
        self.resize(760, 660)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        self.step_label = note("", small=True)
        layout.addWidget(self.step_label)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.safety = RedFlagPanel(context, WEEKLY, self)
        self.stack.addWidget(self._page(_("First, a quick safety check"), self.safety))
        self.stack.addWidget(self._result_page())
        self.stack.addWidget(self._weeks_page())
        self.stack.addWidget(self._barrier_page())
        self.stack.addWidget(self._feedback_page())
        self.stack.addWidget(self._psfs_page())

        buttons = QHBoxLayout()
        self.back = QPushButton(_("Back"))
        self.back.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next = QPushButton(_("Next"))
        self.next.setDefault(True)
        self.next.clicked.connect(self._next)
        self.cancel = QPushButton(_("Not now"))
        self.cancel.clicked.connect(self.reject)
        # Enter always means Next, even after focus has wandered to Back or Not now (Space still presses them):
        # a row of Enters must never throw the review away.
        for quiet in (self.back, self.cancel):
            quiet.setAutoDefault(False)
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        layout.addLayout(buttons)
        self.safety.completed_changed.connect(lambda _done: self._update_buttons())
        self.go(SAFETY)

    # --- pages ---

    def _page(self, title: str, *widgets) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(title))
        for widget in widgets:
            layout.addWidget(widget, 1 if isinstance(widget, RedFlagPanel) else 0)
        if not any(isinstance(w, RedFlagPanel) for w in widgets):
            layout.addStretch(1)
        return page

    def _result_page(self) -> QWidget:
        week = self.week
        period = _("{start} to {end}").format(start=f"{week.start:%a %d %b}", end=f"{min(week.end, self.today):%a %d %b}")
        summary = note(_("Your goal: {goal}").format(goal=self.goal.describe()) + "\n" + period)
        strip = WeekStrip()
        strip.set_week(week, self.today)
        self.computed = note(week_sentence(week))
        self.result_choice = ChoiceGroup([(i, result_label(r)) for i, r in enumerate(RESULTS)], columns=3,
                                         accessible=_("How did it go"))
        self.result_choice.set_value(RESULTS.index(week.result))
        check = note(_("From your journal this looks like: {result}. If something was not written down, "
                       "choose what really happened.").format(result=result_label(week.result)), small=True)
        self.result_choice.changed.connect(self._refresh_feedback)
        widgets = [summary, strip, self.computed, heading(_("Does this look right?"), 1.0), self.result_choice, check]
        if self.today < week.end:
            widgets.insert(1, note(_("Your goal week runs until {end}. Reviewing now covers the days so far, and "
                                     "next week's goal starts tomorrow.").format(end=f"{week.end:%A %d %B}")))
        return self._page(_("How did your week go?"), *widgets)

    def _weeks_page(self) -> QWidget:
        from sb_desktop.ui.goals.review_weeks import ReviewWeeksPanel
        self.weeks_panel = ReviewWeeksPanel(self.context, self.week.start, min(self.week.end, self.today), self)
        return self._page(_("Your week in numbers"), self.weeks_panel)

    def _barrier_page(self) -> QWidget:
        self.barrier_title = heading("", 1.0)
        self.barrier_boxes: dict[str, QCheckBox] = {}
        box = QWidget()
        box_layout = QGridLayout(box)
        box_layout.setContentsMargins(12, 0, 0, 0)
        box_layout.setVerticalSpacing(6)
        rows = (len(BARRIERS) + 1) // 2     # two columns, read down the first then the second
        for index, barrier in enumerate(BARRIERS):
            check = QCheckBox(barrier_label(barrier))
            check.toggled.connect(self._refresh_feedback)
            self.barrier_boxes[barrier] = check
            box_layout.addWidget(check, index % rows, index // rows)
        self.barrier_note = QLineEdit()
        self.barrier_note.setPlaceholderText(_("Anything you would like to add (optional)"))
        self.barrier_note.setMaxLength(500)
        self.barrier_note.setAccessibleName(_("What got in the way, in your words"))
        return self._page(_("What got in the way?"), self.barrier_title, box, self.barrier_note,
                          note(_("Choose as many as you like, or none."), small=True))

    def _feedback_page(self) -> QWidget:
        self.message = note("")
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.message.setFont(font)
        self.tips = note("")
        self.module_box = QFrame()
        self.module_box.setObjectName("module-suggestion")
        self.module_box.setStyleSheet(panel_style("QFrame#module-suggestion", "#eef5fb", "#b9d3ea", radius=6))
        module_layout = QHBoxLayout(self.module_box)
        self.module_text = note("")
        self.open_module = QCheckBox(_("Take me to Sessions when I finish"))
        self.open_module.setChecked(True)
        module_layout.addWidget(self.module_text, 1)
        module_layout.addWidget(self.open_module)
        self.decision_choice = ChoiceGroup([(i, decision_label(d)) for i, d in enumerate(DECISIONS)],
                                           accessible=_("Next week's goal"))
        self.decision_choice.changed.connect(self._decision_chosen)
        self.suggestion_note = note("", small=True)
        self.proposal = note("", small=True)
        # Every goal gets a confidence rating, the new week's too; the same question and offer as the goal
        # window (ui/goals/widgets.py). Optional: left out, no rating is stored.
        self.next_confidence = ConfidenceQuestion(
            _("How sure are you that you can do next week's goal?"),
            hint=_("0 means not at all sure, 10 means completely sure. Aim for 7 or more. You can leave this out."))
        self.next_confidence.changed.connect(self._update_offer)
        self.smaller_offer = SmallerGoalOffer()
        self.smaller_offer.take.connect(self._take_smaller)
        self.smaller_offer.keep.connect(self._keep_as_is)
        return self._page(_("Looking back, and next week"), self.message, self.tips, self.module_box,
                          heading(_("Your goal for next week"), 1.0), self.suggestion_note, self.decision_choice,
                          self.proposal, self.next_confidence, self.smaller_offer)

    def _psfs_page(self) -> QWidget:
        previous = psfs_previous(self.context.profile.measures.responses())
        self.psfs = PsfsForm(previous)
        self.skip_psfs = QCheckBox(_("Skip the ratings this week"))
        return self._page(_("Your activities this week"), self.psfs, self.skip_psfs)

    # --- flow ---

    def go(self, index: int) -> None:
        index = max(SAFETY, min(PSFS_STEP, index))
        if index == BARRIER_STEP:
            result = self.result()
            self.barrier_title.setText(_("Was there anything that made it harder? (optional)") if result == MET
                                       else _("It helps to name what got in the way, so next week can fit better."))
        if index == FEEDBACK:
            self._refresh_feedback()
            chosen = self.decision_choice.value()
            if chosen is None or DECISIONS[chosen] not in self.feedback.options:
                self._preselect()
            self._show_proposal()
        self.stack.setCurrentIndex(index)
        self.step_label.setText(_("Step {n} of {total}").format(n=index + 1, total=self.stack.count()))
        self._update_buttons()
        if not self.next.isEnabled() or self.cancel.hasFocus() or self.back.hasFocus():
            self._focus_page()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # Shown part-way (a step chosen before the window appears): the keyboard starts on that step's answers.
        if self.focusWidget() in (None, self.cancel, self.back):
            self._focus_page()

    def _focus_page(self) -> None:
        """Put the keyboard on the step's first answer (or on Next), never on Not now."""
        page = self.stack.currentWidget()
        target = next((w for w in page.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus
                       and w.isVisibleTo(page) and w.isEnabled()), None) if page is not None else None
        (target or self.next).setFocus()

    def _next(self) -> None:
        index = self.stack.currentIndex()
        if index == SAFETY:
            if self.safety.complete() is None:
                return
        if index == PSFS_STEP:
            self.save()
            return
        self.go(index + 1)

    def _update_buttons(self) -> None:
        index = self.stack.currentIndex()
        self.back.setEnabled(index > RESULT)   # the safety answers are already recorded
        self.next.setText(_("Finish") if index == PSFS_STEP else _("Next"))
        if index == SAFETY:
            self.next.setEnabled(self.safety.is_complete())
        else:   # a step up is never chosen for the person: with nothing preselected, they choose first; and
            # a smaller goal on offer waits for "Make it smaller" or "Keep my goal as it is"
            self.next.setEnabled(index != FEEDBACK or (self.decision() is not None
                                                       and self.smaller_offer.offered is None))
        self.next.setVisible(not (index == SAFETY and self.safety.advice_showing))

    def result(self) -> str:
        value = self.result_choice.value()
        return RESULTS[value] if value is not None else self.week.result

    def barriers(self) -> list[str]:
        return [b for b, check in self.barrier_boxes.items() if check.isChecked()]

    def _feedback(self):
        """The feedback for the week, with next week's suggestion decided from how the week went and felt
        (domain/progression.py); while a safety answer is unresolved (even one given in this review's own
        questions) it never congratulates and never offers a step-up."""
        allowed = self.context.profile.safety.status().step_up_allowed
        fb = feedback(self.result(), self.goal, self.barriers(), self.effort, step_up_allowed=allowed)
        if not allowed:
            fb = feedback_while_escalated(fb)
        return fb

    def _preselect(self) -> None:
        """Choose the suggested decision for the person only where that is safe to assume (keep, or smaller);
        a step up is offered and left for them to choose."""
        self.smaller_taken = None
        if self.feedback.preselected and self.feedback.recommended in self.feedback.options:
            self.decision_choice.set_value(DECISIONS.index(self.feedback.recommended))
            return
        self.decision_choice.clear()

    def _refresh_feedback(self) -> None:
        self.feedback = self._feedback()
        self.message.setText(self.feedback.message)
        self.tips.setText("\n\n".join(self.feedback.tips))
        self.tips.setVisible(bool(self.feedback.tips))
        module = self.feedback.suggested_module
        self.module_box.setVisible(module is not None)
        if module:
            self.module_text.setText(_("A topic that may help: <b>{title}</b>. It is in Sessions, open at any time.").format(
                title=self.feedback.suggested_title or module_title(module)))
        from sb_desktop.domain.progression import Suggestion, suggestion_text
        fb = self.feedback
        self.suggestion_note.setText(suggestion_text(Suggestion(fb.recommended, fb.preselected, fb.options,
                                                                fb.proposals, fb.reason)) if fb.reason else "")
        for index, decision in enumerate(DECISIONS):
            button = self.decision_choice.group.button(index)
            button.setEnabled(decision in fb.options)
            label = decision_label(decision)
            if decision == STEP_UP and decision in fb.options:
                label += " " + _("(only if you would like a new challenge)")
            elif decision == fb.recommended:
                label += " " + _("(suggested)")
            button.setText(label)
            if button.isChecked() and not button.isEnabled():   # no longer offered (a safety answer)
                self._preselect()

    def decision(self) -> str | None:
        """The decision chosen; None while nothing is chosen (a step up is never chosen for the person)."""
        value = self.decision_choice.value()
        if value is not None:
            return DECISIONS[value]
        feedback = getattr(self, "feedback", None)
        return feedback.recommended if feedback is not None and feedback.preselected else None

    def next_goal(self) -> Goal | None:
        """Next week's goal as chosen so far; None while no decision is chosen."""
        decision = self.decision()
        if decision is None:
            return None
        if self.smaller_taken is not None and self.smaller_taken[0] == decision:
            return self.smaller_taken[1]
        return self.feedback.proposals[decision]

    def _decision_chosen(self) -> None:
        self.smaller_taken = None    # the person chose again: any goal made smaller from the offer goes
        self._show_proposal()

    def _show_proposal(self) -> None:
        goal = self.next_goal()
        if goal is None:
            self.proposal.setText(_("Choose one of these to carry on."))
        else:
            self.proposal.setText(_("Next week: {goal}").format(goal=goal.describe()))
        self._update_offer()

    # --- how sure for next week: under 7, a smaller goal is offered, and the person chooses ---

    def _smaller(self) -> tuple[str, Goal] | None:
        decision, goal = self.decision(), self.next_goal()
        if decision is None or goal is None:
            return None
        proposals = dict(self.feedback.proposals)
        proposals[decision] = goal
        return smaller_choice(decision, self.feedback.options, proposals)

    def _update_offer(self) -> None:
        rating, goal = self.next_confidence.value(), self.next_goal()
        smaller = self._smaller()
        if goal is None or rating is None or rating >= CONFIDENCE_AIM or smaller is None \
                or self.kept_as_is == (goal, rating):
            self.smaller_offer.withdraw()
        else:
            self.smaller_offer.offer(replace(goal, confidence=rating), smaller[1])
        self._update_buttons()

    def _take_smaller(self) -> None:
        """Make next week's goal the smaller one and ask again how sure the person is (as the goal window does)."""
        smaller = self._smaller()
        if smaller is None:
            return
        decision, goal = smaller
        if decision != self.decision():
            self.decision_choice.set_value(DECISIONS.index(decision))
            self.smaller_taken = None
        else:
            self.smaller_taken = (decision, goal)
        self.kept_as_is = None
        self.next_confidence.clear()
        self._show_proposal()
        self.proposal.setText(self.proposal.text() + " " + _("How sure are you now?"))
        self.next_confidence.group.buttons()[0].setFocus()

    def _keep_as_is(self) -> None:
        goal, rating = self.next_goal(), self.next_confidence.value()
        if goal is None or rating is None:
            return
        self.kept_as_is = (goal, rating)
        self._update_offer()
        self.next.setFocus()

    def save(self) -> None:
        fb = self._feedback()
        decision = self.decision()
        if decision is None:
            self.go(FEEDBACK)   # nothing chosen yet: the person chooses; nothing is assumed
            return
        if self.smaller_offer.offered is not None:
            self.go(FEEDBACK)   # the smaller goal on offer waits for the person's choice
            return
        if decision not in fb.options:
            decision = fb.recommended if fb.preselected else KEEP
        taken = self.smaller_taken
        proposed = taken[1] if taken is not None and taken[0] == decision else fb.proposals[decision]
        confidence = self.next_confidence.value()   # None: left out, and no rating is stored
        period_end = min(self.week.end, self.today)
        next_start = period_end + dt.timedelta(days=1)
        new_goal = None
        if proposed != self.goal:
            new_goal = make_goal(proposed.activity, proposed.level, proposed.days_per_week,
                                 None if proposed.is_routine and not proposed.minutes else proposed.minutes,
                                 unit=proposed.unit, repetitions=proposed.repetitions, start_date=next_start,
                                 plan_when=proposed.plan_when, plan_days=proposed.plan_days, confidence=confidence)
        review = GoalReview(
            goal_id=self.goal.id, period_start=self.week.start, period_end=period_end,
            computed_result=self.week.result, result=self.result(), days_met=self.week.days_met,
            days_active=self.week.days_active, minutes_total=self.week.minutes_total, barriers=tuple(self.barriers()),
            barrier_note=self.barrier_note.text(), decision=decision, feedback=fb.message,
            suggested_module=fb.suggested_module, safety_check_id=self.safety.check.id if self.safety.check else None,
        )
        ratings = None if self.skip_psfs.isChecked() else self.psfs.ratings()
        if ratings is not None and not any(name.strip() or score is not None for name, score in ratings):
            ratings = None   # nothing filled in: treated as skipped

        feel = self.weeks_panel.answer()

        def store(profile):
            psfs = make_psfs(ratings) if ratings is not None else None   # validate before writing anything
            # A kept goal carries on as the same goal: the rating for the coming week is stored on it.
            saved = profile.goals.add_review(review, new_goal,
                                             kept_confidence=confidence if new_goal is None else None)
            if psfs is not None:
                profile.measures.add(psfs)
            if feel is not None:   # how the back felt on the more active days, kept with this review's week
                from sb_desktop.domain.week_review import make_feel_answer
                profile.measures.add(make_feel_answer(feel, review.period_start, review.period_end,
                                                      active_days=list(self.weeks_panel.weeks.more_active_days)))
            return saved

        self.saved = self.context.run(store, done=_("Weekly review saved."), parent=self, changes=Change.GOALS | Change.MEASURES)
        if self.saved is not None:
            self.accept()
            if fb.suggested_module and self.open_module.isChecked():
                open_module(self.context, self.parentWidget(), fb.suggested_module, fb.suggested_pages)

    def reject(self) -> None:
        if self.safety.advice_showing:
            return   # the advice cannot be closed unread
        super().reject()

