"""The weekly review's own-data step, as plain data: this week against the weeks before, the more active days."""
from __future__ import annotations

import datetime as dt

import pytest

from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.series import daily_series
from sb_desktop.domain.week_review import (
    SORE_SETTLED,
    active_days_question,
    describe_review_weeks,
    make_feel_answer,
    review_weeks,
)

START = dt.date(2026, 3, 2)


def test_this_week_against_the_four_before_and_the_days_above_usual():
    pain, activity = [], []
    for day in range(-28, 7):
        date = START + dt.timedelta(days=day)
        pain.append((date, 5.0 if day < 0 else 3.0, 1))
        steps = 6000 if day < 0 else (9000 if day in (1, 4) else 6000)
        activity.append((date, 0, steps))
    weeks = review_weeks(daily_series(pain, activity), START, START + dt.timedelta(days=6))
    assert weeks.measure == "steps" and len(weeks.before) == 4
    assert weeks.this_week.pain == 3.0 and weeks.before_pain == 5.0
    assert weeks.more_active_days == (START + dt.timedelta(days=1), START + dt.timedelta(days=4))
    text = describe_review_weeks(weeks)
    assert "This week: average pain 3.0 (7 days rated)" in text and "steps a day" in text
    assert "The 4 weeks before: average pain 5.0" in text
    assert "Tue 03 Mar" in active_days_question(weeks)


def test_a_new_journal_has_no_figures_and_asks_plainly():
    weeks = review_weeks(None, START, START + dt.timedelta(days=6))
    assert "not have enough" in describe_review_weeks(weeks)
    assert active_days_question(weeks).startswith("On the days you were more active")


def test_the_answer_is_kept_with_the_weeks_dates():
    answer = make_feel_answer(SORE_SETTLED, START, START + dt.timedelta(days=6), active_days=[START])
    assert answer.questionnaire == "active_days_feel" and answer.date == START + dt.timedelta(days=6)
    assert answer.answers == {"answer": "sore_settled", "period_start": "2026-03-02", "period_end": "2026-03-08",
                              "active_days": ["2026-03-02"]}
    with pytest.raises(ValidationError):
        make_feel_answer("great", START, START)
