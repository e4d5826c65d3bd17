"""The app's own CSV: exact header, lossless round trip, formula neutralising, all-or-nothing import."""
import datetime as dt

from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from sb_desktop.domain.entries import make_activity, make_pain
from sb_desktop.exchange import csv_format

HEADER_LINE = "date,time,entry,value,unit,activity_kind,steps,effort,note,source"


def test_export_import_export_is_identical(tmp_path):
    assert run_cli("--profile", "A", "demo").returncode == 0
    assert run_cli("--profile", "A", "add", "pain", "3", "--note", "=SUM(A1:A9) @me +1 -2").returncode == 0
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert run_cli("--profile", "A", "export", "--format", "csv", "--out", str(first)).returncode == 0
    assert first.read_text(encoding="utf-8").splitlines()[0] == HEADER_LINE
    assert "'=SUM" in first.read_text(encoding="utf-8")
    imported = run_cli("--profile", "B", "import", str(first))
    assert imported.returncode == 0, imported.stderr
    assert run_cli("--profile", "B", "export", "--format", "csv", "--out", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    again = run_cli("--profile", "B", "import", str(first))
    assert "already in the journal" in again.stdout


def test_a_bad_row_refuses_the_whole_file_with_line_numbers(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER_LINE + "\n2025-01-01,08:00,pain,4,score,,,,,manual\n"
                   "2025-01-02,,pain,14,score,,,,,manual\n2025-01-03,,activity,20,min,swim,,,,manual\n",
                   encoding="utf-8")
    result = run_cli("import", str(bad))
    assert result.returncode != 0
    assert "line 3" in result.stderr and "line 4" in result.stderr
    assert "There is no profile called 'default'" in run_cli("list", "--json").stderr   # nothing was created


def test_bom_and_wrong_header_and_binary(tmp_path):
    with_bom = tmp_path / "bom.csv"
    with_bom.write_bytes(b"\xef\xbb\xbf" + (HEADER_LINE + "\r\n2025-01-01,,pain,4,score,,,,,manual\r\n").encode())
    assert run_cli("import", str(with_bom)).returncode == 0
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("day,pain\n2025-01-01,4\n", encoding="utf-8")
    result = run_cli("import", str(wrong))
    assert result.returncode != 0 and "header" in result.stderr
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\x00\x01\x02garbage")
    result = run_cli("import", str(binary))
    assert result.returncode != 0 and "NUL" in result.stderr


text_cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@given(text_cells)
def test_neutralise_is_reversible_and_safe(text):
    guarded = csv_format.neutralise(text)
    assert csv_format.restore(guarded) == text
    assert not guarded[:1] in ("=", "+", "-", "@", "\t", "\r")


entries = st.one_of(
    st.builds(lambda v, d, n: make_pain(v, date=d, note=n), st.integers(0, 10),
              st.dates(dt.date(2000, 1, 1), dt.date(2025, 1, 1)), text_cells),
    st.builds(lambda m, k, s, e, d, n: make_activity(m, kind=k, steps=s, effort=e, date=d, note=n),
              st.integers(0, 600), st.sampled_from(["walk", "exercise", "other"]),
              st.none() | st.integers(0, 50000), st.none() | st.integers(0, 10),
              st.dates(dt.date(2000, 1, 1), dt.date(2025, 1, 1)), text_cells),
)


@settings(max_examples=60)
@given(st.lists(entries, max_size=15))
def test_import_of_export_gives_the_same_entries(batch):
    text = csv_format.export_csv_text(batch)
    parsed = csv_format.parse_csv_bytes(text.encode("utf-8"))
    assert csv_format.export_csv_text(parsed) == text
    key = lambda e: (e.date, e.entry, e.value, e.note)
    assert sorted(map(key, parsed)) == sorted((e.date, e.entry, e.value, e.note.strip()) for e in batch)
