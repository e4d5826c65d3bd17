"""A smaller ICU data library for the Linux bundle: 31 MiB of CLDR data cut to about 9 MiB.

Qt links ICU for case mapping, collation (QCollator), IDNA, time-zone names and legacy text codecs. The
wheel's libicudata carries that data for every locale of the world; the app is in English, so this keeps:

- everything that is not per-locale: Unicode properties, normalisation, IDNA (uts46), break rules and
  dictionaries, the root collation, time-zone rules and the supplemental tables;
- locale data (names of languages, regions, currencies, units and time zones; collation tailorings; number
  spell-out; transliteration) for `root` and English only. Other locales fall back to root, which is what
  ICU does for any locale it does not know: Unicode's default order, English-language names;
- the single-byte code pages (windows-125x, ISO 8859-x, ...), each a few KB. The multi-byte East Asian
  code pages (about 5 MB) go; UTF-8/16/32, Latin-1 and ASCII are built into ICU's code and need no data.

How: the data is one symbol (icudtNN_dat) in an otherwise empty library. icupkg (Debian: icu-devtools)
removes items from that package, and gcc (binutils' assembler) wraps the result in a library with the
same soname and symbol. tests/test_packaging.py runs Qt's ICU-backed calls against the trimmed library.

    python build/trim_icu.py LIBICUDATA OUTDIR     # writes OUTDIR/<same file name>
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

KEEP_LANGUAGES = {"root", "en"}
SMALL_CODE_PAGE_BYTES = 20_000  # single-byte code pages are 2-15 KB; multi-byte ones 60-550 KB
_LOCALE_LANGUAGE = re.compile(r"[a-z]{2,3}")  # "fr" in fr_CA.res, coll/fr.res, zone/fr_BE.res


class TrimFailed(Exception):
    pass


def keep_item(item: str, size: int) -> bool:
    """Whether an item of the ICU data package (e.g. 'coll/fr.res', 'uts46.nrm') stays."""
    name = item.rpartition("/")[2]
    stem, _dot, extension = name.rpartition(".")
    if extension == "cnv":
        return size <= SMALL_CODE_PAGE_BYTES
    if extension != "res" or stem in ("root", "res_index", "pool"):
        return True
    language = stem.split("_")[0]
    return not _LOCALE_LANGUAGE.fullmatch(language) or language in KEEP_LANGUAGES


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """(symbol, file offset, size) of the data blob; the library maps .rodata at its file offset."""
    symbols = subprocess.run(["readelf", "-Ws", "--dyn-syms", str(library)], capture_output=True, text=True,
                             check=True).stdout
    match = re.search(r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\w+\s+\d+\s+(icudt\d+_dat)\b", symbols)
    if not match:
        raise TrimFailed(f"{library.name} has no icudtNN_dat symbol")
    sections = subprocess.run(["readelf", "-SW", str(library)], capture_output=True, text=True, check=True).stdout
    rodata = re.search(r"\.rodata\s+PROGBITS\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if not rodata:
        raise TrimFailed(f"{library.name} has no .rodata section")
    address, section_address, section_offset = int(match[1], 16), int(rodata[1], 16), int(rodata[2], 16)
    return match[3], address - section_address + section_offset, int(match[2], 0)


def trim(library: Path, out_dir: Path) -> Path:
    """Writes the trimmed library to out_dir (same file name) and returns its path."""
    for tool in ("icupkg", "gcc", "readelf"):
        if shutil.which(tool) is None:
            raise TrimFailed(f"{tool} is missing (Debian: apt install icu-devtools gcc binutils)")
    symbol, offset, size = _data_symbol(library)
    work = out_dir / "icu-work"
    shutil.rmtree(work, ignore_errors=True)
    (work / "items").mkdir(parents=True)
    package_name = symbol.removesuffix("_dat") + "l"  # icudt73l: the item prefix ICU looks up
    original = work / "items" / f"{package_name}.dat"
    with open(library, "rb") as source:
        source.seek(offset)
        original.write_bytes(source.read(size))
    listing = subprocess.run(["icupkg", "-l", str(original)], capture_output=True, text=True, check=True).stdout
    items = listing.split()
    extracted = work / "extracted"
    extracted.mkdir()
    subprocess.run(["icupkg", "-x", "*", "-d", str(extracted), str(original)], check=True, capture_output=True)
    dropped = [item for item in items
               if not keep_item(item, (extracted / item).stat().st_size)]
    trimmed = work / package_name / f"{package_name}.dat"  # icupkg names items after the output file
    trimmed.parent.mkdir()
    for _attempt in range(5):  # an item built on a dropped one (a code page extending another) goes too
        (work / "drop.txt").write_text("\n".join(dropped) + "\n")
        run = subprocess.run(["icupkg", "-r", str(work / "drop.txt"), str(original), str(trimmed)],
                             capture_output=True, text=True)
        dependants = set(re.findall(r"Item (\S+) depends on missing item", run.stdout + run.stderr))
        if run.returncode == 0:
            break
        if not dependants or any(keep_item(item, SMALL_CODE_PAGE_BYTES + 1) for item in dependants):
            raise TrimFailed(f"icupkg failed: {(run.stderr or run.stdout).strip()[-500:]}")
        dropped += sorted(dependants - set(dropped))
    else:
        raise TrimFailed("icupkg kept finding items that depend on dropped ones")
    assembly = work / "data.S"
    assembly.write_text(
        f"    .section .rodata\n    .globl {symbol}\n    .type {symbol}, @object\n    .balign 16\n{symbol}:\n"
        f"    .incbin \"{trimmed}\"\n    .size {symbol}, . - {symbol}\n"
        "    .section .note.GNU-stack,\"\",@progbits\n")
    soname = re.search(r"\(SONAME\)\s+Library soname: \[(.+?)\]",
                       subprocess.run(["readelf", "-d", str(library)], capture_output=True, text=True).stdout)
    result = out_dir / library.name
    subprocess.run(["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{soname[1] if soname else library.name}",
                    "-o", str(result), str(assembly)], check=True)
    shutil.rmtree(work / "extracted")
    return result


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    target.mkdir(parents=True, exist_ok=True)
    made = trim(source, target)
    print(f"{made}: {source.stat().st_size / 2**20:.1f} MiB -> {made.stat().st_size / 2**20:.1f} MiB")
