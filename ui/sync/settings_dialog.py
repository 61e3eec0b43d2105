"""Connection settings for the central server: address parts, TLS, the password in the keyring."""

from __future__ import annotations

from typing import Any

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
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.platform.errors import DeskError
from desk.sync import settings as central_settings
from desk.sync.commands import SaveCentralSettings
from desk.sync.transport import PgTransport
from ui.context import AppContext
from ui.errors import error_text
from ui.sync.service import SyncService
from ui.widgets.naming import named


def _test_connection(url: str) -> str:
    transport = PgTransport(url)
    try:
        return transport.hello().store_id
    finally:
        transport.close()


class ConnectionDialog(QDialog):
    """Open with `ConnectionDialog(ctx, service, parent).open()`; Save writes the settings (the
    database worker), the password (keyring, on an I/O worker) and restarts the sync loop."""

    def __init__(self, ctx: AppContext, service: SyncService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = service
        self.setWindowTitle(self.tr("Central server"))
        s = service.settings
        self.host = QLineEdit(s.host)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(s.port))
        self.dbname = QLineEdit(s.dbname)
        self.user = QLineEdit(s.user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("unchanged"))
        self.sslmode = QComboBox()
        for mode in central_settings.SSL_MODES:
            self.sslmode.addItem(mode, mode)
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(s.sslmode)))
        self.sslrootcert = QLineEdit(s.sslrootcert)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.sslrootcert, 1)
        cert_row.addWidget(browse)
        self.remember = QCheckBox(self.tr("Remember the password in the system keyring"))
        self.keyring_note = named(QLabel(), "hint")
        self.keyring_note.setWordWrap(True)
        self.enabled = QCheckBox(self.tr("Sync in the background"))
        self.enabled.setChecked(s.enabled)
        self.interval = QSpinBox()
        self.interval.setRange(5, 3600)
        self.interval.setSuffix(" s")
        self.interval.setValue(int(s.interval_s))
        self.result_label = named(QLabel(), "hint")
        self.result_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.dbname)
        form.addRow(self.tr("User (the store's role)"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        form.addRow("", self.keyring_note)
        form.addRow(self.tr("TLS"), self.sslmode)
        form.addRow(self.tr("CA certificate"), cert_row)
        form.addRow("", self.enabled)
        form.addRow(self.tr("Every"), self.interval)

        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)
        self.remember.setEnabled(False)
        ctx.runner.io(service.passwords.available, done=self._keyring_checked)

    def _keyring_checked(self, available: Any, error: BaseException | None) -> None:
        if available:
            self.remember.setEnabled(True)
            self.remember.setChecked(True)
            self.keyring_note.setText("")
        else:
            self.remember.setChecked(False)
            self.keyring_note.setText(error_text(DeskError("sync.keyring_unavailable")))

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("CA certificate"), "",
                                              self.tr("Certificates (*.crt *.pem);;All (*)"))
        if path:
            self.sslrootcert.setText(path)

    def current(self) -> central_settings.CentralSettings:
        return central_settings.CentralSettings(
            host=self.host.text().strip(), port=self.port.value(),
            dbname=self.dbname.text().strip(), user=self.user.text().strip(),
            sslmode=str(self.sslmode.currentData()), sslrootcert=self.sslrootcert.text().strip(),
            enabled=self.enabled.isChecked(), interval_s=self.interval.value())

    def test(self) -> None:
        s = self.current()
        try:
            s.validate()
        except DeskError as err:
            self.result_label.setText(error_text(err))
            return
        typed = self.password.text()
        self.result_label.setText(self.tr("Connecting…"))
        self.test_button.setEnabled(False)
        passwords = self.service.passwords

        def run() -> str:
            password = typed or passwords.get(s.keyring_user()) or ""
            return _test_connection(s.url(password))

        def done(store_id: Any, error: BaseException | None) -> None:
            self.test_button.setEnabled(True)
            if error is not None:
                self.result_label.setText(error_text(error))
            else:
                self.result_label.setText(
                    self.tr("Connected: these credentials are store %1.").replace(
                        "%1", str(store_id)))

        self.ctx.runner.io(run, done=done)

    def save(self) -> None:
        s = self.current()
        try:
            s.validate()
        except DeskError as err:
            self.result_label.setText(error_text(err))
            return
        typed = self.password.text()
        remember = self.remember.isChecked()
        passwords = self.service.passwords
        self.buttons.setEnabled(False)

        command = SaveCentralSettings(  # never the password: it goes to the keyring below
            host=s.host, user=s.user, port=s.port, dbname=s.dbname, sslmode=s.sslmode,
            sslrootcert=s.sslrootcert, enabled=s.enabled, interval_s=s.interval_s)

        def saved(_result: Any, error: BaseException | None) -> None:
            if error is not None:
                self.buttons.setEnabled(True)
                self.result_label.setText(error_text(error))
                return
            if typed:
                self.ctx.runner.io(passwords.set, s.keyring_user(), typed, remember,
                                   done=lambda _r, _e: self._finish())
            else:
                self._finish()

        self.ctx.run_command(command, saved)

    def _finish(self) -> None:
        self.service.reload()
        self.accept()
