"""Complaint window: cases, follow-up log, reference counter, categories,
calendar overrides.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 05:05:00
"""
from alembic import op
import sqlalchemy as sa


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# code, 中文, English (the default list; the branch may edit it)
DEFAULT_CATEGORIES = [
    ("waiting_time", "等候时间", "Waiting time"),
    ("staff_attitude", "服务态度", "Staff attitude"),
    ("fees", "收费", "Fees"),
    ("product", "产品", "Product"),
    ("system_fault", "系统故障", "System fault"),
    ("environment", "网点环境", "Branch environment"),
    ("other", "其他", "Other"),
]


def upgrade() -> None:
    op.create_table('calendar_overrides',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_overrides'))
    )
    op.create_table('complaint_categories',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name_zh', sa.String(length=64), nullable=False),
    sa.Column('name_en', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('resolve_days', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_complaint_categories'))
    )
    op.create_table('complaint_counters',
    sa.Column('branch_code', sa.String(length=16), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('branch_code', 'business_date', name=op.f('pk_complaint_counters'))
    )
    op.create_table('complaints',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('branch_code', sa.String(length=16), nullable=False),
    sa.Column('reference', sa.String(length=24), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('customer_name', sa.String(length=100), nullable=True),
    sa.Column('customer_phone', sa.String(length=32), nullable=True),
    sa.Column('customer_email', sa.String(length=120), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('ticket_uuid', sa.String(length=36), nullable=True),
    sa.Column('ticket_number', sa.String(length=16), nullable=True),
    sa.Column('window_number', sa.Integer(), nullable=True),
    sa.Column('teller', sa.String(length=64), nullable=True),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('received_by_id', sa.Integer(), nullable=True),
    sa.Column('received_by', sa.String(length=64), nullable=False),
    sa.Column('handler_id', sa.Integer(), nullable=True),
    sa.Column('handler', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('status_before_pause', sa.String(length=16), nullable=True),
    sa.Column('pause_reason', sa.String(length=16), nullable=True),
    sa.Column('resolve_days', sa.Integer(), nullable=False),
    sa.Column('ack_due', sa.DateTime(), nullable=False),
    sa.Column('resolve_due', sa.DateTime(), nullable=False),
    sa.Column('regulatory_days', sa.Integer(), nullable=False),
    sa.Column('regulatory_due', sa.DateTime(), nullable=False),
    sa.Column('extension_reason', sa.Text(), nullable=True),
    sa.Column('extension_approved_by', sa.String(length=64), nullable=True),
    sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.Column('notified_at', sa.DateTime(), nullable=True),
    sa.Column('notify_method', sa.String(length=16), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('satisfaction', sa.Integer(), nullable=True),
    sa.Column('adopted', sa.Boolean(), nullable=True),
    sa.Column('reopen_count', sa.Integer(), nullable=False),
    sa.Column('print_state', sa.String(length=16), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['handler_id'], ['staff.id'], name=op.f('fk_complaints_handler_id_staff')),
    sa.ForeignKeyConstraint(['received_by_id'], ['staff.id'], name=op.f('fk_complaints_received_by_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaints')),
    sa.UniqueConstraint('branch_code', 'reference', name='uq_complaints_branch_reference'),
    sa.UniqueConstraint('uuid', name=op.f('uq_complaints_uuid'))
    )
    op.create_index('ix_complaints_received_at', 'complaints', ['received_at'], unique=False)
    op.create_index('ix_complaints_status_due', 'complaints', ['status', 'resolve_due'], unique=False)
    op.create_table('complaint_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('staff', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=True),
    sa.Column('to_status', sa.String(length=16), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], name=op.f('fk_complaint_log_complaint_id_complaints')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_complaint_log_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_log')),
    sa.UniqueConstraint('uuid', name=op.f('uq_complaint_log_uuid'))
    )
    op.create_index('ix_complaint_log_complaint', 'complaint_log', ['complaint_id', 'id'], unique=False)
    categories = sa.table(
        "complaint_categories",
        sa.column("code", sa.String), sa.column("name_zh", sa.String), sa.column("name_en", sa.String),
        sa.column("position", sa.Integer), sa.column("active", sa.Boolean), sa.column("resolve_days", sa.Integer),
    )
    op.bulk_insert(categories, [
        {"code": c, "name_zh": zh, "name_en": en, "position": i, "active": True, "resolve_days": None}
        for i, (c, zh, en) in enumerate(DEFAULT_CATEGORIES)
    ])


def downgrade() -> None:
    op.drop_index('ix_complaint_log_complaint', table_name='complaint_log')
    op.drop_table('complaint_log')
    op.drop_index('ix_complaints_status_due', table_name='complaints')
    op.drop_index('ix_complaints_received_at', table_name='complaints')
    op.drop_table('complaints')
    op.drop_table('complaint_counters')
    op.drop_table('complaint_categories')
    op.drop_table('calendar_overrides')
