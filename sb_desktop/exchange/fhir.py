"""FHIR R4 export: a Bundle (type collection) of Observations and PSFS QuestionnaireResponses, as plain dicts.

Only measures leave the app: pain scores, exercise minutes, daily step totals and PSFS ratings. Free-text
notes stay behind. The patient is a bare local Patient resource (a random id, no name or identifiers)
that every resource references inside the Bundle.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sb_desktop.domain.chair_stand import CODE as CHAIR_STAND_CODE
from sb_desktop.domain.chair_stand import CODE_SYSTEM as CHAIR_STAND_SYSTEM
from sb_desktop.domain.chair_stand import chair_stand_history
from sb_desktop.domain.entries import ActivityEntry, Entry, PainEntry
from sb_desktop.domain.settings import FHIR_PATIENT_ID

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
_NAMESPACE = uuid.UUID("9d4c1f6e-51b3-4a7e-9f0a-5b2f1e7c3a10")

PAIN = {"code": "72514-3", "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
        "unit": "{score}", "category": "survey", "text": "Pain score (0-10)"}
EXERCISE = {"code": "55411-3", "display": "Exercise duration", "unit": "min", "category": "activity",
            "text": "Exercise minutes"}
# The 30-second chair stand has no LOINC code that we could find: a local code system, named in the README.
CHAIR_STAND_KIND = {"system": CHAIR_STAND_SYSTEM, "code": CHAIR_STAND_CODE,
                    "display": "30-second chair stand: full stands in 30 seconds", "unit": "{count}",
                    "category": "exam", "text": "30-second chair stand (self-check)"}
STEPS = {"code": "41950-7", "display": "Number of steps in 24 hour Measured", "unit": "/d", "category": "activity",
         "text": "Daily steps"}


@dataclass(frozen=True)
class PsfsAnswers:
    """One completed PSFS: when, and each activity the person chose with its 0-10 rating."""

    authored: dt.datetime | dt.date
    items: tuple[tuple[str, int], ...]


def _urn(*parts) -> str:
    return "urn:uuid:" + str(uuid.uuid5(_NAMESPACE, "\x1f".join(str(p) for p in parts)))


def _when(date: dt.date, time: dt.time | None) -> str:
    # FHIR needs a UTC offset whenever a time is given; entries keep local wall-clock time.
    if time is None:
        return date.isoformat()
    return dt.datetime.combine(date, time).astimezone().isoformat(timespec="seconds")


def _observation(kind: dict, full_url: str, subject: str, when: str, value) -> dict:
    system = kind.get("system", LOINC)
    return {
        "fullUrl": full_url,
        "resource": {
            "resourceType": "Observation",
            "id": full_url.rsplit(":", 1)[1],
            "status": "final",
            "category": [{"coding": [{"system": CATEGORY, "code": kind["category"]}]}],
            "code": {"coding": [{"system": system, "code": kind["code"], "display": kind["display"]}],
                     "text": kind["text"]},
            "subject": {"reference": subject},
            "effectiveDateTime": when,
            "valueQuantity": {"value": value, "unit": kind["unit"], "system": UCUM, "code": kind["unit"]},
        },
    }


def _entry_identity(entry: Entry) -> str:
    return entry.import_key or f"{entry.entry}:{entry.id}:{entry.date}:{entry.time}:{entry.recorded_at}"


def build_bundle(entries: Iterable[Entry], *, psfs: Iterable[PsfsAnswers] = (), patient_id: str,
                 generated_at: dt.datetime | None = None, chair_stands: Iterable = ()) -> dict:
    """The Bundle as a dict ready for json.dumps. Steps are one Observation per day (the day's total)."""
    generated_at = generated_at or dt.datetime.now().astimezone()
    patient_url = "urn:uuid:" + patient_id
    bundle_entries = [{"fullUrl": patient_url, "resource": {"resourceType": "Patient", "id": patient_id}}]
    steps_per_day: dict[dt.date, int] = {}
    for entry in sorted(entries, key=lambda e: (e.date, e.time or dt.time.min, e.id or 0)):
        identity = _entry_identity(entry)
        if isinstance(entry, PainEntry):
            observation = _observation(PAIN, _urn(patient_id, "pain", identity), patient_url,
                                       _when(entry.date, entry.time), entry.intensity)
            if entry.after_activity:
                # Same code and scale, but a reader must not average it into the day's pain.
                observation["resource"]["note"] = [{"text": "Rated straight after activity (short-term soreness)"}]
            bundle_entries.append(observation)
        elif isinstance(entry, ActivityEntry):
            if entry.minutes > 0:
                bundle_entries.append(_observation(EXERCISE, _urn(patient_id, "minutes", identity), patient_url,
                                                   _when(entry.date, entry.time), entry.minutes))
            if entry.steps is not None:
                steps_per_day[entry.date] = steps_per_day.get(entry.date, 0) + entry.steps
    for day in sorted(steps_per_day):
        bundle_entries.append(_observation(STEPS, _urn(patient_id, "steps", day), patient_url, day.isoformat(),
                                           steps_per_day[day]))
    for answers in psfs:
        bundle_entries.append(_psfs_response(answers, patient_id, patient_url))
    for result in chair_stands:
        bundle_entries.append(_observation(CHAIR_STAND_KIND, _urn(patient_id, "chair-stand", result.date),
                                           patient_url, result.date.isoformat(), result.stands))
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "type": "collection",
        "timestamp": generated_at.isoformat(timespec="seconds"),
        "entry": bundle_entries,
    }


def _psfs_response(answers: PsfsAnswers, patient_id: str, patient_url: str) -> dict:
    authored = answers.authored
    if isinstance(authored, dt.datetime):
        authored_text = (authored if authored.tzinfo else authored.astimezone()).isoformat(timespec="seconds")
    else:
        authored_text = authored.isoformat()
    full_url = _urn(patient_id, "psfs", authored_text)
    return {
        "fullUrl": full_url,
        "resource": {
            "resourceType": "QuestionnaireResponse",
            "id": full_url.rsplit(":", 1)[1],
            "status": "completed",
            "subject": {"reference": patient_url},
            "authored": authored_text,
            "item": [{
                "linkId": "psfs",
                "text": "Patient-Specific Functional Scale (Stratford et al. 1995): "
                        "0 = unable to do the activity, 10 = able to do it as before the problem",
                "item": [{"linkId": f"psfs-{n}", "text": activity, "answer": [{"valueInteger": int(score)}]}
                         for n, (activity, score) in enumerate(answers.items, start=1)],
            }],
        },
    }


def _parse_moment(text: str) -> dt.datetime | None:
    """A stored ISO time stamp, or None when it is not one (then the answer's date stands alone)."""
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def bundle_json(bundle: dict) -> str:
    return json.dumps(bundle, ensure_ascii=False, indent=1) + "\n"


def local_patient_id(settings) -> str:
    """A random id for this profile's Patient resource, the same in every export so a clinic can match them."""
    value = settings.read(FHIR_PATIENT_ID)
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        value = str(uuid.uuid4())
        settings.write(FHIR_PATIENT_ID, value)
        return value


def psfs_answers(responses) -> list[PsfsAnswers]:
    """Adapt stored PSFS responses (domain.measures.QuestionnaireResponse) to what the Bundle needs."""
    result = []
    for response in responses:
        if getattr(response, "questionnaire", None) != "psfs":
            continue
        items = tuple((str(item["activity"]), int(item["score"])) for item in response.answers.get("items", ()))
        authored = response.date
        if getattr(response, "recorded_at", ""):
            moment = _parse_moment(response.recorded_at)
            if moment is not None and moment.date() == response.date:
                authored = moment
        result.append(PsfsAnswers(authored=authored, items=items))
    return result


def read_profile(profile, start: dt.date | None = None, end: dt.date | None = None) -> dict:
    """What the export needs, read from an open profile on the calling thread: build_bundle's arguments."""
    from sb_desktop.exchange.report.gather import questionnaire_responses
    entries = profile.journal.entries(start, end, newest_first=False)
    responses = [r for r in questionnaire_responses(profile)
                 if (start is None or r.date >= start) and (end is None or r.date <= end)]
    return {"entries": entries, "psfs": psfs_answers(responses), "patient_id": local_patient_id(profile.settings),
            "chair_stands": chair_stand_history(responses)}


def bundle_for_profile(profile, start: dt.date | None = None, end: dt.date | None = None) -> dict:
    return build_bundle(**read_profile(profile, start, end))
