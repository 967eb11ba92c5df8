"""What `malmiljo init` writes, in Swedish and English."""

from __future__ import annotations

from typing import Any

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7")
_AREA_IDS = {
    "sv": ("uppdrag", "organisation", "arbetssatt", "teknik"),
    "en": ("mission", "organisation", "methods", "technology"),
}

_SV: dict[str, Any] = {
    "engagement_header": "Uppdraget: vem, för vem, vilket varv och visionen i ord.",
    "vision_hint": "Målbilden i ord: vad it-enheten ska kunna när målmiljön är nådd.",
    "vision": "Beskriv målbilden här.",
    "scoring_hint": "Hur initiativen rangordnas (weighted, wsjf, rice eller ice).",
    "capacity_hint": "Vad enheten orkar med under ett varv: persondagar och antal initiativ.",
    "scale_labels": [
        (0, "Saknas"),
        (1, "Initial"),
        (2, "Upprepbar"),
        (3, "Definierad"),
        (4, "Styrd"),
        (5, "Optimerad"),
    ],
    "areas_header": "Fokusområdena. Metodens fyra standardområden; lägg till eller ta bort fritt.",
    "areas": [
        ("Uppdrag", "Vad it-enheten är till för och vad kunderna kan vänta sig."),
        ("Organisation", "Roller, team, ledning och bemanning."),
        ("Arbetsmetoder", "Hur arbetet tas emot, fördelas, följs upp och förbättras."),
        ("Teknisk miljö", "De tekniska förmågor som verksamheten behöver."),
    ],
    "capabilities_header": "Förmågor per fokusområde, med nuläge och målnivå på skalan.",
    "capability": {
        "id": "overblick",
        "area": "arbetssatt",
        "name": "Överblick över pågående arbete",
        "description": "Alla ser vad som är på gång och vad som just blivit klart.",
    },
    "current_hint": "nuläge",
    "target_hint": "målnivå",
    "initiative_header": "Ett initiativ per fil. Filnamnet är fritt; id:t måste vara unikt.",
    "initiative": {
        "id": "tavla",
        "title": "Tavla och korta morgonmöten",
        "description": "En tavla på väggen och ett kort stående möte några dagar i veckan.",
        "owner": "It-chef",
        "first_step": "Sätt upp tavlan och boka första mötet.",
        "visible_outcome": "Tavlan på väggen, uppdaterad varje mötesdag.",
        "motivation": "Alla får se vad kollegorna gör och vad som blir klart.",
    },
    "effort_hint": "persondagar",
}

_EN: dict[str, Any] = {
    "engagement_header": "The engagement: who, for whom, which lap, and the vision in words.",
    "vision_hint": "The target picture in words: what the IT unit can do once it is reached.",
    "vision": "Describe the target picture here.",
    "scoring_hint": "How initiatives are ranked (weighted, wsjf, rice or ice).",
    "capacity_hint": "What the unit can take on in one lap: person-days and number of initiatives.",
    "scale_labels": [
        (0, "Absent"),
        (1, "Initial"),
        (2, "Repeatable"),
        (3, "Defined"),
        (4, "Managed"),
        (5, "Optimised"),
    ],
    "areas_header": "The focus areas: the method's four defaults; add or remove freely.",
    "areas": [
        ("Mission", "What the IT unit is for and what its customers can expect."),
        ("Organisation", "Roles, teams, management and staffing."),
        ("Working methods", "How work is received, assigned, followed up and improved."),
        ("Technical environment", "The technical capabilities the business needs."),
    ],
    "capabilities_header": "Capabilities per focus area, with today's and the target level on the scale.",
    "capability": {
        "id": "overview",
        "area": "methods",
        "name": "Overview of work in progress",
        "description": "Everyone sees what is going on and what was just finished.",
    },
    "current_hint": "today",
    "target_hint": "target",
    "initiative_header": "One initiative a file. Name the file freely; the id must be unique.",
    "initiative": {
        "id": "board",
        "title": "A board and short morning meetings",
        "description": "A board on the wall and a short stand-up a few days a week.",
        "owner": "IT manager",
        "first_step": "Put up the board and book the first meeting.",
        "visible_outcome": "The board on the wall, updated every meeting day.",
        "motivation": "Everyone sees what colleagues do and what gets finished.",
    },
    "effort_hint": "person-days",
}


def texts(lang: str) -> dict[str, Any]:
    """The scaffold's texts in `lang`, with the areas expanded to id, name, colour, description."""
    base = dict(_SV if lang == "sv" else _EN)
    base["areas"] = [
        {"id": ident, "name": name, "colour": colour, "description": description}
        for ident, colour, (name, description) in zip(
            _AREA_IDS["sv" if lang == "sv" else "en"], _COLOURS, base["areas"], strict=True
        )
    ]
    return base


FILES = (
    "engagement.yaml",
    "areas.yaml",
    "capabilities.yaml",
    "initiatives/example.yaml",
)
