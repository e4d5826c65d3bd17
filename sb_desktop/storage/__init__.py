"""The only place SQL lives: opening databases, migrations, queries, profiles and backups."""
