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


@pytest.fixture
def profile(profiles):
    opened = profiles.open("Test person")
    yield opened
    opened.close()


@pytest.fixture
def app_context(qtbot, profiles, profile):
    from sb_desktop.ui.context import AppContext
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
