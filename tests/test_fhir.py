"""FHIR R4 export: a collection Bundle a clinic's tools accept (validated with fhir.resources), right codes and units."""
import datetime as dt
import json

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sb_desktop.domain.entries import make_activity, make_pain
from sb_desktop.exchange.fhir import PsfsAnswers, build_bundle, bundle_for_profile

R4 = pytest.importorskip("fhir.resources.R4B.bundle")   # R4B: the R4-compatible models fhir.resources ships

PATIENT = "0f8fad5b-d9cb-469f-a165-70867728950e"


def validate(bundle: dict):
    """Parse with fhir.resources; raises on anything a FHIR R4 consumer would reject."""
    return R4.Bundle.model_validate(json.loads(json.dumps(bundle)))


def observations(bundle, code):
    return [e["resource"] for e in bundle["entry"]
            if e["resource"]["resourceType"] == "Observation" and e["resource"]["code"]["coding"][0]["code"] == code]


def test_bundle_has_pain_minutes_steps_and_psfs_with_standard_codes():
    day = dt.date(2024, 3, 4)
    entries = [
        make_pain(4, date=day, time="08:30", note="private words"),
        make_activity(25, kind="walk", date=day, time="12:00", steps=2500),
        make_activity(0, kind="walk", date=day, steps=6000, source="import:apple-health", import_key="steps:2024-03-04"),
        make_activity(15, kind="exercise", date=day + dt.timedelta(days=1)),
    ]
    psfs = [PsfsAnswers(dt.datetime(2024, 3, 4, 9, 0, tzinfo=dt.UTC), (("Putting on socks", 3), ("Walking", 6), ("Lifting", 2)))]
    bundle = build_bundle(entries, psfs=psfs, patient_id=PATIENT)
    parsed = validate(bundle)
    assert parsed.type == "collection"
    [pain] = observations(bundle, "72514-3")
    assert pain["valueQuantity"] == {"value": 4, "unit": "{score}", "system": "http://unitsofmeasure.org", "code": "{score}"}
    assert pain["effectiveDateTime"].startswith("2024-03-04T08:30:00")
    minutes = observations(bundle, "55411-3")
    assert sorted(o["valueQuantity"]["value"] for o in minutes) == [15, 25]
    assert all(o["valueQuantity"]["code"] == "min" for o in minutes)
    [steps] = observations(bundle, "41950-7")      # one Observation for the day's total
    assert steps["valueQuantity"]["value"] == 8500 and steps["valueQuantity"]["code"] == "/d"
    assert steps["effectiveDateTime"] == "2024-03-04"
    [response] = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "QuestionnaireResponse"]
    assert response["status"] == "completed"
    assert [i["answer"][0]["valueInteger"] for i in response["item"][0]["item"]] == [3, 6, 2]
    assert "private words" not in json.dumps(bundle)


def test_patient_is_a_bare_local_reference():
    bundle = build_bundle([make_pain(2, date="2024-03-04")], patient_id=PATIENT)
    patient = bundle["entry"][0]
    assert patient["resource"] == {"resourceType": "Patient", "id": PATIENT}
    assert all(e["resource"].get("subject", {"reference": patient["fullUrl"]})["reference"] == patient["fullUrl"]
               for e in bundle["entry"])
    full_urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(full_urls)) == len(full_urls) and all(u.startswith("urn:uuid:") for u in full_urls)


def test_profile_export_keeps_one_patient_id_and_reads_psfs(profile):
    from sb_desktop.domain.measures import make_psfs
    from sb_desktop.storage.measures import QuestionnaireStore
    profile.journal.add(make_pain(5, date="2024-01-02"))
    QuestionnaireStore(profile.db).add(make_psfs([("A", 1), ("B", 2), ("C", 3)], date=dt.date(2024, 1, 2)))
    first, second = bundle_for_profile(profile), bundle_for_profile(profile)
    assert first["entry"][0] == second["entry"][0]
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
    validate(first)
    assert sum(e["resource"]["resourceType"] == "QuestionnaireResponse" for e in first["entry"]) == 1
    assert len(bundle_for_profile(profile, dt.date(2024, 2, 1), None)["entry"]) == 1   # only the Patient


def test_cli_fhir_export_is_valid_and_says_it_is_not_encrypted(tmp_path):
    assert run_cli("demo").returncode == 0
    out = tmp_path / "bundle.json"
    result = run_cli("export", "--format", "fhir", "--out", str(out))
    assert result.returncode == 0 and "not encrypted" in result.stdout
    bundle = json.loads(out.read_text(encoding="utf-8"))
    parsed = validate(bundle)
    assert len(parsed.entry) > 200
    assert {e["resource"]["resourceType"] for e in bundle["entry"]} == {"Patient", "Observation"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(
    st.builds(lambda v, d, t: make_pain(v, date=d, time=t), st.integers(0, 10),
              st.dates(dt.date(2000, 1, 1), dt.date(2024, 12, 31)), st.one_of(st.none(), st.times())),
    st.builds(lambda m, d, s: make_activity(m, date=d, steps=s), st.integers(0, 600),
              st.dates(dt.date(2000, 1, 1), dt.date(2024, 12, 31)), st.one_of(st.none(), st.integers(0, 50_000))),
), max_size=25))
def test_any_journal_exports_to_a_valid_bundle_that_keeps_every_value(entries):
    bundle = build_bundle(entries, patient_id=PATIENT)
    validate(bundle)
    assert sorted(o["valueQuantity"]["value"] for o in observations(bundle, "72514-3")) == sorted(
        e.intensity for e in entries if e.entry == "pain")
    assert sum(o["valueQuantity"]["value"] for o in observations(bundle, "41950-7")) == sum(
        e.steps for e in entries if e.entry == "activity" and e.steps is not None)
    assert sum(o["valueQuantity"]["value"] for o in observations(bundle, "55411-3")) == sum(
        e.minutes for e in entries if e.entry == "activity")
