"""The "you said, we did" poster and the support directory (A4 PDFs)."""

from __future__ import annotations


def poster_pdf(establishment_name, responses, today) -> bytes:
    raise NotImplementedError


def directory_pdf(establishment_name, services, today) -> bytes:
    raise NotImplementedError
