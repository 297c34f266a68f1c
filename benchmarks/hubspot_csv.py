"""Write a HubSpot-shaped contacts export of N rows, for the import figure.

32 columns as HubSpot's "all contacts" export has them; national and
international numbers, some empty phones, Australian mobiles, accents, and
about twenty unmapped columns per row that the import keeps in ``extra``.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HEADERS = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone Number",
    "Mobile Phone Number",
    "Company Name",
    "Job Title",
    "Country/Region",
    "State/Region",
    "City",
    "Postal Code",
    "Street Address",
    "Time Zone",
    "Contact owner",
    "Lifecycle Stage",
    "Lead Status",
    "Marketing contact status",
    "Create Date",
    "Last Activity Date",
    "Associated Company",
    "Website URL",
    "Industry",
    "Number of Employees",
    "Annual Revenue",
    "LinkedIn Bio",
    "Twitter Username",
    "Fax Number",
    "Email Domain",
    "Original Source",
    "Last Modified Date",
    "Associated Company IDs",
]
FIRSTS = ["Jane", "John", "Zoë", "Renée", "Ana", "Li", "Omar", "Priya", "Lucas", "Emma"]
LASTS = ["Doe", "Smith", "Lefèvre", "García", "Nguyen", "Kowalski", "O'Brien", "Schmidt"]
PLACES = [
    ("United States", "NY", "New York", "212"),
    ("United States", "CA", "San Francisco", "415"),
    ("United States", "IL", "Chicago", "312"),
    ("United States", "TX", "Austin", "512"),
    ("United States", "ID", "Boise", "208"),
    ("Canada", "ON", "Toronto", "416"),
]


def write(path: Path, rows: int, seed: int = 5) -> Path:
    """Write ``rows`` contacts to ``path`` (UTF-8, commas, as HubSpot does)."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        for i in range(rows):
            country, state, city, area = rng.choice(PLACES)
            first, last = rng.choice(FIRSTS), rng.choice(LASTS)
            kind = rng.random()
            exchange, line = rng.randint(200, 999), rng.randint(1000, 9999)
            phone = (
                f"+1 {area}-{exchange}-{line}"
                if kind < 0.5
                else f"({area}) {exchange}-{line}"
                if kind < 0.8
                else ""
            )
            mobile = ""
            if kind > 0.9:
                mobile = (
                    f"+61 4{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
                )
                country, state, city = (
                    "Australia",
                    rng.choice(["NSW", "VIC", "QLD", "WA"]),
                    "Sydney",
                )
            company = f"Company {i % 500}"
            writer.writerow(
                [
                    str(1000 + i),
                    first,
                    last,
                    f"{first.lower()}.{last.lower()}{i}@example.com",
                    phone,
                    mobile,
                    company,
                    "VP Sales",
                    country,
                    state,
                    city,
                    "10001",
                    f"{i} Main St",
                    "",
                    "owner@example.com",
                    "lead",
                    "NEW",
                    "Marketing contact",
                    "2025-01-02 10:00",
                    "2025-06-01 12:00",
                    company,
                    f"https://c{i % 500}.example",
                    "SOFTWARE",
                    "50",
                    "1000000",
                    "",
                    "",
                    "",
                    "example.com",
                    "Offline Sources",
                    "2025-06-01 12:00",
                    str(90000 + i % 500),
                ]
            )
    return path
