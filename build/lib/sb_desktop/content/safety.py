"""Keeping a content pack inside its folder: safe path resolution and detection of remote or local-file URLs."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sb_desktop.i18n import _

# A scheme such as http:, https:, file:, ftp:, data:, javascript: (a single letter is a drive, see below).
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]+:")
_DRIVE = re.compile(r"^[a-zA-Z]:")

# What a page may not contain: any URL that would load or open something outside the pack.
_REMOTE_URL = re.compile(r"(?i)\b(?:https?|ftp|file|data|javascript):[^\s)\"'<>]+|(?<![\w:])//[\w.-]+\.[a-z]{2,}[^\s)\"'<>]*")
# Markdown images ![alt](target "title") and links [text](target); HTML src/href attributes.
_MD_TARGET = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_ATTR = re.compile(r"(?i)\b(src|href)\s*=\s*[\"']([^\"']+)[\"']")


class UnsafePath(ValueError):
    """A path in a pack that is absolute, climbs out with '..', names a drive or URL, or escapes by a link."""


@dataclass(frozen=True)
class PageLink:
    """A link or image reference found in a Markdown page."""

    target: str
    is_image: bool
    line: int


def resolve_inside(pack_root: Path, relative: str, *, base: str | PurePosixPath = "") -> Path:
    """The real path of `relative` (a pack path with forward slashes), or UnsafePath if it would leave the pack.

    `base` is a folder inside the pack the path is relative to (for links inside a page). Symbolic links
    are followed and the final target must still be inside the pack."""
    text = (relative or "").strip()
    if not text:
        raise UnsafePath(_("the path is empty"))
    if "\x00" in text:
        raise UnsafePath(_("the path contains a NUL character"))
    if "\\" in text:
        raise UnsafePath(_("'{path}' uses backslashes; write pack paths with forward slashes").format(path=text))
    if _DRIVE.match(text) or _SCHEME.match(text):
        raise UnsafePath(_("'{path}' is a URL or drive path, not a path inside the pack").format(path=text))
    pure = PurePosixPath(text)
    if pure.is_absolute():
        raise UnsafePath(_("'{path}' is an absolute path; pack paths must be relative").format(path=text))
    if base:
        # Inside a page, '../images/x.svg' is normal Markdown; it only has to stay inside the pack.
        combined = posixpath.normpath(posixpath.join(str(base), text))
        if combined == ".." or combined.startswith("../") or posixpath.isabs(combined):
            raise UnsafePath(_("'{path}' climbs out of the pack with '..'").format(path=text))
        pure = PurePosixPath(combined)
    elif ".." in pure.parts:
        raise UnsafePath(_("'{path}' uses '..'; manifest paths must not climb out of the pack").format(path=text))
    root = Path(pack_root).resolve()
    candidate = root.joinpath(*pure.parts)
    real = candidate.resolve()
    if not real.is_relative_to(root):
        raise UnsafePath(_("'{path}' leads outside the pack (through a symbolic link)").format(path=text))
    return real


def is_inside(pack_root: Path, path: Path) -> bool:
    """True when `path`, after following every symbolic link, is inside pack_root."""
    try:
        return Path(path).resolve().is_relative_to(Path(pack_root).resolve())
    except (OSError, RuntimeError, ValueError):
        return False


def find_remote_urls(text: str) -> list[tuple[int, str]]:
    """(line number, URL) for every http(s), ftp, file, data or javascript URL, or //host reference."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _REMOTE_URL.finditer(line):
            found.append((number, match.group(0)))
    return found


def page_links(text: str) -> list[PageLink]:
    """Every Markdown link/image target and HTML src/href in a page, with its line number."""
    links = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _MD_TARGET.finditer(line):
            links.append(PageLink(match.group(2), match.group(1) == "!", number))
        for match in _HTML_ATTR.finditer(line):
            links.append(PageLink(match.group(2), match.group(1).lower() == "src", number))
    return links


def svg_problems(data: bytes) -> list[str]:
    """Reasons an SVG illustration is not self-contained (scripts, external references)."""
    text = data.decode("utf-8", errors="replace")
    problems = []
    if re.search(r"(?i)<script\b", text):
        problems.append(_("it contains a <script> element"))
    if re.search(r"(?i)<foreignObject\b", text):
        problems.append(_("it contains a <foreignObject> element"))
    for match in re.finditer(r"(?i)\b(?:xlink:)?href\s*=\s*[\"']([^\"']*)[\"']", text):
        target = match.group(1).strip()
        if target and not target.startswith("#"):
            problems.append(_("it refers to '{target}' outside the file").format(target=target[:80]))
    if re.search(r"(?i)<!ENTITY\b", text):
        problems.append(_("it declares XML entities"))
    return problems
