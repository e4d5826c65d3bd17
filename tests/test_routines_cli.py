"""`routines [--json]` on the command line: each routine's prescription and planned length, from content only."""
import json

from conftest import run_cli
from sessions_packs import make_pack


def test_routines_json_lists_every_routine_with_its_prescription_and_planned_length(isolated_data_dir):
    result = run_cli("routines", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    by_id = {row["id"]: row for row in rows}
    level3 = by_id["back-level-3"]
    assert (level3["level"], level3["route"], level3["programme"]) == (3, "floor", "back-exercises")
    assert level3["prescribed_minutes"] == [20, 30] and 20 * 60 <= level3["planned_seconds"] <= 30 * 60
    assert by_id["back-chair-1"]["route"] == "chair" and by_id["back-chair-1"]["prescribed_minutes"] == [10, 15]
    assert by_id["flare-up-chair"]["prescribed_minutes"] == [3, 8]      # its own, not its level's
    for row in rows:
        low, high = row["prescribed_minutes"]
        assert low * 60 <= row["planned_seconds"] <= high * 60, row["id"]
        assert row["route"] in ("floor", "chair", "standing") and row["title"]
    plank = next(step for step in level3["steps"] if step["exercise"] == "front-plank-knees")
    assert plank == {"exercise": "front-plank-knees", "sets": 3, "repetitions": None, "hold_seconds": 20,
                     "rest_seconds": 45}
    bridge = next(step for step in by_id["back-level-2"]["steps"] if step["exercise"] == "bridge")
    assert bridge["hold_seconds"] == 3 and bridge["repetitions"] == 10 and bridge["rest_seconds"] == 30
    # It reads only content: no profile (nor profiles folder) is created.
    assert not (isolated_data_dir / "profiles").exists()


def test_routines_plain_text_names_each_routine_and_its_steps(isolated_data_dir):
    result = run_cli("routines")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("back-level-1 "))
    assert "level 1, floor" in header and "prescribed 10-15 min" in header
    assert "    front-plank-knees: 3 sets of 1 hold of 20 seconds, rest 45 s" in lines
    assert not (isolated_data_dir / "profiles").exists()


def test_routines_reads_a_named_pack_and_refuses_a_missing_one_clearly(isolated_data_dir, tmp_path):
    root = make_pack(tmp_path / "pack")
    result = run_cli("routines", "--json", "--pack", str(root))
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert row["id"] == "back-level-0" and row["prescribed_minutes"] == [5, 10]
    assert [step["exercise"] for step in row["steps"]] == ["knee-rolls", "stretch"]
    missing = run_cli("routines", "--pack", str(tmp_path / "nowhere"))
    assert missing.returncode != 0 and missing.stdout == "" and "Traceback" not in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
