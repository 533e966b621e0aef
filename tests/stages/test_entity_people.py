"""Person rules of the entity stage on sentences written for them: ordinary words after first names, foreign names."""

from __future__ import annotations

from test_entities import run  # the entity stage over one body paragraph

from khabar.document import Document, Entity


def people(doc: Document) -> dict[str, Entity]:
    return {e.name: e for e in doc.entities if e.type == "PER"}


def named_with(word: str, doc: Document) -> list[str]:
    """Return the persons whose name holds a word (a junk name may have grown longer, not gone)."""
    return [name for name in people(doc) if word in name.split()]


def test_a_first_name_before_a_plural_or_a_verbal_noun_is_no_person() -> None:
    assert not named_with("المرشحات", run("ونشرت الوزارة أسماء المرشحات للمنح الدراسية أمس."))
    assert not named_with("التطبيق", run("ويعتمد النجاح على حسن التطبيق في المدارس."))
    assert not named_with("الاستحقاق", run("وحصل صاحب المبادرة على وسام الاستحقاق تقديرا لجهوده."))
    # the counterparts: the same first names before family names stay persons
    assert "أسماء الغامدي" in people(run("وشاركت أسماء الغامدي في تنظيم المعرض."))
    assert "حسن التويم" in people(run("وأوضح حسن التويم أن العمل مستمر."))


def test_a_first_name_mostly_used_as_a_word_needs_a_family_name_shaped_as_one() -> None:
    assert not named_with("المنصرم", run("وارتفعت المبيعات خلال رمضان المنصرم بنسبة كبيرة."))
    assert not named_with("المرضى", run("وتهدف الحملة إلى سلامة المرضى في المستشفيات."))
    assert "رمضان الغامدي" in people(run("وقال رمضان الغامدي إن الفريق جاهز."))  # a nisba is a family name
    assert "عمر السومة" in people(run("وسجل عمر السومة هدفين في المباراة."))  # عمر is a name first


def test_a_name_never_ends_with_a_relative_pronoun() -> None:
    doc = run("وغاب اللاعبان سعود كريري وياسر القحطاني اللذان أصيبا في المباراة الماضية.")
    assert all(not e.name.endswith(("اللذان", "الذي")) for e in doc.entities)
    assert "سعود كريري" in people(doc)
    doc = run("وهاجم رئيس الوزراء السابق نوري المالكي الذي يزور طهران خصومه.")
    assert "نوري المالكي" in people(doc)
    assert all(not m.text.endswith("الذي") and m.text != "الذي" for e in doc.entities for m in e.mentions)


def test_a_transliterated_name_after_a_home_title_takes_no_home_state() -> None:
    assert people(run("وقال الوزير شتاينتس إن الاتفاق سيئ.", source="okaz"))["شتاينتس"].code is None
    assert people(run("وصرح الوزير ماركوفيتش بأن الحكومة باقية.", source="okaz"))["ماركوفيتش"].code is None
    # the counterpart: an Arabic-looking single name keeps the outlet's state
    assert people(run("ووجه الأمير نايف بالإسراع في إنجاز المشروع.", source="okaz"))["نايف"].code == "SAU"


def test_a_role_between_two_names_is_the_title_of_the_second() -> None:
    doc = run("واستقبل الأمير محمد بن سلمان وزير الخارجية الأمريكي جون كيري في جدة أمس.")
    found = people(doc)
    assert found["جون كيري"].code == "USA"
    assert found["محمد بن سلمان"].code != "USA" and found["محمد بن سلمان"].role is None
    # counterpart: with no name after it, the role is the first name's (apposition)
    found = people(run("وقال سامح شكري وزير الخارجية المصري إن المحادثات مستمرة."))
    assert (found["سامح شكري"].code, found["سامح شكري"].role) == ("EGY", "وزير الخارجية المصري")
    # a name joined by و after a role is a second person, not the role's holder
    assert people(run("ويحاول سامح شكري وزير الخارجية المصري وجون كيري تقريب المواقف."))["جون كيري"].code is None


def test_a_role_joined_by_and_after_a_name_is_another_person() -> None:
    found = people(run("وحضر اللقاء الشيخ تميم بن حمد ووزير الخارجية القطري في الدوحة."))
    assert found["تميم بن حمد"].role is None


def test_a_name_ends_before_fa_inna() -> None:
    assert "طلعت حافظ" in people(run("وبحسب طلعت حافظ فإن المصارف ملتزمة بالتعليمات."))
    assert "طلعت حافظ" in people(run("وبحسب طلعت حافظ فَإِنَّ المصارف ملتزمة بالتعليمات."))  # with its vowel marks
    assert "روبن فان بيرسي" in people(run("وسجل روبن فان بيرسي هدفين في المباراة."))  # counterpart: van, no hamza


def test_a_verb_or_a_suffixed_noun_after_a_title_is_no_person() -> None:
    assert not people(run("وقال النادي إن المدرب سيحصل على إجازة قصيرة بعد المباراة."))
    assert not people(run("وأكد المتحدث أن اللاعب يتدرب مع الفريق منذ أسبوع."))
    assert not people(run("وعبر الأمين العام عن امتنانه للمتطوعين في الحملة."))
    assert not people(run("وأبدى الفريق إعجابه بالتجهيزات الجديدة في الملعب."))
    assert not people(run("وفي المساء استنكر الوزير الحادث، ثم قال المدير استنكر الجميع ما جرى."))
    # the counterparts: an unlisted foreign name, and an unlisted first name before a lineage, stay persons
    assert "فيرهوفن" in people(run("وقال المدرب فيرهوفن إن الفريق جاهز للمباراة."))
    assert "يانيك" in people(run("وقال المدرب يانيك إن الفريق جاهز."))
    assert "ستامب" in people(run("وأكد المدرب الألماني ستامب أن اللاعبين جاهزون."))
    assert "جلوي بن عبدالعزيز" in people(run("واستقبل الأمير جلوي بن عبدالعزيز الوفد أمس."))


def test_ba_and_a_verbal_noun_after_a_title_is_no_person_but_a_foreign_name_in_ba_is() -> None:
    assert not people(run("وفي الختام أشاد الأمير بتصور الخطة الجديدة للمدينة."))
    assert not people(run("ونوه المدير بمستويات الطلاب في الاختبارات."))
    # the counterparts: short foreign names in بت and بم, and one with a foreign ending, stay persons
    assert "بتلر" in people(run("واستقبل السفير بتلر وفدا من رجال الأعمال أمس."))
    assert "بمبا" in people(run("وقال المدرب بمبا إن الفريق جاهز للمباراة."))
    assert "بتروفيتش" in people(run("ووصل اللواء بتروفيتش إلى العاصمة صباح أمس."))


def test_a_listed_past_verb_after_a_title_is_no_person() -> None:
    assert not people(run("وفي الصباح دشن الأمير المعرض الجديد، ثم الأمير دشن الحديقة العامة."))
    assert not people(run("وكان الوزير اجتمع بالمسؤولين في المنطقة قبل أسبوع."))
    assert not people(run("وذكرت المصادر أن الرئيسة أوفدت مبعوثا إلى العاصمة."))
    # the counterparts: a known name word that is also a past verb, and an unlisted name, stay persons
    assert "شهد الغامدي" in people(run("وقالت الدكتورة شهد الغامدي إن الجمعية جاهزة."))
    assert "مشعل" in people(run("واستقبل الأمير مشعل الوفد أمس."))


def test_an_adjective_like_first_name_before_an_abstract_noun_is_no_person() -> None:
    assert not people(run("وشكر الوفد مضيفيه على كرم الضيافة وحسن الاستقبال."))
    assert not people(run("وتقدمت الأسرة بخالص العزاء وصادق المواساة لذوي الفقيد."))
    assert not people(run("وأعرب الضيوف عن تقديرهم لحسن النية التي أبداها الجانبان."))
    # the counterparts: the same first names before family names stay persons
    assert "كرم الغامدي" in people(run("وقال كرم الغامدي إن الفريق جاهز."))
    assert "صادق العتيبي" in people(run("وأوضح صادق العتيبي أن العمل مستمر."))


def test_a_first_name_joins_the_known_lineage_after_it() -> None:
    doc = run("وقال رئيس النادي ماجد بن فهد الغنيم إن الفريق جاهز للموسم.")
    assert "ماجد بن فهد الغنيم" in people(doc)
    assert not named_with("ماجد", doc) or named_with("ماجد", doc) == ["ماجد بن فهد الغنيم"]
    doc = run("وأوضح المتحدث الرسمي سامي بن مساعد الزهراني أن الفرق تعمل منذ الصباح.")
    assert "سامي بن مساعد الزهراني" in people(doc)  # مساعد is a role word, after بن a name
    # the counterparts: a title after ابن is no name word, and a lone first name stays one word
    assert not named_with("الكاتب", run("وقال ريتشارد ابن الكاتب إن الرواية جميلة."))
    assert "مشعل" in people(run("واستقبل الأمير مشعل الوفد أمس."))


def test_a_noun_alone_after_a_title_is_no_person() -> None:
    assert not people(run("ونقل الوزير تعازي القيادة إلى أسر الضحايا."))
    assert not people(run("وشاهد الأمير والحضور فقرة شعبية عن تاريخ المنطقة."))
    assert not people(run("وأكد المدرب جاهزية اللاعبين للمباراة المقبلة."))
    assert not people(run("وقال إن اللاعب محط أنظار الأندية الكبرى."))
    # the counterparts: listed names in ta marbuta, a woman's name after a woman's title and a one-word name stay
    assert "أسامة" in people(run("واستقبل الأمير أسامة الوفد أمس."))
    assert "نزيهة" in people(run("وأعربت الدكتورة نزيهة عن سعادتها بالمشاركة."))
    assert "تهاني" in people(run("وأعربت الدكتورة تهاني عن سعادتها بالمشاركة."))
    assert not people(run("ورفع رئيس المركز تهاني الأهالي للقيادة بمناسبة العيد."))
    assert "مشعل" in people(run("واستقبل الأمير مشعل الوفد أمس."))


def test_a_lone_word_between_a_speech_verb_and_inna_or_a_comma_is_a_person() -> None:
    assert "الحمادي" in people(run("وقال الحمادي إن المشروع سيكتمل قبل نهاية العام."))
    assert "سانتيني" in people(run("وأضاف سانتيني أن الفريق جاهز للمباراة."))
    assert "الشهراني" in people(run("وأوضح الشهراني، أن العمل مستمر في الموقع."))
    assert "بيرغمان" in people(run("وأكد بيرغمان أنه سيبقى مع الفريق حتى نهاية الموسم."))  # أنه، إنها too
    assert "العتيبي" in people(run("وقالت العتيبي إنها ستواصل العمل في اللجنة."))
    # the surname joins the person named in full before it
    doc = run("وافتتح فهد الحمادي المعرض. وقال الحمادي إن المعرض يضم مئة جناح.")
    assert len(people(doc)["فهد الحمادي"].mentions) == 2
    # the counterparts: a common word, a title, a time word, a preposition phrase or a body stays no person
    for sentence in ("وقال مصدر إن الاجتماع انتهى دون اتفاق.", "وقال الوزير إن الخطة جاهزة للتنفيذ.",
                     "وقال مسؤول إنه لا يعلم شيئا عن الاتفاق.", "وأكدت الوزارة أنها ستعلن النتائج قريبا.",
                     "وقال أمس إن الخطة جاهزة للتنفيذ.", "وذكرت المجلة أن الحاكم زار المدينة.",
                     "وقالت شركة نتفليكس إن المسلسل نجح. وأضافت نتفليكس أن الموسم الثاني قادم."):
        assert not people(run(sentence)), sentence
    assert not named_with("الحمادي", run("وقال الحمادي للصحفيين في المعرض بعد الافتتاح."))
