"""House rules a test can check: no network code anywhere, no Qt below the UI, one SQLite driver."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sb_desktop"
FORBIDDEN_NETWORK = ("socket", "urllib", "http", "requests", "httpx", "aiohttp", "ftplib", "smtplib",
                     "xmlrpc", "PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
                     "PySide6.QtWebSockets", "webbrowser")
QT_FREE = ("domain", "storage", "content", "exchange", "cli", "charts")


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def _matches(name: str, prefixes) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_no_network_code_in_the_app():
    offenders = [f"{path.relative_to(ROOT)}:{line} imports {name}"
                 for path in PACKAGE.rglob("*.py") for line, name in _imports(path)
                 if _matches(name, FORBIDDEN_NETWORK)]
    assert offenders == []


def test_domain_storage_content_exchange_and_cli_never_import_qt():
    offenders = [f"{path.relative_to(ROOT)}:{line} imports {name}"
                 for layer in QT_FREE for path in (PACKAGE / layer).rglob("*.py")
                 for line, name in _imports(path) if _matches(name, ("PySide6", "shiboken6"))]
    assert offenders == []


def test_the_network_guard_fails_a_test_that_connects(no_network):
    import socket
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(ConnectionRefusedError):
            sock.connect(("127.0.0.1", 9))
    finally:
        sock.close()
    assert no_network == ["AF_INET ('127.0.0.1', 9)"]
    no_network.clear()  # this test provoked it on purpose


def test_sqlite_utils_and_the_app_share_the_sqlcipher_driver_in_a_fresh_process():
    code = ("import sb_desktop.storage, sqlite_utils.utils as u, sqlcipher3.dbapi2 as d; "
            "assert u.OperationalError is d.OperationalError; import PySide6; print('ok')")
    result = subprocess.run([sys.executable, "-c", "import sys; sys.modules['PySide6'] = None\n" + code.replace(
        "; import PySide6", "")], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr


def test_opening_and_reading_a_profile_leaves_sqlite_utils_unloaded_until_the_first_write(tmp_path):
    """Start-up stays quick: sqlite-utils (~50 ms of imports) loads on the first write, with SQLCipher's driver."""
    from sb_desktop.storage.profiles import ProfileDirectory
    ProfileDirectory(tmp_path).open("Ann").close()  # creates and migrates the profile
    code = (
        "import sys; from pathlib import Path; from sb_desktop.storage.profiles import ProfileDirectory; "
        "from sb_desktop.domain.entries import make_pain; "
        f"p = ProfileDirectory(Path({str(tmp_path)!r})).open('Ann'); p.journal.count(); p.settings.all(); "
        "print('sqlite_utils' in sys.modules); p.journal.add(make_pain(4, date='2024-05-01')); "
        "import sqlite_utils.utils as u, sqlcipher3.dbapi2 as d; "
        "print('sqlite_utils' in sys.modules, u.OperationalError is d.OperationalError, p.journal.count()); "
        "p.close()")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "1"]


def test_the_command_line_loads_no_qt():
    code = ("import sys; import sb_desktop.cli as c; c.build_parser(); "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_the_window_opens_no_internet_socket_even_from_qt_itself(tmp_path):
    """Python-level guards cannot see Qt's C++ sockets: trace the real process's connect() calls."""
    import os
    import shutil
    if shutil.which("strace") is None:
        pytest.skip("strace is not installed")
    trace = tmp_path / "trace.txt"
    env = dict(os.environ, SB_DESKTOP_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(trace),
                             sys.executable, str(ROOT / "main.py"), "--demo", "--smoke-test"],
                            capture_output=True, text=True, env=env, timeout=180)
    if result.returncode != 0 and "ptrace" in result.stderr:
        pytest.skip("tracing is not permitted here")
    assert result.returncode == 0, result.stderr
    lines = [line for line in trace.read_text().splitlines() if "AF_INET" in line]
    assert lines == []
