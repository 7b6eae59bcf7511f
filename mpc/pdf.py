"""HTML to PDF, for documents people download (the double action plan).

One small function with no knowledge of MPC, so the engagement report's PDF (branch
sponsor-17, WeasyPrint too) and this one can share it once merged."""

from __future__ import annotations

from django.conf import settings


def html_to_pdf(html: str, *, stylesheet: str | None = None, base_url: str | None = None) -> bytes:
    """Render a whole HTML document to PDF with WeasyPrint; `stylesheet` is the path of a
    print stylesheet to apply, `base_url` where relative links point (the site)."""
    from weasyprint import CSS, HTML  # loads Pango: only when a PDF is asked for

    stylesheets = [CSS(filename=stylesheet)] if stylesheet else []
    return HTML(string=html, base_url=base_url or settings.SITE_URL).write_pdf(stylesheets=stylesheets)
