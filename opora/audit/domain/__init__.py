"""Writing the audit trail: `record` for every write, `record_read` for every read of case content."""

from opora.audit.domain.entries import READ_ACTIONS, is_read, record, record_read

__all__ = ["READ_ACTIONS", "is_read", "record", "record_read"]
