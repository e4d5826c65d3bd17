"""Plain data for the appointment summary: what each section of the PDF shows, read from the stores."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DayValues:
    date: dt.date
    pain: float | None          # mean rating that day
    minutes: int                # total activity minutes (0 when none logged)
    steps: int | None           # total steps, None when nothing had steps


@dataclass(frozen=True)
class WeekRow:
    start: dt.date
    days_covered: int
    pain: float | None
    rated_days: int
    active_days: int
    minutes: int
    steps_per_day: int | None


@dataclass(frozen=True)
class ReviewRow:
    date: dt.date
    result: str                 # plain words: "met", "partly met", ...
    decision: str = ""
    note: str = ""


@dataclass(frozen=True)
class GoalRow:
    description: str
    start: dt.date
    end: dt.date | None
    reviews: tuple[ReviewRow, ...] = ()


@dataclass(frozen=True)
class PsfsRow:
    activity: str
    scores: tuple[int | None, ...]   # one per PsfsData.dates entry


@dataclass(frozen=True)
class PsfsData:
    dates: tuple[dt.date, ...]
    rows: tuple[PsfsRow, ...]
    totals: tuple[float, ...]        # mean score on each date


@dataclass(frozen=True)
class RedFlagAnswer:
    answered_at: str            # ISO time stamp as recorded
    question: str
    yes: bool


@dataclass(frozen=True)
class SafetyCheckRow:
    date: dt.date
    context: str
    yes_answers: tuple[RedFlagAnswer, ...]
    questions_answered: int
    escalation: str = ""        # plain words for the advice level shown


@dataclass(frozen=True)
class OpenEscalationRow:
    """An emergency or urgent answer not yet resolved: the summary leads with it."""

    level: str                  # "emergency" | "urgent"
    advice_title: str
    since: str                  # ISO time stamp of the first answer
    questions: tuple[str, ...]
    last_update: str = ""       # plain words for the latest "not yet", if any


@dataclass(frozen=True)
class SessionRow:
    number: int
    title: str
    finished_on: dt.date | None


@dataclass(frozen=True)
class ReportData:
    """Everything the summary shows, for one date range. Builders read only this, never a store."""

    person: str
    start: dt.date
    end: dt.date
    generated_at: dt.datetime
    days: tuple[DayValues, ...] = ()
    weeks: tuple[WeekRow, ...] = ()
    week_comparison: str = ""
    goals: tuple[GoalRow, ...] = ()
    psfs: PsfsData | None = None
    safety_checks: tuple[SafetyCheckRow, ...] = ()
    sessions: tuple[SessionRow, ...] = ()
    flare_plan: tuple[tuple[str, str], ...] = ()      # (heading, the person's own words)
    # For the chart: a domain.series.ProgressView over the range (None when nothing was logged), and
    # (date, label, kind) markers for finished sessions and goal changes.
    chart_view: object = None
    chart_markers: tuple[tuple[dt.date, str, str], ...] = ()
    missing: tuple[str, ...] = field(default=())      # parts that could not be read (shown, never hidden)
    # What the person's own data says (domain.insights over the journal up to the end date): the summary,
    # each finding's sentence, then the caveats.
    insight_summary: str = ""
    insight_statements: tuple[str, ...] = ()
    insight_caveats: tuple[str, ...] = ()
    # The weeks view over the range: a domain.series.WeeksView (its statement and, in the chart, its bars).
    weeks_view: object = None
    # A self-experiment overlapping the range: its plain-words result and the numbers, and its weeks to shade.
    experiment_statement: str = ""
    experiment_numbers: tuple[str, ...] = ()
    experiment_weeks: tuple[tuple[dt.date, dt.date, str], ...] = ()
    open_escalation: OpenEscalationRow | None = None  # whatever the date range: it is open now
    # The clinic's name, phone, email and address (empty when no clinic configuration gives them).
    clinic_contact: tuple[str, ...] = ()
    # 30-second chair stands in the range: (date, full stands, stopped early), oldest first.
    chair_stands: tuple[tuple[dt.date, int, bool], ...] = ()
