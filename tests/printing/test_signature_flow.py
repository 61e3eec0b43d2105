"""End to end: signed on the pad, recorded through the bus bound to the quote's content hash,
queued and printed through pyserial to the pty printer with the signature image on the paper."""

from __future__ import annotations

import base64

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from desk.platform.errors import DeskError
from desk.printjobs import queue as q
from desk.signatures.commands import CaptureSignature
from desk.signatures.queries import signature_for
from printing import queue_worker as w
from printing.decode import decode
from printing.escpos import encode
from printing.profiles import get_profile
from printing.samples import sample
from printing.transport.serial_port import SerialTransport
from tests.printing.fakeprinter import FakePrinter
from tests.support.staff import ADMIN
from ui.signatures.pad import SignaturePad


def _mouse(pad, kind, x, y):
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    buttons = (Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease
               else Qt.MouseButton.LeftButton)
    QApplication.sendEvent(pad, QMouseEvent(kind, QPointF(x, y), pad.mapToGlobal(QPointF(x, y)),
                                            button, buttons, Qt.KeyboardModifier.NoModifier))


def test_pad_to_bus_to_paper(qtbot, bus, db):
    pad = SignaturePad()
    pad.resize(600, 240)
    qtbot.addWidget(pad)
    pad.show()
    points = [(60 + 7 * i, 110 + (25 if i % 6 < 3 else -25)) for i in range(45)]
    _mouse(pad, QEvent.Type.MouseButtonPress, *points[0])
    for p in points[1:]:
        _mouse(pad, QEvent.Type.MouseMove, *p)
    _mouse(pad, QEvent.Type.MouseButtonRelease, *points[-1])
    signed = pad.result()

    quote = sample("quote")
    value = bus.dispatch(CaptureSignature(
        document_kind=quote.kind, document_ref=quote.ref, document_sha256=quote.content_sha256(),
        png_base64=base64.b64encode(signed.png).decode("ascii"), strokes=signed.strokes,
    ), ADMIN).value
    with db.engine.connect() as conn:
        stored = signature_for(conn, value.signature_id, quote.content_sha256())
        with pytest.raises(DeskError):  # not under another document
            signature_for(conn, value.signature_id, sample("completion").content_sha256())
    data = encode(quote.with_signature(stored.png), get_profile("80mm-cn-qr-cut"))
    job = q.enqueue(db, "quote", data, reference=quote.ref, requested_by=ADMIN)
    with FakePrinter() as printer:
        port = SerialTransport(printer.port, 115200, status_timeout=0.15)
        try:
            assert w.run_once(db, port).outcome == w.PRINTED
        finally:
            port.close()
        paper = decode(printer.wait_for(len(data)))
    assert q.get(db, job).status == q.PRINTED
    unsigned = decode(encode(quote, get_profile("80mm-cn-qr-cut")))
    assert len(paper.rasters) == len(unsigned.rasters) + 1  # the signature, as a GS v 0 image
    assert paper.cuts == 1
