"""Narration: a small audio wrapper that degrades to text only, and the player bar shown under a page.

QtMultimedia is imported the first time audio is actually wanted, never at start-up. When it cannot be
imported, or a file cannot be played, the wrapper says so once (`unavailable`) and the page text stays
the whole content.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.i18n import _

SPEEDS = (0.75, 1.0, 1.25, 1.5)
SEEK_STEP_MS = 10_000


def load_multimedia():
    """The QtMultimedia module, or None when it (or a system library it needs) is missing."""
    try:
        from PySide6 import QtMultimedia
    except ImportError:
        return None
    return QtMultimedia


class AudioPlayer(QObject):
    """One audio file at a time. Works without an audio device (playback still advances)."""

    position_changed = Signal(int)      # ms
    duration_changed = Signal(int)      # ms
    playing_changed = Signal(bool)
    finished = Signal()
    unavailable = Signal(str)           # a plain reason; the caller falls back to text

    def __init__(self, parent: QObject | None = None, loader=load_multimedia):
        super().__init__(parent)
        self._loader = loader
        self._player = None
        self._output = None
        self._source: Path | None = None
        self._rate = 1.0
        self.failed_reason: str | None = None

    @property
    def available(self) -> bool:
        return self._ensure()

    def _ensure(self) -> bool:
        if self._player is not None:
            return True
        if self.failed_reason is not None:
            return False
        module = self._loader()
        if module is None:
            self._fail(_("Sound cannot be played on this computer (the audio library is missing)."))
            return False
        self._player = module.QMediaPlayer(self)
        self._output = module.QAudioOutput(self)
        self._player.setAudioOutput(self._output)
        self._player.positionChanged.connect(lambda ms: self.position_changed.emit(int(ms)))
        self._player.durationChanged.connect(lambda ms: self.duration_changed.emit(int(ms)))
        self._player.playbackStateChanged.connect(self._on_state)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorChanged.connect(self._on_error)
        return True

    def _fail(self, reason: str) -> None:
        self.failed_reason = reason
        self.unavailable.emit(reason)

    def load(self, path: Path | None) -> bool:
        """Prepare a file (or nothing). Returns False when audio is unavailable."""
        self._source = Path(path) if path else None
        if self._source is None:
            if self._player is not None:
                self._player.stop()
                self._player.setSource(QUrl())
            return False
        if not self._ensure():
            return False
        self.failed_reason = None
        self._player.stop()
        self._player.setSource(QUrl.fromLocalFile(str(self._source)))
        self._player.setPlaybackRate(self._rate)
        return True

    def play(self) -> None:
        if self._source is not None and self._ensure() and self.failed_reason is None:
            self._player.play()

    def pause(self) -> None:
        if self._player is not None:
            self._player.pause()

    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()

    def toggle(self) -> None:
        self.pause() if self.is_playing() else self.play()

    def is_playing(self) -> bool:
        if self._player is None:
            return False
        return self._player.playbackState() == self._player.PlaybackState.PlayingState

    def seek(self, ms: int) -> None:
        if self._player is not None:
            self._player.setPosition(max(0, int(ms)))

    def position(self) -> int:
        return int(self._player.position()) if self._player is not None else 0

    def duration(self) -> int:
        return int(self._player.duration()) if self._player is not None else 0

    def set_rate(self, rate: float) -> None:
        self._rate = float(rate)
        if self._player is not None:
            self._player.setPlaybackRate(self._rate)

    def set_volume(self, volume: float) -> None:
        if self._output is not None:
            self._output.setVolume(volume)

    def _on_state(self, state) -> None:
        self.playing_changed.emit(state == self._player.PlaybackState.PlayingState)

    def _on_status(self, status) -> None:
        statuses = self._player.MediaStatus
        if status == statuses.EndOfMedia:
            self.finished.emit()
        elif status == statuses.InvalidMedia:
            self._fail(_("This recording cannot be played here; the text has everything it says."))

    def _on_error(self) -> None:
        if self._player.error() != self._player.Error.NoError and self.failed_reason is None:
            self._fail(_("This recording cannot be played here; the text has everything it says."))


def format_ms(ms: int) -> str:
    seconds = max(0, int(ms) // 1000)
    return f"{seconds // 60}:{seconds % 60:02d}"


class NarrationPlayer(QWidget):
    """Play/pause, 10-second skips, a seek slider and a speed choice; every control reachable by keyboard."""

    def __init__(self, parent: QWidget | None = None, audio: AudioPlayer | None = None):
        super().__init__(parent)
        self.audio = audio or AudioPlayer(self)
        self._duration = 0
        self._dragging = False

        self.play_button = QPushButton(_("▶ Play narration"))
        self.play_button.setToolTip(_("Play or pause the spoken version of this page (Ctrl+Space)"))
        self.play_button.setShortcut("Ctrl+Space")
        self.back_button = QPushButton(_("−10 s"))
        self.back_button.setToolTip(_("Back 10 seconds (Ctrl+Left)"))
        self.back_button.setAccessibleName(_("Back 10 seconds"))
        self.back_button.setShortcut("Ctrl+Left")
        self.forward_button = QPushButton(_("+10 s"))
        self.forward_button.setToolTip(_("Forward 10 seconds (Ctrl+Right)"))
        self.forward_button.setAccessibleName(_("Forward 10 seconds"))
        self.forward_button.setShortcut("Ctrl+Right")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName(_("Position in the narration"))
        self.slider.setSingleStep(5_000)
        self.slider.setPageStep(30_000)
        self.slider.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.time_label = QLabel("0:00 / 0:00")
        self.time_label.setMinimumWidth(self.time_label.fontMetrics().horizontalAdvance("00:00 / 00:00") + 8)
        self.speed = QComboBox()
        self.speed.setAccessibleName(_("Speaking speed"))
        for rate in SPEEDS:
            self.speed.addItem(_("{rate}× speed").format(rate=f"{rate:g}"), rate)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("narrationMessage")
        self.message.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.play_button, self.back_button, self.forward_button):
            row.addWidget(widget)
        row.addWidget(self.slider, 1)
        row.addWidget(self.time_label)
        row.addWidget(self.speed)
        self._controls = QWidget()
        self._controls.setLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self._controls)
        layout.addWidget(self.message)

        self.play_button.clicked.connect(self.audio.toggle)
        self.back_button.clicked.connect(lambda: self.audio.seek(self.audio.position() - SEEK_STEP_MS))
        self.forward_button.clicked.connect(
            lambda: self.audio.seek(min(self.audio.position() + SEEK_STEP_MS, max(0, self._duration - 500))))
        self.slider.sliderPressed.connect(lambda: setattr(self, "_dragging", True))
        self.slider.sliderReleased.connect(self._seek_released)
        self.slider.actionTriggered.connect(self._slider_action)
        self.speed.currentIndexChanged.connect(lambda i: self.audio.set_rate(self.speed.itemData(i)))
        self.audio.position_changed.connect(self._on_position)
        self.audio.duration_changed.connect(self._on_duration)
        self.audio.playing_changed.connect(self._on_playing)
        self.audio.unavailable.connect(self.show_text_only)

    # --- public ---

    def set_source(self, path: Path | None) -> None:
        """Show the bar for this recording (None hides it: the page has no narration)."""
        self.message.hide()
        self._duration = 0
        self._on_position(0)
        self._on_playing(False)
        if path is None:
            self.audio.load(None)
            self.hide()
            return
        self.show()
        self._controls.setEnabled(True)
        if not self.audio.load(path):
            self.show_text_only(self.audio.failed_reason or _("Sound is not available."))

    def stop(self) -> None:
        self.audio.stop()

    def show_text_only(self, reason: str) -> None:
        self._controls.setEnabled(False)
        self.message.setText(_("{reason} You can read everything on this page.").format(reason=reason))
        self.message.show()

    @property
    def text_only(self) -> bool:
        return not self._controls.isEnabled()

    # --- slots ---

    def _on_position(self, ms: int) -> None:
        if not self._dragging:
            self.slider.blockSignals(True)
            self.slider.setValue(ms)
            self.slider.blockSignals(False)
        self.time_label.setText(f"{format_ms(ms)} / {format_ms(self._duration)}")

    def _on_duration(self, ms: int) -> None:
        self._duration = ms
        self.slider.setRange(0, max(0, ms))
        self.time_label.setText(f"{format_ms(self.audio.position())} / {format_ms(ms)}")

    def _on_playing(self, playing: bool) -> None:
        self.play_button.setText(_("❚❚ Pause") if playing else _("▶ Play narration"))
        self.play_button.setAccessibleName(_("Pause narration") if playing else _("Play narration"))

    def _seek_released(self) -> None:
        self._dragging = False
        self.audio.seek(self.slider.value())

    def _slider_action(self, action) -> None:
        if not self._dragging:   # keyboard or click on the groove: seek to where the slider will be
            self.audio.seek(self.slider.sliderPosition())
