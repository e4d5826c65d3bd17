"""Shared fixtures. Qt runs offscreen; every test gets its own data folder and never touches the real one."""
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("SB_DESKTOP_PASSPHRASE", None)

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch) -> Path:
    """Each test's SB_DESKTOP_DATA_DIR is a fresh temporary folder."""
    data = tmp_path / "data"
    monkeypatch.setenv("SB_DESKTOP_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return data


@pytest.fixture
def profiles(isolated_data_dir):
    from sb_desktop.storage.profiles import ProfileDirectory
    return ProfileDirectory(isolated_data_dir)


def complete_first_check(profile) -> None:
    """Answer the first safety check "no" throughout, as a person past their first start has."""
    from sb_desktop.domain.safety import questions_for
    with profile.transaction():
        profile.safety.record_check({q.id: False for q in questions_for("first")})


@pytest.fixture
def profile(request, profiles):
    """A fresh profile whose first safety check is done (the programme is open), unless the test is marked
    `first_check_pending`."""
    opened = profiles.open("Test person")
    if not request.node.get_closest_marker("first_check_pending"):
        complete_first_check(opened)
    yield opened
    opened.close()


@pytest.fixture
def app_context(qtbot, profiles, profile):
    from sb_desktop.ui.common.context import AppContext
    context = AppContext(profiles, profile)
    yield context
    context.undo_stack.clear()


def run_cli(*args: str, input: str | None = None, env: dict | None = None):
    """Run `python main.py ARGS` in a subprocess, like a clinic's script would."""
    import subprocess
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          input=input, env=full_env, timeout=120)


# --- added by the profiles/encryption work (issue #6) ---

import sb_desktop.storage  # noqa: E402,F401  registers SQLCipher for sqlite-utils before any test imports it


@pytest.fixture(autouse=True)
def no_clinic_config(tmp_path, monkeypatch):
    """Tests never read the machine's real clinic file; those that need one write their own."""
    monkeypatch.setenv("SB_DESKTOP_CLINIC_CONFIG", str(tmp_path / "no-clinic.json"))


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fails any test in which the app opens an internet socket (AF_UNIX, e.g. D-Bus, is allowed)."""
    import socket

    attempts: list[str] = []
    real_connect, real_connect_ex, real_sendto = socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto

    def refuse(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(f"{sock.family.name} {address!r}")
            raise ConnectionRefusedError("network use is forbidden in SupportBack Desktop (test guard)")

    def connect(sock, address):
        refuse(sock, address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        refuse(sock, address)
        return real_connect_ex(sock, address)

    def sendto(sock, data, *args):
        refuse(sock, args[-1] if args else None)
        return real_sendto(sock, data, *args)

    def create_connection(address, *args, **kwargs):
        attempts.append(f"create_connection {address!r}")
        raise ConnectionRefusedError("network use is forbidden in SupportBack Desktop (test guard)")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", sendto)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    yield attempts
    if attempts:
        pytest.fail("the test opened a network connection: " + "; ".join(attempts))


@pytest.fixture
def fast_kdf(monkeypatch):
    """Cheap key derivation for tests that create many encrypted profiles (the real cost is measured apart)."""
    from sb_desktop.storage import crypto
    cheap = crypto.KdfParams(n=2 ** 10, r=8, p=1)
    monkeypatch.setattr(crypto, "DEFAULT_KDF", cheap)
    return cheap


@pytest.fixture(autouse=True)
def no_first_start_dialog(request, monkeypatch):
    """The window's first-start red-flag dialog is modal; tests that build the whole GUI would block on it.
    Tests marked `first_start_dialog` keep the real behaviour (and stub the dialog's exec themselves)."""
    if request.node.get_closest_marker("first_start_dialog"):
        return
    try:
        from sb_desktop.ui.shell.session import Session
    except ImportError:
        return
    monkeypatch.setattr(Session, "first_start_check", lambda self: None)


@pytest.fixture(autouse=True)
def no_dangling_threads_or_timers(request, monkeypatch):
    """Fail a GUI test that leaves a QThread running or a QTimer active once its widgets are gone (after
    pending deletions are processed): such leftovers fire into the next test, or into a closed profile."""
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        yield
        return
    import weakref

    from PySide6.QtCore import QCoreApplication, QEvent, QThread, QTimer

    started: list = []
    timer_start, thread_start = QTimer.start, QThread.start

    def track_timer(self, *args):
        started.append(weakref.ref(self))
        return timer_start(self, *args)

    def track_thread(self, *args):
        started.append(weakref.ref(self))
        return thread_start(self, *args)

    monkeypatch.setattr(QTimer, "start", track_timer)
    monkeypatch.setattr(QThread, "start", track_thread)
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    leftovers = []
    for ref in started:
        obj = ref()
        if obj is None:
            continue
        try:
            running = obj.isActive() if isinstance(obj, QTimer) else obj.isRunning()
        except RuntimeError:  # its C++ object is already gone
            continue
        if running:
            leftovers.append(f"{type(obj).__name__} {obj.objectName() or ''} (parent: {type(obj.parent()).__name__})")
    assert not leftovers, "a test left Qt work running: " + ", ".join(leftovers)
