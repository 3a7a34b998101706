import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import BytesIO

import pytest
from django.utils import timezone
from pypdf import PdfReader

from goals.models import VisionPdf
from goals.pdf import vision_pdf
from goals.pdf_render import STATIC_BASE, static_fetcher
from goals.services import action_create, action_set_done, goal_create
from tests.factories import UserFactory, VisionFactory, answered
from visions.services import vision_save

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def written(vision, **fields):
    content = {
        "title": vision.title,
        "horizon_years": vision.horizon_years,
        "statement": "I lead customer education.",
        "accomplishments": ["A course used by thousands"],
        "bridge_plan": "My support job.",
        **fields,
    }
    return vision_save(vision=vision, author=vision.owner, base_version=vision.version, **content)


@pytest.fixture
def vision(db):
    owner = UserFactory(email="zoe@example.com", display_name="Zoë Ångström")
    vision = written(answered(VisionFactory(owner=owner, title="Lehrerin in Zürich")))
    goal = goal_create(
        vision=vision,
        title="Instructional design certificate",
        target_date=timezone.localdate() + timedelta(days=300),
        kind="credential",
        measure="Certificate received",
    )
    action_create(
        goal=goal, title="Enrol in the course", due_date=timezone.localdate() - timedelta(days=2)
    )
    vision.refresh_from_db()
    return vision


def test_the_pdf_has_every_section_and_the_persons_words_intact(vision):
    pdf = vision_pdf(vision)
    text = pdf_text(pdf)
    reader = PdfReader(BytesIO(pdf))
    total = len(reader.pages)
    for expected in [
        "Lehrerin in Zürich",
        "Zoë Ångström",
        "5 years ahead",
        "I lead customer education.",
        "What will show it came true",
        "A course used by thousands",
        "What keeps the bills paid meanwhile",
        "Values profile",
        "Achievement",
        "Stepping stones",
        "Instructional design certificate",
        (timezone.localdate() + timedelta(days=300)).strftime("%b"),
        "Enrol in the course",
        "Overdue",
        "Key answers from the reflection",
        "Customer support team member at a software company",
        "EUR 52,000 a year",
        "Page 1 of",
        f"Page {total} of {total}",
    ]:
        assert expected in text, expected
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4


def test_letter_paper_when_asked(vision):
    reader = PdfReader(BytesIO(vision_pdf(vision, "letter")))
    assert (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)) == (
        612.0,
        792.0,
    )


def test_fonts_come_from_our_own_files(vision):
    reader = PdfReader(BytesIO(vision_pdf(vision)))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[1])
    assert fonts <= {
        "CV-Sans",
        "CV-Sans-Semi-Bold",
        "CV-Sans-Bold",
        "CV-Serif",
        "CV-Serif-Semi-Bold",
        "CV-Serif-Italic",
    }
    assert "CV-Sans" in fonts


class Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"x")

    def log_message(self, *args):
        pass


def test_hostile_text_fetches_nothing_and_embeds_nothing(vision):
    server = HTTPServer(("127.0.0.1", 0), Recorder)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Recorder.hits = []
    payloads = [
        f'<img src="http://127.0.0.1:{port}/img">',
        f'<link rel="attachment" href="http://127.0.0.1:{port}/attach">',
        '<link rel="attachment" href="file:///etc/passwd">',
        "file:///etc/passwd",
        f"</style><style>@import url(http://127.0.0.1:{port}/css);</style>",
        f"body {{ background: url(http://127.0.0.1:{port}/bg) }}",
        f'<iframe src="http://127.0.0.1:{port}/frame"></iframe>',
    ]
    try:
        vision = written(
            vision,
            statement="\n".join(payloads),
            accomplishments=payloads[:3],
            bridge_plan=payloads[4],
        )
        pdf = vision_pdf(vision)
    finally:
        server.shutdown()
        server.server_close()
    assert Recorder.hits == []
    reader = PdfReader(BytesIO(pdf))
    assert reader.attachments == {}
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get("/Names", {}))
    text = pdf_text(pdf)
    assert "file:///etc/passwd" in text
    assert "root:x:0:0" not in text
    assert f'<img src="http://127.0.0.1:{port}/img">' in text.replace("\n", "")


def test_the_fetcher_serves_only_our_pdf_assets():
    from django.conf import settings

    fetcher = static_fetcher(str(settings.BASE_DIR / "static"))
    response = fetcher.fetch(STATIC_BASE + "pdf/print.css")
    assert response.read().startswith(b"/* The career vision packet")
    for refused in [
        "http://127.0.0.1:9/x.css",
        "file:///etc/passwd",
        "data:text/css,body{}",
        STATIC_BASE + "../careervision/settings.py",
        STATIC_BASE + "vendor/bootstrap/bootstrap.min.css",
        STATIC_BASE + "pdf/../../manage.py",
        "https://careervision.invalid/other/file.css",
    ]:
        with pytest.raises(ValueError, match=r"^(Refused|No such)"):
            fetcher.fetch(refused)


def test_an_unchanged_vision_is_served_from_storage_and_any_change_renders_anew(vision):
    first = vision_pdf(vision)
    stored = VisionPdf.objects.get()
    assert bytes(stored.pdf) == first
    assert vision_pdf(vision) == first
    assert VisionPdf.objects.get().pk == stored.pk

    action = vision.goals.get().actions.get()
    action_set_done(action=action, done=True)
    vision.refresh_from_db()
    changed = vision_pdf(vision)
    assert changed != first
    assert VisionPdf.objects.get().pk != stored.pk
    assert "Overdue" not in pdf_text(changed)


def test_a_change_of_name_or_answers_renders_anew(vision):
    vision_pdf(vision)
    fingerprint = VisionPdf.objects.get().fingerprint
    vision.owner.display_name = "Zoë Å."
    vision.owner.save()
    vision_pdf(vision)
    assert VisionPdf.objects.get().fingerprint != fingerprint
    assert "Zoë Å." in pdf_text(vision_pdf(vision))


def test_download_headers_and_access(client, vision, carol):
    client.force_login(vision.owner)
    response = client.get(f"/visions/{vision.pk}/vision.pdf?size=letter")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="lehrerin-in-zurich.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF-")
    client.force_login(carol)
    assert client.get(f"/visions/{vision.pk}/vision.pdf").status_code == 404
    client.logout()
    assert client.get(f"/visions/{vision.pk}/vision.pdf")["Location"] == (
        f"/accounts/login/?next=/visions/{vision.pk}/vision.pdf"
    )
