"""Arabic labels and colour classes for what the pages show (interface text, not matching data)."""

from __future__ import annotations

import re

ENTITY_TYPES: dict[str, str] = {
    "PER": "شخص",
    "ORG": "مؤسسة",
    "LOC": "مكان",
    "NORP": "جنسية أو جماعة",
    "WEAPON": "منظومة سلاح",
}

# The kinds of highlight on an article page, in legend order: entity types first, then the rest.
MARK_KINDS: dict[str, str] = {
    **ENTITY_TYPES,
    "quote": "اقتباس",
    "amount": "مبلغ أو رقم",
    "date": "تاريخ",
    "event": "حدث",
}

EVENT_TYPES: dict[str, str] = {
    "AGREE": "اتفاق",
    "CONSULT": "تشاور",
    "SUPPORT": "تأييد",
    "CONCEDE": "تنازل",
    "COOPERATE": "تعاون",
    "AID": "مساعدة",
    "RETREAT": "انسحاب",
    "REQUEST": "مطالبة",
    "ACCUSE": "اتهام",
    "REJECT": "رفض",
    "THREATEN": "تهديد",
    "PROTEST": "احتجاج",
    "SANCTION": "عقوبات",
    "MOBILIZE": "تعبئة",
    "COERCE": "إكراه",
    "ASSAULT": "اعتداء",
}

EVENT_STATUSES: dict[str, str] = {
    "done": "وقع",
    "ongoing": "جارٍ",
    "imminent": "وشيك",
    "threatened": "مهدَّد به",
    "conditional": "مشروط",
    "denied": "منفي",
    "hypothetical": "افتراضي",
}

AMOUNT_KINDS: dict[str, str] = {"money": "مال", "percent": "نسبة", "count": "عدد"}

ARMS_STATUSES: dict[str, str] = {
    "negotiating": "قيد التفاوض",
    "agreed": "متفق عليها",
    "delivered": "سُلِّمت",
    "offered": "معروضة",
}

_CLASS_RE = re.compile(r"[A-Za-z][A-Za-z_]{0,19}")


def label(table: dict[str, str], key: str | None) -> str:
    """Return the Arabic label of a code, or the code itself when it has none."""
    if key is None:
        return "—"
    return table.get(key, key)


def css_class(prefix: str, key: str | None, known: dict[str, str]) -> str:
    """Return a CSS class for a code: its own for known codes, `<prefix>-other` for anything else."""
    if key is not None and key in known and _CLASS_RE.fullmatch(key):
        return f"{prefix}-{key}"
    return f"{prefix}-other"
