"""blob_owner: each establishment that uploaded a receipt file owns it (the same bytes, stored once)

Revision ID: s0005
Revises: s0004
Create Date: 2026-12-03 08:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "s0005"
down_revision = "s0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blob_owner",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["blob.sha256"],
        ),
        sa.PrimaryKeyConstraint("sha256", "establishment"),
    )
    # the uploader of every file already stored owns it
    op.execute("INSERT INTO blob_owner (sha256, establishment, at) SELECT sha256, establishment, at FROM blob")


def downgrade() -> None:
    op.drop_table("blob_owner")
