"""A guided exercise routine as a step-by-step timeline: repetitions, holds, sets, rests, skips and level
switches, timed the way a person really does them.

Pure Python: the player widget calls `tick()` once a second (faster in tests) and redraws from the state.
Exercises and routines are the content pack's objects (anything with the same attributes works).

How long things take (the planned total is the sum of these, so it matches what the player counts down):
- a repetition without a hold: SECONDS_PER_REPETITION (a slow, comfortable pace, about two seconds each way);
- a held repetition: MOVE_INTO_HOLD + the hold + MOVE_OUT_OF_HOLD, so eight 5-second holds take
  8 x (2 + 5 + 2) = 72 seconds, not 40 (and a step that only says "hold 20 seconds" is one such hold);
- after each set but the last of an exercise: that step's rest (`rest_seconds` on the step, else the routine's);
- between two exercises: the rest, plus CHANGEOVER_SECONDS to get into position for the next one.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

SECONDS_PER_REPETITION = 4   # a slow, comfortable pace: about two seconds each way
MOVE_INTO_HOLD = 2           # moving slowly into the held position
MOVE_OUT_OF_HOLD = 2         # and slowly out of it again
CHANGEOVER_SECONDS = 10      # between exercises: time to get into position for the next one
WORK, REST, DONE = "work", "rest", "done"
# Within a held repetition: moving into it, holding, coming out of it.
INTO, HOLDING, OUT = "into", "holding", "out"
# What tick() reports when something changes, so the player can give a cue.
STEP_STARTED, SET_STARTED, REST_STARTED, FINISHED = "step_started", "set_started", "rest_started", "finished"


@dataclass(frozen=True)
class RoutineItem:
    """One exercise as the routine asks for it: `repetitions` of it (each held for `hold_seconds` when given),
    in `sets` sets, with `rest_seconds` after each set (None: the routine's rest)."""

    exercise_id: str
    sets: int
    repetitions: int | None
    hold_seconds: int | None
    rest_seconds: int | None = None

    @property
    def repetition_count(self) -> int:
        """How many repetitions make one set (a step that only gives a hold is one hold)."""
        return self.repetitions or 1

    @property
    def repetition_seconds(self) -> int:
        """One repetition: the movement, or moving in, holding and moving out."""
        if self.hold_seconds:
            return MOVE_INTO_HOLD + self.hold_seconds + MOVE_OUT_OF_HOLD
        return SECONDS_PER_REPETITION

    @property
    def work_seconds(self) -> int:
        """One set."""
        return self.repetition_count * self.repetition_seconds

    def rest_after_set(self, routine_rest: int) -> int:
        return routine_rest if self.rest_seconds is None else self.rest_seconds


def plan_routine(routine, exercise) -> list[RoutineItem]:
    """Turn a routine's steps into items; `exercise(id)` looks an exercise up.

    What a step says wins; what it leaves out comes from the exercise (a bridge the step asks for 10 times
    is still held for the bridge's own 3 seconds each time)."""
    items = []
    for step in routine.steps:
        found = exercise(step.exercise)
        hold = step.hold_seconds or getattr(found, "hold_seconds", None)
        reps = step.repetitions or getattr(found, "repetitions", None)
        items.append(RoutineItem(step.exercise, max(1, step.sets or 1), reps, hold,
                                 getattr(step, "rest_seconds", None)))
    return items


def planned_seconds(items: list[RoutineItem], rest_seconds: int) -> int:
    """The planned length of a routine followed as written: every set, every rest and every changeover."""
    total = 0
    for index, item in enumerate(items):
        rest = item.rest_after_set(rest_seconds)
        total += item.sets * item.work_seconds + (item.sets - 1) * rest
        if index < len(items) - 1:
            total += rest + CHANGEOVER_SECONDS
    return total


def routine_seconds(routine, exercise) -> int:
    """How long the whole routine takes when followed as written, in seconds."""
    return planned_seconds(plan_routine(routine, exercise), routine.rest_seconds)


def routine_minutes(routine, exercise) -> int:
    """How long the whole routine takes when followed as written, in whole minutes (at least 1)."""
    return max(1, round(routine_seconds(routine, exercise) / 60))


def prescribed_minutes(routine, programme) -> tuple[int, int] | None:
    """The minutes a routine should last: its own `minutes` when it gives them (a short flare-up routine),
    else its programme level's; None when neither says."""
    own = getattr(routine, "minutes", None)
    if own:
        return (int(own[0]), int(own[1]))
    level = programme.level(routine.level) if programme is not None else None
    return (int(level.minutes[0]), int(level.minutes[1])) if level is not None else None


class RoutineRun:
    """Where the person is in a routine, and how long they have actually been at it."""

    def __init__(self, items: list[RoutineItem], rest_seconds: int, exercise=None):
        if not items:
            raise ValueError("a routine needs at least one step")
        self.items = list(items)
        self.rest_seconds = max(0, int(rest_seconds))
        self._exercise = exercise          # id -> exercise object, for easier/harder switches
        self.step_index = 0
        self.set_number = 1
        self.phase = WORK
        self.remaining = self.items[0].work_seconds
        self.phase_seconds = self.remaining   # how long the current work set or rest lasts in all
        self.seconds_done = 0              # seconds actually spent working or resting (not paused, not skipped)
        self.reached_end = False           # followed to the end (skipping some exercises on the way is allowed)
        self.skipped: list[int] = []       # step indices skipped
        self.switches: list[tuple[int, str, str]] = []  # (step, from exercise, to exercise)

    # --- reading ---

    @property
    def item(self) -> RoutineItem:
        return self.items[min(self.step_index, len(self.items) - 1)]

    @property
    def finished(self) -> bool:
        return self.phase == DONE

    @property
    def between_exercises(self) -> bool:
        """Resting after an exercise's last set: the next exercise comes after this rest."""
        return self.phase == REST and self.set_number >= self.item.sets

    @property
    def next_item(self) -> RoutineItem | None:
        return self.items[self.step_index + 1] if self.step_index + 1 < len(self.items) else None

    def _elapsed_in_set(self) -> int:
        return self.item.work_seconds - self.remaining

    @property
    def repetition(self) -> int | None:
        """Which repetition of this set is under way (1-based), while working."""
        if self.phase != WORK:
            return None
        return min(self.item.repetition_count, self._elapsed_in_set() // self.item.repetition_seconds + 1)

    @property
    def repetitions_left(self) -> int | None:
        """While working: how many repetitions of this set are still to do (the current one included)."""
        if self.phase != WORK:
            return None
        return math.ceil(self.remaining / self.item.repetition_seconds)

    @property
    def hold_stage(self) -> str | None:
        """For a held exercise while working: INTO, HOLDING or OUT."""
        if self.phase != WORK or not self.item.hold_seconds:
            return None
        within = self._elapsed_in_set() % self.item.repetition_seconds
        if within < MOVE_INTO_HOLD:
            return INTO
        if within < MOVE_INTO_HOLD + self.item.hold_seconds:
            return HOLDING
        return OUT

    @property
    def hold_left(self) -> int | None:
        """Seconds of the current hold still to go, while holding."""
        if self.hold_stage != HOLDING:
            return None
        within = self._elapsed_in_set() % self.item.repetition_seconds
        return MOVE_INTO_HOLD + (self.item.hold_seconds or 0) - within

    @property
    def minutes_done(self) -> int:
        """Whole minutes actually done, rounded; any real effort counts as at least one minute."""
        if self.seconds_done == 0:
            return 0
        return max(1, round(self.seconds_done / 60))

    @property
    def total_seconds(self) -> int:
        """The planned length of the whole routine (as it now stands, switches included), rests included."""
        return planned_seconds(self.items, self.rest_seconds)

    @property
    def planned_done(self) -> int:
        """How far through the plan the person is, in planned seconds (skipped parts count as passed)."""
        done = planned_seconds(self.items[: self.step_index], self.rest_seconds)
        if self.step_index:
            previous = self.items[self.step_index - 1]
            done += previous.rest_after_set(self.rest_seconds) + CHANGEOVER_SECONDS
        if self.phase == DONE:
            return self.total_seconds
        item = self.item
        rest = item.rest_after_set(self.rest_seconds)
        done += (self.set_number - 1) * (item.work_seconds + rest)
        if self.phase == WORK:
            done += item.work_seconds - self.remaining
        else:
            done += item.work_seconds + self.phase_seconds - self.remaining
        return min(done, self.total_seconds)

    @property
    def seconds_left(self) -> int:
        """Planned seconds still to go."""
        return max(0, self.total_seconds - self.planned_done)

    # --- moving on ---

    def tick(self, seconds: int = 1) -> str | None:
        """Let `seconds` pass; returns the event that happened at the end of it, if any."""
        event = None
        for _ in range(seconds):
            if self.phase == DONE:
                break
            self.seconds_done += 1
            self.remaining -= 1
            if self.remaining <= 0:
                event = self._advance()
        return event

    def _set_phase(self, phase: str, seconds: int) -> None:
        self.phase, self.remaining, self.phase_seconds = phase, seconds, seconds

    def _advance(self) -> str:
        item = self.item
        if self.phase == WORK:
            last_set = self.set_number >= item.sets
            if last_set and self.next_item is None:
                return self._reach_end()
            rest = item.rest_after_set(self.rest_seconds) + (CHANGEOVER_SECONDS if last_set else 0)
            if rest:
                self._set_phase(REST, rest)
                return REST_STARTED
            return self._start_next_work()
        return self._start_next_work()

    def _reach_end(self) -> str:
        self._set_phase(DONE, 0)
        self.reached_end = True
        return FINISHED

    def _start_next_work(self) -> str:
        if self.set_number < self.item.sets:
            self.set_number += 1
            event = SET_STARTED
        else:
            self.step_index += 1
            self.set_number = 1
            event = STEP_STARTED
        self._set_phase(WORK, self.item.work_seconds)
        return event

    def skip(self) -> str:
        """Skip the rest of this exercise (or the rest period) and go on to the next one."""
        if self.phase == DONE:
            return FINISHED
        if self.phase == REST:
            return self._start_next_work()
        self.skipped.append(self.step_index)
        if self.next_item is None:
            return self._reach_end()
        self.step_index += 1
        self.set_number = 1
        self._set_phase(WORK, self.item.work_seconds)
        return STEP_STARTED

    def stop(self) -> None:
        """End here (finished early, or stopped because unwell): not followed to the end."""
        self._set_phase(DONE, 0)

    def alternative(self, direction: str) -> str | None:
        """The easier or harder exercise for the current step, if the pack names one."""
        if self._exercise is None or self.phase == DONE:
            return None
        current = self._exercise(self.item.exercise_id)
        other = getattr(current, direction, None) if current else None
        # Only an exercise the lookup offers (e.g. never a floor exercise on the chair route).
        return other if other and self._exercise(other) is not None else None

    def switch(self, direction: str) -> bool:
        """Swap the current exercise for its easier/harder version and restart this set with it.

        The sets and rests stay; a held exercise brings its own hold (and its own repetitions); a moving one
        keeps the step's repetitions when the step had some, else uses its own."""
        other_id = self.alternative(direction)
        other = self._exercise(other_id) if other_id else None
        if other is None:
            return False
        old = self.item
        if other.hold_seconds:
            hold, reps = other.hold_seconds, other.repetitions
        else:
            hold, reps = None, (old.repetitions if old.repetitions and not old.hold_seconds else
                                (other.repetitions or old.repetitions))
        new = RoutineItem(other.id, old.sets, reps, hold, old.rest_seconds)
        self.items[self.step_index] = new
        self.switches.append((self.step_index, old.exercise_id, other.id))
        if self.phase == WORK:
            self._set_phase(WORK, new.work_seconds)
        return True
