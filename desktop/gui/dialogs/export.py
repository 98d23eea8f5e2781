"""File ▸ Export dataset: format, subset, split; a preview of what will be written; progress and
cancel while the export runs off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from desktop.app.exporting import FORMATS, applies, export, parse_split
from desktop.core.errors import MizanError
from desktop.core.filters import ExportFilter
from desktop.gui import workers
from desktop.gui.i18n import counted, tr


class ExportDialog(QDialog):
    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.job: workers.Job | None = None
        self.result = None
        self.setWindowTitle(tr("Export dataset"))

        self.format = QComboBox()
        for fmt in FORMATS.values():
            self.format.addItem(f"{fmt.title} — {fmt.who}", fmt.name)
        self.path = QLineEdit()
        self.path.setLayoutDirection(Qt.LeftToRight)  # a path reads left to right in Arabic too
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self.choose_path)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)

        outlets, events = workspace.outlets_and_events()
        self.outlet = QComboBox()
        self.outlet.addItem(tr("All outlets"), None)
        for name in outlets:
            self.outlet.addItem(name, name)
        self.event = QComboBox()
        self.event.addItem(tr("All events"), None)
        for name in events:
            self.event.addItem(name, name)
        self.status = QComboBox()
        self.status.addItem(tr("Any status"), None)
        for value, text in (
            ("done", "Done"),
            ("in_progress", "In progress"),
            ("not_started", "Not started"),
        ):
            self.status.addItem(tr(text), value)
        self.annotator = QLineEdit()
        self.annotator.setPlaceholderText(tr("all annotators"))
        self.split = QLineEdit()
        self.split.setPlaceholderText(tr("e.g. 80/10/10 (empty: no split)"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 1_000_000)
        self.seed.setLocale(QLocale.c())  # 0-9 as every number in the interface, not ٠-٩
        self.coarse = QCheckBox(tr("Coarse labels (PERS / LOC / ORG / MISC)"))
        self.suggested = QCheckBox(tr("Include suggestions not yet accepted"))
        self.preview = QLabel()
        self.preview.setObjectName("muted")
        self.preview.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.hide()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(tr("Format"), self.format)
        form.addRow(tr("Save to"), path_row)
        form.addRow(tr("Outlet"), self.outlet)
        form.addRow(tr("Event"), self.event)
        form.addRow(tr("Status"), self.status)
        form.addRow(tr("Annotator"), self.annotator)
        form.addRow(tr("Split"), self.split)
        form.addRow(tr("Seed"), self.seed)
        form.addRow("", self.coarse)
        form.addRow("", self.suggested)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.export_button = self.buttons.addButton(tr("Export"), QDialogButtonBox.AcceptRole)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.cancel_or_close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(620, 460)

        for combo in (self.format, self.outlet, self.event, self.status):
            combo.currentIndexChanged.connect(self.update_preview)
        self.annotator.textChanged.connect(self.update_preview)
        self.update_preview()

    def filter(self) -> ExportFilter:
        annotator = self.annotator.text().strip()
        return ExportFilter(
            annotators=(annotator,) if annotator else (),
            outlets=(self.outlet.currentData(),) if self.outlet.currentData() else (),
            events=(self.event.currentData(),) if self.event.currentData() else (),
            statuses=(self.status.currentData(),) if self.status.currentData() else (),
        )

    def update_preview(self) -> None:
        """What will be written: documents, mentions and claims in the chosen subset."""
        flt = self.filter()
        ids = self.workspace.project.document_ids(flt)
        rows = [d for d in self.workspace.documents() if d.id in set(ids)]
        mentions = sum(d.mentions for d in rows)
        claims = sum(d.claims for d in rows)
        parts = " · ".join(
            (
                counted(len(ids), "{n} document", "{n} documents"),
                counted(mentions, "{n} mention", "{n} mentions"),
                counted(claims, "{n} claim", "{n} claims"),
            )
        )
        self.preview.setText(tr("{parts} will be exported.").replace("{parts}", parts))
        fmt = FORMATS[self.format.currentData()]
        for box, option in ((self.coarse, "coarse"), (self.suggested, "include_suggested")):
            box.setEnabled(applies(fmt.name, option))  # the same meaning everywhere, or off
        if not self.path.text().strip() or self.path.property("auto"):
            self.path.setText(str(Path.home() / f"mizan-{fmt.name}{fmt.suffix}"))
            self.path.setProperty("auto", True)

    def choose_path(self) -> None:
        fmt = FORMATS[self.format.currentData()]
        if fmt.suffix:
            path, _ = QFileDialog.getSaveFileName(self, tr("Export dataset"), self.path.text())
        else:
            path = QFileDialog.getExistingDirectory(self, tr("Export dataset"), self.path.text())
        if path:
            self.path.setText(path)
            self.path.setProperty("auto", False)

    def start(self) -> None:
        self.error.setText("")
        try:
            split = parse_split(self.split.text().strip() or None)
        except MizanError as exc:
            self.error.setText(str(exc))
            return
        project = self.workspace.project
        fmt, out, flt = self.format.currentData(), Path(self.path.text().strip()), self.filter()
        seed, coarse, suggested = (
            self.seed.value(),
            self.coarse.isChecked() and self.coarse.isEnabled(),
            self.suggested.isChecked() and self.suggested.isEnabled(),
        )

        def work(progress, cancelled):
            return export(
                project,
                fmt,
                out,
                flt=flt,
                split=split,
                seed=seed,
                coarse=coarse,
                include_suggested=suggested,
                progress=progress,
                cancelled=cancelled,
            )

        self.job = workers.Job(work)
        self.job.signals.progress.connect(self._progress)
        self.job.signals.finished.connect(self._finished)
        self.job.signals.failed.connect(self._failed)
        self.job.signals.cancelled.connect(self._cancelled)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.export_button.setEnabled(False)
        workers.start(self.job)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _finished(self, result) -> None:
        self.job = None
        self.result = result
        self.progress.hide()
        self.accept()

    def _failed(self, message: str) -> None:
        self.job = None
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.error.setText(message)

    def _cancelled(self) -> None:
        self.job = None
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.error.setText(tr("Cancelled: nothing was written."))

    def cancel_or_close(self) -> None:
        if self.job is not None:
            self.job.cancel()
        else:
            self.reject()

    def closeEvent(self, event) -> None:
        if self.job is not None:
            self.job.cancel()
            event.ignore()
            return
        super().closeEvent(event)


def summary(result) -> str:
    parts = []
    for part, counts in result.items():
        shown = ", ".join(f"{v} {k}" for k, v in counts.as_dict().items() if v)
        parts.append(f"{'' if part == 'all' else part + ': '}{shown or '—'}")
    return "; ".join(parts)
