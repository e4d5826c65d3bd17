"""Google Fit daily metrics and plain date,steps CSV: detection, encodings, bad files, no location stored."""
import datetime as dt

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sb_desktop.domain.errors import UserError
from sb_desktop.exchange import wearable
from sb_desktop.exchange.detect import detect_format, read_import
from sb_desktop.exchange.wearable import ImportFileError, write_import

FIT_HEADER = ("Date,Move Minutes count,Calories (kcal),Distance (m),Heart Points,Heart Minutes,"
              "Low latitude (deg),Low longitude (deg),High latitude (deg),High longitude (deg),"
              "Average speed (m/s),Step count,Walking duration (ms)")


def fit_row(day, steps, lat="51.501364", lon="-0.141890"):
    return f"{day},34,1820.5,2500.1,12,10,{lat},{lon},51.5102,-0.1300,1.2,{steps},1500000"


def test_google_fit_daily_metrics_import_keeps_steps_and_never_location(tmp_path, profile):
    path = tmp_path / "Daily activity metrics.csv"
    path.write_text("\n".join([FIT_HEADER, fit_row("2024-02-01", 6543), fit_row("2024-02-02", ""),
                               fit_row("2024-02-03", "7001.0")]) + "\n", encoding="utf-8")
    assert detect_format(path) == "google-fit"
    parsed = read_import(path)
    assert parsed.steps_by_day == {dt.date(2024, 2, 1): {"Google Fit": 6543}, dt.date(2024, 2, 3): {"Google Fit": 7001}}
    write_import(profile.journal, parsed.entries())
    stored = repr(profile.journal.entries()) + repr(list(profile.db.execute("SELECT * FROM entries")))
    assert "51.50" not in stored and "0.141" not in stored and "-0.13" not in stored
    assert [(e.steps, e.minutes, e.source) for e in profile.journal.entries(newest_first=False)] == [
        (6543, 0, "import:google-fit"), (7001, 0, "import:google-fit")]


def test_google_fit_one_day_file_sums_its_rows(tmp_path):
    path = tmp_path / "2024-02-05.csv"
    path.write_text("Start time,End time,Step count,Low latitude (deg)\n"
                    "08:00:00.000+00:00,08:15:00.000+00:00,400,51.5\n"
                    "08:15:00.000+00:00,08:30:00.000+00:00,,51.5\n"
                    "08:30:00.000+00:00,08:45:00.000+00:00,250,51.5\n", encoding="utf-8")
    assert read_import(path).steps_by_day == {dt.date(2024, 2, 5): {"Google Fit": 650}}


@pytest.mark.parametrize("text", ["date,steps\n2024-01-01,1000\n2024-01-02,2500\n", "2024-01-01,1000\n2024-01-02,2500\n",
                                  "Date,Steps\r\n2024-01-01,1000\r\n\r\n2024-01-02,2500.0\r\n"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_steps_csv_with_or_without_header_in_any_supported_encoding(tmp_path, text, encoding):
    path = tmp_path / "steps.csv"
    path.write_bytes(text.encode(encoding))
    assert detect_format(path) == "steps-csv"
    parsed = read_import(path)
    assert {d: v for d, (_s, v) in parsed.daily_steps().items()} == {dt.date(2024, 1, 1): 1000, dt.date(2024, 1, 2): 2500}


@pytest.mark.parametrize("text, words", [
    ("date,steps\n2024-01-01,many\n", "'many' is not a number of steps"),
    ("date,steps\n2024-01-01,-5\n", "not a number of steps"),
    ("date,steps\n2024-01-01,12.5\n", "not a number of steps"),
    ("date,steps\n01/02/2024,100\n", "not a date"),
    ("date,steps\n2024-01-01T10:00,100\n", "not a date"),
    ("date,steps\n2024-01-01,100\n2024-01-01,200\n", "appears twice"),
    ("date,steps\n2024-01-01,100,7\n", "expected 2 columns"),
    ("date,steps\n2024-01-01,300000\n", "more than"),
    ("date,steps\n2099-01-01,100\n", "outside the range"),
])
def test_bad_steps_csv_is_refused_whole_with_line_number(tmp_path, profile, text, words):
    path = tmp_path / "steps.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFileError, match=words):
        write_import(profile.journal, read_import(path, "steps-csv").entries())
    assert profile.journal.count() == 0


def test_huge_nul_and_wrong_files_are_refused_clearly(tmp_path, monkeypatch):
    monkeypatch.setattr(wearable, "MAX_CSV_BYTES", 100)
    big = tmp_path / "big.csv"
    big.write_text("date,steps\n" + "2024-01-01,100\n" * 20, encoding="utf-8")
    with pytest.raises(ImportFileError, match="the most this import accepts"):
        read_import(big, "steps-csv")
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"date,steps\n2024-01-01,1\x0000\n")
    with pytest.raises(UserError, match="NUL"):
        read_import(nul, "steps-csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Date,Step count\n2024-01-01,5\n# caf\xe9\n".encode("latin-1"))
    with pytest.raises(UserError, match="UTF-8"):
        read_import(latin, "google-fit")
    with pytest.raises(ImportFileError, match="needs 'Date' and 'Step count'"):
        read_import(_write(tmp_path, "a,b,c\n1,2,3\n"), "google-fit")


def _write(tmp_path, text):
    path = tmp_path / "other.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_steps_from_two_wearable_formats_on_one_day_are_not_added_up(tmp_path, profile):
    fit = tmp_path / "Daily activity metrics.csv"
    fit.write_text(FIT_HEADER + "\n" + fit_row("2024-02-01", 6000) + "\n", encoding="utf-8")
    plain = tmp_path / "steps.csv"
    plain.write_text("date,steps\n2024-02-01,6100\n2024-02-02,300\n", encoding="utf-8")
    write_import(profile.journal, read_import(fit).entries())
    outcome = write_import(profile.journal, read_import(plain).entries())
    assert (outcome.added, outcome.updated) == (1, 1)
    assert [(d, s) for d, _m, s in profile.journal.daily_activity()] == [
        (dt.date(2024, 2, 1), 6100), (dt.date(2024, 2, 2), 300)]


def test_cli_import_with_format_flag_and_bad_file_message(tmp_path):
    plain = tmp_path / "walks.txt"
    plain.write_text("2024-02-01,4000\n", encoding="utf-8")
    done = run_cli("import", str(plain), "--format", "steps-csv")
    assert done.returncode == 0 and "Imported 1 entries" in done.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("date,steps\n2024-02-01,lots\n", encoding="utf-8")
    result = run_cli("import", str(bad))
    assert result.returncode == 1 and "Line 2" in result.stderr and "Traceback" not in result.stderr
    listed = run_cli("list", "--json").stdout
    assert '"steps": 4000' in listed and listed.count('"id"') == 1


# --- properties: what is written is what is read, whatever the encoding ---

DAYS = st.dictionaries(st.dates(dt.date(2015, 1, 1), dt.date(2024, 12, 31)), st.integers(0, 150_000), max_size=30)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days=DAYS, header=st.booleans(), encoding=ENCODINGS, newline=st.sampled_from(["\n", "\r\n"]))
def test_steps_csv_round_trip(tmp_path, days, header, encoding, newline):
    lines = (["date,steps"] if header or not days else []) + [f"{d},{s}" for d, s in days.items()]
    path = tmp_path / "p.csv"
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    parsed = read_import(path)
    assert {d: s for d, (_src, s) in parsed.daily_steps().items()} == days


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days=DAYS, encoding=ENCODINGS)
def test_google_fit_round_trip(tmp_path, days, encoding):
    lines = [FIT_HEADER] + [fit_row(d, s) for d, s in days.items()]
    path = tmp_path / "Daily activity metrics.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    parsed = read_import(path)
    assert parsed.format == "google-fit"
    assert {d: s for d, (_src, s) in parsed.daily_steps().items()} == days


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200) | st.text(max_size=200).map(lambda t: ("date,steps\n" + t).encode()),
       fmt=st.sampled_from([None, "steps-csv", "google-fit"]))
def test_any_bytes_give_entries_or_one_clear_error(tmp_path, data, fmt):
    path = tmp_path / "junk.csv"
    path.write_bytes(data)
    try:
        read_import(path, fmt).entries()
    except UserError as error:
        assert str(error)
