"""Hostile content packs: every local reference is checked, the page browser never lets Qt read a file
outside the pack, costly SVGs and huge images are refused, and the data folder's packs need the clinic's leave."""
import struct
import time
import zlib

import pytest
from conftest import run_cli
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from sessions_packs import make_pack

from sb_desktop.content import available_packs, find_pack, user_packs_allowed
from sb_desktop.content.pack import check_pack
from sb_desktop.domain.clinic_config import parse_clinic_config
from sb_desktop.resources import resource_path
from sb_desktop.ui.sessions.content_browser import ContentBrowser

PAGE = "pages/s1/02.md"


def _png(width: int, height: int, color=(255, 0, 0)) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes(color) * width for _ in range(height)) if width * height < 10_000 else b""
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


FAN_OUT_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" '
               'height="10"><defs><rect id="a" width="1" height="1"/>'
               '<g id="b"><use xlink:href="#a"/><use xlink:href="#a"/></g>'
               '<g id="c"><use xlink:href="#b"/><use xlink:href="#b"/></g></defs><use xlink:href="#c"/></svg>')


@pytest.fixture
def outside(tmp_path):
    secret = tmp_path / "outside" / "secret.png"
    secret.parent.mkdir()
    secret.write_bytes(_png(8, 8))
    return secret


HOSTILE_PAGES = {
    "reference-style absolute": "Text ![pic][r]\n\n[r]: {secret}\n",
    "reference-style climbing out": "Text [more][r]\n\n[r]: ../../../outside/secret.png\n",
    "unquoted img": "Text\n\n<img src={secret}>\n",
    "single-quoted img": "Text\n\n<img src='{secret}'>\n",
    "double-quoted link": 'Text <a href="../../../outside/secret.png">x</a>\n',
    "css background": '<p style="background-image: url({secret})">x</p>\n',
    "table background": "<table><tr><td background={secret}>x</td></tr></table>\n",
    "angle-bracket target": "![pic](<{secret}>)\n",
    "script": "Text\n\n<script>alert(1)</script>\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_PAGES))
def test_validate_pack_refuses_every_form_of_local_reference(tmp_path, outside, name):
    root = make_pack(tmp_path / "pack")
    (root / PAGE).write_text(HOSTILE_PAGES[name].format(secret=outside), encoding="utf-8")
    pack, problems = check_pack(root)
    assert pack is None, name
    assert any(p.file == PAGE for p in problems), problems
    result = run_cli("validate-pack", str(root))
    assert result.returncode != 0


def test_nested_use_fan_out_in_an_svg_is_refused(tmp_path):
    root = make_pack(tmp_path / "pack")
    (root / "images" / "a.svg").write_text(FAN_OUT_SVG, encoding="utf-8")
    pack, problems = check_pack(root)
    assert pack is None and any("nested <use>" in p.reason for p in problems)


# --- the renderer ---

@pytest.fixture
def browser(qtbot, tmp_path):
    root = make_pack(tmp_path / "pack")
    view = ContentBrowser()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.set_pack(root)
    return view, root


IMAGE = QTextDocument.ResourceType.ImageResource


@pytest.mark.parametrize("name", [n for n in sorted(HOSTILE_PAGES) if n != "script"])
def test_the_browser_never_lets_qt_read_a_file_outside_the_pack(browser, outside, name):
    view, root = browser
    refused = []
    view.blocked.connect(refused.append)
    view.show_markdown(HOSTILE_PAGES[name].format(secret=outside), root / PAGE)
    view.setHtml(view.toHtml())  # the HTML route as well as the Markdown one
    document = view.document()
    for url in (QUrl.fromLocalFile(str(outside)), QUrl(str(outside)), QUrl("../../../outside/secret.png")):
        cached = document.resource(IMAGE.value, url)
        assert cached is None or (isinstance(cached, QImage) and cached.isNull()), (name, url)
    image = document.resource(IMAGE.value, QUrl(str(outside)))
    assert not (isinstance(image, QImage) and not image.isNull())


def test_refused_resources_are_empty_values_of_their_type_never_none(browser, outside):
    view, root = browser
    for url in (QUrl(str(outside)), QUrl.fromLocalFile(str(outside)), QUrl("data:image/png;base64,AAAA")):
        image = view.loadResource(IMAGE.value, url)
        assert isinstance(image, QImage) and image.isNull()
        assert view.loadResource(QTextDocument.ResourceType.StyleSheetResource.value, url) == ""
        assert view.loadResource(QTextDocument.ResourceType.HtmlResource.value, url) == ""
    assert not view.loadResource(IMAGE.value, QUrl("pack:/images/a.svg")).isNull()


def test_the_browser_refuses_a_fan_out_svg_quickly_and_bounds_pixels(browser):
    view, root = browser
    (root / "images" / "bomb.svg").write_text(FAN_OUT_SVG, encoding="utf-8")
    (root / "images" / "huge.png").write_bytes(_png(30_000, 30_000))
    started = time.perf_counter()
    for name in ("bomb.svg", "huge.png"):
        image = view.loadResource(IMAGE.value, QUrl(f"pack:/images/{name}"))
        assert isinstance(image, QImage) and image.isNull(), name
    assert time.perf_counter() - started < 2


# --- packs in the data folder need the clinic's leave ---

def test_a_pack_in_the_data_folder_applies_only_where_the_clinic_allows_it(tmp_path):
    data = tmp_path / "data"
    planted = make_pack(data / "content" / "supportback-en")
    make_pack(data / "content" / "extra-pack")
    built_in = resource_path("content", "supportback-en")
    own_computer = parse_clinic_config({"version": 1})
    refusing = parse_clinic_config({"version": 1}, source=tmp_path / "clinic.json")
    allowing = parse_clinic_config({"version": 1, "allow_user_content_packs": True}, source=tmp_path / "clinic.json")
    assert not user_packs_allowed(own_computer) and not user_packs_allowed(refusing)
    assert user_packs_allowed(allowing)
    for clinic in (own_computer, refusing, None):
        assert find_pack("supportback-en", data, allow_user_packs=user_packs_allowed(clinic)) == built_in
        assert "extra-pack" not in available_packs(data, allow_user_packs=user_packs_allowed(clinic))
    assert find_pack("supportback-en", data, allow_user_packs=True) == planted
    assert "extra-pack" in available_packs(data, allow_user_packs=True)


def test_the_clinic_key_is_validated():
    with pytest.raises(ValueError):
        parse_clinic_config({"version": 1, "allow_user_content_packs": "yes"})
