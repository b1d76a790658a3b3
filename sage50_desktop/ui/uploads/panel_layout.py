"""The widgets of the Uploads panel, laid out (the panel wires and drives them).

Top: the data set (scope) and the drop zone, the link to a corrected upload,
the validation report, the upload button with the byte progress, a notice.
Below, side by side: the history (filter, table, actions) and the details
(tracking timeline, result).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sage50_desktop.ui import icons, scope_names
from sage50_desktop.ui.uploads.file_picker import DropZone
from sage50_desktop.ui.uploads.history_model import UploadFilterProxy, UploadHistoryModel
from sage50_desktop.ui.uploads.result_view import ResultView
from sage50_desktop.ui.uploads.timeline import TrackingTimeline
from sage50_desktop.ui.uploads.validation_view import ValidationReportView
from sage50_desktop.ui.widgets.infobar import InfoBar
from sage50_desktop.ui.widgets.state_view import StateView

if TYPE_CHECKING:
    from sage50_desktop.ui.uploads.panel import UploadsPanel


def build(panel: UploadsPanel) -> None:
    """Create the panel's widgets as its attributes and lay them out."""
    outer = QVBoxLayout(panel)
    outer.setContentsMargins(0, 0, 0, 0)
    pick = QHBoxLayout()
    panel.scope_label = QLabel(panel)
    panel.scope_box = QComboBox(panel)
    panel.scope_box.setObjectName("uploadScope")
    for scope in panel.scopes:
        panel.scope_box.addItem(scope_names.label(scope), scope)
    panel.scope_box.currentIndexChanged.connect(lambda _i: panel._recheck())
    panel.scope_label.setBuddy(panel.scope_box)
    scope_column = QVBoxLayout()
    scope_column.addWidget(panel.scope_label)
    scope_column.addWidget(panel.scope_box)
    scope_column.addStretch(1)
    pick.addLayout(scope_column)
    panel.drop_zone = DropZone(panel)
    panel.drop_zone.chooseRequested.connect(lambda: panel.open_file_dialog())
    pick.addWidget(panel.drop_zone, 1)
    outer.addLayout(pick)
    panel.link_bar = InfoBar("info", "uploadLinkBar", panel, closable=True)
    panel.link_bar.closed.connect(panel._unlink)
    panel.link_bar.hide()
    outer.addWidget(panel.link_bar)
    panel.validation = ValidationReportView(panel)
    panel.validation.table.setMaximumHeight(150)
    outer.addWidget(panel.validation)
    send = QHBoxLayout()
    panel.upload_button = QPushButton(icons.icon("upload"), "", panel)
    panel.upload_button.setObjectName("uploadButton")
    panel.upload_button.setDefault(True)
    panel.upload_button.clicked.connect(panel.start_upload)
    send.addWidget(panel.upload_button)
    panel.transfer_bar = QProgressBar(panel)
    panel.transfer_bar.setObjectName("uploadProgress")
    panel.transfer_bar.setTextVisible(False)
    panel.transfer_bar.hide()
    send.addWidget(panel.transfer_bar, 1)
    panel.transfer_text = QLabel(panel)
    panel.transfer_text.setObjectName("uploadProgressText")
    send.addWidget(panel.transfer_text)
    send.addStretch(0)
    outer.addLayout(send)
    panel.notice = InfoBar("info", "uploadNotice", panel, closable=True)
    panel.notice.actionTriggered.connect(panel._notice_clicked)
    panel.notice.hide()
    outer.addWidget(panel.notice)

    splitter = QSplitter(Qt.Orientation.Horizontal, panel)
    splitter.setObjectName("uploadSplitter")
    left = QWidget(splitter)
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    filters = QHBoxLayout()
    panel.history_label = QLabel(left)
    panel.history_label.setObjectName("uploadHistoryTitle")
    filters.addWidget(panel.history_label)
    panel.history_search = QLineEdit(left)
    panel.history_search.setObjectName("uploadHistorySearch")
    panel.history_search.setClearButtonEnabled(True)
    filters.addWidget(panel.history_search, 1)
    panel.history_group = QComboBox(left)
    panel.history_group.setObjectName("uploadHistoryFilter")
    filters.addWidget(panel.history_group)
    left_layout.addLayout(filters)
    panel.model = UploadHistoryModel(
        lambda: panel.service.list_uploads(), panel.service.get, panel)
    panel.proxy = UploadFilterProxy(panel)
    panel.proxy.setSourceModel(panel.model)
    panel.history_search.textChanged.connect(panel.proxy.set_text)
    panel.history_group.currentIndexChanged.connect(
        lambda _i: panel.proxy.set_group(panel.history_group.currentData() or ""))
    panel.history_state = StateView(left)
    panel.history = QTableView(panel.history_state)
    panel.history.setObjectName("uploadHistory")
    panel.history.setModel(panel.proxy)
    panel.history.setSortingEnabled(True)
    panel.history.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    panel.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    panel.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    panel.history.setAlternatingRowColors(True)
    panel.history.setWordWrap(False)
    panel.history.verticalHeader().hide()
    panel.history.verticalHeader().setDefaultSectionSize(panel.fontMetrics().height() + 10)
    header = panel.history.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    panel.history.selectionModel().currentRowChanged.connect(panel._row_changed)
    panel.history_state.set_content(panel.history)
    left_layout.addWidget(panel.history_state, 1)
    buttons = QHBoxLayout()
    panel.reupload_button = QPushButton(left)
    panel.reupload_button.setObjectName("uploadReupload")
    panel.reupload_button.clicked.connect(lambda: panel.reupload_selected())
    panel.cancel_button = QPushButton(left)
    panel.cancel_button.setObjectName("uploadCancelTracking")
    panel.cancel_button.clicked.connect(lambda: panel.cancel_selected())
    panel.resume_button = QPushButton(left)
    panel.resume_button.setObjectName("uploadResumeTracking")
    panel.resume_button.clicked.connect(lambda: panel.resume_selected())
    for button in (panel.reupload_button, panel.cancel_button, panel.resume_button):
        buttons.addWidget(button)
    buttons.addStretch(1)
    left_layout.addLayout(buttons)
    panel.details = QTabWidget(splitter)
    panel.details.setObjectName("uploadDetails")
    panel.timeline = TrackingTimeline(panel.details)
    panel.result_view = ResultView(panel.details)
    panel.details.addTab(panel.timeline, "")
    panel.details.addTab(panel.result_view, "")
    panel.result_view.openRequested.connect(panel.open_result)
    panel.result_view.saveRequested.connect(lambda uid: panel.save_result(uid))
    panel.result_view.fixRequested.connect(lambda uid: panel.fix_rejected(uid))
    panel.result_view.correctedFileRequested.connect(
        lambda uid: panel.open_file_dialog(link_to=uid))
    splitter.addWidget(left)
    splitter.addWidget(panel.details)
    splitter.setStretchFactor(0, 5)
    splitter.setStretchFactor(1, 4)
    outer.addWidget(splitter, 1)
