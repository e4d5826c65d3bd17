"""The journal on disk: durable settings, ordering, edit/delete/restore, all-or-nothing imports, migrations."""
import datetime as dt

import pytest

from sb_desktop.domain.entries import make_activity, make_pain
from sb_desktop.storage import schema
from sb_desktop.storage.database import DatabaseDamagedError, open_database
from sb_desktop.storage.journal import EntryNotFound

D = dt.date(2025, 3, 10)


def test_durability_pragmas(profile):
    assert profile.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert profile.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert profile.db.execute("PRAGMA secure_delete").fetchone()[0] == 1


def test_add_returns_saved_entry_and_orders_newest_first(profile):
    j = profile.journal
    a = j.add(make_pain(4, date=D, time="08:00"))
    b = j.add(make_activity(20, kind="walk", date=D, time="12:30", steps=2100))
    c = j.add(make_pain(6, date=D - dt.timedelta(days=1)))
    assert a.id and b.id and c.id and len({a.id, b.id, c.id}) == 3
    assert [e.id for e in j.entries()] == [b.id, a.id, c.id]
    assert j.get(b.id).steps == 2100


def test_entries_are_visible_to_a_fresh_connection(profiles, profile):
    # A second *profile* open is refused while this one holds the profile (one writer per profile), so the
    # fresh connection is a bare one to the same file.
    from sb_desktop.storage.database import open_database
    from sb_desktop.storage.journal import JournalStore
    saved = profile.journal.add(make_pain(5, date=D))
    other = open_database(profile.info.database_path, profile.connect)
    try:
        assert JournalStore(other).get(saved.id).intensity == 5
    finally:
        other.close()


def test_update_delete_restore(profile):
    j = profile.journal
    entry = j.add(make_pain(4, date=D, note="before"))
    from dataclasses import replace
    j.update(replace(entry, intensity=2, note="after"))
    assert (j.get(entry.id).intensity, j.get(entry.id).note) == (2, "after")
    removed = j.delete(entry.id)
    with pytest.raises(EntryNotFound):
        j.get(entry.id)
    j.restore(removed)
    assert j.get(entry.id).note == "after"


def test_add_many_is_all_or_nothing(profile):
    j = profile.journal
    good = [make_pain(3, date=D), make_pain(4, date=D)]
    broken = good + ["not an entry"]
    with pytest.raises(Exception):
        j.add_many(broken)
    assert j.count() == 0
    assert j.add_many(good) == (2, 0)


def test_import_keys_prevent_double_import(profile):
    j = profile.journal
    batch = [make_activity(0, kind="walk", date=D, steps=5000, source="import:steps-csv", import_key="k1")]
    assert j.add_many(batch) == (1, 0)
    assert j.add_many(batch) == (0, 1)
    assert j.count() == 1


def test_daily_series(profile):
    j = profile.journal
    j.add_many([make_pain(2, date=D), make_pain(4, date=D), make_activity(10, kind="walk", date=D, steps=1000),
                make_activity(15, kind="exercise", date=D)])
    assert j.daily_pain() == [(D, 3.0, 2)]
    assert j.daily_activity() == [(D, 25, 1000)]


def test_step_count_matches_the_migration_sets():
    """Opening a profile trusts STEP_COUNT to tell that nothing is pending: it must count every step."""
    assert schema.STEP_COUNT == sum(len(s.steps) for s in schema.migration_sets())


def test_a_profile_recording_fewer_steps_gets_the_full_check(profile):
    """The count is only a shortcut for "every step is recorded": any other number means the full check."""
    profile.db.execute("DELETE FROM _sqlite_migrations WHERE migration_set = 'sb_sessions'")
    assert schema.pending_migrations(profile.db) == ["sb_sessions:m001_session_tables"]


def test_migrations_are_recorded_and_idempotent(profile):
    assert schema.pending_migrations(profile.db) == []
    applied = schema.journal_migrations.applied(profile.db)
    assert applied[:2] == ["m001_entries", "m002_settings"]
    schema.migrate(profile.db)  # second run changes nothing
    assert schema.journal_migrations.applied(profile.db) == applied


def test_damaged_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "journal.db"
    path.write_bytes(b"this is not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseDamagedError):
        open_database(path)
    assert path.read_bytes() == before


def test_settings_roundtrip(profile):
    profile.settings.set("autolock_minutes", 10)
    profile.settings.set("autolock_minutes", 15)
    assert profile.settings.get("autolock_minutes") == 15
    assert profile.settings.get("missing", "x") == "x"


def test_an_imported_day_total_is_not_added_to_hand_typed_steps(profile):
    j = profile.journal
    j.add_many([make_activity(20, kind="walk", date=D, steps=2000),
                make_activity(0, kind="walk", date=D, steps=7500, source="import:apple-health",
                              import_key=f"steps:{D.isoformat()}"),
                make_activity(10, kind="walk", date=D + dt.timedelta(days=1), steps=900)])
    assert j.daily_activity() == [(D, 20, 7500), (D + dt.timedelta(days=1), 10, 900)]


def test_the_quick_pending_check_reads_the_same_record_sqlite_utils_writes(tmp_path):
    """Opening a profile checks for pending migrations with one query; sqlite-utils still applies and records
    them, so both must agree on what has run, including after a step that failed and was rolled back."""
    from sqlite_utils import Migrations

    from sb_desktop.storage.database import open_database
    from sb_desktop.storage.migrations import MigrationSet

    steps = MigrationSet("sb_probe")

    @steps()
    def m001_table(db):
        db["probe"].create({"id": int}, pk="id")

    @steps()
    def m002_broken(db):
        db["probe"].insert({"id": 1})
        raise RuntimeError("step fails half-way")

    db = open_database(tmp_path / "m.db")
    assert steps.pending(db) == ["m001_table", "m002_broken"]
    with pytest.raises(RuntimeError):
        steps.apply(db)
    reference = Migrations("sb_probe")
    reference(name="m001_table")(m001_table)
    reference(name="m002_broken")(m002_broken)
    assert steps.applied(db) == [m.name for m in reference.applied(db.utils)] == ["m001_table"]
    assert steps.pending(db) == [m.name for m in reference.pending(db.utils)] == ["m002_broken"]
    assert db.execute("SELECT count(*) FROM probe").fetchone()[0] == 0  # the failed step left nothing
    db.close()
