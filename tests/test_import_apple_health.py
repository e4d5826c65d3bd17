"""Apple Health import: steps per day without double counting, walking workouts, bad files refused whole."""
import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sb_desktop.exchange.apple_health import read_apple_health
from sb_desktop.exchange.detect import detect_format, read_import
from sb_desktop.exchange.wearable import ImportCancelled, ImportFileError, write_import

# The real iPhone export shared beside the repository (../shared/data/apple-health/, MIT licence).
REAL_EXPORT = Path(__file__).resolve().parents[2] / "shared" / "data" / "apple-health" / "export.xml"
needs_real_export = pytest.mark.skipif(not REAL_EXPORT.exists(), reason=f"{REAL_EXPORT} is not on this machine")


def step(source, start, value, end=None, type_="HKQuantityTypeIdentifierStepCount"):
    return (f' <Record type="{type_}" sourceName="{source}" unit="count" '
            f'startDate="{start}" endDate="{end or start}" value="{value}"/>\n')


def walk(start, minutes, source="Watch", type_="HKWorkoutActivityTypeWalking"):
    return (f' <Workout workoutActivityType="{type_}" duration="{minutes}" durationUnit="min" sourceName="{source}" '
            f'startDate="{start}" endDate="{start}">\n  <MetadataEntry key="k" value="v"/>\n </Workout>\n')


def export_xml(*items: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData ANY>\n]>\n'
            '<HealthData locale="en_GB">\n <ExportDate value="2024-01-01 10:00:00 +0000"/>\n'
            + "".join(items) + "</HealthData>\n")


def write(tmp_path, text: str, name="export.xml", encoding="utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def independent_totals(path: Path) -> dict[dt.date, dict[str, float]]:
    """Per day and source, read with ElementTree: the test's own reading of the rule."""
    totals = defaultdict(lambda: defaultdict(float))
    for record in ElementTree.parse(path).getroot().iter("Record"):
        if record.get("type") == "HKQuantityTypeIdentifierStepCount":
            start = dt.datetime.strptime(record.get("startDate"), "%Y-%m-%d %H:%M:%S %z")
            totals[start.date()][record.get("sourceName")] += float(record.get("value"))
    return totals


# --- the real export ---

@needs_real_export
def test_real_export_counts_one_source_per_day_the_one_with_most_steps():
    parsed = read_apple_health(REAL_EXPORT)
    expected = independent_totals(REAL_EXPORT)
    chosen = parsed.daily_steps()
    assert set(chosen) == set(expected) and len(chosen) == 190
    for day, per_source in expected.items():
        assert chosen[day][1] == round(max(per_source.values()))
    # 7 March 2017: the phone counted 670, a manual Health entry 30000; they are never added up.
    assert parsed.steps_by_day[dt.date(2017, 3, 7)] == {"Jonathan’s iPhone": 670, "Health": 30000}
    assert chosen[dt.date(2017, 3, 7)] == ("Health", 30000)
    assert parsed.daily_steps("Jonathan’s iPhone")[dt.date(2017, 3, 7)] == ("Jonathan’s iPhone", 670)
    assert set(parsed.sources()) == {"Jonathan’s iPhone", "Health", "Connect"}


@needs_real_export
def test_real_export_walking_workouts_only_and_other_records_skipped():
    parsed = read_apple_health(REAL_EXPORT)
    workouts = parsed.other_entries
    text = REAL_EXPORT.read_text(encoding="utf-8")
    walking = text.count('workoutActivityType="HKWorkoutActivityTypeWalking"')
    assert 0 < len(workouts) <= walking
    assert all(w.kind == "walk" and w.minutes >= 1 and w.steps is None for w in workouts)
    assert parsed.records_skipped >= text.count('type="HKQuantityTypeIdentifierHeartRate"')


@needs_real_export
def test_import_real_export_into_journal_then_again_adds_nothing(profile):
    parsed = read_import(REAL_EXPORT)
    first = write_import(profile.journal, parsed.entries())
    assert first.added == 190 + len(parsed.other_entries)
    count = profile.journal.count()
    daily = {d: steps for d, _minutes, steps in profile.journal.daily_activity()}
    chosen = parsed.daily_steps()
    assert {d: s for d, (_src, s) in chosen.items()} == {d: s for d, s in daily.items() if s is not None}
    again = write_import(profile.journal, read_import(REAL_EXPORT).entries())
    assert again.added == 0 and again.updated == 0 and profile.journal.count() == count
    assert {d: s for d, _m, s in profile.journal.daily_activity()} == daily


@needs_real_export
def test_choosing_another_source_on_reimport_replaces_the_day_total_instead_of_adding(profile):
    write_import(profile.journal, read_import(REAL_EXPORT).entries())
    count = profile.journal.count()
    outcome = write_import(profile.journal, read_import(REAL_EXPORT).entries("Jonathan’s iPhone"))
    assert outcome.added == 0 and outcome.updated > 0
    assert profile.journal.count() == count
    daily = {d: s for d, _m, s in profile.journal.daily_activity()}
    assert daily[dt.date(2017, 3, 7)] == 670


@needs_real_export
def test_cli_imports_the_real_export_and_the_zip_the_phone_makes(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(REAL_EXPORT, "apple_health_export/export.xml")
        zf.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
    result = run_cli("import", str(archive))
    assert result.returncode == 0, result.stderr
    assert "Imported 2" in result.stdout and "3 sources" in result.stderr
    again = run_cli("import", str(REAL_EXPORT), "--format", "apple-health")
    assert again.returncode == 0 and "Imported 0 entries" in again.stdout


# --- the rules, on small files ---

def test_record_counts_on_the_date_of_its_start_in_its_own_offset(tmp_path):
    path = write(tmp_path, export_xml(
        step("Phone", "2024-03-01 23:58:00 -0800", 100, end="2024-03-02 00:04:00 -0800"),  # crosses midnight
        step("Phone", "2024-03-02 00:30:00 +1300", 7),                                     # UTC: still 1 March
    ))
    parsed = read_apple_health(path)
    assert parsed.steps_by_day == {dt.date(2024, 3, 1): {"Phone": 100}, dt.date(2024, 3, 2): {"Phone": 7}}


def test_walking_workout_becomes_walk_entry_and_running_is_skipped(tmp_path):
    path = write(tmp_path, export_xml(
        walk("2024-03-01 18:05:00 +0000", 32.6),
        walk("2024-03-01 19:00:00 +0000", 20, type_="HKWorkoutActivityTypeRunning"),
        step("Phone", "2024-03-01 10:00:00 +0000", 50, type_="HKQuantityTypeIdentifierHeartRate"),
    ))
    parsed = read_apple_health(path)
    assert parsed.steps_by_day == {}
    [entry] = parsed.entries()
    assert (entry.date, entry.time, entry.minutes, entry.kind) == (dt.date(2024, 3, 1), dt.time(18, 5), 33, "walk")
    assert parsed.records_skipped == 2


def test_utf16_and_bom_exports_read_the_same(tmp_path):
    text = export_xml(step("Phone", "2024-03-01 10:00:00 +0000", 5), step("Watch", "2024-03-01 11:00:00 +0000", 9))
    plain = read_apple_health(write(tmp_path, text, "a.xml")).steps_by_day
    utf16 = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    assert read_apple_health(write(tmp_path, utf16, "b.xml", "utf-16")).steps_by_day == plain
    assert read_apple_health(write(tmp_path, text, "c.xml", "utf-8-sig")).steps_by_day == plain
    assert detect_format(tmp_path / "b.xml") == "apple-health"


@pytest.mark.parametrize("record, words", [
    (step("Phone", "2024-03-01 10:00:00", 5), "no UTC offset"),
    (step("Phone", "2024-03-01 10:00:00 +0000", "lots"), "'lots' is not a number"),
    (step("Phone", "2024-03-01 10:00:00 +0000", "nan"), "not a count"),
    (step("Phone", "2024-13-01 10:00:00 +0000", 5), "not a date"),
    (step("Phone", "yesterday", 5), "not a date"),
    (walk("2024-03-01 18:05", 30), "no UTC offset"),
])
def test_bad_records_refuse_the_whole_file_with_the_line(tmp_path, profile, record, words):
    path = write(tmp_path, export_xml(step("Phone", "2024-03-01 09:00:00 +0000", 5), record))
    with pytest.raises(ImportFileError, match=words) as caught:
        read_import(path)
    assert re.search(r"Line \d+", str(caught.value))
    assert profile.journal.count() == 0


@needs_real_export
def test_truncated_xml_and_zip_are_refused_clearly(tmp_path):
    data = REAL_EXPORT.read_bytes()
    half = tmp_path / "half.xml"
    half.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFileError, match="truncated"):
        read_import(half)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("apple_health_export/export.xml", data)
    cut = tmp_path / "export.zip"
    cut.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(ImportFileError, match="zip"):
        read_import(cut)
    result = run_cli("import", str(cut))
    assert result.returncode != 0 and result.stderr.count("\n") == 1 and "zip" in result.stderr
    assert "There is no profile called" in run_cli("list", "--json").stderr   # refused before anything was made


def test_zip_without_export_and_foreign_xml_are_not_apple_health(tmp_path):
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(ImportFileError, match="without export.xml"):
        read_import(other)
    foreign = write(tmp_path, '<?xml version="1.0"?><gpx><trk/></gpx>', "route.xml")
    with pytest.raises(ImportFileError, match="not an Apple Health export"):
        read_import(foreign)
    with pytest.raises(ImportFileError, match="not an Apple Health export"):
        read_import(foreign, "apple-health")


def test_entity_expansion_is_refused(tmp_path):
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE HealthData [\n<!ENTITY a "aaaaaaaaaa">\n'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<HealthData>&b;</HealthData>\n')
    with pytest.raises(ImportFileError, match="entities"):
        read_apple_health(write(tmp_path, bomb))


@needs_real_export
def test_cancel_between_chunks_leaves_nothing(tmp_path, profile):
    calls = []
    with pytest.raises(ImportCancelled):
        read_import(REAL_EXPORT, progress=lambda done, total: calls.append(done), cancelled=lambda: len(calls) >= 1)
    assert profile.journal.count() == 0


@needs_real_export
def test_progress_reaches_the_file_size():
    seen = []
    read_apple_health(REAL_EXPORT, progress=lambda done, total: seen.append((done, total)), chunk_bytes=1 << 16)
    assert len(seen) > 10 and seen[-1][0] == seen[-1][1] == REAL_EXPORT.stat().st_size


def test_more_steps_than_a_person_can_walk_is_refused(tmp_path):
    path = write(tmp_path, export_xml(*[step("Phone", f"2024-03-01 10:{m:02d}:00 +0000", 9999) for m in range(30)]))
    with pytest.raises(ImportFileError, match="more than"):
        read_import(path).entries()


# --- properties ---

SOURCES = st.sampled_from(["Phone", "Watch", "Sam’s iPhone", "Band & Co <3>"])
RECORDS = st.lists(st.tuples(st.integers(0, 20), st.integers(0, 23), st.sampled_from(["+0000", "-0500", "+0930"]),
                             SOURCES, st.integers(0, 3000)), max_size=40)


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=RECORDS, preferred=st.one_of(st.none(), SOURCES))
def test_daily_totals_follow_the_rule_for_any_records(tmp_path, records, preferred):
    base = dt.date(2023, 1, 1)
    items, expected = [], defaultdict(lambda: defaultdict(int))
    for offset, hour, tz, source, value in records:
        day = base + dt.timedelta(days=offset)
        items.append(step(_escape(source), f"{day} {hour:02d}:15:00 {tz}", value))
        expected[day][source] += value
    parsed = read_apple_health(write(tmp_path, export_xml(*items), "prop.xml"))
    assert parsed.steps_by_day == {d: dict(v) for d, v in expected.items()}
    for day, (source, total) in parsed.daily_steps(preferred).items():
        per_source = expected[day]
        if preferred in per_source:
            assert (source, total) == (preferred, per_source[preferred])
        else:
            assert total == max(per_source.values())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, 2000), junk=st.binary(max_size=30))
def test_damaged_exports_raise_only_a_clear_import_error(tmp_path, cut, junk):
    text = export_xml(step("Phone", "2024-03-01 10:00:00 +0000", 5), walk("2024-03-01 18:05:00 +0000", 30),
                      step("Watch", "2024-03-02 10:00:00 +0100", 7)).encode()
    path = tmp_path / "damaged.xml"
    path.write_bytes(text[:cut] + junk + text[cut + len(junk):])
    try:
        read_apple_health(path).entries()
    except ImportFileError as error:
        assert str(error) and "\n" not in str(error)


@needs_real_export
def test_zip_claiming_a_gigantic_export_is_refused(tmp_path, monkeypatch):
    from sb_desktop.exchange import apple_health
    monkeypatch.setattr(apple_health, "MAX_UNCOMPRESSED_BYTES", 1000)
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(REAL_EXPORT, "apple_health_export/export.xml")
    with pytest.raises(ImportFileError, match="more than this import accepts"):
        read_import(archive)
