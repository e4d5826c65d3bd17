"""Honest insights: how a person's own activity and pain have moved together, in both directions.

Method (see /work/shared/CLINICAL.md, "Honest insights"):
- daily values; each day compared with the person's own 28-day average around it, so a slow recovery (or
  a slow worsening) shared by both series does not look like a link, and then with that person's usual
  for the day of the week, so weekly rhythms (walks at weekends, work on Mondays) do not either;
- cross-lagged regressions, one per question: pain tomorrow ~ pain today + pain yesterday + activity today,
  and activity tomorrow ~ activity today + activity yesterday + pain today. Holding the outcome's own
  recent days constant stops "pain drives activity" from looking like "activity lowers pain";
- the p-value comes from a block permutation test (Freedman-Lane: the outcome's residuals shifted by a
  few days, then shuffled in whole weeks), which respects day-to-day persistence; the random generator
  has a fixed seed, so the same data always gives the same answer;
- no claim before MIN_DAYS days with both pain and activity;
- activity is the measure the person has on more days with a pain rating, minutes or steps
  (series.activity_measure): a day known only from a phone's step count is never a 0-minute day.
Beside the day-level questions, the weeks view (series.weeks_view) describes whole weeks; a next-day "more
activity, more pain" is told as expected soreness and points to it.
The wording never speaks of cause and uses the same rules for good and bad news.

numpy is imported inside the functions so importing this module stays cheap.
"""
from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from sb_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from sb_desktop.domain.series import WeeksView

MIN_DAYS = 21
TREND_WINDOW = 28          # days in the rolling average each day is compared with
MIN_TREND_DAYS = 7         # fewer known days than this in the window: the day is left out
PERMUTATIONS = 1999
SEED = 20240611            # fixed: the same data always gives the same p-value
BLOCK_DAYS = 7
LAG_DAYS = 1               # today -> tomorrow; the wording ("the next day") assumes it

ACTIVITY_TO_PAIN = "activity_to_pain"
PAIN_TO_ACTIVITY = "pain_to_activity"

# (p-value below, |effect| at least) -> strength; checked from the strongest down. Two questions are asked
# of the same data, so each must pass half the usual level (Bonferroni): pure noise then gives a claim in
# only about 1 person in 20, whichever question it would be about.
_STRENGTH_RULES = (("clear", 0.001, 0.25), ("moderate", 0.005, 0.15), ("weak", 0.025, 0.0))


@dataclass(frozen=True)
class Finding:
    question: str          # ACTIVITY_TO_PAIN or PAIN_TO_ACTIVITY
    lag_days: int
    effect: float          # partial correlation; negative: more of the first goes with less of the second
    p_value: float
    strength: str          # "none", "weak", "moderate" or "clear"
    statement: str         # the sentence the person sees
    days_compared: int     # pairs of days behind the figure
    slope: float           # in the person's units, see slope_unit
    slope_unit: str
    details: str           # the numbers in words, for "Show the numbers"
    measure: str = "minutes"   # the activity measure used: "minutes" or "steps"


@dataclass(frozen=True)
class InsightReport:
    status: str            # "ok" or "insufficient_data"
    days_with_both: int
    days_needed: int       # more days with both pain and activity before any claim (0 when ok)
    findings: tuple[Finding, ...] = ()
    summary: str = ""
    caveats: tuple[str, ...] = field(default_factory=tuple)
    activity_measure: str = "minutes"   # the measure every finding used
    weeks: WeeksView | None = None      # over the whole journal

    def as_json(self) -> dict:
        data = asdict(self)
        data["findings"] = [asdict(f) for f in self.findings]
        data["caveats"] = list(self.caveats)
        data["weeks"] = self.weeks.as_json() if self.weeks is not None else None
        return data


def caveats() -> tuple[str, ...]:
    return (
        _("Some soreness in the day or two after new or extra activity is expected. It is not harm, "
          "and it usually settles as your body gets used to it."),
        _("This describes your own data so far. It is not a diagnosis, and a pattern here does not show "
          "that one thing leads to the other."),
        _("For a fairer test, try a self-experiment: a higher and a lower activity target, week about, for four "
          "weeks or more, then compare. You can plan one on the Progress page."),
    )


def analyse_journal(journal, **kwargs) -> InsightReport:
    from sb_desktop.domain.series import load_daily_series
    return analyse(load_daily_series(journal), **kwargs)


def analyse(series, *, min_days: int = MIN_DAYS, permutations: int = PERMUTATIONS, seed: int = SEED,
            measure: str | None = None) -> InsightReport:
    """Analyse a series.DailySeries (or None for an empty journal). measure: "minutes" or "steps"; by
    default the one the person has on more days with a pain rating."""
    from sb_desktop.domain.series import activity_measure, weeks_view

    measure = measure or activity_measure(series)
    weeks = weeks_view(series, measure=measure) if series is not None else None
    both = 0 if series is None else series.days_with(measure)
    if both < min_days:
        needed = min_days - both
        return InsightReport(
            status="insufficient_data", days_with_both=both, days_needed=needed, caveats=caveats(),
            activity_measure=measure, weeks=weeks,
            summary=ngettext(
                "Patterns need about {min} days with both a pain rating and activity (a rest day counts). "
                "You have {have} so far: {more} more day to go.",
                "Patterns need about {min} days with both a pain rating and activity (a rest day counts). "
                "You have {have} so far: {more} more days to go.", needed).format(min=min_days, have=both, more=needed),
        )
    weekday = series.start.weekday()
    pain = _without_weekly_rhythm(_detrended(series.pain), weekday)
    activity = _without_weekly_rhythm(_detrended(series.activity_values(measure)), weekday)
    findings = (
        _finding(ACTIVITY_TO_PAIN, activity, pain, LAG_DAYS, permutations, seed, measure),
        _finding(PAIN_TO_ACTIVITY, pain, activity, LAG_DAYS, permutations, seed + 1, measure),
    )
    if measure == "steps":
        summary = _("Based on {n} days with both a pain rating and a step count.").format(n=both)
    else:
        summary = _("Based on {n} days with both a pain rating and activity.").format(n=both)
    return InsightReport(status="ok", days_with_both=both, days_needed=0, findings=findings, summary=summary,
                         caveats=caveats(), activity_measure=measure, weeks=weeks)


def _detrended(values):
    """Each day minus the mean of the known days in the 28 days around it (NaN where too few)."""
    from sb_desktop.domain.series import window_mean

    half = TREND_WINDOW // 2
    return values - window_mean(values, half, TREND_WINDOW - half - 1, MIN_TREND_DAYS)


def _without_weekly_rhythm(values, first_weekday: int):
    """Take out the person's usual difference for each day of the week (e.g. long walks at weekends, more
    pain on Mondays at work): otherwise two weekly rhythms alone can look like one series predicting the other."""
    import numpy as np

    weekday = (np.arange(len(values)) + first_weekday) % 7
    adjusted = values.copy()
    for day in range(7):
        that_day = weekday == day
        known = values[that_day & ~np.isnan(values)]
        if len(known) >= 2:
            adjusted[that_day] -= known.mean()
    return adjusted


def _finding(question, predictor, outcome, lag, permutations, seed, measure="minutes") -> Finding:
    """Does `predictor` today go with `outcome` `lag` days later, holding the outcome's previous two days?"""
    import numpy as np

    n = len(outcome)
    t = np.arange(1, n - lag)            # today; needs yesterday (t-1) and the day `lag` ahead
    y = outcome[t + lag]
    controls = np.column_stack([outcome[t + lag - 1], outcome[t + lag - 2]])
    x = predictor[t]
    rows = ~(np.isnan(y) | np.isnan(x) | np.isnan(controls).any(axis=1))
    y, x, controls = y[rows], x[rows], controls[rows]
    m = len(y)
    effect, p_value, slope = 0.0, 1.0, 0.0
    if m >= 8:
        design = np.column_stack([np.ones(m), controls])
        y_res = y - design @ np.linalg.lstsq(design, y, rcond=None)[0]
        x_res = x - design @ np.linalg.lstsq(design, x, rcond=None)[0]
        sxx, syy = float(x_res @ x_res), float(y_res @ y_res)
        if sxx > 1e-9 * max(1.0, float(x @ x)) and syy > 1e-12:
            sxy = float(x_res @ y_res)
            effect = sxy / np.sqrt(sxx * syy)
            slope = sxy / sxx
            p_value = _block_permutation_p(x_res, y_res, design, effect, permutations, seed)
    strength = _strength(effect, p_value)
    steps = measure == "steps"
    if question == ACTIVITY_TO_PAIN:
        slope_value, slope_unit = ((slope * 1000, "pain points per 1000 steps") if steps
                                   else (slope * 10, "pain points per 10 minutes"))
    else:
        slope_value, slope_unit = (slope, "steps per pain point") if steps else (slope, "minutes per pain point")
    return Finding(
        question=question, lag_days=lag, effect=round(float(effect), 3), p_value=round(float(p_value), 4),
        strength=strength, statement=statement(question, strength, effect), days_compared=int(m),
        slope=round(float(slope_value), 2), slope_unit=slope_unit,
        details=_details(question, effect, p_value, slope_value, m, permutations, measure), measure=measure,
    )


@functools.lru_cache(maxsize=16)
def _permutation_plan(seed: int, permutations: int, blocks: int, block: int):
    """The shuffles, which depend only on the seed and the sizes, never on the data: each permutation's shift
    (days) and, for each of its positions, the cell (shuffled block, position) it reads. Kept between calls,
    so drawing the Progress page, the review and the summary in one sitting shuffle once."""
    import numpy as np

    rng = np.random.default_rng(seed)
    shifts = rng.integers(0, block, size=permutations)
    # Sorting the uniform draws as the integers they are (multiples of 2**-53) gives the same order, sooner.
    order = np.argsort((rng.random((permutations, blocks)) * 2.0 ** 53).astype(np.uint64), axis=1)
    flat = order * blocks + np.arange(blocks)
    shifts.setflags(write=False)
    flat.setflags(write=False)
    return shifts, flat


def _block_permutation_p(x_res, y_res, design, effect, permutations, seed) -> float:
    """Two-sided p (Freedman-Lane): how often the outcome's residuals, shifted by a few days and then
    shuffled in whole blocks (a week when there is enough data), give a partial correlation at least as
    strong as the one observed. Shuffling blocks keeps each series' day-to-day persistence."""
    import numpy as np

    m = len(y_res)
    block = BLOCK_DAYS if m >= 8 * BLOCK_DAYS else max(2, m // 8)
    blocks = m // block
    full = blocks * block
    shifts, flat = _permutation_plan(seed, permutations, blocks, block)
    # The shuffled residuals are needed only through their dot products with the predictor and the
    # controls, so work with block-by-block dot products: far cheaper than building every shuffle.
    targets = np.column_stack([x_res, design])                       # (m, columns)
    columns = targets.shape[1]
    # by_block[j, b*columns + c] = targets[b*block + j, c]
    by_block = targets[:full].reshape(blocks, block, columns).transpose(1, 0, 2).reshape(block, blocks * columns)
    sums = np.empty((permutations, columns))
    for shift in range(block):
        chosen = shifts == shift
        if not chosen.any():
            continue
        rolled = np.roll(y_res, -shift)
        # cross[a, b, c]: dot product of residual block a with column c's block b. Summed by hand over the
        # few days of a block: a BLAS matrix product here starts threads that cost more than they save.
        residual_blocks = rolled[:full].reshape(blocks, block)
        cross = np.zeros((blocks, blocks * columns))
        for day in range(block):
            cross += np.multiply.outer(residual_blocks[:, day], by_block[day])
        cross = cross.reshape(blocks, blocks, columns)
        tail = rolled[full:] @ targets[full:]
        cells = flat[chosen]
        for c in range(columns):
            sums[chosen, c] = np.ascontiguousarray(cross[:, :, c]).ravel()[cells].sum(axis=1) + tail[c]
    numerator, projected = sums[:, 0], sums[:, 1:]
    # Refit on the controls after shuffling, so each statistic is a true partial correlation.
    gram_inv = np.linalg.pinv(design.T @ design)
    remaining = float(y_res @ y_res) - ((projected @ gram_inv) * projected).sum(axis=1)
    null = np.abs(numerator) / np.sqrt(float(x_res @ x_res) * np.maximum(remaining, 1e-300))
    return float((1 + np.count_nonzero(null >= abs(effect) - 1e-12)) / (permutations + 1))


def _strength(effect: float, p_value: float) -> str:
    for name, p_below, min_effect in _STRENGTH_RULES:
        if p_value < p_below and abs(effect) >= min_effect:
            return name
    return "none"


def statement(question: str, strength: str, effect: float) -> str:
    """The sentence the person sees. One template per question; only the direction word changes."""
    if question == ACTIVITY_TO_PAIN:
        if strength == "none":
            return _("So far there is no clear pattern between how active you were on a day and your pain "
                     "the day after.")
        template = _("{how}: after days when you were more active than usual for you, your pain tended to be "
                     "{direction} the next day.")
        direction = _("lower") if effect < 0 else _("higher")
    else:
        if strength == "none":
            return _("So far there is no clear pattern between your pain on a day and how active you were "
                     "the day after.")
        template = _("{how}: after days when your pain was higher than usual for you, you tended to be "
                     "{direction} active the next day.")
        direction = _("less") if effect < 0 else _("more")
    how = {"weak": _("A weak sign"), "moderate": _("A moderate pattern"), "clear": _("A clear pattern")}[strength]
    sentence = template.format(how=how, direction=direction)
    if question == ACTIVITY_TO_PAIN:
        # Days and weeks answer different questions: a next day's soreness is expected and is not harm,
        # while any benefit of being more active shows over weeks. Both directions point to the weeks view.
        if effect > 0:
            sentence += " " + _("Some soreness the day after doing more is expected. It is not harm, and it "
                                "tends to settle.")
        sentence += " " + _("Whole weeks can tell a different story: see the weeks view.")
    return sentence


def _details(question, effect, p_value, slope, pairs, permutations, measure="minutes") -> str:
    steps = measure == "steps"
    if question == ACTIVITY_TO_PAIN:
        size = (_("About {value:+.2f} pain points the next day for each 1,000 steps more than usual.") if steps else
                _("About {value:+.2f} pain points the next day for each 10 minutes more than usual.")).format(value=slope)
    else:
        size = (_("About {value:+,.0f} steps the next day for each pain point above usual.") if steps else
                _("About {value:+.1f} minutes of activity the next day for each pain point above usual.")).format(
            value=slope)
    return "\n".join((
        _("Days compared: {n}.").format(n=pairs),
        _("Partial correlation: {r:+.2f} (from -1 to +1; 0 means no link).").format(r=effect),
        size,
        (_("Chance of a link at least this strong if there were none: p < 0.001") if p_value < 0.001 else
         _("Chance of a link at least this strong if there were none: p = {p:.3f}").format(p=p_value))
        + " " + _("({k} shuffles of the days in blocks).").format(k=f"{permutations:,}"),
    ))


def headline(report: InsightReport) -> str:
    """The one sentence Progress leads with: the day-level finding that is there (activity then pain first),
    or, with no pattern yet, the plain "no clear pattern"; before enough days, what is still needed."""
    if report.status != "ok" or not report.findings:
        return report.summary
    by_question = {f.question: f for f in report.findings}
    for question in (ACTIVITY_TO_PAIN, PAIN_TO_ACTIVITY):
        finding = by_question.get(question)
        if finding is not None and finding.strength != "none":
            return finding.statement
    return by_question[ACTIVITY_TO_PAIN].statement
