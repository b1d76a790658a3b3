"""The parts of the Uploads panel, each a widget of its own that says what the user asked for.

* :class:`PickBar` — the data set (scope) and the drop zone;
* :class:`SendBar` — the upload button and the byte progress;
* :class:`HistoryPane` — filter, history table and the actions on the selected upload;
* :class:`DetailsTabs` — the selected upload's tracking timeline and result.

The parts hold no upload logic: they emit signals, and
:class:`~sage50_desktop.ui.uploads.panel.UploadsPanel` (which builds them)
answers.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.ui import icons, scope_names
from sage50_desktop.ui.uploads.file_picker import DropZone
from sage50_desktop.ui.uploads.result_view import ResultView
from sage50_desktop.ui.uploads.timeline import TrackingTimeline
from sage50_desktop.ui.widgets.state_view import StateView


class PickBar(QWidget):
    """The data set to upload to and the drop zone.

    Signals:
        scopeChanged(): another data set was chosen.
        chooseRequested(): the user wants to pick a file.
    """

    scopeChanged = Signal()
    chooseRequested = Signal()

    def __init__(self, scopes: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.scope_label = QLabel(self)
        self.scope_label.setTextFormat(Qt.TextFormat.PlainText)
        self.scope_box = QComboBox(self)
        self.scope_box.setObjectName("uploadScope")
        for scope in scopes:
            self.scope_box.addItem(scope_names.label(scope), scope)
        self.scope_box.currentIndexChanged.connect(lambda _i: self.scopeChanged.emit())
        self.scope_label.setBuddy(self.scope_box)
        column = QVBoxLayout()
        column.addWidget(self.scope_label)
        column.addWidget(self.scope_box)
        column.addStretch(1)
        layout.addLayout(column)
        self.drop_zone = DropZone(self)
        self.drop_zone.chooseRequested.connect(self.chooseRequested)
        layout.addWidget(self.drop_zone, 1)


class SendBar(QWidget):
    """The upload button with the byte progress of the file being sent.

    Signals:
        uploadRequested(): the user pressed Upload.
    """

    uploadRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.upload_button = QPushButton(icons.icon("upload"), "", self)
        self.upload_button.setObjectName("uploadButton")
        self.upload_button.setDefault(True)
        self.upload_button.clicked.connect(lambda: self.uploadRequested.emit())
        layout.addWidget(self.upload_button)
        self.transfer_bar = QProgressBar(self)
        self.transfer_bar.setObjectName("uploadProgress")
        self.transfer_bar.setTextVisible(False)
        self.transfer_bar.hide()
        layout.addWidget(self.transfer_bar, 1)
        self.transfer_text = QLabel(self)
        self.transfer_text.setTextFormat(Qt.TextFormat.PlainText)
        self.transfer_text.setObjectName("uploadProgressText")
        layout.addWidget(self.transfer_text)
        layout.addStretch(0)


class HistoryPane(QWidget):
    """The upload history: filter, table, and the actions on the selected upload.

    Signals:
        searchChanged(str): the filter text changed.
        groupChanged(str): the group filter changed (``""``, ``active``, ``problem``, ``done``).
        currentChanged(QModelIndex, QModelIndex): another row became current.
        reuploadRequested(), cancelRequested(), resumeRequested(): an action button.
    """

    searchChanged = Signal(str)
    groupChanged = Signal(str)
    currentChanged = Signal(QModelIndex, QModelIndex)
    reuploadRequested = Signal()
    cancelRequested = Signal()
    resumeRequested = Signal()

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.history_label = QLabel(self)
        self.history_label.setTextFormat(Qt.TextFormat.PlainText)
        self.history_label.setObjectName("uploadHistoryTitle")
        filters.addWidget(self.history_label)
        self.history_search = QLineEdit(self)
        self.history_search.setObjectName("uploadHistorySearch")
        self.history_search.setClearButtonEnabled(True)
        self.history_search.textChanged.connect(self.searchChanged)
        filters.addWidget(self.history_search, 1)
        self.history_group = QComboBox(self)
        self.history_group.setObjectName("uploadHistoryFilter")
        self.history_group.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.history_group.currentIndexChanged.connect(
            lambda _i: self.groupChanged.emit(self.history_group.currentData() or "")
        )
        filters.addWidget(self.history_group)
        layout.addLayout(filters)
        self.history_state = StateView(self)
        self.history = QTableView(self.history_state)
        self.history.setObjectName("uploadHistory")
        self.history.setModel(model)
        self.history.setSortingEnabled(True)
        self.history.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.setAlternatingRowColors(True)
        self.history.setWordWrap(False)
        self.history.verticalHeader().hide()
        self.history.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.history.selectionModel().currentRowChanged.connect(self.currentChanged)
        self.history_state.set_content(self.history)
        layout.addWidget(self.history_state, 1)
        buttons = QHBoxLayout()
        self.reupload_button = QPushButton(self)
        self.reupload_button.setObjectName("uploadReupload")
        self.reupload_button.clicked.connect(lambda: self.reuploadRequested.emit())
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("uploadCancelTracking")
        self.cancel_button.clicked.connect(lambda: self.cancelRequested.emit())
        self.resume_button = QPushButton(self)
        self.resume_button.setObjectName("uploadResumeTracking")
        self.resume_button.clicked.connect(lambda: self.resumeRequested.emit())
        for button in (self.reupload_button, self.cancel_button, self.resume_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)


def _scrolling(widget: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


class DetailsTabs(QTabWidget):
    """The selected upload: its tracking timeline and its result (signals: the result view's)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("uploadDetails")
        self.timeline = TrackingTimeline(self)
        self.result_view = ResultView(self)
        # each scrolls when the column is short (1024x700 with a report and a notice shown)
        # instead of its widgets being squeezed over each other
        self.addTab(_scrolling(self.timeline, self), "")
        self.addTab(_scrolling(self.result_view, self), "")
