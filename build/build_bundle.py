"""Builds the sb-desktop one-folder bundle for this operating system, then smoke-runs the frozen app.

    .venv/bin/python build/build_bundle.py              # build, smoke-test, check the size
    .venv/bin/python build/build_bundle.py --skip-build # smoke-test the bundle already in build/out/
    .venv/bin/python build/build_bundle.py --archive    # also pack build/out/sb-desktop-<version>-<os>-<arch>.tar.gz
    .venv/bin/python build/build_bundle.py --numpy-without-blas  # Linux: 26 MiB smaller (see below)

Every step's exit code is checked; the first failure stops the script with a non-zero exit. The frozen app
runs from a temporary folder with a temporary SB_DESKTOP_DATA_DIR, offscreen, and without any Python
environment variables, so it can only use what is inside the bundle.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build" / "sb_desktop.spec"
OUT = ROOT / "build" / "out"
WORK = ROOT / "build" / "work"
sys.path.insert(0, str(ROOT))
from sb_desktop import APP_ID, APP_NAME, __version__  # noqa: E402

LINUX_SIZE_LIMIT_MB = 150  # issue #8's target, in MB (10^6 bytes): 143.1 MiB
MB = 1000 * 1000
MIB = 1024 * 1024  # as `du -sh` shows sizes
# Lines on stderr that mean the frozen app is broken even when it exits 0 (Qt reports some problems
# only as warnings, and PySide prints exceptions raised in slots without stopping the event loop).
BROKEN_MARKERS = ("Traceback (most recent call last)", "Failed to execute script", "No QtMultimedia backends",
                  "Could not load the Qt platform plugin", "Could not find the Qt platform plugin",
                  "UserWarning")  # e.g. matplotlib saying a part of itself could not be imported
# Libraries the bundle itself must carry: a "not found" for one of these means the spec filtered too much.
BUNDLED_LIBRARY_PREFIXES = ("libQt6", "libicu", "libav", "libsw", "libpyside6", "libshiboken6", "libpython")
# Files the app cannot do without at run time, as patterns under the bundle (all platforms): the FFmpeg
# backend plays narration, the platform plugins draw windows, the SVG plugins draw the content's pictures,
# the PNGs are the window icon (the SVG, for desktops' icon themes).
REQUIRED_FILES = ("**/plugins/multimedia/*ffmpegmediaplugin*", "**/plugins/platforms/*offscreen*",
                  "**/plugins/imageformats/*svg*", "**/plugins/iconengines/*svg*",
                  "**/resources/icons/sb-desktop.svg", "**/resources/icons/sb-desktop-16.png",
                  "**/resources/content/*/manifest.json")


class BuildFailed(Exception):
    pass


# --numpy-without-blas: numpy's wheels carry OpenBLAS (27 MiB with its Fortran runtime); the app's numbers
# (charts, insights on at most a few thousand days) need no BLAS, and numpy builds without one from source.
BUNDLE_ENV = ROOT / "build" / "bundle-env"   # the development environment's packages and versions, but this numpy
WHEELS = ROOT / "build" / "wheels"           # numpy wheels built here, kept between runs
NUMPY_WITHOUT_BLAS = ["-Csetup-args=-Dblas=none", "-Csetup-args=-Dlapack=none", "-Csetup-args=-Dallow-noblas=true"]


def numpy_without_blas_wheel(version: str) -> Path:
    """A numpy wheel of the installed version built without BLAS (a C and C++ compiler and Python's headers
    are needed; about 3 minutes on 2 cores), built once and kept in build/wheels/."""
    built = sorted(WHEELS.glob(f"numpy-{version}-*.whl"))
    if not built:
        run_checked([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-binary", "numpy", f"numpy=={version}",
                     "--wheel-dir", str(WHEELS), *NUMPY_WITHOUT_BLAS])
        built = sorted(WHEELS.glob(f"numpy-{version}-*.whl"))
    if not built:
        raise BuildFailed(f"pip built no numpy {version} wheel")
    return built[-1]


def bundle_requirements() -> list[str]:
    """The app's dependencies and PyInstaller, pinned to the versions installed in this environment."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + [req for req in project["optional-dependencies"]["test"]
                                        if req.lower().startswith("pyinstaller")]
    names = [re.match(r"[A-Za-z0-9_.-]+", requirement)[0] for requirement in wanted]
    return [f"{name}=={importlib.metadata.version(name)}" for name in names if name.lower() != "numpy"]


def bundle_python() -> Path:
    """The Python of build/bundle-env: this environment's packages, numpy without BLAS."""
    wheel = numpy_without_blas_wheel(importlib.metadata.version("numpy"))
    python = BUNDLE_ENV / ("Scripts/python.exe" if sys.platform.startswith("win") else "bin/python")
    if not python.exists():
        run_checked([sys.executable, "-m", "venv", str(BUNDLE_ENV)])
    run_checked([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                 "--force-reinstall", "--no-deps", str(wheel)])
    run_checked([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                 *bundle_requirements()])
    return python


def bundle_paths() -> tuple[Path, Path]:
    """(the folder to measure and ship, the executable that answers on the console)."""
    if sys.platform == "darwin":
        app = OUT / f"{APP_NAME}.app"
        return app, app / "Contents" / "MacOS" / APP_ID
    folder = OUT / APP_ID
    if sys.platform.startswith("win"):
        return folder, folder / f"{APP_ID}-cli.exe"
    return folder, folder / APP_ID


def build(clean: bool, python: Path | str = sys.executable) -> None:
    command = [str(python), "-m", "PyInstaller", "--noconfirm", "--distpath", str(OUT),
               "--workpath", str(WORK), str(SPEC)]
    if clean:
        command.insert(3, "--clean")
    run_checked(command, cwd=ROOT)


def run_checked(command: list[str], **kwargs) -> None:
    print("$", " ".join(str(part) for part in command), flush=True)
    result = subprocess.run(command, **kwargs)
    if result.returncode != 0:
        raise BuildFailed(f"{command[0]} exited with {result.returncode}")


def add_linux_install_files(bundle: Path) -> None:
    """The .desktop entry and the machine-wide installer go next to the executable (see docs/install.md)."""
    for name in ("sb-desktop.desktop", "install.sh"):
        shutil.copy2(ROOT / "build" / "linux" / name, bundle / name)
    (bundle / "install.sh").chmod(0o755)


def check_linux_install(bundle: Path) -> None:
    """Runs install.sh into a scratch root, starts the installed copy, then uninstalls it again."""
    with tempfile.TemporaryDirectory(prefix="sb-install-") as temp:
        env = dict(os.environ, SB_INSTALL_ROOT=temp, PREFIX="/opt/sb-desktop")
        run_checked(["bash", str(bundle / "install.sh")], env=env)
        installed = Path(temp, "opt", "sb-desktop", APP_ID)
        expected = [installed, Path(temp, "usr/share/applications/sb-desktop.desktop"),
                    Path(temp, "usr/share/icons/hicolor/256x256/apps/sb-desktop.png"),
                    Path(temp, "usr/local/bin/sb-desktop")]
        missing = [str(path) for path in expected if not os.path.lexists(path)]
        if missing:
            raise BuildFailed(f"install.sh did not install {missing}")
        version = subprocess.run([str(installed), "--version"], capture_output=True, text=True,
                                 env=frozen_environment(Path(temp, "data")))
        if version.returncode != 0 or __version__ not in version.stdout:
            raise BuildFailed(f"the installed app does not start: {version.stderr.strip()}")
        run_checked(["bash", str(bundle / "install.sh"), "--uninstall"], env=env)
        if any(os.path.lexists(path) for path in expected):
            raise BuildFailed("install.sh --uninstall left files behind")
        print("  ok  install.sh and install.sh --uninstall", flush=True)


def frozen_environment(data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "VIRTUAL_ENV", "QT_", "SB_DESKTOP_"))}
    env.update(QT_QPA_PLATFORM="offscreen", SB_DESKTOP_DATA_DIR=str(data_dir), SB_DESKTOP_PASSPHRASE="smoke test pass")
    return env


def smoke_commands(bundle: Path, scratch: Path) -> list[tuple[list[str], str | None]]:
    """(arguments, text stdout must contain) for each frozen run; together they touch every lazily
    imported part: the CLI commands, SQLCipher and pycryptodomex (AES-GCM), matplotlib's Agg and SVG backends,
    fpdf, jsonschema with the bundled content pack, and the window with every page."""
    pack = next((bundle.rglob("resources/content/*/manifest.json")), None)
    commands = [
        (["--version"], f"{APP_ID} {__version__}"),
        (["add", "pain", "4", "--note", "smoke test"], None),
        (["list", "--json"], '"smoke test"'),
        (["--profile", "Demo", "demo"], None),
        (["--profile", "Demo", "insights", "--json"], None),
        (["--profile", "Demo", "chart", "--out", str(scratch / "chart.png")], None),
        (["--profile", "Demo", "chart", "--out", str(scratch / "chart.svg")], None),
        (["--profile", "Demo", "export", "--format", "pdf", "--out", str(scratch / "report.pdf")], None),
        (["--profile", "Demo", "export", "--format", "fhir", "--out", str(scratch / "journal.json")], None),
        (["--profile", "Demo", "backup"], None),
        (["profiles", "create", "Encrypted"], None),
        (["--profile", "Encrypted", "add", "pain", "2"], None),
        (["--profile", "Encrypted", "list"], None),
        (["--demo", "--smoke-test"], "Narration audio: loaded"),  # QtMultimedia's FFmpeg backend reads a file
        (["--profile", "Encrypted", "--smoke-test"], "Smoke test passed"),
    ]
    if pack is not None:
        commands.insert(1, (["validate-pack", str(pack.parent)], None))
    return commands


def smoke_test(executable: Path, bundle: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="sb-smoke-") as temp:
        scratch = Path(temp)
        (scratch / "data").mkdir()
        env = frozen_environment(scratch / "data")
        for arguments, expected in smoke_commands(bundle, scratch):
            started = time.perf_counter()
            shown = " ".join(arguments)
            try:
                result = subprocess.run([str(executable), *arguments], cwd=scratch, env=env,
                                        capture_output=True, text=True, timeout=300)
            except subprocess.TimeoutExpired:
                raise BuildFailed(f"frozen `{APP_ID} {shown}` did not finish within 5 minutes") from None
            seconds = time.perf_counter() - started
            broken = [marker for marker in BROKEN_MARKERS if marker in result.stderr]
            if result.returncode != 0 or broken or (expected and expected not in result.stdout):
                sys.stdout.write(result.stdout)
                sys.stderr.write(result.stderr)
                reason = f"exit {result.returncode}" if result.returncode else (
                    f"stderr shows {broken[0]!r}" if broken else f"stdout lacks {expected!r}")
                raise BuildFailed(f"frozen `{APP_ID} {shown}` failed: {reason}")
            print(f"  ok  {APP_ID} {shown}  ({seconds:.2f} s)", flush=True)
        for produced in ("chart.png", "chart.svg", "report.pdf", "journal.json"):
            if not (scratch / produced).is_file() or (scratch / produced).stat().st_size == 0:
                raise BuildFailed(f"frozen app did not write {produced}")
        json.loads((scratch / "journal.json").read_text(encoding="utf-8"))


def missing_bundled_libraries(bundle: Path) -> list[str]:
    """Linux: shared libraries of the bundle that the dynamic loader cannot resolve from inside it."""
    if not sys.platform.startswith("linux"):
        return []
    problems = []
    for path in sorted(bundle.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        listing = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        for name in re.findall(r"^\s*(\S+) => not found", listing, flags=re.MULTILINE):
            if name.startswith(BUNDLED_LIBRARY_PREFIXES):
                problems.append(f"{path.relative_to(bundle)} needs {name}")
    return problems


def bundle_size(folder: Path) -> int:
    """Bytes in regular files, each counted once (PyInstaller links duplicates as symbolic links)."""
    total = 0
    for directory, _dirs, files in os.walk(folder):  # os.walk does not follow symbolic links by default
        for name in files:
            path = Path(directory, name)
            if not path.is_symlink():
                total += path.stat().st_size
    return total


def largest_parts(bundle: Path, count: int = 8) -> list[tuple[int, str]]:
    internal = bundle / "_internal" if (bundle / "_internal").is_dir() else bundle
    sizes = [(child.stat().st_size if child.is_file() else bundle_size(child), child.name)
             for child in internal.iterdir() if not child.is_symlink()]
    return sorted(sizes, reverse=True)[:count]


def make_archive(bundle: Path) -> Path:
    system = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(sys.platform, sys.platform)
    base = OUT / f"{APP_ID}-{__version__}-{system}-{platform.machine().lower()}"
    if system == "macos":  # ditto keeps the frameworks' symbolic links (and so the code signature) intact
        run_checked(["ditto", "-c", "-k", "--sequesterRsrc", "--keepParent", str(bundle), f"{base}.zip"])
        return Path(f"{base}.zip")
    archive_format = "gztar" if system == "linux" else "zip"
    return Path(shutil.make_archive(str(base), archive_format, root_dir=bundle.parent, base_dir=bundle.name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="smoke-test the existing bundle only")
    parser.add_argument("--clean", action="store_true", help="ignore PyInstaller's cache in build/work/")
    parser.add_argument("--archive", action="store_true", help="pack the bundle for distribution after the checks")
    parser.add_argument("--numpy-without-blas", action="store_true",
                        help="Linux: bundle numpy built from source without OpenBLAS (26 MiB smaller); if it cannot "
                             "be built here, say why and bundle the installed numpy")
    parser.add_argument("--max-size-mb", type=float,
                        default=LINUX_SIZE_LIMIT_MB if sys.platform.startswith("linux") else None,
                        help=f"fail when the bundle is larger, in MB of 10^6 bytes (default on Linux: "
                             f"{LINUX_SIZE_LIMIT_MB})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    bundle, executable = bundle_paths()
    try:
        if not args.skip_build:
            python = sys.executable
            if args.numpy_without_blas and sys.platform.startswith("linux"):
                try:
                    python = bundle_python()
                except BuildFailed as failure:
                    print(f"build_bundle: numpy without BLAS is not available ({failure}); bundling the "
                          "installed numpy instead", flush=True)
            build(args.clean, python)
            if sys.platform.startswith("linux"):
                add_linux_install_files(bundle)
            print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
        if not executable.is_file():
            raise BuildFailed(f"no executable at {executable}")
        absent = [pattern for pattern in REQUIRED_FILES if next(bundle.glob(pattern), None) is None]
        if absent:
            raise BuildFailed(f"the bundle lacks {absent}")
        missing = missing_bundled_libraries(bundle)
        if missing:
            raise BuildFailed("libraries missing from the bundle:\n  " + "\n  ".join(missing))
        smoke_test(executable, bundle)
        if sys.platform.startswith("linux"):
            check_linux_install(bundle)
        size = bundle_size(bundle)
        size_mb = size / MB
        print(f"bundle {bundle.relative_to(ROOT)}: {size_mb:.1f} MB ({size / MIB:.1f} MiB); largest parts:")
        for part_size, name in largest_parts(bundle):
            print(f"  {part_size / MIB:7.1f} MiB  {name}")
        if args.max_size_mb is not None and size_mb > args.max_size_mb:
            raise BuildFailed(f"bundle is {size_mb:.1f} MB, over the {args.max_size_mb:g} MB limit")
        if args.archive:
            print(f"archive {make_archive(bundle).relative_to(ROOT)}")
    except BuildFailed as failure:
        print(f"build_bundle: FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"build_bundle: OK {APP_ID} {__version__} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
