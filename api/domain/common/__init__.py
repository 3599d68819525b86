"""What several areas share: the call, errors, validation, scope, the audit log, paging and SQL."""
