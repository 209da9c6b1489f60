"""Django's PostgreSQL backend, with a schema editor that makes no pattern-ops twin indexes."""
