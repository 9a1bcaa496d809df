"""What makes an uploaded CV safe to hand to an employer: the inside of a PDF or a DOCX.

A CV travels from a refugee to employers' computers, so a file that runs code when opened
(PDF JavaScript, launch actions, embedded files, Word macros) or that explodes when
unpacked (a zip bomb dressed as a DOCX) is refused before it is stored.
"""

from __future__ import annotations

import logging
import re
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

logger = logging.getLogger(__name__)

# --- DOCX ---------------------------------------------------------------------------------
# A Word CV of a few pages unpacks to well under a megabyte; these bounds leave room for
# embedded photos and still stop a zip bomb long before it costs memory or disk.
DOCX_MAX_ENTRIES = 1000
DOCX_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
# Text XML compresses about 5-20 times; a bomb compresses thousands of times.
DOCX_MAX_RATIO = 100
DOCX_RATIO_FROM_BYTES = 1024 * 1024  # tiny parts may compress very well; no harm in that
DOCX_MAIN_PART = "word/document.xml"
DOCX_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCX_REQUIRED_PARTS = ("[Content_Types].xml", "_rels/.rels", DOCX_MAIN_PART)
_READ_CHUNK = 64 * 1024

# --- PDF ----------------------------------------------------------------------------------
# Names whose presence means the file can act on its own when opened: scripts, launching
# programs, carried files, Flash/3D media, XFA forms (scripted) and automatic actions.
PDF_UNSAFE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/EF",
     "/RichMedia", "/XFA", "/AA"}
)
PDF_UNSAFE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/GoToE", "/ImportData", "/SubmitForm", "/RichMediaExecute",
     "/Rendition"}
)
PDF_MAX_OBJECTS = 200_000
# The same names as raw bytes, found outside stream data, after undoing #xx escapes
# (/J#61vaScript is /JavaScript to a PDF reader).
_PDF_UNSAFE_NAMES = frozenset(name[1:].encode() for name in PDF_UNSAFE_KEYS | PDF_UNSAFE_ACTIONS)
_PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r \[\]()<>{}/%]+)")
_PDF_STREAM = re.compile(rb"\bstream\r?\n.*?\bendstream\b", re.DOTALL)
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# A literal string without nested parentheses; removed innermost first, so that a link such
# as (https://example.org/JS) in a CV is text, not a name.
_PDF_STRING = re.compile(rb"\((?:\\.|[^\\()])*\)", re.DOTALL)


def _unsafe(message: str) -> ValidationError:
    return ValidationError(message, code="file_unsafe")


def _damaged(message: str) -> ValidationError:
    return ValidationError(message, code="damaged_file")


def check_docx(upload) -> None:
    """Refuse a DOCX that is no real Word document, is a zip bomb, or carries macros."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > DOCX_MAX_ENTRIES:
                raise _unsafe(_("This Word document has too many parts to be a CV."))
            declared = 0
            for entry in entries:
                declared += entry.file_size
                ratio = entry.file_size / max(entry.compress_size, 1)
                if entry.file_size > DOCX_RATIO_FROM_BYTES and ratio > DOCX_MAX_RATIO:
                    raise _unsafe(_("This Word document unpacks to far more than its size."))
                if entry.flag_bits & 0x1:
                    raise _unsafe(_("This Word document is encrypted; upload it without a password."))
                if entry.filename.lower().endswith("vbaproject.bin"):
                    raise _unsafe(_("This Word document contains macros; save it as a plain .docx."))
            if declared > DOCX_MAX_UNCOMPRESSED_BYTES:
                raise _unsafe(_("This Word document unpacks to far more than its size."))
            names = {entry.filename for entry in entries}
            if any(part not in names for part in DOCX_REQUIRED_PARTS):
                raise _damaged(_("This Word document is damaged or incomplete."))
            content_types = archive.read("[Content_Types].xml")
            if DOCX_MAIN_TYPE.encode() not in content_types:
                raise _unsafe(_("This Word document contains macros; save it as a plain .docx."))
            # Read every part once: zipfile never inflates past an entry's declared size and
            # checks each CRC, so this proves the archive whole within the bounds above.
            for entry in entries:
                with archive.open(entry) as part:
                    while part.read(_READ_CHUNK):
                        pass
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError):
        raise _damaged(_("This Word document is damaged or incomplete.")) from None
    finally:
        upload.seek(0)


def _undo_escapes(name: bytes) -> bytes:
    return _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name)


def _raw_names_unsafe(data: bytes) -> bool:
    """Any unsafe name in the file's own syntax (outside stream data), escaped or not."""
    syntax = _PDF_STREAM.sub(b" ", data)
    for _depth in range(16):  # nesting; deeper strings are left, which only errs on refusing
        syntax, found = _PDF_STRING.subn(b" ", syntax)
        if not found:
            break
    return any(
        _undo_escapes(match.group(1)) in _PDF_UNSAFE_NAMES for match in _PDF_NAME.finditer(syntax)
    )


def _objects_unsafe(reader: PdfReader) -> bool:
    """Walk every object pypdf finds (the xref, object streams, the trailer) for actions."""
    pending: list = [reader.trailer]
    for generation, numbers in reader.xref.items():
        pending.extend(IndirectObject(number, generation, reader) for number in numbers)
    pending.extend(IndirectObject(number, 0, reader) for number in reader.xref_objStm)
    seen: set[tuple[int, int]] = set()
    visited = 0
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        visited += 1
        if visited > PDF_MAX_OBJECTS:
            return True
        if isinstance(item, DictionaryObject):
            if PDF_UNSAFE_KEYS.intersection(item.keys()):
                return True
            if item.get("/S") in PDF_UNSAFE_ACTIONS or item.get("/Type") == "/EmbeddedFile":
                return True
            opening = item.get("/OpenAction")
            # A destination (an array) only says where to open; a dictionary is an action.
            if opening is not None and isinstance(opening.get_object(), DictionaryObject):
                return True
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return False


def check_pdf(upload) -> None:
    """Refuse a PDF that is damaged, password-protected or able to act when opened."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if b"%%EOF" not in data[-2048:]:
        raise _damaged(_("This PDF file is damaged or incomplete."))
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _unsafe(_("This PDF is protected by a password; upload it without one."))
        unsafe = _raw_names_unsafe(data) or _objects_unsafe(reader)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        logger.info("PDF refused as damaged: %s", exc)
        raise _damaged(_("This PDF file is damaged or incomplete.")) from None
    except Exception as exc:  # pypdf's own failures on hostile input are many and unlisted
        logger.info("PDF refused as unreadable: %r", exc)
        raise _damaged(_("This PDF file is damaged or incomplete.")) from None
    finally:
        upload.seek(0)
    if unsafe:
        raise _unsafe(
            _("This PDF contains scripts, attached files or automatic actions; "
              "save it again as a plain PDF (for example with “Print to PDF”).")
        )
