"""The PDF: a cold render against bare WeasyPrint, a stored download against a
cold render, and the other pages' latency while 16 clients download PDFs."""

import statistics
import threading
import time

from bench.server import django_run, get, percentile, psql

RENDERS = 5
BURST_CLIENTS = 16

# Bare WeasyPrint on the HTML the product renders: the same document, its
# assets read from static/ by WeasyPrint's own fetcher, no render pool, no
# database, no storage. One render first, as a running server has done.
BARE = """
import json, time
from django.conf import settings
from django.utils import timezone
from weasyprint import HTML
from goals.pdf import DEFAULT_PAGE_SIZE, pdf_html
from goals.pdf_render import STATIC_BASE
from visions.models import Vision

vision = Vision.objects.select_related("owner").get(pk=%(vision)d)
html = pdf_html(vision, DEFAULT_PAGE_SIZE, timezone.localdate())
html = html.replace(STATIC_BASE, (settings.BASE_DIR / "static").as_uri() + "/")
HTML(string=html).write_pdf()
times = []
for _ in range(%(renders)d):
    started = time.perf_counter()
    HTML(string=html).write_pdf()
    times.append(time.perf_counter() - started)
print(json.dumps(times))
"""


def stored_drop(database_url: str) -> None:
    psql(database_url, "DELETE FROM goals_visionpdf")


def measure(env: dict, database_url: str, seed: dict, sessions: dict[str, str]) -> dict:
    vision = seed["owner_vision"]
    owner, coach = sessions["owner"], sessions["coach"]
    url = f"/visions/{vision}/vision.pdf"
    stored_drop(database_url)
    get(url, owner)  # the render pool imports WeasyPrint once per server
    cold = []
    for _ in range(RENDERS):
        stored_drop(database_url)
        cold.append(get(url, owner))
    stored = [get(url, owner) for _ in range(50)]
    bare = django_run(env, BARE % {"vision": vision, "renders": RENDERS})
    return {
        "cold_p50": statistics.median(cold),
        "bare_p50": statistics.median(bare),
        "stored_p50": statistics.median(stored),
        **burst(database_url, seed, owner, coach),
    }


def burst(database_url: str, seed: dict, owner: str, coach: str) -> dict:
    """The vision page's latency alone, then while the coach's 16 clients'
    PDFs are downloaded at once (all cold renders)."""
    page = f"/visions/{seed['owner_vision']}/"
    for _ in range(20):
        get(page, owner)
    idle = [get(page, owner) for _ in range(200)]
    stored_drop(database_url)
    during: list[float] = []
    failures: list[str] = []
    done = threading.Event()

    def download(path: str) -> None:
        try:
            get(path, coach)
        except RuntimeError as error:
            failures.append(str(error))

    def probe() -> None:
        while not done.is_set():
            during.append(get(page, owner))

    clients = [
        threading.Thread(target=download, args=(f"/visions/{vision}/vision.pdf",))
        for vision in seed["client_visions"][:BURST_CLIENTS]
    ]
    prober = threading.Thread(target=probe)
    started = time.perf_counter()
    prober.start()
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    took = time.perf_counter() - started
    done.set()
    prober.join()
    if failures:
        raise RuntimeError(f"PDF downloads failed during the burst: {failures}")
    return {
        "idle_p99": percentile(idle, 0.99),
        "burst_p99": percentile(during, 0.99),
        "burst_requests": len(during),
        "burst_seconds": took,
    }
