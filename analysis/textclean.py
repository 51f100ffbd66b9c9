"""Bytes to clean text: encoding detection, control characters, paragraphs."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 and C1 control characters except tab and newline; also the BOM and other non-characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_LINE_SEPARATORS = (
    ("\r\n", "\n"),
    ("\r", "\n"),
    ("\u2028", "\n"),
    ("\u2029", "\n\n"),
    ("\x0b", "\n"),
    ("\x0c", "\n\n"),
)
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)*")
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
# **bold** (Markdown emphasis): a pair of markers hugging text on one line
_EMPHASIS = re.compile(r"(?<![\w*])\*\*(?=[^\s*])(?P<inner>[^\n]*?[^\s*])\*\*(?![\w*])")
# a lead byte of a 2-4 byte UTF-8 sequence followed by its continuation bytes
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# UTF-8 read as Windows-1252: a lead byte's character, then 1-3 continuation bytes' characters
_CP1252_CONTINUATION = re.escape(
    "".join(bytes([b]).decode("cp1252", errors="ignore") for b in range(0x80, 0xC0))
)
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df][{_CP1252_CONTINUATION}]|[\u00e0-\u00ef][{_CP1252_CONTINUATION}]{{2}}"
    f"|[\u00f0-\u00f4][{_CP1252_CONTINUATION}]{{3}}"
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text, its encoding, and how many characters had to be repaired or replaced."""

    text: str
    encoding: str
    repaired: int = 0  # Latin-1/cp1252 bytes in UTF-8 text, or mojibake ('CafÃ©') undone
    replaced: int = 0  # bytes no encoding reads, now U+FFFD

    def note(self) -> str | None:
        """What a person should know about the decoding, or None when nothing was changed."""
        if not self.repaired and not self.replaced:
            return None
        parts = []
        if self.repaired:
            parts.append(
                f"{self.repaired:,} character{'s' * (self.repaired != 1)} repaired (Latin-1"
                " or Windows-1252 bytes in UTF-8 text, or UTF-8 read as Windows-1252)"
            )
        if self.replaced:
            parts.append(
                f"{self.replaced:,} unreadable byte{'s' * (self.replaced != 1)} replaced by \ufffd"
            )
        return f"mixed encodings ({self.encoding}): " + "; ".join(parts)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file content, returning (text, encoding): BOMs, UTF-16 without BOM, UTF-8, cp1252."""
    decoded = decode_text(data)
    return decoded.text, decoded.encoding


def decode_text(data: bytes) -> Decoded:
    """Decode file content: BOMs, UTF-16 without BOM, UTF-8, cp1252; mixed UTF-8 and Latin-1
    bytes are read each as what they are, and mojibake is undone where the bytes allow."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            return _unmojibake(Decoded(text, encoding, replaced=text.count("\ufffd")))
    utf16 = _sniff_utf16(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
        return Decoded(text, utf16, replaced=text.count("\ufffd"))
    try:
        return _unmojibake(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    if _UTF8_MULTIBYTE.search(data):  # real UTF-8 sequences among the bad bytes: mixed
        return _unmojibake(_mixed(data))
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1")


def _mixed(data: bytes) -> Decoded:
    """UTF-8 text holding stray single-byte (Latin-1/cp1252) characters: each read as itself."""
    parts: list[str] = []
    repaired = replaced = 0
    position = 0
    while position < len(data):
        try:
            parts.append(data[position:].decode("utf-8"))
            break
        except UnicodeDecodeError as e:
            parts.append(data[position : position + e.start].decode("utf-8"))
            bad = data[position + e.start : position + e.start + 1]
            try:
                parts.append(bad.decode("cp1252"))
                repaired += 1
            except UnicodeDecodeError:
                parts.append("\ufffd")
                replaced += 1
            position += e.start + 1
    return Decoded("".join(parts), "utf-8 with Latin-1", repaired, replaced)


def _unmojibake(decoded: Decoded) -> Decoded:
    """Undo UTF-8 read as Windows-1252 ('CafÃ©' -> 'Café') wherever the characters re-encode
    to valid UTF-8; counts each repaired character."""
    repaired = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal repaired
        try:
            fixed = match.group(0).encode("cp1252").decode("utf-8")
        except UnicodeError:
            return match.group(0)
        repaired += len(fixed)
        return fixed

    text = _MOJIBAKE.sub(fix, decoded.text)
    if not repaired:
        return decoded
    return Decoded(text, decoded.encoding, decoded.repaired + repaired, decoded.replaced)


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows NUL in every other byte of ASCII-heavy text.

    The first character must look like ASCII in UTF-16 too: UTF-8 text with a run of NULs
    further on ('{"text": ...}' then 'a\\0b\\0c\\0') is not UTF-16, and reading it so garbles
    every record of the file."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if head[0] and not head[1] and _mostly_nul(odd, even):
        return "utf-16-le"
    if head[1] and not head[0] and _mostly_nul(even, odd):
        return "utf-16-be"
    return None


def _mostly_nul(high: bytes, low: bytes) -> bool:
    """The high bytes of UTF-16 code units are mostly NUL and the low bytes almost never."""
    return high.count(0) > 0.4 * len(high) and low.count(0) < 0.05 * len(low)


def looks_binary(text: str) -> bool:
    """True when decoded content is mostly control characters (an image or archive, not text)."""
    sample = text[:8192]
    if not sample:
        return False
    controls = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    return controls > 0.1 * len(sample)


def plain_text(text: str) -> str:
    """Text without the Markdown bold some sources write into it: '**UN Charter**' becomes
    'UN Charter' (a pair of markers around text on one line only; '5 ** 2' stays)."""
    if "**" not in text:
        return text
    return _EMPHASIS.sub(r"\g<inner>", text)


def clean_text(text: str) -> str:
    """Normalise Unicode (NFC), drop control characters and Markdown emphasis markers, keep
    paragraphs as blank-line breaks."""
    text = plain_text(unicodedata.normalize("NFC", text))
    for old, new in _LINE_SEPARATORS:  # str.replace is far faster than str.translate here
        if old in text:
            text = text.replace(old, new)
    text = _CONTROL.sub("", text)
    text = _TRAILING_SPACE.sub("\n", text + "\n")
    text = _BLANK_LINES.sub("\n\n", text)
    text = _SPACES.sub(" ", text)
    return text.strip()


def clean_line(text: str) -> str:
    """A one-line field (title, source, speaker): cleaned and with all whitespace folded."""
    return " ".join(clean_text(text).split())


def paragraphs(text: str) -> list[str]:
    """Split cleaned text into paragraphs (blank lines are paragraph breaks)."""
    return [p for p in text.split("\n\n") if p.strip()]


def normalised_for_dedup(text: str) -> str:
    """A key under which texts that differ only in case, spacing or Unicode form are equal."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def paragraph_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph; paragraphs are separated by blank lines."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for block in text.split("\n\n"):
        stripped = block.strip()
        if stripped:
            start = pos + block.index(stripped[0])
            spans.append((start, start + len(stripped)))
        pos += len(block) + 2
    return spans
