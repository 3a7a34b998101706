"""HTML to PDF with WeasyPrint, fetching nothing but our own static files.

This module does not need Django: the render pool's worker processes import
only this, so they start fast and hold no database connection.
"""

import mimetypes
from pathlib import Path

# The PDF template's assets are addressed under this base. It is never
# contacted: the fetcher below maps it to files on disk and refuses the rest.
STATIC_BASE = "https://careervision.invalid/static/"
# Only these folders of static/ may be read while rendering.
ALLOWED_FOLDERS = ("pdf", "fonts")


def static_fetcher(static_dir: str):
    """A WeasyPrint URL fetcher that serves files below static/pdf and
    static/fonts from disk and refuses every other URL: no network, no
    arbitrary file://, no data: tricks, no redirects."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    root = Path(static_dir).resolve()

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith(STATIC_BASE):
                raise ValueError(f"Refused to fetch {url!r}: only our own static files.")
            relative = url.removeprefix(STATIC_BASE).split("?", 1)[0].split("#", 1)[0]
            path = (root / relative).resolve()
            if not path.is_relative_to(root) or path.relative_to(root).parts[0] not in (
                ALLOWED_FOLDERS
            ):
                raise ValueError(f"Refused to fetch {url!r}: outside the PDF assets.")
            if not path.is_file():
                raise ValueError(f"No such asset: {url!r}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticOnlyFetcher(allowed_protocols=("https",), allow_redirects=False, timeout=1)


def render_pdf(html: str, static_dir: str) -> bytes:
    """Renders the document. Runs in a render-pool process (or inline)."""
    # Imported here: WeasyPrint takes half a second to import.
    from weasyprint import HTML

    document = HTML(string=html, base_url=STATIC_BASE, url_fetcher=static_fetcher(static_dir))
    return document.write_pdf(attachments=[], pdf_variant=None)
