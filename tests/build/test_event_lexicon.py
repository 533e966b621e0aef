"""The trigger-lexicon builder, on a small made-up dictionary in the UniversalPetrarch format."""

from __future__ import annotations

from pathlib import Path

from khabar.build.event_lexicon import ORIGIN, build, derived_rows, parse

# A fictional dictionary: two verb blocks, coded bare verbs (ignored), patterns with plain and complex objects.
SAMPLE = """\
####### SYNONYM SETS #######
&WEAPON
+سيف_
####### VERB PATTERNS #######
--- رفض [---] ---
رفض                   [120]     # refuse
أبى                             # refuse
- * اتفاق [120] # رفض
- * (مع {حلف الشمال}) [125] # رفض
- * &WEAPON [0356] # رفض
- * تعاون [060] # رفض
--- أعلن [010] ---
أعلن                  [111]     # announce
- * حرب [190] # أعلن
"""

TABLE = {"01": "-", "06": "COOPERATE", "12": "REJECT", "19": "ASSAULT", "11": "ACCUSE"}
HAND = [["رفض", "v", "", "REJECT", "12", "obj", "", "khabar"]]


def test_parse_keeps_patterns_with_one_plain_object_word() -> None:
    pairs = parse(SAMPLE.splitlines())
    assert ("رفض اتفاق", "120") in pairs
    assert ("رفض تعاون", "060") in pairs
    assert ("اعلن حرب", "190") in pairs
    assert all(" " in p for p, _ in pairs)  # coded bare verbs are not read
    assert not any("حلف" in p or "سيف" in p for p, _ in pairs)


def test_derived_rows_only_refine_hand_verbs_of_the_same_type() -> None:
    rows = derived_rows(parse(SAMPLE.splitlines()), TABLE, HAND)
    assert rows == [["رفض اتفاق", "v", "", "REJECT", "120", "obj", "", ORIGIN]]


def test_build_keeps_hand_rows_and_regenerates_derived_ones(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "resources" / "universalpetrarch-arabic").mkdir(parents=True)
    (shared / "resources" / "universalpetrarch-arabic" / "CAMEO.ar.0.5.txt").write_text(SAMPLE, encoding="utf-8")
    out = tmp_path / "event_triggers.tsv"
    header = "form\tkind\tpres\tplover\tcameo\ttarget\tflags\tsource"
    out.write_text("# comment\n" + header + "\n" + "\t".join(HAND[0]) + "\n"
                   + "رفض قديم\tv\t\tREJECT\t120\tobj\t\tupetrarch\n", encoding="utf-8")
    hand, derived = build(shared, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert (hand, derived) == (1, 1)
    assert lines[0] == "# comment" and lines[1] == header
    assert lines[2].split("\t")[0] == "رفض"
    assert [line.split("\t")[0] for line in lines[3:]] == ["رفض اتفاق"]
