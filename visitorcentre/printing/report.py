"""The printable report (A4 PDF) with its charts."""

from __future__ import annotations


def report_pdf(report, establishment_label, charts, now) -> bytes:
    raise NotImplementedError
