"""字节解码：bytes → 规范化文本（UTF-16 带 BOM、UTF-8/BOM 优先，其次 GB18030）。

Binary content is refused here, before any parsing: NUL bytes (except in UTF-16 text, which
starts with its BOM), known binary signatures (PDF, ZIP/DOCX, EXE, images), bytes that decode
as neither UTF-8 nor GB18030, or text with many control characters. Text over MAX_TEXT_BYTES
is refused before decoding (an annual report is well under 1 MB of text).
"""
from __future__ import annotations

import re

from .errors import EmptyReportError, UnsupportedFormatError

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/DOCX/XLSX"),
    (b"\xd0\xcf\x11\xe0", "OLE (DOC/XLS/WPS)"),
    (b"MZ", "EXE/DLL"),
    (b"\x7fELF", "ELF"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf", "7Z"),
    (b"\x1f\x8b", "GZIP"),
)

MAX_TEXT_BYTES = 20 * 1024 * 1024
"""Largest text, Markdown or HTML file decoded (UnsupportedFormatError beyond)."""
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SPACES = str.maketrans({"\u3000": " ", "\xa0": " ", "\u2002": " ", "\u2003": " ",
                         "\u2009": " ", "\u200b": "", "\ufeff": "", "\f": "\n", "\v": "\n"})


def sniff_binary(data: bytes) -> str | None:
    """Name of the binary format `data` looks like, or None when it may be text (UTF-16 text
    with its BOM included)."""
    if data.startswith(_UTF16_BOMS):
        return None
    for magic, label in _SIGNATURES:
        if data.startswith(magic):
            return label
    if b"\x00" in data[:65536]:
        return "binary (NUL bytes)"
    return None


def decode_bytes(data: bytes, source: str = "") -> str:
    """把字节解码成文本：先 UTF-8（可带 BOM），再 GB18030。

    返回: decoded text, not yet normalised.
    异常: EmptyReportError (zero bytes / whitespace only), UnsupportedFormatError (binary).
    """
    where = f" ({source})" if source else ""
    if not data or not data.strip():
        raise EmptyReportError(f"文件为空{where}：没有任何文字")
    if len(data) > MAX_TEXT_BYTES:
        raise UnsupportedFormatError(f"文本文件过大{where}：{len(data) // 2**20} MB"
                                     f"（上限 {MAX_TEXT_BYTES // 2**20} MB）")
    label = sniff_binary(data)
    if label:
        raise UnsupportedFormatError(f"不是文本文件{where}：内容看起来是 {label}")
    encodings = ("utf-16",) if data.startswith(_UTF16_BOMS) else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnsupportedFormatError(f"无法解码{where}：既不是 UTF-8、UTF-16，也不是 GB18030 编码的文本")
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 200):
        raise UnsupportedFormatError(f"不是文本文件{where}：含有 {controls} 个控制字符")
    return text


def normalise_text(text: str) -> str:
    """统一换行（\\r\\n、\\r → \\n）与空白（全角空格、NBSP → 普通空格；去掉 BOM/零宽空格）。"""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES)
    return _CONTROL.sub("", text)


def bytes_to_text(data: bytes, source: str = "") -> str:
    """decode_bytes + normalise_text; raises EmptyReportError when nothing but spaces is left."""
    text = normalise_text(decode_bytes(data, source))
    if not text.strip():
        where = f" ({source})" if source else ""
        raise EmptyReportError(f"文件为空{where}：只有空白")
    return text
