#!/usr/bin/env python3
"""Make narration audio for a content pack from its page text, reproducibly, with espeak-ng and sox.

    python build/make_narration.py [PACK_DIR] [--modules] [--force] [--check]

For every session page (and module page with --modules) the page's Markdown is turned into plain speech
text, spoken by espeak-ng into a WAV file and compressed by sox into the file the manifest names as the
page's "narration" (default audio/<page-id>.ogg; .mp3 and .wav also work). Exercises with a "cue" get a
short spoken cue in audio/cues/<exercise-id>.ogg; every exercise gets its title and each step read out in
its "narration" (default audio/exercises/<exercise-id>.ogg).

All text passes through spoken_text() first, so the voice says what a reader would: service numbers digit by
digit ("NHS 111" is "N H S one one one"), number ranges with "to", and abbreviations in full.

Reproducible: the same text, voice and settings give byte-identical files (sox -R). A page whose text has
not changed since the last run is skipped (hashes are kept in audio/narration-sources.json). A file that
was replaced by a recorded voice (its bytes no longer match what this script wrote) is never overwritten
unless --force is given. --check only reports what is missing or out of date, and exits 1 if anything is.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sb_desktop.content.safety import UnsafePath, resolve_inside
from sb_desktop.domain.safety import fill_safety_text
from sb_desktop.storage.files import atomic_write_bytes, atomic_write_text

GENERATOR_VERSION = 2          # bump when the text preparation changes, so every file is remade
DEFAULT_VOICE = "en-gb"
DEFAULT_SPEED = 155            # words per minute: a little slower than espeak's default, easier to follow
STATE_FILE = "audio/narration-sources.json"
INSTALL_HINT = "install them first (Debian/Ubuntu: apt-get install espeak-ng sox libsox-fmt-all)"


class NarrationError(Exception):
    pass


def speech_text(title: str, markdown: str) -> str:
    """Plain text for the voice: the page title, then the page without Markdown syntax, links or images."""
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.DOTALL)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)                 # images are not read out
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)               # links: keep their words
    text = re.sub(r"<[^>]+>", " ", text)                                # stray HTML
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if re.fullmatch(r"[-*_=|: ]{3,}", line):                         # rules and table separators
            continue
        line = re.sub(r"^#{1,6}\s*", "", line)
        line = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", line)                # list markers
        line = re.sub(r"^>\s?", "", line)
        line = line.replace("|", ", ")
        line = re.sub(r"[*_`~]+", "", line)
        lines.append(line)
    # Blank lines end sentences so the voice pauses between paragraphs and list items.
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line if re.search(r"[.!?:;,]$", line) else line + ".")
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    body = spoken_text("\n\n".join(paragraphs))
    if re.match(r"\s*#", markdown):
        return body + "\n"          # the page opens with its own heading; do not say the title twice
    return f"{spoken_text(title.strip().rstrip('.'))}.\n\n{body}\n"


def exercise_speech_text(title: str, steps: list[str] | tuple[str, ...]) -> str:
    """What an exercise's narration says: its title, then every step, numbered as on screen."""
    lines = [spoken_text(title.strip().rstrip(".")) + "."]
    for number, step in enumerate(steps, start=1):
        step = step.strip()
        lines.append(f"Step {number}. " + spoken_text(step if re.search(r"[.!?]$", step) else step + "."))
    return "\n\n".join(lines) + "\n"


# Said as words, not spelled out.
_WORD_ABBREVIATIONS = {"OK": "okay"}
# Written short, said in full. Matched as whole words; the dot is part of the written form.
_SHORT_FORMS = (
    (r"\be\.g\.", "for example"),
    (r"\bi\.e\.", "that is"),
    (r"\betc\.", "and so on"),
    (r"\bapprox\.", "about"),
    (r"\bDr\.?(?= [A-Z])", "Doctor"),
    (r"(?<=\d) ?mins?\b", " minutes"),
    (r"(?<=\d) ?hrs?\b", " hours"),
    (r"(?<=\d) ?secs?\b", " seconds"),
    (r"(?<=\d) ?%", " per cent"),
)
_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# Telephone and service numbers, said digit by digit: the UK's 999, 111 and 112, other countries' 911 and 000,
# numbers written in groups of three or more digits ("116 123"), and long numbers starting with 0.
_PHONE_NUMBER = re.compile(r"(?<![\d,.])(?:0\d{3,}(?: \d{3,})*|\d{3}(?: \d{3,})+|999|111|112|911|000)(?![\d,.]\d)")


def _say_digits(match: re.Match) -> str:
    groups = match.group(0).split(" ")
    return ", ".join(" ".join(_DIGIT_WORDS[int(d)] for d in group) for group in groups)


def _say_letters(match: re.Match) -> str:
    letters, plural = match.group(1), match.group(2)
    if letters in _WORD_ABBREVIATIONS:
        return _WORD_ABBREVIATIONS[letters] + plural
    return " ".join(letters) + ("'s" if plural else "")


def spoken_text(text: str) -> str:
    """Text rewritten for the voice, so it is heard the way a reader would say it:

    - service and telephone numbers digit by digit ("NHS 111": "N H S one one one"; "116 123":
      "one one six, one two three"), while amounts stay numbers ("20 minutes", "10,000 steps");
    - ranges with "to" ("10-15 minutes": "10 to 15 minutes"; "0-10": "0 to 10");
    - capital-letter abbreviations letter by letter ("GP": "G P", "A&E": "A and E"), except those said as a
      word ("OK": "okay");
    - short forms in full ("e.g.": "for example", "5 mins": "5 minutes");
    - dashes as pauses, "&" as "and"."""
    text = re.sub(r"(\d)\s*[–-]\s*(?=\d)", r"\1 to ", text)      # "5–10 minutes": "5 to 10 minutes"
    text = re.sub(r"\s*[–—]\s*", ", ", text)
    text = re.sub(r"\b([A-Z])&([A-Z])\b", r"\1 and \2", text)     # "A&E"
    text = text.replace("&", " and ")
    for pattern, replacement in _SHORT_FORMS:
        text = re.sub(pattern, replacement, text)
    text = _PHONE_NUMBER.sub(_say_digits, text)
    text = re.sub(r"\b([A-Z]{2,5})(s?)\b", _say_letters, text)
    return re.sub(r"[ \t]{2,}", " ", text)


def find_tools() -> tuple[str, str]:
    espeak, sox = shutil.which("espeak-ng"), shutil.which("sox")
    missing = [name for name, path in (("espeak-ng", espeak), ("sox", sox)) if path is None]
    if missing:
        raise NarrationError(f"{' and '.join(missing)} not found; {INSTALL_HINT}.")
    return espeak, sox


def tool_version(espeak: str) -> str:
    out = subprocess.run([espeak, "--version"], capture_output=True, text=True, check=False).stdout
    match = re.search(r"(\d+\.\d+(?:\.\d+)?)", out)
    return match.group(1) if match else "unknown"


def synthesise(text: str, out_path: Path, *, espeak: str, sox: str, voice: str, speed: int) -> bytes:
    """Speak text into out_path's format; returns the bytes written (atomically)."""
    suffix = out_path.suffix.lower()
    if suffix not in (".ogg", ".mp3", ".wav"):
        raise NarrationError(f"{out_path.name}: narration must be .ogg, .mp3 or .wav to be generated")
    with tempfile.TemporaryDirectory(prefix="narration-") as tmp:
        text_file, wav, encoded = Path(tmp, "page.txt"), Path(tmp, "speech.wav"), Path(tmp, "speech" + suffix)
        text_file.write_text(text, encoding="utf-8")
        run([espeak, "-v", voice, "-s", str(speed), "-w", str(wav), "-f", str(text_file)])
        # -R: repeatable output (fixed stream serial numbers and dither seed), so builds are byte-identical.
        # Speech needs little: mono 22.05 kHz, low-bitrate Vorbis (about 4-5 kB a second) or 32 kbit/s MP3.
        quality = {".ogg": ["-C", "0"], ".mp3": ["-C", "32"], ".wav": []}[suffix]
        run([sox, "-R", str(wav), "-c", "1", "-r", "22050", *quality, str(encoded), "norm", "-1"])
        data = encoded.read_bytes()
    atomic_write_bytes(out_path, data)
    return data


def run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise NarrationError(f"{Path(command[0]).name} failed ({result.returncode}): {result.stderr.strip()[:300]}")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def jobs_for(pack: Path, manifest: dict, with_modules: bool) -> list[tuple[str, str, Path]]:
    """(key, speech text, output path) for every narration this pack should have."""
    jobs = []
    groups = list(manifest.get("sessions", []))
    if with_modules:
        groups += manifest.get("modules", [])
    for group in groups:
        for page in group.get("pages", []):
            target = page.get("narration") or f"audio/{page['id']}.ogg"
            try:
                source = resolve_inside(pack, page["file"])
                out = resolve_inside(pack, target)
            except UnsafePath as reason:
                raise NarrationError(f"page {page['id']}: {reason}") from None
            if not source.is_file():
                raise NarrationError(f"page {page['id']}: {page['file']} is missing")
            # Safety wording ({{safety:...}}) is spoken as the app shows it with no clinic configuration (UK);
            # the app does not offer such a recording where a clinic sets its own services.
            markdown = fill_safety_text(source.read_text(encoding="utf-8"))
            jobs.append((target, speech_text(page["title"], markdown), out))
    for exercise in manifest.get("exercises", []):
        if exercise.get("cue"):
            target = exercise.get("cue_audio") or f"audio/cues/{exercise['id']}.ogg"
            jobs.append((target, spoken_text(exercise["cue"].strip()) + "\n", resolve_inside(pack, target)))
        target = exercise.get("narration") or f"audio/exercises/{exercise['id']}.ogg"
        try:
            out = resolve_inside(pack, target)
        except UnsafePath as reason:
            raise NarrationError(f"exercise {exercise['id']}: {reason}") from None
        jobs.append((target, exercise_speech_text(exercise["title"], exercise["steps"]), out))
    return jobs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pack", nargs="?", default=str(ROOT / "resources" / "content" / "supportback-en"))
    parser.add_argument("--modules", action="store_true", help="narrate module pages too")
    parser.add_argument("--force", action="store_true", help="remake every file, even recorded ones")
    parser.add_argument("--check", action="store_true", help="only report missing or out-of-date narration")
    parser.add_argument("--voice", default=DEFAULT_VOICE)
    parser.add_argument("--speed", type=int, default=DEFAULT_SPEED)
    args = parser.parse_args(argv)
    pack = Path(args.pack).resolve()
    try:
        manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
        jobs = jobs_for(pack, manifest, args.modules)
        state_path = pack / STATE_FILE
        state = json.loads(state_path.read_text(encoding="utf-8")) if state_path.is_file() else {}
        stale = []
        for key, text, out in jobs:
            recorded = state.get(key, {})
            want = sha256(f"{GENERATOR_VERSION}|{args.voice}|{args.speed}|{text}".encode())
            exists = out.is_file()
            replaced = exists and recorded.get("audio_sha256") not in (None, sha256(out.read_bytes()))
            unknown_file = exists and not recorded
            if replaced or unknown_file:
                if not args.force:
                    print(f"keep   {key} (recorded voice or file not made by this script)")
                    continue
            elif exists and recorded.get("text_sha256") == want and not args.force:
                continue
            stale.append((key, text, out, want))
        if args.check:
            for key, *_rest in stale:
                print(f"stale  {key}")
            print(f"{len(stale)} of {len(jobs)} narration files missing or out of date.")
            return 1 if stale else 0
        if not stale:
            print(f"All {len(jobs)} narration files are up to date.")
            return 0
        espeak, sox = find_tools()
        version = tool_version(espeak)
        for number, (key, text, out, want) in enumerate(stale, start=1):
            data = synthesise(text, out, espeak=espeak, sox=sox, voice=args.voice, speed=args.speed)
            state[key] = {"text_sha256": want, "audio_sha256": sha256(data),
                          "generator": f"espeak-ng {version}, voice {args.voice}, {args.speed} wpm"}
            print(f"made   {key} ({len(data) / 1000:.0f} kB) [{number}/{len(stale)}]")
            atomic_write_text(state_path, json.dumps(state, indent=1, sort_keys=True) + "\n")
        total = sum(p.stat().st_size for p in pack.rglob("*") if p.is_file())
        print(f"Done: {len(stale)} made; the pack is now {total / 1e6:.1f} MB.")
        return 0
    except (NarrationError, OSError, ValueError, KeyError) as error:
        print(f"make_narration: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
