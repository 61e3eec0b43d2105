"""The customer's signature for a decision on screen: the pad, then a `capture_signature` fact
bound to the SHA-256 of exactly what was shown (the receipt number and the decision), so the
signature cannot be moved to another case."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desk.platform.events import canonical_json
from desk.platform.money import format_yuan
from desk.signatures.commands import CaptureSignature
from ui.context import AppContext

translate = QCoreApplication.translate


def summary_sha256(summary: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(summary).encode("utf-8")).hexdigest()


def return_signature_provider(ctx: AppContext, parent: QWidget
                              ) -> Callable[[dict[str, Any], Callable[[str | None], None]], None]:
    """For ReturnPage.signature_provider: opens the pad, records the signature, gives its id."""
    from ui.signatures.pad import ask_signature

    def provide(summary: dict[str, Any], done: Callable[[str | None], None]) -> None:
        decision = summary.get("decision") or {}
        words = translate("signing", "Return of receipt %1: refund %2").replace(
            "%1", str(summary.get("receipt_no", ""))).replace(
            "%2", format_yuan(int(decision.get("refund_fen", 0))))

        def signed(signature: Any) -> None:
            if signature is None:
                done(None)
                return
            command = CaptureSignature(
                document_kind="return_decision", document_ref=str(summary.get("receipt_no")),
                document_sha256=summary_sha256(summary),
                png_base64=base64.b64encode(signature.png).decode("ascii"),
                strokes=[[[int(v) for v in point] for point in stroke]
                         for stroke in signature.strokes])
            ctx.run_command(command, lambda value, error: done(
                None if error or not value else value.signature_id))

        ask_signature(parent, words, signed)

    return provide
