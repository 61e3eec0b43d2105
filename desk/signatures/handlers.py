"""Handler of CaptureSignature: check the ink and the image, bind them to the document, record."""

from __future__ import annotations

import base64

from desk.platform.bus import Context
from desk.platform.errors import DeskError
from desk.platform.queries import exists
from desk.platform.uow import UnitOfWork
from desk.signatures import rules as sig
from desk.signatures import tables as signatures_t
from desk.signatures.commands import CaptureSignature, SignatureCaptured


def capture_signature(cmd: CaptureSignature, uow: UnitOfWork, ctx: Context) -> SignatureCaptured:
    fields: dict[str, str] = {}
    for name, limit in (("document_kind", 32), ("document_ref", 64), ("signer", 64)):
        value = getattr(cmd, name).strip()
        if not value:
            raise DeskError("value.required", field=name)
        if len(value) > limit:
            raise DeskError("value.invalid", field=name, reason=f"longer than {limit} characters")
        fields[name] = value
    png = sig.decode_png(cmd.png_base64)
    signature = sig.sign(cmd.document_sha256, cmd.strokes, png)
    if exists(uow.conn, signatures_t.signatures, "signature_id", signature.signature_id):
        raise DeskError("signature.exists", signature_id=signature.signature_id)
    uow.record("signature.captured", signature.signature_id, {
        **fields,
        "document_sha256": signature.document_sha256,
        "binding": signature.binding,
        "png_sha256": signature.png_sha256,
        "png_base64": base64.b64encode(png).decode("ascii"),
        "strokes": signature.strokes,
        "captured_at": ctx.clock.local_now().isoformat(timespec="seconds"),
    })
    return SignatureCaptured(signature.signature_id, signature.binding,
                             signature.document_sha256, signature.png_sha256)
