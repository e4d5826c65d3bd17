"""Small content packs built in a temporary folder for the content, sessions and player tests."""
from __future__ import annotations

import json
import struct
import wave
from pathlib import Path

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 120 80">'
       '<rect x="4" y="4" width="112" height="72" rx="8" fill="#cfe3f5"/>'
       '<circle cx="60" cy="40" r="20" fill="#2f6db5"/></svg>')


def write_tone(path: Path, seconds: float = 1.0, rate: int = 8000) -> Path:
    """A quiet sine-like tone as 16-bit mono WAV, made with the standard library only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = bytearray()
    for i in range(int(seconds * rate)):
        value = int(3000 * ((i // 10) % 2 * 2 - 1))  # a square wave is enough to be audible and decodable
        frames += struct.pack("<h", value)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return path


def page(pid: str, file: str, **extra) -> dict:
    return {"id": pid, "title": pid.replace("-", " ").title(), "file": file, **extra}


def manifest() -> dict:
    return {
        "id": "test-pack",
        "title": "Test pack",
        "version": "1.0.0",
        "language": "en-GB",
        "sources": [{"title": "NICE NG59", "url": "https://www.nice.org.uk/guidance/ng59"}],
        "sessions": [
            {"id": "session-1", "number": 1, "title": "Getting started", "summary": "How it works.",
             "pages": [page("s1-welcome", "pages/s1/01.md", narration="audio/s1-welcome.wav", image="images/a.svg"),
                       page("s1-choose", "pages/s1/02.md", action="choose_programme"),
                       page("s1-goal", "pages/s1/03.md", action="set_goal")]},
            {"id": "session-2", "number": 2, "title": "Keeping going", "summary": "Review.",
             "pages": [page("s2-review", "pages/s2/01.md", action="weekly_review"),
                       page("s2-topic", "pages/s2/02.md", action="choose_module")]},
            {"id": "session-3", "number": 3, "title": "Building up", "summary": "More.",
             "pages": [page("s3-one", "pages/s3/01.md")]},
        ],
        "modules": [
            {"id": "sleep", "title": "Sleep", "kind": "optional", "summary": "Sleeping better.",
             "pages": [page("sleep-1", "pages/modules/sleep-1.md")]},
            {"id": "hurt-not-harm", "title": "Hurt is not harm", "kind": "barrier", "summary": "Why pain is not damage.",
             "pages": [page("hnh-1", "pages/modules/hnh-1.md")]},
        ],
        "exercises": [
            {"id": "knee-rolls", "title": "Knee rolls", "image": "images/a.svg", "steps": ["Lie down.", "Roll."],
             "level": 0, "easier": None, "harder": "bridge", "repetitions": 8, "cue": "Roll slowly."},
            {"id": "bridge", "title": "Bridge", "image": "images/a.svg", "steps": ["Lift."],
             "level": 1, "easier": "knee-rolls", "harder": None, "hold_seconds": 5},
            {"id": "stretch", "title": "Back stretch", "image": "images/a.svg", "steps": ["Stretch."],
             "level": 0, "easier": None, "harder": None, "hold_seconds": 10},
        ],
        "routines": [
            {"id": "back-level-0", "title": "Back exercises level 0", "programme": "back-exercises", "level": 0,
             "rest_seconds": 2, "steps": [{"exercise": "knee-rolls", "repetitions": 2},
                                          {"exercise": "stretch", "hold_seconds": 3, "sets": 2}]},
        ],
        "programmes": [
            {"id": "walking", "title": "Walking", "summary": "Walk a little more.",
             "levels": [{"level": lv, "title": f"Walk {lv}", "description": "Walk.", "minutes": [2 + lv, 5 + lv],
                         "days_per_week": [3, 5]} for lv in range(5)]},
            {"id": "back-exercises", "title": "Back exercises", "summary": "Gentle exercises.",
             "levels": [{"level": 0, "title": "Lying and chair", "description": "Gentle.", "minutes": [5, 10],
                         "days_per_week": [3, 5], "routine": "back-level-0"}]},
        ],
    }


PAGES = {
    "pages/s1/01.md": "# Welcome\n\nMoving helps your back.\n\n![a picture](../../images/a.svg)\n\n"
                      "See [the next page](page:s1-choose) or [sleep](../modules/sleep-1.md).\n",
    "pages/s1/02.md": "Choose walking or back exercises.\n",
    "pages/s1/03.md": "Set a small goal.\n",
    "pages/s2/01.md": "How did last week go?\n",
    "pages/s2/02.md": "Pick a topic.\n",
    "pages/s3/01.md": "Keep building.\n",
    "pages/modules/sleep-1.md": "Sleep tips.\n",
    "pages/modules/hnh-1.md": "Hurt does not mean harm.\n",
}


def make_pack(root: Path, mutate=None, audio_seconds: float = 1.0) -> Path:
    """Write a valid pack into root (optionally changing the manifest dict first) and return root."""
    root.mkdir(parents=True, exist_ok=True)
    data = manifest()
    if mutate is not None:
        mutate(data)
    (root / "manifest.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    for rel, text in PAGES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "images").mkdir(exist_ok=True)
    (root / "images" / "a.svg").write_text(SVG, encoding="utf-8")
    write_tone(root / "audio" / "s1-welcome.wav", audio_seconds)
    return root
