"""The customer's signature for a repair document: the core builds the document
(desk.repairs.counter_queries.signable_repair: the intake, the quote in force, the completion),
the pad opens, and a `capture_signature` fact is recorded for exactly that hash. The command that
needs it (record_check, sign_quote, sign_completion) then names the signature id."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desk.platform.money import format_yuan
from desk.repairs.counter_queries import RepairDocument, signable_repair
from ui.context import AppContext
from ui.signatures.signing import sign_on_pad

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
    def provide(code: str, kind: str, done: Callable[[str | None], None]) -> None:
        def built(document: RepairDocument | None, error: BaseException | None) -> None:
            if error is not None or document is None:
                done(None)
                return
            sign_on_pad(ctx, parent, document, _words(document), done)

        ctx.query(signable_repair, code, kind, done=built)

    return provide
