"""Validation in the domain layer: every way into the journal refuses bad values with a clear message."""
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sb_desktop.domain.entries import describe, make_activity, make_pain, parse_date, parse_time
from sb_desktop.domain.errors import ValidationError


@pytest.mark.parametrize("value", [-1, 11, "eleven", "4.5", 3.5, True, None, ""])
def test_pain_out_of_range_or_malformed_is_refused(value):
    with pytest.raises(ValidationError) as error:
        make_pain(value)
    assert "Pain" in str(error.value)


@pytest.mark.parametrize("value", [0, 5, 10, "7", " 3 ", 4.0])
def test_pain_accepts_whole_numbers_0_to_10(value):
    assert make_pain(value).intensity == int(float(str(value).strip()))


def test_activity_rules():
    entry = make_activity("30", kind="Walk", steps="3000", effort="4", note="  park  ")
    assert (entry.minutes, entry.kind, entry.steps, entry.effort, entry.note) == (30, "walk", 3000, 4, "park")
    for bad in (dict(minutes=-5), dict(minutes=24 * 60 + 1), dict(minutes=10, kind="swim"),
                dict(minutes=10, effort=11), dict(minutes=10, steps=-1), dict(minutes=10, steps="lots")):
        minutes = bad.pop("minutes")
        with pytest.raises(ValidationError):
            make_activity(minutes, **{"kind": "walk", **bad})


def test_dates_and_times():
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_time("07:05") == dt.time(7, 5)
    for bad in ("2024-02-30", "yesterday", "1899-12-31", (dt.date.today() + dt.timedelta(days=5)).isoformat()):
        with pytest.raises(ValidationError):
            parse_date(bad)
    with pytest.raises(ValidationError):
        parse_time("25:00")


def test_notes_are_limited_and_refuse_nul():
    with pytest.raises(ValidationError):
        make_pain(3, note="x" * 2001)
    with pytest.raises(ValidationError):
        make_pain(3, note="a\x00b")


def test_unknown_source_is_refused():
    with pytest.raises(ValidationError):
        make_pain(3, source="telepathy")
    assert make_pain(3, source="import:apple-health").source == "import:apple-health"


@given(st.integers(min_value=0, max_value=10))
def test_describe_says_the_number(n):
    assert f"{n}/10" in describe(make_pain(n))
