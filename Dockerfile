# Image for web (gunicorn), worker and beat. Dependencies come from uv.lock, as locally.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    PATH=/opt/venv/bin:$PATH

# WeasyPrint's system libraries (Pango, HarfBuzz with subsetting for small, fast PDFs) and
# an open font, so every machine renders letters the same.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
        libfontconfig1 shared-mime-info fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir 'uv==0.13.9'

WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .
RUN DJANGO_DEBUG=false DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=postgres://build@localhost/build FIELD_ENCRYPTION_KEYS=build-only \
    python manage.py collectstatic --noinput -v 0

RUN useradd --system --uid 1000 --home-dir /app fonds \
    && mkdir -p /data/private \
    && chown fonds /data/private
USER fonds
ENV PRIVATE_MEDIA_ROOT=/data/private
EXPOSE 8000
CMD ["gunicorn", "fondsbeveiliging.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
