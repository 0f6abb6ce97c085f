"""Recognising an uploaded file by its content, never by its name: one sniffer, each use naming the
kinds it accepts (`sniff(upload, allowed=(PDF, JPEG, PNG))`).

Office Open XML files are zips: one is a .docx or an .xlsx only when the archive holds that
format's main part and declares its content type; any other zip (a renamed executable inside) is
nothing we accept.
"""

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

ZIP_MAGIC = b"PK\x03\x04"
HEAD_BYTES = 16
# Bounded: a crafted archive cannot inflate without limit.
MAX_CONTENT_TYPES_BYTES = 200_000


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    magic: tuple[bytes, ...] = ()
    main_part: str = ""  # Office Open XML: the part the archive must hold
    main_type: bytes = b""  # ... and the content type [Content_Types].xml must declare for it

    def starts(self, head: bytes) -> bool:
        """Whether `head` (the first bytes) carries this kind's signature."""
        return head.startswith(self.magic)


PDF = FileKind(".pdf", "application/pdf", (b"%PDF-",))
JPEG = FileKind(".jpg", "image/jpeg", (b"\xff\xd8\xff",))
PNG = FileKind(".png", "image/png", (b"\x89PNG\r\n\x1a\n",))
DOCX = FileKind(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP_MAGIC,),
                "word/document.xml", b"wordprocessingml.document.main+xml")
XLSX = FileKind(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP_MAGIC,),
                "xl/workbook.xml", b"spreadsheetml.sheet.main+xml")
XLS = FileKind(".xls", "application/vnd.ms-excel", (b"\xd0\xcf\x11\xe0",))  # old binary Office (OLE2)


def _ooxml_parts(upload) -> tuple[set[str], bytes] | None:
    """The part names of a zip upload and its [Content_Types].xml (bounded); None if not OOXML."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                return None
            with archive.open("[Content_Types].xml") as part:
                return names, part.read(MAX_CONTENT_TYPES_BYTES)
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    finally:
        upload.seek(0)


def sniff(upload, *, allowed: Iterable[FileKind]) -> FileKind | None:
    """The first of the `allowed` kinds that `upload` (a seekable binary file) really is, by its
    content; None when it is none of them. Leaves the file at its start."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    ooxml = None
    for kind in allowed:
        if not kind.starts(head):
            continue
        if not kind.main_part:
            return kind
        if ooxml is None:
            ooxml = _ooxml_parts(upload) or (set(), b"")
        names, types = ooxml
        if kind.main_part in names and kind.main_type in types:
            return kind
    return None
