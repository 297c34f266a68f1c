"""The workspace on disk: TinyDB behind a write-ahead journal, lock, backups, migrations."""
