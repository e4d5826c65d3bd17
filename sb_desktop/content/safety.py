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
# HTML attributes that name a resource, with double, single or no quotes (`<img src=/abs>` is valid HTML).
_HTML_ATTR = re.compile(
    r"(?i)(?<![\w-])(src|href|background|data|srcset|poster|xlink:href)\s*=\s*"
    r"(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+))")
# Inline targets in angle brackets may hold spaces: ![a](</some path/x.png>).
_MD_ANGLE_TARGET = re.compile(r"(!?)\[[^\]]*\]\(\s*<([^>\n]*)>")
# Reference-style Markdown definitions: `[label]: target "title"` (up to three spaces of indent).
_MD_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")
# CSS in a style attribute or element can load images too (Qt's rich text honours background-image).
_CSS_URL = re.compile(r"(?i)url\(\s*[\"']?([^\"')]+?)[\"']?\s*\)")
# HTML that never belongs in a pack page: scripts, embedded documents, and tags that change how links resolve.
_FORBIDDEN_TAGS = re.compile(r"(?i)<\s*(script|iframe|object|embed|link|base|meta|frame|applet)\b")


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
    """Every local reference in a page, with its line number: Markdown links and images (inline and
    reference-style definitions), HTML resource attributes with any quoting, and CSS url(...).

    A reference definition may serve an image or a link: it must stay inside the pack either way."""
    links = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _MD_TARGET.finditer(line):
            links.append(PageLink(match.group(2), match.group(1) == "!", number))
        for match in _MD_ANGLE_TARGET.finditer(line):
            links.append(PageLink(match.group(2).strip(), match.group(1) == "!", number))
        reference = _MD_REFERENCE.match(line)
        if reference:
            links.append(PageLink(reference.group(1), False, number))
        for match in _HTML_ATTR.finditer(line):
            value = next(v for v in match.group(2, 3, 4) if v is not None).strip()
            name = match.group(1).lower()
            for target in (value.split(",") if name == "srcset" else [value]):
                target = target.strip().split(" ", 1)[0]
                links.append(PageLink(target, name != "href", number))
        for match in _CSS_URL.finditer(line):
            links.append(PageLink(match.group(1).strip(), True, number))
    return links


def forbidden_html(text: str) -> list[tuple[int, str]]:
    """(line number, tag) for every <script>, <iframe>, <object>, <embed>, <link>, <base>, <meta> in a page."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _FORBIDDEN_TAGS.finditer(line):
            found.append((number, match.group(1).lower()))
    return found


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
    elif not problems:
        problems += _svg_structure_problems(data)
    return problems


# Drawing work an SVG may ask for. `<use>` copies another element; a `<use>` of a group that itself holds
# `<use>` elements multiplies at every level (nine levels of ten: a billion shapes from 2 KB), so nesting
# is refused outright and the number of elements is capped.
MAX_SVG_ELEMENTS = 20_000
MAX_SVG_USES = 500


def _svg_structure_problems(data: bytes) -> list[str]:
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return [_("it is not well-formed XML ({reason})").format(reason=error)]
    elements = list(root.iter())
    if len(elements) > MAX_SVG_ELEMENTS:
        return [_("it has more than {n} elements").format(n=MAX_SVG_ELEMENTS)]
    by_id = {element.get("id"): element for element in elements if element.get("id")}
    uses = [element for element in elements if _local_name(element.tag) == "use"]
    if len(uses) > MAX_SVG_USES:
        return [_("it has more than {n} <use> elements").format(n=MAX_SVG_USES)]
    for use in uses:
        target = next((value for name, value in use.attrib.items() if _local_name(name) == "href"), "")
        referenced = by_id.get(target.lstrip("#"))
        if referenced is not None and any(_local_name(e.tag) == "use" for e in referenced.iter()):
            return [_("a <use> element copies '{id}', which holds <use> elements itself (nested <use> can "
                      "take minutes to draw)").format(id=target.lstrip("#")[:40])]
    return []


def _local_name(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
