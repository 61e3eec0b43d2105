"""The customer's signature for a decision on screen: the core builds the document the customer
signs (desk.returns.counter_queries.signable_*), the pad opens, and a `capture_signature` fact is
recorded for exactly that document (kind, reference, SHA-256). The command that needs the
signature then names it; the core checks it against the document it builds itself."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desk.platform.money import format_yuan
from desk.returns.commands import AwardCompensation, RecordReturn
from desk.returns.counter_queries import (
    SignableDocument,
    signable_compensation,
    signable_return,
)
from desk.signatures.commands import CaptureSignature
from ui.context import AppContext

translate = QCoreApplication.translate
Provider = Callable[[Any, Callable[[str | None], None]], None]


def _words(command: Any, document: SignableDocument) -> str:
    amount = format_yuan(document.amount_fen)
    if isinstance(command, RecordReturn):
        return translate("signing", "Return of receipt %1: refund %2").replace(
            "%1", document.ref).replace("%2", amount)
    return translate("signing", "Compensation %1").replace("%1", amount)


def sign_on_pad(ctx: AppContext, parent: QWidget, document: Any, words: str,
                done: Callable[[str | None], None]) -> None:
    """Open the pad for a document the core built (its kind, ref and document_sha256), record
    the customer's signature for exactly it, and call `done(signature_id or None)`."""
    from ui.signatures.pad import ask_signature

    def signed(signature: Any) -> None:
        if signature is None:
            done(None)
            return
        capture = CaptureSignature(
            document_kind=document.kind, document_ref=document.ref,
            document_sha256=document.document_sha256,
            png_base64=base64.b64encode(signature.png).decode("ascii"),
            strokes=[[[int(v) for v in point] for point in stroke]
                     for stroke in signature.strokes])
        ctx.run_command(capture, lambda value, err: done(
            None if err or not value else value.signature_id))

    ask_signature(parent, words, signed)


def signature_provider(ctx: AppContext, parent: QWidget) -> Provider:
    """For the return and compensation pages: `provide(command, done)` opens the pad for what the
    core will record and calls `done(signature_id or None)`."""

    def provide(command: RecordReturn | AwardCompensation,
                done: Callable[[str | None], None]) -> None:
        today = ctx.bus.clock.local_now().date()
        builder = signable_return if isinstance(command, RecordReturn) else signable_compensation

        def built(document: SignableDocument | None, error: BaseException | None) -> None:
            if error is not None or document is None:
                done(None)
                return
            sign_on_pad(ctx, parent, document, _words(command, document), done)

        ctx.query(builder, command, today, done=built)

    return provide
