"""ESC/POS encoder: exact bytes, GB18030 two-byte mode, widths within the paper, QR, images, cut."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from PIL import Image as PILImage
from PIL import ImageDraw

from printing.decode import DecodeError, decode
from printing.escpos import encode, encode_text, native_qr, normalise, text_width, wrap
from printing.model import QR, Document, Feed, Image, Pair, Rule, Sign, Text
from printing.profiles import get_profile, load_profiles

P80 = get_profile("80mm-cn-qr-cut")
P58 = get_profile("58mm-cn")
P58_BASIC = get_profile("58mm-basic")
P80_NOCN = get_profile("80mm-nocn")
ALL = [P80, P58, P58_BASIC, P80_NOCN]


def test_profiles_are_data_and_cover_the_four_printers():
    profiles = load_profiles()
    assert {"80mm-cn-qr-cut", "58mm-cn", "58mm-basic", "80mm-nocn"} <= set(profiles)
    assert (P80.dots, P80.columns, P80.chinese, P80.native_qr, P80.cutter) == (576, 48, True,
                                                                              True, True)
    assert (P58.dots, P58.columns, P58.cutter) == (384, 32, False)
    assert P58_BASIC.native_qr is False
    assert P80_NOCN.chinese is False


def test_a_tiny_document_byte_for_byte():
    doc = Document("t", "x", (Text("退货 OK", align="center", bold=True), Pair("合计", "￥1.00"),
                              Rule("-")))
    data = encode(doc, P58)
    expected = (
        b"\x1b@"  # ESC @
        + b"\x1ba\x01" + b"\x1bE\x01"  # centre, bold
        + b"\x1c&" + "退货".encode("gb18030") + b"\x1c." + b" OK\n"
        + b"\x1ba\x00" + b"\x1bE\x00"  # left, not bold
        + b"\x1c&" + "合计".encode("gb18030") + b"\x1c." + b" " * 22
        + b"\x1c&" + "￥".encode("gb18030") + b"\x1c." + b"1.00\n"
        + b"-" * 32 + b"\n"
        + b"\n" * 4  # no cutter: feed past the tear bar
    )
    assert data == expected
    assert encode(doc, P58) == data  # pure: same input, same bytes


def test_cut_and_drawer_follow_the_profile():
    doc = Document("t", "x", (Text("x"),), open_drawer=True)
    assert encode(doc, P80).endswith(b"\n\n\n\x1dVB\x00\x1bp\x00\x19\xfa")
    assert decode(encode(doc, P80)).cuts == 1
    assert decode(encode(doc, P58)).cuts == 0
    assert decode(encode(doc, P58)).drawer_kicks == 0
    assert decode(encode(doc.as_copy(), P80)).drawer_kicks == 0  # a reprint never opens it


def test_native_qr_command_bytes():
    data = b"T2611200007"
    assert native_qr(data, 6) == (
        b"\x1d(k\x04\x001A2\x00" + b"\x1d(k\x03\x001C\x06" + b"\x1d(k\x03\x001E1"
        + b"\x1d(k\x0e\x001P0" + data + b"\x1d(k\x03\x001Q0")


def test_four_byte_characters_are_substituted_and_emoji_never_crash():
    assert normalise("¥12") == "￥12"
    assert "¥".encode("gb18030") != "￥".encode("gb18030") and len("￥".encode("gb18030")) == 2
    assert normalise("好评👍🏻！") == "好评?！"
    assert normalise("家👨‍👩‍👧") == "家???"
    assert normalise("a\x07b\u200bc") == "abc"
    doc = Document("t", "x", (Text("价格 ¥99 好评👍 ✨"),))
    paper = decode(encode(doc, P58))
    assert paper.texts[0] == "价格 ￥99 好评? ?"
    assert not paper.rasters


def test_rare_characters_make_the_line_a_raster_image():
    rare = "顾客：𠮷野家"  # U+20BB7 needs four bytes in GB18030
    assert len("𠮷".encode("gb18030")) == 4
    paper = decode(encode(Document("t", "x", (Text(rare), Text("下一行"))), P80))
    assert paper.texts == ["下一行", "", "", ""]  # the rare line went as an image
    (raster,) = paper.rasters
    assert raster.image.width <= P80.dots and raster.image.height == 24


@pytest.mark.parametrize("profile", ALL, ids=lambda p: p.name)
def test_no_line_is_wider_than_the_paper(profile):
    long_name = "超长商品名称" * 12 + " Super Deluxe Edition 2026 with a very long English name"
    doc = Document("t", "x", (
        Text(long_name), Text(long_name, double=True, bold=True), Pair(long_name, "￥12,345.00"),
        Pair("合计", long_name), Text("A" * 200), Rule("="),
    ))
    paper = decode(encode(doc, profile))
    for line in paper.lines:
        assert line.width <= profile.columns, line
    for raster in paper.rasters:
        assert raster.image.width <= profile.dots
    joined = "".join(t.strip() for t in paper.texts)
    if profile.chinese:
        assert "超长商品名称" * 12 in joined.replace(" ", "")
        assert "￥12,345.00" in joined


def test_wrap_counts_gb18030_bytes():
    assert text_width("中文ab") == 6
    assert wrap("中文中文中文", 5) == ["中文", "中文", "中文"]
    assert wrap("hello big world", 9) == ["hello big", "world"]


def test_chinese_mode_brackets_only_the_two_byte_runs():
    assert encode_text("A中B") == b"A\x1c&" + "中".encode("gb18030") + b"\x1c.B"


def test_a_printer_without_chinese_font_gets_raster_lines():
    paper = decode(encode(Document("t", "x", (Text("ASCII only"), Text("中文行"))), P80_NOCN))
    assert paper.texts[0] == "ASCII only"
    assert len(paper.rasters) == 1
    assert all(b < 0x80 or False for ln in paper.lines for b in ln.text.encode("ascii"))


def _png_of_signature() -> bytes:
    img = PILImage.new("RGBA", (600, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.line([(40, 150), (150, 40), (260, 160), (380, 50), (560, 140)], fill=(0, 0, 0, 255),
              width=8)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def test_images_are_1_bit_gs_v_0_scaled_to_the_paper():
    png = _png_of_signature()
    doc = Document("t", "x", (Image.from_png(png, max_width_ratio=1.0), Sign("签名")))
    for profile in (P58, P80):
        paper = decode(encode(doc.with_signature(png), profile))
        assert len(paper.rasters) == 2
        for raster in paper.rasters:
            assert raster.image.width <= profile.dots
            # ink is there: the stroke crosses the image
            assert raster.image.convert("L").getextrema() == (0, 255)
        assert paper.rasters[1].image.width <= int(profile.dots * 0.6) + 7


def test_signature_and_copy_mark_are_outside_the_content_hash():
    doc = Document("quote", "T2611200007", (Text("报价"), Sign("顾客签名")))
    signed = doc.with_signature(_png_of_signature())
    assert signed.content_sha256() == doc.content_sha256() == doc.as_copy().content_sha256()
    other = Document("quote", "T2611200008", doc.blocks)
    assert other.content_sha256() != doc.content_sha256()
    assert Document.from_json(signed.as_copy().to_json()) == signed.as_copy()


def test_reprints_say_copy():
    doc = Document("t", "x", (Text("正文"),))
    assert "副本 COPY" not in " ".join(decode(encode(doc, P58)).texts)
    texts = decode(encode(doc.as_copy(), P58)).texts
    assert "** 副本 COPY **" in texts[0]


def test_the_decoder_refuses_stray_bytes():
    with pytest.raises(DecodeError):
        decode(b"\x1b@\x1bZ")
    with pytest.raises(DecodeError):
        decode(b"\xb0\xa1")  # GB18030 outside FS & ... FS .
    with pytest.raises(DecodeError):
        decode(b"\x1d(k\x10\x001P0abc")  # truncated


def test_raster_qr_fallback_scans_with_zbarimg(tmp_path):
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbar-tools (zbarimg) is required: scripts/system-packages.sh test"
    url = "https://service.example-store.cn/t/T2611200007"
    paper = decode(encode(Document("t", "x", (QR(url),)), P58_BASIC))
    assert not paper.qr_codes
    (raster,) = paper.rasters
    assert raster.image.width <= P58_BASIC.dots
    framed = PILImage.new("1", (raster.image.width + 40, raster.image.height + 40), 1)
    framed.paste(raster.image, (20, 20))
    path = tmp_path / "qr.png"
    framed.save(path)
    out = subprocess.run([zbarimg, "--quiet", "--raw", str(path)], capture_output=True,
                         text=True, timeout=30, check=True).stdout.strip()
    assert out == url


def test_native_qr_payload_decodes():
    paper = decode(encode(Document("t", "x", (QR("T2611200007"), Feed())), P80))
    assert [q.data for q in paper.qr_codes] == ["T2611200007"]
    assert not paper.rasters


def test_no_closing_punctuation_starts_a_line():
    assert wrap("一二三四五。", 10) == ["一二三四", "五。"]
    assert wrap("abc def,", 7) == ["abc", "def,"]


def test_a_store_logo_prints_at_the_top():
    from dataclasses import replace

    from printing.documents import intake_slip
    from printing.samples import TICKET

    ticket = replace(TICKET, store=replace(TICKET.store, logo_png=_png_of_signature()))
    paper = decode(encode(intake_slip(ticket), P80))
    assert isinstance(paper.items[0], type(paper.rasters[0]))
    assert paper.rasters[0].image.width <= P80.dots // 2 + 7
