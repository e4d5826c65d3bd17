"""The app's local log: a small rotating file beside the profiles, for errors and warnings only.

It never holds health data: no notes, values, entries or profile names. Code that logs names what happened
(an operation, an exception's type, a settings key) and never what a person wrote or measured; exception
messages, which can quote input, are left out (see `describe_exception`). The file is created the first time
something is logged, so a run that logs nothing writes nothing.
"""
from __future__ import annotations

import logging
import traceback
from pathlib import Path

LOG_FOLDER = "logs"
LOG_NAME = "sb-desktop.log"
MAX_BYTES = 512 * 1024
KEEP = 3


class _FolderMakingHandler(logging.Handler):
    """Writes to a rotating file, made (with its folder) the first time something is logged. logging.handlers
    (which loads socket, pickle and more) is imported only then, so start-up never pays for it."""

    def __init__(self, path: Path):
        super().__init__()
        self.baseFilename = str(Path(path).resolve())
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            import logging.handlers
            Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
            self._file = logging.handlers.RotatingFileHandler(self.baseFilename, maxBytes=MAX_BYTES,
                                                              backupCount=KEEP, encoding="utf-8")
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_FOLDER / LOG_NAME


def setup_logging(data_dir: Path, *, level: int = logging.WARNING) -> Path:
    """Send sb_desktop's warnings and errors to the rotating file beside the profiles; returns its path.
    Calling it again for the same folder changes nothing."""
    path = log_path(data_dir)
    logger = logging.getLogger("sb_desktop")
    for handler in logger.handlers:
        if isinstance(handler, _FolderMakingHandler) and Path(handler.baseFilename) == path.resolve():
            return path
    handler = _FolderMakingHandler(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


def describe_exception(kind: type[BaseException], tb) -> str:
    """An exception for the log: its type and where it happened (file, line, function), never its message
    or any values, which may quote what the person typed."""
    frames = traceback.extract_tb(tb)
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames[-8:]))
    return f"{kind.__module__}.{kind.__qualname__} at {where or 'unknown place'}"
