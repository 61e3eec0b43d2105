"""Signatures' error codes: what was captured on the pad and what it is bound to.

Each code: what a user reads, in English and Chinese (str.format with its parameters;
desk.platform.errors.PARAM_WORDS puts identifiers such as a role or a tender into words).
"""

from __future__ import annotations

from desk.platform.errors import ErrorText

ERRORS: dict[str, ErrorText] = {
    "signature.empty": ErrorText(
        "nothing was signed: please sign on the line",
        "还没有签字：请在线上签名"),
    "signature.too_little": ErrorText(
        "the signature is too small or too short: please sign again on the line",
        "签名太小或太短：请在线上重新签名"),
    "signature.too_large": ErrorText(
        "the signature is too large ({what} over {limit})",
        "签名太大（{what}超过 {limit}）"),
    "signature.bad_strokes": ErrorText(
        "the signature's strokes are not valid points",
        "签名的笔画数据无效"),
    "signature.bad_png": ErrorText("the signature image is not a PNG", "签名图片格式不对"),
    "signature.bad_hash": ErrorText("{field} is not a SHA-256 hash", "{field}不是有效的校验值"),
    "signature.tampered": ErrorText(
        "signature {signature_id} does not match its own record",
        "签名 {signature_id} 与其记录不符"),
    "signature.other_document": ErrorText(
        "signature {signature_id} was given for another document",
        "签名 {signature_id} 是为另一份单据签的"),
    "signature.exists": ErrorText(
        "this signature is already recorded ({signature_id})",
        "此签名已记录（{signature_id}）"),
    "signature.unknown": ErrorText("unknown signature '{signature_id}'", "没有签名 {signature_id}"),
    "signature.wrong_document": ErrorText(
        "signature {signature_id} was given for another document, not this {kind} of {ref}",
        "此签名是为另一份单据签的，请顾客重新签名"),
    "signature.stale": ErrorText(
        "signature {signature_id} was given for other figures: the case changed since the"
        " customer signed; the customer signs again",
        "顾客签名后内容有变动，请顾客重新签名"),
    "signature.already_used": ErrorText(
        "signature {signature_id} is already used by another case",
        "此签名已用于另一笔业务，请顾客重新签名"),
}
