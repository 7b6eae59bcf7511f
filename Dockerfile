FROM python:3.13-slim
ENV PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/opt/venv PATH=/opt/venv/bin:$PATH
WORKDIR /app
# WeasyPrint draws the engagement reports' PDFs with Pango and needs a font.
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir uv==0.13.9
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev
COPY . .
RUN DJANGO_SECRET_KEY=build DJANGO_DEBUG=false python manage.py collectstatic --no-input
RUN useradd --create-home tandem
USER tandem
EXPOSE 8000
CMD ["gunicorn", "coaching.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
