"""One absurd record in an Apple Health export is refused after reading a bounded amount, in linear time."""
import zipfile

import pytest

from sb_desktop.exchange import apple_health
from sb_desktop.exchange.apple_health import MAX_TOKEN_BYTES, read_apple_health
from sb_desktop.exchange.wearable import ImportFileError

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_GB">\n'
        ' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" '
        'startDate="2024-03-01 08:00:00 +0000" endDate="2024-03-01 08:10:00 +0000" value="700"/>\n')
TAIL = "</HealthData>\n"


def _write_huge(handle, size_mb: int, where: str) -> None:
    handle.write(HEAD.encode())
    opening = ' <Record type="HKQuantityTypeIdentifierHeartRate" note="' if where == "attribute" else " <Note>"
    handle.write(opening.encode())
    block = b"a" * 2**20
    for _ in range(size_mb):
        handle.write(block)
    handle.write(b'"/>\n' if where == "attribute" else b"</Note>\n")
    handle.write(TAIL.encode())


def _read_measuring(path):
    furthest = [0]

    def progress(done, total):
        furthest[0] = max(furthest[0], done)
    try:
        return read_apple_health(path, progress=progress), furthest[0]
    except ImportFileError as error:
        return error, furthest[0]


@pytest.mark.parametrize("where", ["attribute", "text"])
def test_a_40_mb_value_is_refused_after_reading_a_bounded_amount(tmp_path, where):
    path = tmp_path / "export.xml"
    with open(path, "wb") as handle:
        _write_huge(handle, 40, where)
    outcome, furthest = _read_measuring(path)
    assert isinstance(outcome, ImportFileError)
    assert "more than 4 MB" in str(outcome) and "Nothing was imported" in str(outcome)
    assert furthest <= MAX_TOKEN_BYTES + 2 * apple_health.CHUNK_BYTES  # never read (or buffered) the rest


def test_the_zip_bomb_shape_is_refused_without_unpacking_it(tmp_path):
    """The issue's case in small: a zip of a few hundred KB holding one attribute hundreds of MB long."""
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("apple_health_export/export.xml", "w", force_zip64=True) as member:
            _write_huge(member, 300, "attribute")
    assert path.stat().st_size < 2 * 2**20
    outcome, furthest = _read_measuring(path)
    assert isinstance(outcome, ImportFileError) and "more than 4 MB" in str(outcome)
    assert furthest <= MAX_TOKEN_BYTES + 2 * apple_health.CHUNK_BYTES


def test_large_but_plausible_values_still_import(tmp_path):
    path = tmp_path / "export.xml"
    with open(path, "wb") as handle:
        _write_huge(handle, 3, "attribute")  # 3 MB: under the bound, skipped as a heart-rate record
    parsed = read_apple_health(path)
    assert sum(per_source["Phone"] for per_source in parsed.steps_by_day.values()) == 700
    assert parsed.records_skipped == 1
