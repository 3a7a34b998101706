"""A person downloads their vision as a PDF from the vision page."""

from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from tests.browser.conftest import assert_accessible
from tests.browser.test_questionnaire_journey import log_in
from tests.factories import VisionFactory, answered


def test_download_the_pdf_on_letter_paper(page, live_server, alice):
    vision = answered(VisionFactory(owner=alice, title="Five years out"))
    log_in(page, live_server.url, alice.email)
    page.goto(f"{live_server.url}/visions/{vision.pk}/")
    assert_accessible(page)
    page.get_by_label("Paper size").select_option("letter")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the PDF").click()
    download = info.value
    assert download.suggested_filename == "five-years-out.pdf"
    reader = PdfReader(BytesIO(Path(download.path()).read_bytes()))
    assert float(reader.pages[0].mediabox.width) == 612.0
    assert "Five years out" in reader.pages[0].extract_text()
    assert "Alice Adams" in reader.pages[0].extract_text()
