"""The career vision packet: one printable PDF of a vision.

It lives in `goals`, the top floor, because it combines everything: the
answers and profile (visions) with the stepping stones (goals).

Rendering is CPU-heavy (about 125 ms of CPU for two pages), so it happens in
a small pool of separate processes: a burst of downloads then queues there
instead of occupying every web worker. A rendered PDF is stored, keyed by a
fingerprint of everything it shows, and served again until that changes.
"""

import hashlib
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from goals.models import VisionPdf
from goals.pdf_render import STATIC_BASE, render_pdf
from goals.progress import goal_rows, vision_summary
from visions import steps
from visions.models import Vision
from visions.services import vision_stamp

# Bump when the template or stylesheet changes, so stored PDFs are remade.
TEMPLATE_VERSION = "1"
PAGE_SIZES = {"a4": "A4", "letter": "Letter"}
DEFAULT_PAGE_SIZE = "a4"

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _render_pool() -> ProcessPoolExecutor | None:
    """The render processes of this app process, started on first use.
    PDF_RENDER_PROCESSES=0 renders inline (in the calling thread)."""
    global _pool
    processes = settings.PDF_RENDER_PROCESSES
    if processes <= 0:
        return None
    with _pool_lock:
        if _pool is None:
            # "spawn": the children start clean, not as copies of a threaded
            # server holding database connections.
            _pool = ProcessPoolExecutor(
                max_workers=processes,
                mp_context=get_context("spawn"),
                initializer=os.nice,
                initargs=(5,),
            )
        return _pool


def pdf_fingerprint(vision: Vision, page_size: str, today) -> str:
    """Everything the document shows changes one of these: any write to the
    vision, its answers, goals or actions moves vision.updated_at; the owner's
    name, the page size and the day (overdue marks) complete it."""
    parts = [TEMPLATE_VERSION, *vision_stamp(vision), page_size, today.isoformat()]
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


def pdf_html(vision: Vision, page_size: str, today) -> str:
    goals = list(vision.goals.prefetch_related("actions"))
    answered = [
        {"step": step, "answers": steps.step_summary(step, vision.answers)}
        for step in steps.QUESTION_STEPS
    ]
    return render_to_string(
        "pdf/vision.html",
        {
            "vision": vision,
            "owner": vision.owner,
            "profile": steps.answers_profile(vision.answers),
            "answered": [group for group in answered if group["answers"]],
            "rows": goal_rows(goals, today),
            "summary": vision_summary(goals, today),
            "today": today,
            "page_size": PAGE_SIZES[page_size],
            "static": STATIC_BASE,
        },
    )


def pdf_render(html: str) -> bytes:
    static_dir = str(settings.BASE_DIR / "static")
    pool = _render_pool()
    if pool is None:
        return render_pdf(html, static_dir)
    return pool.submit(render_pdf, html, static_dir).result(timeout=120)


def vision_pdf(vision: Vision, page_size: str = DEFAULT_PAGE_SIZE) -> bytes:
    """The PDF of this vision: the stored one when nothing changed, else a
    fresh render, stored for next time (older renders of it are dropped)."""
    today = timezone.localdate()
    fingerprint = pdf_fingerprint(vision, page_size, today)
    stored = VisionPdf.objects.filter(vision=vision, fingerprint=fingerprint).first()
    if stored is not None:
        return bytes(stored.pdf)
    pdf = pdf_render(pdf_html(vision, page_size, today))
    try:
        with transaction.atomic():
            VisionPdf.objects.filter(vision=vision).exclude(page_size=page_size).filter(
                created_at__date__lt=today
            ).delete()
            VisionPdf.objects.filter(vision=vision, page_size=page_size).delete()
            VisionPdf.objects.create(
                vision=vision, fingerprint=fingerprint, page_size=page_size, pdf=pdf
            )
    except IntegrityError:
        pass  # Another request stored the same render meanwhile.
    return pdf


def pdf_filename(vision: Vision) -> str:
    return f"{slugify(vision.title) or _('career-vision')}.pdf"
