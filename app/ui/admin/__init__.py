"""The Administration area: organisation, users, audit trail, backups."""
