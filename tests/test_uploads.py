"""Uploads that cannot be abused: CVs that cannot act when opened or explode when unpacked,
pictures that keep only their pixels, random storage names, downloads that are not rendered."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript

from cms.accounts.models import TalentProfile
from cms.organisations.models import Organisation
from plugins.posts.models import Post
from tests.files import docx_bytes, pdf_bytes, png_bytes, upload

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def _put(client, url, name, content):
    data = encode_multipart(BOUNDARY, {"file": upload(name, content)})
    return client.put(url, data=data, content_type=MULTIPART_CONTENT)


def _refused(answer, code):
    assert answer.status_code == 400, answer.content
    error = answer.json()["error"]
    assert error["code"] == code and error["fields"]["file"], error
    return error


# --- files made the way an attacker makes them ----------------------------------------------


def _docx(extra: dict[str, bytes] | None = None, main_type: str = WORD_MAIN):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types"><Override PartName="/word/document.xml" ContentType="{main_type}"/></Types>',
        )
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def _pdf(catalog_extra: bytes = b"", *extra_objects: bytes) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *extra_objects,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _pdf_by_pypdf(**change) -> bytes:
    """A PDF written by a real tool, with a script or an attachment added by that tool."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    if "script" in change:
        writer.add_open_action(JavaScript(change["script"]))
    if "attachment" in change:
        writer.add_attachment("payload.exe", change["attachment"])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_with_compressed_script() -> bytes:
    """PDF 1.5: the script action sits compressed in an object stream, invisible in the bytes."""
    import struct
    import zlib

    out = io.BytesIO()
    out.write(b"%PDF-1.5\n")
    offsets = {}

    def obj(number, body):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    obj(1, b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>")
    obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    obj(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>")
    header = b"4 0 "
    packed = zlib.compress(header + b"<< /S /JavaScript /JS (app.alert(1)) >>")
    obj(5, b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(header), len(packed)) + packed + b"\nendstream")
    offsets[6] = out.tell()
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    rows += [struct.pack(">BIH", 1, offsets[n], 0) for n in (1, 2, 3)]
    rows += [struct.pack(">BIH", 2, 5, 0), struct.pack(">BIH", 1, offsets[5], 0)]
    rows += [struct.pack(">BIH", 1, offsets[6], 0)]
    table = b"".join(rows)
    out.write(b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
              % len(table) + table + b"\nendstream\nendobj\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % offsets[6])
    return out.getvalue()


def _gif_html_polyglot() -> bytes:
    out = io.BytesIO()
    Image.new("P", (8, 8), 1).save(out, "GIF", comment=b"<script>alert(document.cookie)</script>")
    return out.getvalue() + b"<html><script>alert(document.cookie)</script></html>"


# --- CVs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "code"),
    [
        # A zip bomb: 20 MB of zeros in a few kilobytes.
        (_docx({"word/media/bomb.xml": b"\0" * (20 * 1024 * 1024)}), "file_unsafe"),
        # More parts than any CV has.
        (_docx({f"word/media/p{n}.xml": b"x" for n in range(1001)}), "file_unsafe"),
        # Word with macros (.docm renamed .docx).
        (_docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macros"}, MACRO_MAIN), "file_unsafe"),
        (_docx(main_type=MACRO_MAIN), "file_unsafe"),
        # A zip that only pretends to be Word: the package parts are missing.
        (
            (lambda out: (zipfile.ZipFile(out, "w").writestr("word/document.xml", "x"), out)[1])(
                io.BytesIO()
            ).getvalue(),
            "damaged_file",
        ),
        # A Word document cut short.
        (docx_bytes()[:-30], "damaged_file"),
    ],
    ids=["zip-bomb", "too-many-parts", "macros", "macro-type", "no-package-parts", "truncated"],
)
def test_a_dangerous_or_broken_word_cv_is_refused(content, code, make_user, client_for):
    talent = make_user("talent")
    _refused(_put(client_for(talent), "/api/v1/me/cv/", "cv.docx", content), code)
    assert not TalentProfile.objects.get(user=talent).cv


@pytest.mark.parametrize(
    "content",
    [
        _pdf(b"/OpenAction 4 0 R ", b"<< /S /JavaScript /JS (app.alert(1)) >>"),
        # The same with the names hex-escaped, as a PDF reader still reads them.
        _pdf(b"/Open#41ction 4 0 R ", b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>"),
        _pdf(b"/OpenAction << /S /Launch /F (cmd.exe) >> "),
        _pdf(b"/Names << /EmbeddedFiles 4 0 R >> ", b"<< /Names [(a.exe) << /Type /Filespec >>] >>"),
        _pdf(b"", b"<< /Type /Annot /Subtype /Link /A << /S /J#61vaScript /JS (x) >> >>"),
        _pdf_by_pypdf(script="app.alert('cv');"),
        _pdf_by_pypdf(attachment=b"MZ\x90\x00"),
        _pdf_with_compressed_script(),
    ],
    ids=["openaction-js", "escaped-names", "launch", "embedded-files", "unreferenced-js", "tool-js",
         "tool-attachment", "tool-js-compressed"],
)
def test_a_pdf_that_acts_when_opened_is_refused_in_the_readers_language(content, make_user, client_for):
    talent = make_user("talent")
    error = _refused(_put(client_for(talent, "ar"), "/api/v1/me/cv/", "cv.pdf", content), "file_unsafe")
    assert any("\u0600" <= ch <= "\u06ff" for ch in error["message"])
    assert not TalentProfile.objects.get(user=talent).cv


def test_a_plain_cv_is_accepted_stored_under_a_random_name_and_downloaded_as_attachment(
    make_user, client_for
):
    talent = make_user("talent")
    client = client_for(talent)
    # A destination to open at is no action: a PDF from a word processor keeps working.
    # Nor is a link whose address happens to end in a risky-sounding word.
    plain = _pdf(
        b"/OpenAction [3 0 R /Fit] ",
        b"<< /Type /Annot /Subtype /Link /A << /S /URI /URI (https://example.org/JS) >> >>",
    )
    assert _put(client, "/api/v1/me/cv/", "<script>my cv.html", plain).status_code == 201
    stored = TalentProfile.objects.get(user=talent).cv.name
    assert stored.startswith("private/cv/") and stored.endswith(".pdf") and "script" not in stored
    download = client.get("/api/v1/me/cv/")
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == plain
    assert _put(client, "/api/v1/me/cv/", "cv.docx", docx_bytes()).status_code == 201
    second = TalentProfile.objects.get(user=talent).cv.name
    assert second.endswith(".docx") and second != stored


# --- pictures -------------------------------------------------------------------------------


def test_a_gif_html_polyglot_keeps_only_its_pixels_as_a_photo(make_user, client_for):
    talent = make_user("talent")
    client = client_for(talent)
    assert _put(client, "/api/v1/me/photo/", "me.gif.html", _gif_html_polyglot()).status_code == 201
    photo = TalentProfile.objects.get(user=talent).photo
    assert photo.name.startswith("private/photos/") and photo.name.endswith(".png")
    stored = photo.open("rb").read()
    assert b"script" not in stored and b"html" not in stored
    assert Image.open(io.BytesIO(stored)).size == (8, 8)
    answer = client.get("/api/v1/me/photo/")
    assert answer["X-Content-Type-Options"] == "nosniff"


def test_a_polyglot_logo_keeps_only_its_pixels_under_a_random_public_name(make_user, client_for):
    staff = make_user("organisation")
    assert _put(client_for(staff), "/api/v1/me/photo/", "logo.gif", _gif_html_polyglot()).status_code == 201
    logo = Organisation.objects.get(staff=staff).logo
    name = logo.name.rsplit("/", 1)[-1]
    assert logo.name.startswith("public/logos/") and len(name) == len("0" * 32 + ".png")
    assert b"script" not in logo.open("rb").read()


def test_a_polyglot_post_image_keeps_only_its_pixels(make_user, client_for):
    body = {
        "type": "event",
        "title": "Job fair",
        "summary": "Employers meet newcomers.",
        "body": "<p>Come.</p>",
        "link": "https://www.vdab.be",
        "starts_at": "2030-03-10T10:00:00+01:00",
        "ends_at": "2030-03-10T16:00:00+01:00",
        "city": "Antwerp",
        "language": "en",
        "image": upload("fair.gif", _gif_html_polyglot()),
    }
    answer = client_for(make_user("mentor")).post("/api/v1/posts/", body, format="multipart")
    assert answer.status_code == 201, answer.content
    image = Post.objects.get().image
    assert image.name.startswith("public/posts/") and image.name.endswith(".png")
    assert b"script" not in image.open("rb").read()


def test_a_photo_loses_its_exif_location(make_user, client_for):
    exif = Image.Exif()
    exif[0x8825] = {2: (50.0, 51.0, 0.0)}  # GPS latitude
    exif[0x010F] = "Camera maker"
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 10, 10)).save(out, "JPEG", exif=exif)
    talent = make_user("talent")
    assert _put(client_for(talent), "/api/v1/me/photo/", "me.jpg", out.getvalue()).status_code == 201
    stored = TalentProfile.objects.get(user=talent).photo.open("rb").read()
    assert b"Camera maker" not in stored and not Image.open(io.BytesIO(stored)).getexif()


def test_pictures_that_are_too_big_broken_or_disguised_are_refused(make_user, client_for, settings):
    settings.HELIX_MAX_IMAGE_PIXELS = 1000
    client = client_for(make_user("talent"), "nl")
    error = _refused(_put(client, "/api/v1/me/photo/", "me.png", png_bytes(64)), "file_too_large")
    assert "pixels" in error["message"]
    settings.HELIX_MAX_IMAGE_PIXELS = 25_000_000
    _refused(_put(client, "/api/v1/me/photo/", "me.png", png_bytes()[:60]), "damaged_file")
    _refused(_put(client, "/api/v1/me/photo/", "me.png", b"GIF89a<html>"), "damaged_file")
    _refused(_put(client, "/api/v1/me/photo/", "me.png", pdf_bytes()), "unsupported_file_type")
    mentor = client_for(make_user("mentor"), "nl")
    answer = mentor.post(
        "/api/v1/posts/",
        {"type": "event", "title": "T", "summary": "S", "body": "<p>B</p>", "language": "en",
         "link": "https://www.vdab.be",
         "image": upload("x.png", b"GIF89a<html>")},
        format="multipart",
    )
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "damaged_file"
    assert answer.json()["error"]["fields"]["image"]
    assert not Post.objects.exists()
