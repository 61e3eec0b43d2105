"""The customer's signature for a repair document: the core builds the document
(desk.repairs.counter_queries.signable_repair: the intake, the quote in force, the completion),
the pad opens, and a `capture_signature` fact is recorded for exactly that hash. The command that
needs it (record_check, sign_quote, sign_completion) then names the signature id."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desk.platform.money import format_yuan
from desk.repairs.counter_queries import RepairDocument, signable_repair
from desk.signatures.commands import CaptureSignature
from ui.context import AppContext

translate = QCoreApplication.translate
# provide(ticket code, document kind, done(signature id or None))
RepairSigner = Callable[[str, str, Callable[[str | None], None]], None]


def _words(document: RepairDocument) -> str:
    if document.kind == "intake":
        return translate("repairs", "Intake of ticket %1").replace("%1", document.ref)
    words = (translate("repairs", "Quote of ticket %1: %2") if document.kind == "quote"
             else translate("repairs", "Completion of ticket %1: %2"))
    return words.replace("%1", document.ref).replace("%2", format_yuan(document.amount_fen))


def repair_signer(ctx: AppContext, parent: QWidget) -> RepairSigner:
    from ui.signatures.pad import ask_signature

    def provide(code: str, kind: str, done: Callable[[str | None], None]) -> None:
        def built(document: RepairDocument | None, error: BaseException | None) -> None:
            if error is not None or document is None:
                done(None)
                return

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

            ask_signature(parent, _words(document), signed)

        ctx.query(signable_repair, code, kind, done=built)

    return provide
