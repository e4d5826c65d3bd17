"""A guided exercise routine as a step-by-step timeline: holds, repetitions, rests, skips and level switches.

Pure Python: the player widget calls `tick()` once a second (faster in tests) and redraws from the state.
Exercises and routines are the content pack's objects (anything with the same attributes works).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

SECONDS_PER_REPETITION = 4   # a slow, comfortable pace: about two seconds each way
WORK, REST, DONE = "work", "rest", "done"
# What tick() reports when something changes, so the player can give a cue.
STEP_STARTED, SET_STARTED, REST_STARTED, FINISHED = "step_started", "set_started", "rest_started", "finished"


@dataclass(frozen=True)
class RoutineItem:
    """One exercise as the routine asks for it."""

    exercise_id: str
    sets: int
    repetitions: int | None
    hold_seconds: int | None

    @property
    def work_seconds(self) -> int:
        if self.hold_seconds:
            return self.hold_seconds
        return (self.repetitions or 1) * SECONDS_PER_REPETITION


def plan_routine(routine, exercise) -> list[RoutineItem]:
    """Turn a routine's steps into items; `exercise(id)` looks an exercise up.

    A step's own hold/repetitions win; otherwise the exercise's own defaults are used."""
    items = []
    for step in routine.steps:
        found = exercise(step.exercise)
        hold = step.hold_seconds or (None if step.repetitions else getattr(found, "hold_seconds", None))
        reps = step.repetitions or (None if hold else getattr(found, "repetitions", None))
        items.append(RoutineItem(step.exercise, max(1, step.sets or 1), reps, hold))
    return items


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
        self.seconds_done = 0              # seconds actually spent working or resting (not paused, not skipped)
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
    def repetitions_left(self) -> int | None:
        """For a repetition step in progress: how many repetitions are still to do."""
        if self.phase != WORK or self.item.hold_seconds or not self.item.repetitions:
            return None
        return math.ceil(self.remaining / SECONDS_PER_REPETITION)

    @property
    def minutes_done(self) -> int:
        """Whole minutes actually done, rounded; any real effort counts as at least one minute."""
        if self.seconds_done == 0:
            return 0
        return max(1, round(self.seconds_done / 60))

    @property
    def total_seconds(self) -> int:
        """The planned length of the whole routine, rests included."""
        work = sum(item.sets * item.work_seconds for item in self.items)
        rests = sum(item.sets for item in self.items) - 1
        return work + rests * self.rest_seconds

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

    def _advance(self) -> str:
        item = self.item
        if self.phase == WORK:
            last_set = self.set_number >= item.sets
            last_step = self.step_index >= len(self.items) - 1
            if last_set and last_step:
                self.phase = DONE
                self.remaining = 0
                return FINISHED
            if self.rest_seconds:
                self.phase, self.remaining = REST, self.rest_seconds
                return REST_STARTED
            return self._start_next_work()
        return self._start_next_work()

    def _start_next_work(self) -> str:
        if self.set_number < self.item.sets:
            self.set_number += 1
            event = SET_STARTED
        else:
            self.step_index += 1
            self.set_number = 1
            event = STEP_STARTED
        self.phase, self.remaining = WORK, self.item.work_seconds
        return event

    def skip(self) -> str:
        """Skip the rest of this exercise (or the rest period) and go on to the next one."""
        if self.phase == DONE:
            return FINISHED
        if self.phase == REST and self.set_number < self.item.sets:
            return self._start_next_work()
        if self.phase == WORK:
            self.skipped.append(self.step_index)
        if self.step_index >= len(self.items) - 1:
            self.phase, self.remaining = DONE, 0
            return FINISHED
        self.step_index += 1
        self.set_number = 1
        self.phase, self.remaining = WORK, self.item.work_seconds
        return STEP_STARTED

    def alternative(self, direction: str) -> str | None:
        """The easier or harder exercise for the current step, if the pack names one."""
        if self._exercise is None or self.phase == DONE:
            return None
        current = self._exercise(self.item.exercise_id)
        other = getattr(current, direction, None) if current else None
        # Only an exercise the lookup offers (e.g. never a floor exercise on the chair route).
        return other if other and self._exercise(other) is not None else None

    def switch(self, direction: str) -> bool:
        """Swap the current exercise for its easier/harder version and restart this set with it."""
        other_id = self.alternative(direction)
        other = self._exercise(other_id) if other_id else None
        if other is None:
            return False
        old = self.item
        if old.hold_seconds and other.hold_seconds:
            hold, reps = old.hold_seconds, None
        elif old.repetitions and other.repetitions and not other.hold_seconds:
            hold, reps = None, old.repetitions
        else:
            hold, reps = other.hold_seconds, (None if other.hold_seconds else (other.repetitions or old.repetitions))
        new = RoutineItem(other.id, old.sets, reps, hold)
        self.items[self.step_index] = new
        self.switches.append((self.step_index, old.exercise_id, other.id))
        if self.phase == WORK:
            self.remaining = new.work_seconds
        return True


def routine_minutes(routine, exercise) -> int:
    """How long the whole routine takes when followed as written, in whole minutes (at least 1)."""
    return max(1, round(RoutineRun(plan_routine(routine, exercise), routine.rest_seconds).total_seconds / 60))
