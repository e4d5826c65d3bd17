"""Progress: how activity and pain have moved together, what the app can and cannot say about it.

matplotlib (and its Qt canvas) is imported the first time the chart is drawn, never at start-up.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.errors import UserError
from sb_desktop.domain.series import RANGE_KEYS, range_label
from sb_desktop.domain.settings import PROGRESS_RANGE
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.progress.cards import InsightCard, NotYetCard, TextCard
from sb_desktop.ui.progress.experiment import ExperimentCard
from sb_desktop.ui.progress.legend import ChartLegend
from sb_desktop.ui.progress.table import ProgressTables
from sb_desktop.ui.progress.weeks_bars import WeeksBars
from sb_desktop.ui.shell.pages import PageBase

DEFAULT_RANGE = PROGRESS_RANGE.default
# A marker source gives (date, label, kind) tuples for a profile between two dates (later capabilities add these).
MarkerSource = Callable[[object, object, object], list]


class ProgressPage(QWidget, PageBase):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.series = None          # series.DailySeries of the whole journal, or None
        self.view = None            # series.ProgressView for the chosen range
        self.report = None          # insights.InsightReport
        self.experiment = None      # experiment.Experiment, the newest one, or None
        self.weeks = None           # series.WeeksView for the chosen range
        self.figure = None
        self.canvas = None
        self.marker_sources: list[MarkerSource] = []
        self.range_key = context.profile.settings.read(PROGRESS_RANGE) if context.profile else DEFAULT_RANGE

        # The chosen range is remembered a moment after the last switch: a disk write per click would
        # slow switching down.
        self.remember_timer = QTimer(self)
        self.remember_timer.setSingleShot(True)
        self.remember_timer.setInterval(800)
        self.remember_timer.timeout.connect(self._remember_range)

        # The page scrolls when the window is small or the text large; the chart keeps a readable size.
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        page_layout.addWidget(self.page_scroll)
        self.content = QWidget()
        self.page_scroll.setWidget(self.content)
        outer = QVBoxLayout(self.content)
        outer.setContentsMargins(20, 14, 20, 12)
        outer.setSpacing(8)
        outer.addLayout(self._toolbar())
        # The headline: what the person's own data says, in one sentence, above everything else.
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName(_("What your data says"))
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.headline.setFont(font)
        outer.addWidget(self.headline)
        self.span_label = QLabel()
        self.span_label.setWordWrap(True)
        self.span_label.setAccessibleName(_("What the chart shows"))
        outer.addWidget(self.span_label)
        self.change_label = QLabel()
        self.change_label.setWordWrap(True)
        self.change_label.setAccessibleName(_("Change over the period"))
        outer.addWidget(self.change_label)

        # Chart and cards side by side where there is room; the cards below the chart where there is not.
        body = self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        body.setSpacing(14)
        left = QVBoxLayout()
        left.setSpacing(8)
        self.stack = QStackedWidget()
        self.chart_holder = QWidget()
        self.chart_holder.setAccessibleName(_("Progress chart"))
        self.chart_holder.setLayout(QVBoxLayout())
        self.chart_holder.layout().setContentsMargins(0, 0, 0, 0)
        self.chart_holder.layout().setSpacing(2)
        self.legend = ChartLegend()
        # Never let the key's width push the layout around: a range switch must not resize the canvas.
        # It wraps onto more rows in a narrow window (or with large text) rather than cutting keys off.
        legend_policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        legend_policy.setHeightForWidth(True)
        self.legend.setSizePolicy(legend_policy)
        self.chart_holder.layout().addWidget(self.legend)
        self.chart_holder.setMinimumHeight(260)
        # The canvas and "your weeks" side by side (the canvas is added on first draw, at index 0).
        self.chart_row = QHBoxLayout()
        self.chart_row.setContentsMargins(0, 0, 0, 0)
        self.weeks_bars = WeeksBars()
        self.chart_row.addWidget(self.weeks_bars)
        self.chart_holder.layout().addLayout(self.chart_row, 1)
        self.tables = ProgressTables()
        self.stack.addWidget(self.chart_holder)
        self.stack.addWidget(self.tables)
        left.addWidget(self.stack, 1)
        body.addLayout(left, 1)
        self.side_panel = self._side_panel()
        body.addWidget(self.side_panel)
        outer.addLayout(body, 1)

        context.profile_closed.connect(self.clear)

    def resizeEvent(self, event) -> None:
        narrow = self.width() < 130 * self.fontMetrics().averageCharWidth()
        wanted = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.body.direction() != wanted:
            self.body.setDirection(wanted)
            self.side_panel.setMaximumWidth(16777215 if narrow else 400)
            self.side_panel.setMinimumHeight(self.fontMetrics().height() * 24 if narrow else 0)
            self.chart_holder.setMinimumHeight(self.fontMetrics().height() * 22 if narrow else 260)
        super().resizeEvent(event)

    # --- building ---

    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        heading = QLabel(_("Progress"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        row.addWidget(heading)
        row.addSpacing(16)
        self.range_group = QButtonGroup(self)
        self.range_group.setExclusive(True)
        self.range_buttons: dict[str, QPushButton] = {}
        for number, key in enumerate(RANGE_KEYS, start=1):
            button = QPushButton(range_label(key))
            button.setCheckable(True)
            shortcut = QKeySequence(f"Alt+{number}")
            button.setToolTip(_("Show {range} ({keys})").format(
                range=range_label(key), keys=shortcut.toString(QKeySequence.SequenceFormat.NativeText)))
            button.setAccessibleName(_("Range: {range}").format(range=range_label(key)))
            self.range_group.addButton(button)
            self.range_buttons[key] = button
            row.addWidget(button)
            QShortcut(shortcut, self, lambda k=key: self.set_range(k),
                      context=Qt.ShortcutContext.WindowShortcut)  # only while the page is shown
            button.clicked.connect(lambda _checked=False, k=key: self.set_range(k))
        self.range_buttons[self.range_key].setChecked(True)
        row.addStretch(1)
        self.table_button = QPushButton(_("Show as table"))
        self.table_button.setCheckable(True)
        self.table_button.setToolTip(_("The same numbers as a table, day by day and week by week (Alt+T)"))
        self.table_button.toggled.connect(self.show_table)
        # Alt+T shows the table and, pressed again, the chart (a mnemonic would follow the button's text).
        QShortcut(QKeySequence("Alt+T"), self, self.table_button.toggle, context=Qt.ShortcutContext.WindowShortcut)
        row.addWidget(self.table_button)
        self.save_button = QPushButton(_("&Save chart…"))
        self.save_button.setToolTip(_("Save the chart as a PNG or SVG picture"))
        self.save_button.clicked.connect(self.save_chart)
        row.addWidget(self.save_button)
        return row

    def _side_panel(self) -> QScrollArea:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(300)
        scroll.setMaximumWidth(400)
        scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        panel = QWidget()
        self.side = QVBoxLayout(panel)
        self.side.setContentsMargins(0, 0, 6, 0)
        self.side.setSpacing(10)
        self.cards_box = QVBoxLayout()
        self.cards_box.setSpacing(10)
        self.side.addLayout(self.cards_box)
        # Days and weeks answer different questions: the weeks view sits beside the day-level cards.
        self.weeks_card = TextCard(_("Your weeks"), [])
        self.side.addWidget(self.weeks_card)
        self.experiment_card = ExperimentCard(self.context)
        self.side.addWidget(self.experiment_card)
        from sb_desktop.domain.insights import caveats
        self.caveats_card = TextCard(_("Good to know"), list(caveats()))
        self.side.addWidget(self.caveats_card)
        self.side.addStretch(1)
        scroll.setWidget(panel)
        return scroll

    # --- data ---

    def add_marker_source(self, source: MarkerSource) -> None:
        """Let another capability put markers (finished sessions, goal changes...) on the chart."""
        self.marker_sources.append(source)
        if self.view is not None:
            self.draw_chart()

    def refresh(self) -> None:
        """Reload from the journal and redraw: called when the page is shown and after data changes."""
        from sb_desktop.domain.insights import analyse
        from sb_desktop.domain.series import load_daily_series

        profile = self.context.profile
        if profile is None:
            self.clear()
            return
        # Shown again with nothing changed since it was drawn (same data, same day): keep what is drawn.
        # Five years of data take a few hundred milliseconds to read, analyse and draw.
        drawn_for = (self.context.generation, id(profile), dt.date.today())
        if self.series is not None and getattr(self, "_drawn_for", None) == drawn_for:
            return
        self._drawn_for = drawn_for
        self.series = load_daily_series(profile.journal)
        self.report = analyse(self.series)
        self.experiment = profile.experiments.current()
        self._show_insights()
        self._update_view()

    def set_range(self, key: str) -> None:
        if key not in RANGE_KEYS:
            return
        self.range_buttons[key].setChecked(True)
        if key == self.range_key and self.view is not None:
            return
        self.range_key = key
        self.remember_timer.start()
        self._update_view()

    def _remember_range(self) -> None:
        self.remember_timer.stop()
        if self.context.profile is None:
            return
        # Only a preference: the page works the same without it, but a failure is still shown, never hidden.
        key = self.range_key
        self.context.run(lambda p: p.settings.write(PROGRESS_RANGE, key), changes=Change.NONE, parent=self,
                         initiator=self)

    def hideEvent(self, event) -> None:
        if self.remember_timer.isActive():
            self._remember_range()
        super().hideEvent(event)

    def _update_view(self) -> None:
        from sb_desktop.domain.insights import headline
        from sb_desktop.domain.series import describe_change, progress_view, span_text, weeks_view

        self.view = None if self.series is None else progress_view(self.series, self.range_key)
        # The weeks view follows the chosen range.
        self.weeks = None if self.view is None else weeks_view(self.series, self.view.start, self.view.end,
                                                               self.view.measure)
        self.weeks_card.set_lines([self.weeks.statement] if self.weeks else [weeks_view(None).statement])
        self.headline.setText(headline(self.report) if self.report is not None else "")
        self.experiment_card.show_experiment(self.experiment, self.series,
                                             measure=self.view.measure if self.view else "minutes")
        if self.view is None:
            self.span_label.setText(_("Nothing logged yet. Add a pain rating or some activity on the Today page, "
                                      "and this page will show how they move together."))
            self.change_label.setText("")
        else:
            how = _("week by week") if self.view.weekly_resolution else _("day by day")
            self.span_label.setText(_("Showing {span}, {how}.").format(span=span_text(self.view), how=how))
            self.change_label.setText(describe_change(self.view) or _(
                "This line compares the first two weeks shown with the last two, once both have a few entries."))
        self.save_button.setEnabled(self.view is not None)
        self.tables.show_view(self.view)
        if self.stack.currentWidget() is self.chart_holder:
            self.draw_chart()

    def _show_insights(self) -> None:
        opened = set()  # keep "Show the numbers" open across a refresh
        while self.cards_box.count():
            card = self.cards_box.takeAt(0).widget()
            if isinstance(card, InsightCard) and card.toggle.isChecked():
                opened.add(card.finding.question)
            if card is not None:
                card.setParent(None)  # out of the page at once, not at the next turn of the event loop
                card.deleteLater()
        if self.report is None:
            return
        if self.report.status != "ok":
            self.cards_box.addWidget(NotYetCard(self.report))
            return
        for finding in self.report.findings:
            card = InsightCard(finding)
            card.toggle.setChecked(finding.question in opened)
            self.cards_box.addWidget(card)

    def markers(self) -> list:
        if self.view is None or self.context.profile is None:
            return []
        found = []
        for source in self.marker_sources:
            found.extend(source(self.context.profile, self.view.start, self.view.end))
        return found

    def experiment_weeks(self) -> list:
        from sb_desktop.domain.experiment import chart_weeks
        return chart_weeks(self.experiment)

    def clear(self) -> None:
        """Drop every piece of the profile's data (lock or profile switch)."""
        self.remember_timer.stop()
        self.series = self.view = self.report = self.experiment = self.weeks = None
        self._show_insights()
        self.weeks_card.set_lines([])
        self.headline.setText("")
        self.experiment_card.show_experiment(None, None)
        self.span_label.setText("")
        self.change_label.setText("")
        self.tables.show_view(None)
        self.legend.set_entries([])
        self.weeks_bars.set_weeks(None)
        if self.figure is not None:
            self.figure.clear()
            self.canvas.draw_idle()

    # --- chart ---

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from sb_desktop.charts.progress_chart import apply_margins

        self.figure = Figure()
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setAccessibleName(_("Progress chart: pain above, activity below, your weeks beside them"))
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.mpl_connect("resize_event", lambda _event: apply_margins(self.figure))
        self.chart_row.insertWidget(0, self.canvas, 1)

    def theme(self):
        from sb_desktop.charts.theme import theme_for
        palette = self.palette()
        return theme_for(palette.window().color().name(), palette.windowText().color().name())

    def draw_chart(self, *, now: bool = False) -> None:
        """Redraw the chart for the chosen range (now=True draws before returning, for tests and timing)."""
        from sb_desktop.charts.progress_chart import build_progress_figure, legend_entries

        self._ensure_canvas()  # the canvas keeps the figure's size in step with the widget (and its pixel ratio)
        theme = self.theme()
        # "Your weeks" is painted by Qt beside the canvas here (saved files and the PDF draw it in the figure).
        build_progress_figure(self.view, markers=self.markers(), theme=theme, figure=self.figure, legend=False,
                              experiment_weeks=self.experiment_weeks())
        self.weeks_bars.set_weeks(self.weeks if self.view is not None else None, theme.activity_edge)
        self.legend.set_entries(legend_entries(self.figure))
        self.canvas.setToolTip(self.span_label.text())
        self.canvas.setAccessibleDescription(self.span_label.text() + " " + self.change_label.text())
        if now:
            self.canvas.draw()
        else:
            self.canvas.draw_idle()

    def show_table(self, shown: bool) -> None:
        self.stack.setCurrentWidget(self.tables if shown else self.chart_holder)
        self.table_button.setText(_("Show the chart") if shown else _("Show as table"))   # Alt+T both ways
        if not shown and self.view is not None:
            self.draw_chart()

    def save_chart(self) -> None:
        if self.view is None:
            return
        from sb_desktop.charts.export import save_figure
        from sb_desktop.charts.progress_chart import build_progress_figure, file_title

        suggested = f"progress-{self.range_key}.png"
        path, chosen = QFileDialog.getSaveFileName(self, _("Save chart"), suggested,
                                                   _("PNG picture (*.png);;SVG picture (*.svg)"))
        if not path:
            return
        if not path.lower().endswith((".png", ".svg")):
            path += ".svg" if "svg" in chosen.lower() else ".png"
        try:
            from sb_desktop.domain.insights import headline
            save_figure(build_progress_figure(self.view, markers=self.markers(),
                                              title=file_title(self.view, headline(self.report)), weeks=self.weeks,
                                              experiment_weeks=self.experiment_weeks()), path)
        except (UserError, OSError) as error:
            QMessageBox.warning(self, _("Chart not saved"), str(error))
            return
        self.context.status.emit(_("Chart saved to {path}.").format(path=path))

    def changeEvent(self, event) -> None:
        palette_changed = event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if palette_changed and self.canvas is not None:
            self.draw_chart()  # follow a switch between light and dark mode
        super().changeEvent(event)

