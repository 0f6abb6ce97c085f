import io

from common.uploads import DOCX, JPEG, PDF, PNG, XLSX, sniff

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def test_each_use_accepts_only_the_kinds_it_names():
    assert sniff(io.BytesIO(PNG_BYTES), allowed=(PDF, JPEG, PNG)) == PNG
    assert sniff(io.BytesIO(PNG_BYTES), allowed=(PDF, DOCX, XLSX)) is None
    assert sniff(io.BytesIO(b"%PDF-1.7 ..."), allowed=(PDF,)) == PDF


def test_the_file_is_left_at_its_start():
    upload = io.BytesIO(b"%PDF-1.7 ...")
    upload.seek(5)
    sniff(upload, allowed=(PDF,))
    assert upload.tell() == 0
