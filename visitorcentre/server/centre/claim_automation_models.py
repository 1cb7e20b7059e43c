"""The centre's own tables for automatic approval of travel-costs claims (server migration s0013).

``CentreSetting`` holds a setting the national administrators change in the console (each change
in the central audit log); ``ClaimAutoCheck`` the last time the automatic approval checks looked
at a claim and what each said, for the claim page.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from visitorcentre.server.models import ServerBase


class CentreSetting(ServerBase):
    __tablename__ = "centre_setting"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[dict] = mapped_column(JSON)
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    changed_by: Mapped[str] = mapped_column(String(120))


class ClaimAutoCheck(ServerBase):
    __tablename__ = "claim_auto_check"

    application_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    claim_version: Mapped[int] = mapped_column(Integer)
    checked_at: Mapped[datetime] = mapped_column(DateTime)
    approved: Mapped[bool] = mapped_column(Boolean)
    results: Mapped[list] = mapped_column(JSON)  # [{"check", "label", "applies", "passed", "words"}]
