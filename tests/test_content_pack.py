"""Content packs: the loader accepts a good pack and refuses broken or hostile ones with file, field and reason."""
import json
import os

import pytest
from sessions_packs import make_pack

from sb_desktop.content import available_packs, find_pack
from sb_desktop.content.pack import ERROR, PackError, check_pack, load_pack
from sb_desktop.content.safety import UnsafePath, find_remote_urls, resolve_inside
from sb_desktop.resources import resource_path


def errors_of(root):
    pack, problems = check_pack(root)
    errors = [p for p in problems if p.severity == ERROR]
    assert pack is None if errors else pack is not None
    return errors


def test_a_good_pack_loads_into_sessions_pages_and_routines(tmp_path):
    pack = load_pack(make_pack(tmp_path / "pack"))
    assert [s.number for s in pack.sessions] == [1, 2, 3]
    first = pack.sessions[0].pages[0]
    assert first.narration is not None and first.narration.name == "s1-welcome.wav"
    assert first.image is not None and "Moving helps" in first.text
    assert pack.sessions[0].pages[1].action == "choose_programme"
    assert pack.exercise("bridge").easier == "knee-rolls"
    assert pack.programme("back-exercises").level(0).routine == "back-level-0"
    # Text-only session pages are allowed but reported as warnings.
    assert pack.warnings and all(w.severity == "warning" for w in pack.warnings)


def test_unknown_and_missing_fields_are_named(tmp_path):
    def mutate(m):
        m["sessions"][0]["colour"] = "red"
        del m["exercises"][0]["steps"]
        m["sessions"][1]["pages"][0]["action"] = "dance"
    errors = errors_of(make_pack(tmp_path / "p", mutate))
    text = "\n".join(map(str, errors))
    assert "manifest.json [sessions[0]]: error: unknown field(s): colour" in text
    assert "[exercises[0]]" in text and "'steps' is missing" in text
    assert "sessions[1].pages[0].action" in text


@pytest.mark.parametrize("path, reason", [
    ("../outside.md", "'..'"),
    ("/etc/passwd", "absolute"),
    ("C:/Windows/win.ini", "drive"),
    ("pages\\s1\\01.md", "backslashes"),
    ("file:///etc/passwd", "URL"),
    ("https://example.com/page.md", "URL"),
])
def test_page_paths_that_leave_the_pack_are_refused(tmp_path, path, reason):
    def mutate(m):
        m["sessions"][0]["pages"][1]["file"] = path
    errors = errors_of(make_pack(tmp_path / "p", mutate))
    assert len(errors) == 1
    assert errors[0].field == "sessions[0].pages[1].file" and reason in errors[0].reason


def test_symbolic_links_pointing_outside_are_refused(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("private")
    root = make_pack(tmp_path / "p")
    (root / "pages" / "s1" / "02.md").unlink()
    os.symlink(secret, root / "pages" / "s1" / "02.md")
    os.symlink(tmp_path, root / "images" / "escape")
    errors = errors_of(root)
    assert any(e.field == "sessions[0].pages[1].file" and "outside the pack" in e.reason for e in errors)
    assert any(e.file == "images/escape" and "symbolic link" in e.reason for e in errors)


def test_missing_files_are_reported_by_field(tmp_path):
    root = make_pack(tmp_path / "p")
    (root / "audio" / "s1-welcome.wav").unlink()
    (root / "pages" / "s3" / "01.md").unlink()
    errors = errors_of(root)
    fields = {e.field: e.reason for e in errors}
    assert "missing" in fields["sessions[0].pages[0].narration"]
    assert "missing" in fields["sessions[2].pages[0].file"]


def test_remote_urls_and_outside_images_in_pages_are_refused(tmp_path):
    root = make_pack(tmp_path / "p")
    (root / "pages" / "s2" / "01.md").write_text(
        "Hello\n\n![tracker](https://example.com/pixel.png)\n\n<img src='file:///etc/hosts'>\n"
        "Read [more](http://example.org).\n\n![x](../../../../etc/passwd.png)\n", encoding="utf-8")
    errors = [e for e in errors_of(root) if e.file == "pages/s2/01.md"]
    text = "\n".join(map(str, errors))
    assert "https://example.com/pixel.png" in text and "file:///etc/hosts" in text and "http://example.org" in text
    assert "line 3" in text and "line 5" in text
    assert any("climbs out" in e.reason for e in errors)


def test_hostile_svg_is_refused(tmp_path):
    root = make_pack(tmp_path / "p")
    (root / "images" / "a.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
        '<image href="http://example.com/x.png"/></svg>', encoding="utf-8")
    reasons = [e.reason for e in errors_of(root) if e.file == "images/a.svg"]
    assert any("<script>" in r for r in reasons) and any("http://example.com/x.png" in r for r in reasons)


def test_broken_references_are_reported(tmp_path):
    def mutate(m):
        m["exercises"][0]["harder"] = "no-such-exercise"
        m["routines"][0]["steps"][0]["exercise"] = "ghost"
        m["programmes"][1]["levels"][0]["routine"] = "missing-routine"
        m["sessions"][2]["number"] = 5
        m["modules"][0]["pages"][0]["id"] = "s1-welcome"
    fields = {e.field: e.reason for e in errors_of(make_pack(tmp_path / "p", mutate))}
    assert "no-such-exercise" in fields["exercises[0].harder"]
    assert "ghost" in fields["routines[0].steps[0].exercise"]
    assert "missing-routine" in fields["programmes[1].levels[0].routine"]
    assert "without gaps" in fields["sessions"]
    assert "used twice" in fields["modules[0].pages[0].id"]


def test_bad_json_and_missing_manifest(tmp_path):
    root = make_pack(tmp_path / "p")
    (root / "manifest.json").write_text("{ not json", encoding="utf-8")
    [error] = errors_of(root)
    assert error.file == "manifest.json" and "not valid JSON" in error.reason
    (root / "manifest.json").unlink()
    [error] = errors_of(root)
    assert "no manifest.json" in error.reason
    with pytest.raises(PackError, match="no manifest.json"):
        load_pack(root)


def test_resolve_inside_and_url_detection(tmp_path):
    root = make_pack(tmp_path / "p")
    assert resolve_inside(root, "images/a.svg") == (root / "images" / "a.svg").resolve()
    assert resolve_inside(root, "../../images/a.svg", base="pages/s1") == (root / "images" / "a.svg").resolve()
    for bad in ("..", "/abs", "x/../../y", "D:stuff", "data:image/png;base64,AAAA"):
        with pytest.raises(UnsafePath):
            resolve_inside(root, bad)
    assert [u for _n, u in find_remote_urls("see //evil.example.com/x and www words")] == ["//evil.example.com/x"]
    # Ordinary words followed by a colon are not URLs.
    assert find_remote_urls("Your data: it stays on this computer. Keep a file: a note.") == []


def test_a_clinic_pack_replaces_the_built_in_one(tmp_path):
    clinic = make_pack(tmp_path / "data" / "content" / "supportback-en")
    assert find_pack("supportback-en", tmp_path / "data", allow_user_packs=True) == clinic
    # Without the clinic's allow_user_content_packs the data folder's packs do not apply (issue #18).
    assert find_pack("supportback-en", tmp_path / "data") == resource_path("content", "supportback-en")
    assert "supportback-en" in available_packs(None) or not resource_path("content").is_dir()


def test_the_built_in_pack_is_valid():
    root = resource_path("content", "supportback-en")
    pack = load_pack(root)
    assert len(pack.sessions) == 6
    assert {p.id for p in pack.programmes} == {"walking", "back-exercises"}
    assert [lv.level for lv in pack.programme("walking").levels] == [0, 1, 2, 3, 4]
    assert all(lv.routine for lv in pack.programme("back-exercises").levels)
    # Every session page has narration, and the whole pack stays small enough to ship.
    assert all(page.narration for session in pack.sessions for page in session.pages)
    assert sum(f.stat().st_size for f in root.rglob("*") if f.is_file()) < 40_000_000
    json.loads((root / "manifest.json").read_text(encoding="utf-8"))


def test_the_built_in_packs_schema_stamp_is_current_and_the_full_check_passes():
    """Opening the built-in pack skips the schema step on the strength of its stamp, so the stamp must vouch
    for exactly this manifest and this app's schema (after editing either, run
    `python main.py validate-pack resources/content/supportback-en --stamp`)."""
    from sb_desktop.content.pack import SCHEMA_STAMP_NAME, schema_stamp
    root = resource_path("content", "supportback-en")
    pack, problems = check_pack(root)                      # everything, the schema included
    assert pack is not None and not [p for p in problems if p.severity == ERROR]
    assert (root / SCHEMA_STAMP_NAME).read_text("ascii").strip() == schema_stamp(root), \
        "stale schema stamp: run python main.py validate-pack resources/content/supportback-en --stamp"


def test_a_stamp_that_does_not_match_is_ignored_and_the_schema_still_refuses(tmp_path):
    from sb_desktop.content.pack import SCHEMA_STAMP_NAME, schema_stamp
    root = make_pack(tmp_path / "p")
    (root / SCHEMA_STAMP_NAME).write_text(schema_stamp(root))
    assert load_pack(root) is not None                     # stamped and unchanged: opens
    manifest = json.loads((root / "manifest.json").read_text())
    manifest["sessions"][0]["colour"] = "red"              # changed after stamping
    (root / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(PackError) as refused:
        load_pack(root)
    assert "unknown field(s): colour" in str(refused.value.problems)


def test_validate_pack_writes_the_stamp_only_for_a_valid_pack(tmp_path):
    from conftest import run_cli

    from sb_desktop.content.pack import SCHEMA_STAMP_NAME, schema_stamp
    good = make_pack(tmp_path / "good")
    assert run_cli("validate-pack", str(good), "--stamp").returncode == 0
    assert (good / SCHEMA_STAMP_NAME).read_text().strip() == schema_stamp(good)
    bad = make_pack(tmp_path / "bad", lambda m: m["sessions"][0].update(colour="red"))
    assert run_cli("validate-pack", str(bad), "--stamp").returncode == 1
    assert not (bad / SCHEMA_STAMP_NAME).exists()
