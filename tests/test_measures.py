"""PSFS scoring and history, global rating of change timing, and STarT Back scoring."""
import datetime as dt

import pytest

from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.measures import (
    HIGH_RISK,
    LOW_RISK,
    MEDIUM_RISK,
    STARTBACK_NOTICE,
    groc_due,
    make_groc,
    make_psfs,
    make_startback,
    psfs_history,
    psfs_previous,
    score_startback,
)
from sb_desktop.storage.measures import QuestionnaireStore

START = dt.date(2026, 9, 1)


def test_psfs_score_is_the_mean_of_three_to_five_ratings():
    response = make_psfs([("Putting on socks", 3), ("Walking to the shop", "4"), ("Lifting a kettle", 8)])
    assert response.score == 5.0
    assert [i["activity"] for i in response.answers["items"]] == ["Putting on socks", "Walking to the shop", "Lifting a kettle"]
    assert make_psfs([("a", 1), ("b", 2), ("c", 2), ("d", 2), ("e", 2)]).score == 1.8
    # blank rows (unused slots in the form) are ignored
    assert make_psfs([("a", 1), ("", 0), ("b", 2), ("c", 3)]).score == 2.0


@pytest.mark.parametrize("ratings", [
    [("a", 1), ("b", 2)],                                           # too few
    [("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 5), ("f", 6)],   # too many
    [("a", 1), ("b", 11), ("c", 3)],                                # out of range
    [("a", 1), ("b", 2.5), ("c", 3)],                               # not whole
    [("a", 1), ("A", 2), ("c", 3)],                                 # the same activity twice
    [("a", 1), ("b", None), ("c", 3)],                              # not rated
])
def test_psfs_refuses_what_it_cannot_score(ratings):
    with pytest.raises(ValidationError):
        make_psfs(ratings)


def test_psfs_history_is_kept_with_change_from_baseline(profile):
    store = QuestionnaireStore(profile.db)
    store.add(make_psfs([("socks", 2), ("shop", 3), ("kettle", 4)], date=START))
    store.add(make_psfs([("socks", 4), ("shop", 5), ("kettle", 6)], date=START + dt.timedelta(days=14)))
    store.add(make_psfs([("socks", 3), ("shop", 5), ("kettle", 5)], date=START + dt.timedelta(days=7)))
    history = psfs_history(store.responses())
    assert [(p.score, p.change) for p in history] == [(3.0, 0.0), (4.3, 1.3), (5.0, 2.0)]
    assert psfs_previous(store.responses()) == [("socks", 4), ("shop", 5), ("kettle", 6)]


def test_groc_is_due_at_weeks_six_and_twelve_once_each():
    assert groc_due(START, START + dt.timedelta(days=34), []) is None
    assert groc_due(START, START + dt.timedelta(days=35), []) == 6
    given = [make_groc(1, week=6)]
    assert groc_due(START, START + dt.timedelta(days=60), given) is None
    assert groc_due(START, START + dt.timedelta(days=77), given) == 12
    assert groc_due(None, START, []) is None
    with pytest.raises(ValidationError):
        make_groc(4, week=6)


def _agree(*yes_items):
    return {n: n in yes_items for n in range(1, 9)}


@pytest.mark.parametrize("agree, bother, total, psychosocial, risk", [
    (_agree(), 0, 0, 0, LOW_RISK),
    (_agree(1, 2, 3), 1, 3, 0, LOW_RISK),
    (_agree(1, 2, 3), 3, 4, 1, MEDIUM_RISK),          # very much bothersome counts
    (_agree(1, 2, 5, 6, 7), 2, 5, 3, MEDIUM_RISK),
    (_agree(5, 6, 7, 8), 0, 4, 4, HIGH_RISK),
    (_agree(1, 2, 3, 4, 5, 6, 7, 8), 4, 9, 5, HIGH_RISK),
])
def test_startback_scoring_rules(agree, bother, total, psychosocial, risk):
    score = score_startback(agree, bother)
    assert (score.total, score.psychosocial, score.risk) == (total, psychosocial, risk)


def test_startback_needs_all_items_and_is_labelled():
    with pytest.raises(ValidationError):
        score_startback({1: True}, 0)
    with pytest.raises(ValidationError):
        score_startback(_agree(), 5)
    response = make_startback(_agree(5, 6, 7, 8), 3)
    assert response.answers["risk"] == HIGH_RISK and response.answers["wording"] == "paraphrase"
    assert "Keele" in STARTBACK_NOTICE
