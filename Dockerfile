# CareerVision for production: gunicorn behind your TLS proxy, PostgreSQL via DATABASE_URL.
FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint renders the PDF with Pango; DejaVu is a fallback font for it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY . .
# Static files are collected at build time; WhiteNoise serves them.
RUN SECRET_KEY=build-only-not-used-at-run-time python manage.py collectstatic --no-input \
    && useradd --system --uid 10001 --home-dir /app careervision \
    && chown -R careervision /app/staticfiles

USER careervision
EXPOSE 8000
ENTRYPOINT ["/app/scripts/docker-entrypoint.sh"]
CMD ["gunicorn", "careervision.wsgi", "--config", "gunicorn.conf.py"]
