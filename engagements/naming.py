"""Short, readable names for meetings, built from who met and where: "Rubio – Cho Hyun,
Washington", "Biden – Moon Jae-in, phone call". Document titles ("Readout of …", "Remarks by
…") stay on their sources and statements; the meeting is named for the event.

One side's principals come first by the alliance's order (United States, Republic of Korea,
then others), separated by an en dash. Americans go by family name, as readouts write them;
Korean and Japanese officials by full name, since a family name alone is shared by many.
"""

import re

from engagements.models import Modality

SIDE_ORDER = {"US": 0, "KR": 1, "JP": 2}
FULL_NAME_SIDES = {"KR", "JP", "CN", "KP"}
_SUFFIX = re.compile(r",?\s+(?:Jr\.?|Sr\.?|II|III|IV)$")
_CALLS = {Modality.PHONE_CALL: "phone call", Modality.VIDEO_CALL: "video call"}


def _short(name: str, side: str) -> str:
    name = _SUFFIX.sub("", name.strip())
    if side.upper() in FULL_NAME_SIDES:
        return name
    return name.split()[-1] if name.split() else name


def meeting_name(
    people: list[tuple[str, str]], *, location: str = "", modality: str = "", fallback: str = ""
) -> str:
    """The meeting's name from (name, side code) pairs in the order the document gives them,
    the place and the modality; ``fallback`` when nobody is named."""
    sides: dict[str, list[str]] = {}
    for name, side in people:
        short = _short(name, side)
        if short and short not in sides.setdefault(side.upper(), []):
            sides[side.upper()].append(short)
    if not sides:
        return fallback[:300]
    ordered = sorted(sides.items(), key=lambda item: SIDE_ORDER.get(item[0], 9))
    name = " – ".join(", ".join(names) for _, names in ordered if names)
    where = _CALLS.get(modality) or location.split(",")[0].strip()
    return (f"{name}, {where}" if where else name)[:300]


def name_from_contract(contract: dict, *, fallback: str = "") -> str:
    """The name of the meeting an extraction describes (the ingestion contract)."""
    people = [
        (str(p.get("name") or ""), str(p.get("country") or ""))
        for p in contract.get("participants") or []
    ]
    return meeting_name(
        people,
        location=str(contract.get("location") or ""),
        modality=str(contract.get("modality") or ""),
        fallback=fallback,
    )
