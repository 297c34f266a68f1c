"""Fictional people, companies and phone ranges for the sample workspace.

Every number comes from a range regulators keep for drama and examples
(NANP 555-01xx, Ofcom's 01632/7946/496 ranges, ARCEP's, ACMA's 5550 and
Germany's 030 23125) so a sample prospect can never ring a real phone.
"""

from __future__ import annotations

from dataclasses import dataclass

from prospect_tui.core.config import Objection, Variant


@dataclass(frozen=True, slots=True)
class NumberPlan:
    """A fictional range in one place: ``prefix`` + ``digits`` free digits."""

    country: str
    region: str
    city: str
    timezone: str
    prefix: str
    digits: int
    start: int = 0
    """First suffix of the fictional range (NANP's is 0100)."""
    size: int = 0
    """How many suffixes the range holds (0: all ``10 ** digits``)."""
    weight: int = 1

    @property
    def capacity(self) -> int:
        """How many distinct numbers the range gives."""
        return self.size or 10**self.digits

    def number(self, index: int) -> str:
        """The ``index``-th number of the range, in E.164."""
        return f"{self.prefix}{self.start + index:0{self.digits}d}"


def _nanp(region: str, city: str, zone: str, area: str, weight: int = 3) -> NumberPlan:
    return NumberPlan("US", region, city, zone, f"+1{area}5550", 3, 100, 100, weight)


PLANS: tuple[NumberPlan, ...] = (
    _nanp("NY", "New York", "America/New_York", "212", 6),
    _nanp("NY", "New York", "America/New_York", "646", 4),
    _nanp("MA", "Boston", "America/New_York", "617"),
    _nanp("FL", "Miami", "America/New_York", "305"),
    _nanp("GA", "Atlanta", "America/New_York", "404"),
    _nanp("IL", "Chicago", "America/Chicago", "312", 4),
    _nanp("TX", "Dallas", "America/Chicago", "214"),
    _nanp("TX", "Austin", "America/Chicago", "512"),
    _nanp("MN", "Minneapolis", "America/Chicago", "612"),
    _nanp("CO", "Denver", "America/Denver", "303", 2),
    _nanp("UT", "Salt Lake City", "America/Denver", "801", 2),
    _nanp("AZ", "Phoenix", "America/Phoenix", "602", 2),
    _nanp("CA", "San Francisco", "America/Los_Angeles", "415", 5),
    _nanp("WA", "Seattle", "America/Los_Angeles", "206"),
    _nanp("CA", "Los Angeles", "America/Los_Angeles", "310"),
    _nanp("OR", "Portland", "America/Los_Angeles", "503"),
    _nanp("HI", "Honolulu", "Pacific/Honolulu", "808", 1),
    NumberPlan("CA", "ON", "Toronto", "America/Toronto", "+14165550", 3, 100, 100, 2),
    NumberPlan("CA", "BC", "Vancouver", "America/Vancouver", "+16045550", 3, 100, 100, 2),
    NumberPlan("GB", "England", "London", "Europe/London", "+4420794", 5, 60000, 1000, 8),
    NumberPlan("GB", "England", "Manchester", "Europe/London", "+44161496", 4, 0, 1000, 3),
    NumberPlan("GB", "England", "Leeds", "Europe/London", "+44113496", 4, 0, 1000, 2),
    NumberPlan("GB", "Scotland", "Edinburgh", "Europe/London", "+44131496", 4, 0, 1000, 2),
    NumberPlan("FR", "Île-de-France", "Paris", "Europe/Paris", "+3319900", 4, 0, 0, 5),
    NumberPlan("FR", "Hauts-de-France", "Lille", "Europe/Paris", "+3335301", 4, 0, 0, 2),
    NumberPlan("FR", "Auvergne-Rhône-Alpes", "Lyon", "Europe/Paris", "+3346571", 4, 0, 0, 2),
    NumberPlan("DE", "Berlin", "Berlin", "Europe/Berlin", "+493023125", 3, 0, 0, 4),
    NumberPlan("AU", "NSW", "Sydney", "Australia/Sydney", "+6125550", 4, 0, 0, 4),
    NumberPlan("AU", "VIC", "Melbourne", "Australia/Melbourne", "+6135550", 4, 0, 0, 3),
    NumberPlan("AU", "QLD", "Brisbane", "Australia/Brisbane", "+6175550", 4, 0, 0, 2),
    NumberPlan("AU", "WA", "Perth", "Australia/Perth", "+6185550", 4, 0, 0, 2),
)

FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "Ava",
        "Liam",
        "Maya",
        "Noah",
        "Grace",
        "Ethan",
        "Chloe",
        "Owen",
        "Priya",
        "Marcus",
        "Hannah",
        "Diego",
        "Zoe",
        "Caleb",
        "Aisha",
        "Ryan",
        "Nora",
        "Jamal",
        "Ivy",
        "Connor",
        "Mei",
        "Luke",
        "Sofia",
        "Daniel",
        "Harper",
        "Kofi",
        "Erin",
        "Samir",
        "Leah",
        "Tom",
    ),
    "fr": (
        "Camille",
        "Louis",
        "Léa",
        "Hugo",
        "Manon",
        "Jules",
        "Chloé",
        "Théo",
        "Inès",
        "Antoine",
        "Zoé",
        "Maxime",
        "Élodie",
        "Nicolas",
        "Sarah",
        "Julien",
    ),
    "de": (
        "Lena",
        "Jonas",
        "Mia",
        "Felix",
        "Hannah",
        "Lukas",
        "Emma",
        "Paul",
        "Sophie",
        "Tobias",
        "Jana",
        "Moritz",
        "Katrin",
        "Stefan",
    ),
}

LAST_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "Walker",
        "Patel",
        "Nguyen",
        "Okafor",
        "Brennan",
        "Castillo",
        "Hughes",
        "Kim",
        "Larsen",
        "Murphy",
        "Foster",
        "Reyes",
        "Singh",
        "Turner",
        "Bishop",
        "Chen",
        "Doyle",
        "Ellison",
        "Grant",
        "Hayes",
        "Iqbal",
        "Jensen",
        "Kowalski",
        "Lopez",
        "Morgan",
    ),
    "fr": (
        "Martin",
        "Bernard",
        "Dubois",
        "Lefèvre",
        "Moreau",
        "Laurent",
        "Girard",
        "Roux",
        "Fontaine",
        "Chevalier",
        "Lambert",
        "Faure",
    ),
    "de": (
        "Müller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Wagner",
        "Becker",
        "Hoffmann",
        "Schäfer",
        "Koch",
        "Richter",
        "Wolf",
    ),
}

LANGUAGE = {"US": "en", "CA": "en", "GB": "en", "AU": "en", "FR": "fr", "DE": "de"}

COMPANY_FIRST = (
    "Blue",
    "North",
    "Bright",
    "Iron",
    "Silver",
    "Harbor",
    "Summit",
    "Cedar",
    "Orbit",
    "Granite",
    "Maple",
    "Copper",
    "Lumen",
    "Tall",
    "Swift",
    "Quarry",
    "Juniper",
    "Beacon",
    "Atlas",
    "Kestrel",
)
COMPANY_SECOND = (
    "peak",
    "wind",
    "stone",
    "field",
    "line",
    "bridge",
    "works",
    "gate",
    "leaf",
    "mark",
    "wave",
    "point",
    "craft",
    "path",
)
COMPANY_KIND = (
    "Logistics",
    "Analytics",
    "Foods",
    "Health",
    "Labs",
    "Manufacturing",
    "Software",
    "Retail",
    "Energy",
    "Legal",
    "Properties",
    "Freight",
    "Dental",
    "Insurance",
    "Robotics",
    "Media",
)

TITLES = (
    "VP Sales",
    "Head of Operations",
    "CFO",
    "IT Director",
    "Procurement Manager",
    "Founder & CEO",
    "Office Manager",
    "Head of Marketing",
    "COO",
    "Facilities Manager",
    "Sales Director",
    "Head of People",
    "CTO",
    "Finance Manager",
    "Owner",
)

TAGS = ("inbound", "trade-show", "referral", "webinar", "cold", "expansion")

NOTES = (
    "Met at the spring trade show; asked about pricing.",
    "Referred by a customer in the same industry.",
    "Downloaded the buyer's guide last month.",
    "New in role — introduce the team.",
    "Prefers calls early in the morning.",
    "Evaluating vendors next quarter.",
)

VARIANTS: tuple[Variant, ...] = (
    Variant(
        "how-have-you-been+demo",
        "Hi {first_name}, how have you been?",
        "a 15-minute demo next week",
    ),
    Variant(
        "permission+audit",
        "Hi {first_name}, this is a cold call — can I have 30 seconds to tell you why "
        "I'm calling, and you decide if we keep talking?",
        "a free audit of {company}'s outbound process",
    ),
    Variant(
        "referral+case-study",
        "Hi {first_name}, a few teams like {company} asked us the same question lately, "
        "so I wanted to run it by you.",
        "the case study of a company your size",
    ),
)

OBJECTIONS: tuple[Objection, ...] = (
    Objection(
        "not interested",
        "Fair — most people aren't when I call out of the blue. Is it handled already, "
        "or just not a priority this quarter?",
    ),
    Objection(
        "send me an email",
        "Happy to — so it's worth your time, what should it cover?",
    ),
    Objection(
        "we already use X",
        "Good — then you know what you'd want from it. What's the one thing you'd change?",
    ),
    Objection(
        "no budget",
        "Understood — most teams I speak to hadn't budgeted for it either. "
        "When do you plan next year's?",
    ),
    Objection(
        "call me later",
        "Sure — when suits you better, and what should I have ready by then?",
    ),
)
"""What prospects say to end a cold call, with an answer that keeps it open."""

SAMPLE_BLOCKS = (
    ("research", '["mon", "tue", "wed", "thu", "fri"]', "08:30", 30),
    ("calling", '["mon", "tue", "wed", "thu", "fri"]', "09:00", 60),
    ("calling", '["tue", "thu"]', "14:00", 50),
    ("follow_up", '["mon", "tue", "wed", "thu", "fri"]', "16:30", 30),
)

SAMPLE_ACTIVITIES = (("Chamber of commerce networking breakfast", '["wed"]', "07:30", 90),)
"""Planned prospecting besides the three kinds of time: (name, days, start, minutes)."""


def sample_config_toml() -> str:
    """A commented ``config.toml`` with the sample's openers and a plan to edit."""
    lines = [
        "# Prospect settings. Every key is optional; delete what you do not need.",
        "# Written by `prospect sample`: the openers below are what the sample calls used.",
        "",
        "[goal]",
        "sprints = 2     # completed calling sprints a working day needs for the streak",
        "dials = 30",
        "",
    ]
    for category, days, start, minutes in SAMPLE_BLOCKS:
        lines += [
            "[[blocks]]",
            f'category = "{category}"',
            f"days = {days}",
            f'start = "{start}"',
            f"minutes = {minutes}",
            "",
        ]
    for name, days, start, minutes in SAMPLE_ACTIVITIES:
        lines += [
            "[[blocks]]",
            'category = "activity"',
            f"name = {_toml_string(name)}",
            f"days = {days}",
            f'start = "{start}"',
            f"minutes = {minutes}",
            "",
        ]
    for variant in VARIANTS:
        lines += [
            "[[variants]]",
            f"name = {_toml_string(variant.name)}",
            f"opener = {_toml_string(variant.opener)}",
            f"offer = {_toml_string(variant.offer)}",
            "",
        ]
    lines.append(
        "# During a call, o lists these; a digit shows the answer and notes it on the call."
    )
    for objection in OBJECTIONS:
        lines += [
            "[[objections]]",
            f"name = {_toml_string(objection.name)}",
            f"answer = {_toml_string(objection.answer)}",
            "",
        ]
    return "\n".join(lines)


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
