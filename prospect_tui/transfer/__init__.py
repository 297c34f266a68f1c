"""Files in and out: CSV import and export, JSON export, iCalendar, Markdown."""
