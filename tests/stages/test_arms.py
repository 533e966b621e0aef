"""Arms-transfer records: supplier, recipient, system, status, quantity, value and year, through the pipeline."""

from __future__ import annotations

import pytest

from khabar import extract
from khabar.document import ArmsTransfer, Document
from khabar.output import to_record


def _transfers(text: str) -> list[ArmsTransfer]:
    return extract(text, title="خبر").arms_transfers


def _only(text: str) -> ArmsTransfer:
    found = _transfers(text)
    assert len(found) == 1, [(t.supplier, t.recipient, t.system, t.status) for t in found]
    return found[0]


def test_signed_deal_is_agreed_with_quantity_and_value() -> None:
    t = _only("وقعت الهند وفرنسا صفقة لشراء 36 طائرة رافال بقيمة 8.7 مليار دولار.")
    assert (t.supplier, t.recipient, t.system, t.status) == ("FRA", "IND", "رافال", "agreed")
    assert t.quantity == 36 and t.value == 8.7e9 and t.currency == "USD"


def test_delivery_names_supplier_and_recipient() -> None:
    t = _only("وسلمت الولايات المتحدة إلى إسرائيل 50 مقاتلة من طراز إف 35.")
    assert (t.supplier, t.recipient, t.system, t.status, t.quantity) == ("USA", "ISR", "إف 35", "delivered", 50)


def test_receiving_country_is_the_recipient() -> None:
    t = _only("وتسلمت مصر من فرنسا الدفعة الأولى من مقاتلات رافال.")
    assert (t.supplier, t.recipient, t.status) == ("FRA", "EGY", "delivered")


def test_offer_and_talks() -> None:
    t = _only("عرضت روسيا على مصر بيع مقاتلات سو 35.")
    assert (t.supplier, t.recipient, t.system, t.status) == ("RUS", "EGY", "سو 35", "offered")
    t = _only("وتقترب الجزائر وروسيا من توقيع عقد لتوريد غواصات ومنظومات إس 400.")
    assert (t.supplier, t.recipient, t.system, t.status) == ("RUS", "DZA", "إس 400", "negotiating")


def test_denied_purchase_makes_no_record() -> None:
    assert _transfers("نفت تركيا أنها اشترت منظومة إس 400 من روسيا.") == []


def test_supply_without_a_weapon_makes_no_record() -> None:
    assert _transfers("وقعت مصر وفرنسا اتفاقا لتوريد القمح.") == []


# ---------------------------------------------------------------- the seed article

@pytest.fixture(scope="module")
def seed_doc(seed_text: str) -> Document:
    return extract(seed_text, id="seed", date="2021-11-15")


def _seed(doc: Document, system: str, status: str) -> list[ArmsTransfer]:
    return [t for t in doc.arms_transfers if (t.supplier, t.recipient, t.system, t.status) == ("RUS", "TUR", system,
                                                                                                status)]


def test_seed_second_batch_near_agreement(seed_doc: Document) -> None:
    assert _seed(seed_doc, "إس 400", "negotiating")
    agreed = _seed(seed_doc, "إس 400", "agreed")
    assert agreed and any("استكملت موسكو وأنقرة" in seed_doc.text[s.start:s.end] for s in agreed[0].sentences)


def test_seed_first_regiment_delivered_in_2019(seed_doc: Document) -> None:
    delivered = _seed(seed_doc, "إس 400", "delivered")
    assert delivered and delivered[0].year == 2019


def test_seed_fighters_offered(seed_doc: Document) -> None:
    assert _seed(seed_doc, "سو 35", "offered") and _seed(seed_doc, "سو 57", "offered")


def test_seed_records_reach_the_output(seed_doc: Document) -> None:
    records = to_record(seed_doc)["arms_transfers"]
    assert {(r["supplier"], r["recipient"]) for r in records} == {("RUS", "TUR")}
    assert all(r["sentences"] for r in records)


def test_two_systems_from_two_makers() -> None:
    doc = extract("وحلقت طائرات رافال فرنسية وطائرات إف-16 أمريكية تسلمتها مصر مؤخرا فوق القناة.", title="خبر")
    found = {(t.supplier, t.recipient, t.system, t.status) for t in doc.arms_transfers}
    assert found == {("FRA", "EGY", "رافال", "delivered"), ("USA", "EGY", "إف 16", "delivered")}
    assert any(e.type == "COOPERATE" and {e.source.code, e.target.code} == {"EGY", "FRA"} for e in doc.events)
