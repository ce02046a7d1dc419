"""Entity mentions: one case per linking rule of flows/stages/annotate.py."""

import polars as pl
import pytest

from flows.nlp import SimpleAnalyser, Token
from flows.stages.annotate import _lower_case_ministry_names, _ner_spans, annotate, find_mentions


def people(text, reference):
    return [(m.surface, m.entity_id, m.office_id, m.link_method)
            for m in find_mentions(text, reference) if m.kind == "person"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tổng thống Nga Vladimir Putin phát biểu.",
         [("Tổng thống Nga Vladimir Putin", "person:vladimir-putin", "rus.president", "alias_exact")]),
        ("Tổng thống V. Putin khẳng định.", [("Tổng thống V. Putin", "person:vladimir-putin", None, "alias_exact")]),
        ("Tổng thống Nga V.Putin tại cuộc hội kiến.",
         [("Tổng thống Nga V.Putin", "person:vladimir-putin", "rus.president", "alias_exact")]),
        ("Ngoại trưởng S. Lavrov cho biết.", [("Ngoại trưởng S. Lavrov", "person:sergey-lavrov", None, "alias_exact")]),
        ("ông Dmitri Medvedev chúc mừng.", [("ông Dmitri Medvedev", "person:dmitry-medvedev", None, "alias_exact")]),
        ("Thay mặt Đảng, ông Madvedev chúc Việt Nam.", [("ông Madvedev", "person:dmitry-medvedev", None, "alias_fuzzy")]),
        ("Thủ tướng Nga Mikhail Mishutin gửi thư.",
         [("Thủ tướng Nga Mikhail Mishutin", "person:mikhail-mishustin", "rus.prime_minister", "alias_fuzzy")]),
        ("Tổng Bí thư Tô Lâm gặp Chủ tịch Đảng Nước Nga Thống nhất, Phó Chủ tịch Hội đồng An ninh Liên bang Nga "
         "Dmitry Medvedev.",
         [("Tổng Bí thư Tô Lâm", "person:to-lam", "vnm.general_secretary", "alias_exact"),
          ("Chủ tịch Đảng Nước Nga Thống nhất, Phó Chủ tịch Hội đồng An ninh Liên bang Nga Dmitry Medvedev",
           "person:dmitry-medvedev", "rus.security_council_deputy_chair", "alias_exact")]),
        ("Trên cơ sở thông điệp của Tổng Bí thư, Bộ trưởng Lê Hoài Trung khẳng định.",
         [("Bộ trưởng Lê Hoài Trung", "person:le-hoai-trung", None, "alias_exact")]),
        ("Tổng Bí thư Trọng tiếp ông.", [("Tổng Bí thư Trọng", "person:nguyen-phu-trong", "vnm.general_secretary",
                                        "alias_exact")]),
        # the initial and Vietnamese syllables of some outlets ("E.Ma-crông", "A.Gu-tê-rét")
        ("Tổng thống Pháp E.Ma-crông tuyên bố.",
         [("Tổng thống Pháp E.Ma-crông", "person:emmanuel-macron", "fra.president", "alias_exact")]),
        ("Tổng thư ký Liên hợp quốc A.Gu-tê-rét cho biết.",
         [("Tổng thư ký Liên hợp quốc A.Gu-tê-rét", "person:antonio-guterres", "un.secretary_general", "alias_exact")]),
        # a spokesperson (a person without an office of the reference data), with the word that precedes
        # the name ("phát ngôn viên", as "người phát ngôn")
        ("Phát ngôn viên Lục Khảng của Bộ Ngoại giao Trung Quốc cho biết.",
         [("Phát ngôn viên Lục Khảng", "person:lu-kang", None, "alias_exact")]),
        # a Vietnamese minister named after his ministry, whose capitalised name ran into his own ("Bộ Công
        # Thương Trần Tuấn Anh" read as no person and the state "Anh")
        ("Tại buổi tiếp, Bộ trưởng Bộ Công Thương Trần Tuấn Anh đã trao đổi với phía Úc.",
         [("Bộ trưởng Bộ Công Thương Trần Tuấn Anh", "person:tran-tuan-anh", "vnm.industry_trade_minister",
           "alias_exact")]),
    ],
    ids=["title+name", "initial", "initial glued", "FM initial", "transliteration", "misspelling",
         "misspelt surname in full name", "title chain", "chain broken by a title he never held",
         "given name after title", "initial and syllables", "initial and syllables after a long title",
         "spokesperson", "minister after his ministry"],
)
def test_people_are_linked(text, expected, reference):
    found = people(text, reference)
    assert [(s, e, m) for s, e, _, m in found] == [(s, e, m) for s, e, _, m in expected]
    for (_, _, office, _), (_, _, wanted, _) in zip(found, expected):
        if wanted:
            assert office == wanted


@pytest.mark.parametrize(
    "text, not_linked_to",
    [
        ("Đội trưởng John Terry rời sân.", "person:john-kerry"),  # one edit, different initial
        ("Thượng nghị sĩ Mark Warner phát biểu.", "person:mark-carney"),  # two edits, different initial
        ("Hoàng tử Akishino dự lễ.", "person:akihito"),  # two edits on 8 letters
    ],
    ids=["initial differs", "initial differs, two edits", "two edits on a short word"],
)
def test_fuzzy_matching_keeps_other_people_apart(text, not_linked_to, reference):
    found = people(text, reference)
    assert not_linked_to not in [e for _, e, _, _ in found]
    assert [m for _, _, _, m in found if m == "alias_fuzzy"] == []


@pytest.mark.parametrize(
    "text, linked",
    [
        # another given name before a leader's surname is someone else of that family
        ("Bà Ivanka Trump phát biểu tại hội nghị.", None),
        ("Phu nhân Akie Abe thăm trường học.", None),
        # his own given name misspelt, a state's name or a two-letter word before it: still the leader
        ("Tổng thống Donal Trump phát biểu.", "person:donald-trump"),
        ("Tổng thống Philippines Duterte phát biểu.", "person:rodrigo-duterte"),
        ("Mr Trump phát biểu.", "person:donald-trump"),
        ("Con trai ông, Donald Trump Jr. đã gặp luật sư.", None),
        ("Ông Trump Jr xác nhận cuộc gặp.", None),
        # a Korean family name alone is the President's (the dev set's 22260581: "Điện đàm với Tổng thống Moon trước
        # đó, …"), but not before a hyphenated given name, written family name first
        ("Điện đàm với Tổng thống Moon trước đó, bà May cam kết.", "person:moon-jae-in"),
        ("Người phát ngôn Moon Sang-kyun cho biết.", None),
    ],
    ids=["daughter", "spouse", "own given name misspelt", "state before the surname", "short word before",
         "the son with Jr.", "the son's surname with Jr", "a Korean family name alone",
         "a Korean family name before a hyphenated given name"],
)
def test_a_leaders_surname_after_another_given_name_is_someone_else(text, linked, reference):
    assert [e for _, e, _, _ in people(text, reference) if e] == ([linked] if linked else [])


@pytest.mark.parametrize(
    "text, linked",
    [
        # the press's short name of a Chinese leader, his family name, after an honorific or title
        ("Cuộc gặp giữa ông Trump và ông Tập diễn ra ở Florida.", ["person:donald-trump", "person:xi-jinping"]),
        ("Hôm qua, Chủ tịch Trung Quốc Tập phát biểu.", ["person:xi-jinping"]),
        # alone, the syllable is a word ("Tập đoàn": a group of companies)
        ("Tập đoàn Hòa Phát công bố lợi nhuận.", []),
    ],
    ids=["after ông", "after a title", "a word"],
)
def test_a_chinese_leaders_family_name_after_an_honorific(text, linked, reference):
    assert [e for _, e, _, _ in people(text, reference) if e] == linked


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Thủ tướng New Zealand - Bill English hội đàm.", [("Thủ tướng New Zealand - Bill English", "nzl.prime_minister")]),
        ("Thủ tướng Nhật - Shinzo Abe hội đàm.", [("Thủ tướng Nhật - Shinzo Abe", "jpn.prime_minister")]),
    ],
    ids=["title, state, dash, name", "title, short state, dash, name"],
)
def test_a_title_and_the_name_after_a_dash_are_one_person(text, expected, reference):
    assert [(surface, office) for surface, _, office, _ in people(text, reference)] == expected


@pytest.mark.parametrize(
    "text, linked",
    [
        # a given name after a title of an office its owner held, of the same role or label
        ("Thủ tướng Chính cho biết hai bên nhất trí.", ["person:pham-minh-chinh"]),
        ("Bộ trưởng Lâm cho biết hai bên nhất trí.", ["person:to-lam"]),
        # after a title he never held, the syllable starts a word ("Chính sách": policy)
        ("Bộ trưởng Chính sách Tài chính và Kinh tế Nhật Bản Nobuteru Ishihara đã có các cuộc thảo luận.", []),
    ],
    ids=["held the office", "held an office the title begins", "never held the title"],
)
def test_a_given_name_after_a_title_is_a_name_only_for_an_office_its_owner_held(text, linked, reference):
    assert [e for _, e, _, _ in people(text, reference) if e] == linked


@pytest.mark.parametrize(
    "text, relative",
    [
        ("Đệ nhất phu nhân Pháp Brigitte Macron dự tiệc.", "Brigitte Macron"),
        ("Tổng thống Trump và Phu nhân Melania Trump tới Paris.", "Melania Trump"),
        ("Slovenia là quê hương của đệ nhất phu nhân Mỹ, bà Melania Trump.", "Melania Trump"),
        ("Con trai ông, Donald Trump Jr. đã gặp luật sư.", "Donald Trump Jr"),
        ("Ông Trump Jr xác nhận cuộc gặp.", "Trump Jr"),
    ],
    ids=["first lady with her state", "wife after her husband", "state, comma and honorific", "son with Jr.",
         "son's surname with Jr after an honorific"],
)
def test_a_leaders_wife_or_son_is_marked_as_a_relative_not_a_person(text, relative, reference):
    found = find_mentions(text, reference)
    assert [m.name for m in found if m.kind == "relative"] == [relative]
    assert [m for m in found if m.kind in ("person", "pronoun") and m.start >= text.index(relative.split()[0]) - 4] == []


def test_words_further_after_a_wifes_title_are_no_name(reference):
    text = "Chủ tịch nước Trần Đại Quang, Phu nhân và Đoàn Đại biểu cấp cao Việt Nam sang thăm Trung Quốc."
    assert [m.surface for m in find_mentions(text, reference) if m.kind in ("person", "relative")] == [
        "Chủ tịch nước Trần Đại Quang"]


def test_an_office_after_a_comma_is_no_apposition_of_a_leader_who_never_held_it(reference):
    # the Prime Minister of the next clause is Vietnam's; Trump's office is not his
    text = "Khi tới thăm cửa hàng của ông Trump, Thủ tướng tìm cơ hội cho thương hiệu Việt."
    found = find_mentions(text, reference)
    trump = next(m for m in found if m.entity_id == "person:donald-trump")
    assert trump.office_id != "vnm.prime_minister"
    assert [(m.kind, m.office_id) for m in found if m.surface == "Thủ tướng"] == [("title", "vnm.prime_minister")]


@pytest.mark.parametrize(
    "text",
    ["Trong khuôn khổ chuyến thăm, Việt Nam tin tưởng.", "Ban Chấp hành Trung ương Đảng họp.",
     "Thành phố Hồ Chí Minh tiếp tục đẩy mạnh.",
     "Chủ tịch nước Trần Đại Quang đã tiếp Đoàn Đại biểu Hội Hữu nghị."],
    ids=["Vietnamese syllable is no misspelling", "bare given name is a word", "city is not a person",
         "a title belongs to the nearest name"],
)
def test_no_false_people(text, reference):
    assert [s for s, _, _, _ in people(text, reference) if s not in ("Hồ Chí Minh", "Chủ tịch nước Trần Đại Quang")] == []


@pytest.mark.parametrize(
    "text, kind, surface, office, resolve",
    [
        ("Tổng thống Nga nhận định Đại hội XIV là sự kiện quan trọng.", "title", "Tổng thống Nga", "rus.president", "holder"),
        ("Tổng Bí thư nêu rõ qua các kỳ Đại hội.", "title", "Tổng Bí thư", "vnm.general_secretary", "holder"),
        ("Sau đó, Tổng thống cảm ơn.", "title", "Tổng thống", None, "coref"),
        ("Ông nhấn mạnh đồng chí Tô Lâm.", "pronoun", "Ông", None, None),
        ("Hai bên nhất trí tiếp tục.", "joint", "Hai bên", None, None),
        # two men: a plural, not the pronoun "ông" of the latest man named
        ("Sau khi hai ông cùng nhậm chức, quan hệ tiến triển.", "joint", "hai ông", None, None),
        ("Thông điệp nhấn mạnh Đại hội XIV.", "document", "Thông điệp", None, None),
        # the press's epithet of a head of state after his seat: his office, not the pronoun "ông"
        ("Ngày 8/7, ông chủ Điện Kremlin đã gặp mặt Tổng thống Thổ Nhĩ Kỳ.", "title", "ông chủ Điện Kremlin",
         "rus.president", "holder"),
        ("Chủ nhân mới của Nhà Trắng muốn cải thiện quan hệ.", "title", "Chủ nhân mới của Nhà Trắng", "usa.president",
         "holder"),
        # an office "of the two countries" is both sides
        ("Tổng thống hai nước nhất trí tăng cường hợp tác.", "joint", "Tổng thống hai nước", None, None),
    ],
    ids=["qualified office", "Vietnamese bare office", "ambiguous office", "pronoun", "joint subject",
         "two men", "document", "master of the Kremlin", "new master of the White House", "presidents of two countries"],
)
def test_unresolved_subjects_are_marked(text, kind, surface, office, resolve, reference):
    first = find_mentions(text, reference)[0]
    assert (first.kind, first.surface, first.office_id, first.resolve) == (kind, surface, office, resolve)


def test_a_joint_subject_that_runs_into_a_states_name_leaves_the_states(reference):
    # "nước Nga" names Russia: the two states named are the subject, not "the presidents of the two countries"
    found = find_mentions("Tổng thống hai nước Nga và Ai Cập thống nhất tiếp tục hợp tác.", reference)
    assert [(m.kind, m.entity_id) for m in found if m.kind in ("joint", "country")] == [
        ("country", "country:RUS"), ("country", "country:EGY")]


def test_a_deputys_title_is_not_the_office_itself(reference):
    text = "Phó Chủ tịch Quốc hội Uông Văn Lưu đã hội đàm với Phó Chủ tịch Quốc hội Hàn Quốc Park Ju-sun."
    deputy = find_mentions(text, reference)[0]
    assert (deputy.kind, deputy.name, deputy.office_id, deputy.resolve) == ("person", "Uông Văn Lưu", None, None)


@pytest.mark.parametrize("text, body", [
    ("Phủ tổng thống Hàn Quốc đã bác bỏ thông tin trên.", "Phủ tổng thống Hàn Quốc"),
    ("Văn phòng Tổng thống Nga cho biết cuộc gặp sẽ diễn ra tại Moskva.", "Văn phòng Tổng thống Nga"),
], ids=["Phủ", "Văn phòng"])
def test_an_office_title_after_its_seat_is_the_office_not_its_holder(text, body, reference):
    first = find_mentions(text, reference)[0]
    assert (first.kind, first.surface, first.office_id, first.resolve, first.link_method) == (
        "organisation", body, None, None, "speaker_phrase")
    assert first.country in ("KOR", "RUS")


@pytest.mark.parametrize("text, expected", [
    # ("Ông Tập" is Xi Jinping, named by his family name after an honorific, with no office)
    ("Ông Tập coi thủ tướng Angela Merkel như một đồng minh.",
     [("Ông Tập", None), ("thủ tướng Angela Merkel", "deu.chancellor")]),
    ("Thủ tướng Shinzo Abe chủ trì lễ đón.", [("Thủ tướng Shinzo Abe", "jpn.prime_minister")]),
    ("Thủ tướng Nguyễn Xuân Phúc chủ trì lễ đón.", [("Thủ tướng Nguyễn Xuân Phúc", "vnm.prime_minister")]),
], ids=["German chancellor", "Japanese prime minister", "Vietnamese prime minister"])
def test_a_bare_title_before_a_foreign_leader_names_his_own_office(text, expected, reference):
    people = [(m.surface, m.office_id) for m in find_mentions(text, reference) if m.kind in ("person", "title")]
    assert people == expected


def test_offices_of_two_states_listed_with_commas_are_two_people(reference):
    text = "Thủ tướng gặp lãnh đạo G20 (Chủ tịch nước Trung Quốc, Tổng thống Hoa Kỳ, Thủ tướng Ấn Độ Narendra Modi)."
    found = [(m.kind, m.surface, m.office_id) for m in find_mentions(text, reference) if m.office_id][1:]
    assert found[:2] == [("title", "Chủ tịch nước Trung Quốc", "chn.president"), ("title", "Tổng thống Hoa Kỳ", "usa.president")]
    assert found[2][0] == "person" and found[2][1].startswith("Thủ tướng Ấn Độ")


@pytest.mark.parametrize("text, first", [
    # a foreign state's office, then a bare head of state's title of another role: two people
    ("Phát biểu sau cuộc gặp với Thủ tướng Ấn Độ, Tổng thống Trump nói.", ("title", "Thủ tướng Ấn Độ")),
    # one person's titles in one state ("Tổng Bí thư …, Chủ tịch nước Lào …")
    ("Tổng Bí thư Đảng Nhân dân Cách mạng Lào, Chủ tịch nước Lào Bounnhang Vorachith phát biểu.",
     ("person", "Tổng Bí thư Đảng Nhân dân Cách mạng Lào, Chủ tịch nước Lào Bounnhang Vorachith")),
], ids=["two people", "one person"])
def test_a_foreign_office_before_a_bare_head_title(reference, text, first):
    assert [(m.kind, m.surface) for m in find_mentions(text, reference) if m.kind in ("person", "title")][0] == first


@pytest.mark.parametrize(
    "text, entity_type, entity_id",
    [("tại Điện Kremlin", "place", "place:dien-kremlin"), ("tại Thủ đô Bình Nhưỡng", "place", "place:binh-nhuong"),
     ("Đảng Nước Nga Thống nhất", "organisation", "org:united-russia"), ("Liên bang Nga", "country", "country:RUS"),
     ("Saudi Arabia và Các Tiểu vương quốc Arab thống nhất cắt quan hệ", "country", "country:ARE"),
     ("Lầu Năm Góc cho biết", "organisation", "org:usa-dod"),
     ("Trong chuyến thăm Riyadh cách đây 2 tuần", "place", "place:riyadh"),
     ("Ngoại trưởng tới Đô-ha", "place", "place:doha")],
    ids=["building", "city", "party", "country", "a spelling of a country's long name", "a ministry by its seat's name",
         "a capital added with the others", "a capital's Vietnamese transliteration"],
)
def test_places_organisations_countries(text, entity_type, entity_id, reference):
    found = [(m.kind, m.entity_id) for m in find_mentions(text, reference)]
    assert (entity_type, entity_id) in found


@pytest.mark.parametrize(
    "text, organisation",
    [("Bộ Quốc phòng Campuchia ký biên bản.", None), ("Bộ Ngoại giao Oman ra thông cáo.", None),
     ("Bộ Quốc phòng Việt Nam ký biên bản.", "org:vnm-mod"), ("Bộ Ngoại giao cho biết.", "org:vnm-mofa")],
    ids=["another state's ministry", "another state's foreign ministry", "Vietnam's, written in full",
         "Vietnam's, short name alone"],
)
def test_a_short_body_name_followed_by_another_state_is_not_vietnams(text, organisation, reference):
    found = [m for m in find_mentions(text, reference) if m.kind == "organisation"]
    assert [m.entity_id for m in found] == [organisation]


@pytest.mark.parametrize(
    "text, office",
    [("Nhận lời mời của Tổng Bí thư Ban Chấp hành Trung ương Đảng Cộng sản Trung Quốc, ông đến.", None),
     ("Chủ tịch Quốc hội Belarus phát biểu.", None),
     ("Chủ tịch Quốc hội phát biểu.", "vnm.na_chair")],
    ids=["title running into another state's party", "title followed by another state", "Vietnam's title alone"],
)
def test_a_vietnamese_title_of_another_states_office_is_no_title(text, office, reference):
    titles = [m.office_id for m in find_mentions(text, reference) if m.kind == "title"]
    assert titles == ([office] if office else [])


def annotated(text, reference):
    blocks = pl.DataFrame({"doc_id": ["d"], "block_index": [0], "kind": ["body"], "kept": [True],
                           "clean_text": [text], "char_start": [0]},
                          schema={"doc_id": pl.String, "block_index": pl.Int32, "kind": pl.String, "kept": pl.Boolean,
                                  "clean_text": pl.String, "char_start": pl.Int32})
    return annotate(blocks, ["d"], reference, SimpleAnalyser())[1]


@pytest.mark.parametrize(
    "text, surface, expected",
    [
        # a body of "this country": the state named last before it, in an earlier sentence
        ("Bộ Ngoại giao Trung Quốc cho hay hôm 7-2. Bộ Ngoại giao nước này nói thêm rằng Bắc Kinh phản đối.",
         "Bộ Ngoại giao", ("org:chn-mofa", None, None)),
        # ... whose body the reference does not have: no longer Vietnam's
        ("Quân đội Ai Cập tuyên bố. Bộ Quốc phòng nước này cho biết.", "Bộ Quốc phòng", (None, None, None)),
        # an office of "this country": that state's office
        ("Ngoại trưởng Nga gặp người đồng cấp Qatar. Thủ tướng nước này cho biết.", "Thủ tướng",
         (None, "qat.prime_minister", None)),
        # ... and, when the reference has no such office, a title of that state
        ("Đoàn đại biểu Ai Cập đến Hà Nội. Ngoại trưởng nước này phát biểu.", "Ngoại trưởng", (None, None, "EGY")),
        # a title before a name is the name's, who says which office it is
        ("Ông Vương gặp Ngoại trưởng nước này Julia Bishop tại Canberra, Australia.", "Ngoại trưởng", (None, None, None)),
        # with no state named before, or Vietnam named last, the body stays Vietnam's
        ("Bộ Ngoại giao nước này cho biết.", "Bộ Ngoại giao", ("org:vnm-mofa", None, None)),
        ("Tổng thống Mỹ đến Việt Nam. Bộ Ngoại giao nước này cho biết.", "Bộ Ngoại giao", ("org:vnm-mofa", None, None)),
    ],
    ids=["body", "body the reference lacks", "office", "office the reference lacks", "title of a name after it",
         "no state before", "Vietnam named last"],
)
def test_a_body_or_office_of_this_country_is_the_state_named_last(text, surface, expected, reference):
    mentions = annotated(text, reference)
    last = mentions["sentence_index"].max()  # (the sentence that says "nước này")
    [row] = mentions.filter((pl.col("surface") == surface) & (pl.col("sentence_index") == last)).iter_rows(named=True)
    assert (row["entity_id"], row["office_id"], row["country"]) == expected


class FakeNer:
    """An analyser that tags 'Tuvalu' as a location, to check NER spans reach the mentions table."""

    def sentences(self, text):
        return SimpleAnalyser().sentences(text)

    def tokens(self, sentence):
        start = sentence.find("Tuvalu")
        if start < 0:
            return []
        return [Token("Tuvalu", "Np", "B-NP", "B-LOC", start, start + 6)]


def test_annotate_offsets_and_ner_spans(reference):
    text = "Tổng thống Putin thăm Tuvalu."
    blocks = pl.DataFrame({"doc_id": ["d"], "block_index": [0], "kind": ["body"], "kept": [True],
                           "clean_text": [text], "char_start": [7]},
                          schema={"doc_id": pl.String, "block_index": pl.Int32, "kind": pl.String, "kept": pl.Boolean,
                                  "clean_text": pl.String, "char_start": pl.Int32})
    sentences, mentions = annotate(blocks, ["d"], reference, FakeNer())
    assert sentences.select("char_start", "char_end").row(0) == (7, 7 + len(text))
    unlinked = mentions.filter(pl.col("entity_type") == "ner")
    assert unlinked.select("surface", "ner_tag", "link_method").row(0) == ("Tuvalu", "LOC", "ner_unlinked")
    putin = mentions.filter(pl.col("entity_id") == "person:vladimir-putin").row(0, named=True)
    assert (putin["char_start"], putin["char_end"]) == (7, 7 + len("Tổng thống Putin"))


@pytest.mark.parametrize(
    "tags, expected",
    [
        # a name the tagger starts at a closing bracket starts at its first word ("Mỹ (DNI) Dan Coats", blind71's
        # 22259176)
        ([("(", "O"), ("DNI", "B-ORG"), (")", "B-LOC"), ("Dan Coats", "I-LOC")], [("DNI", "ORG"), ("Dan Coats", "LOC")]),
        # ... and punctuation inside a name stays in it
        ([("Nguyễn", "B-PER"), ("-", "I-PER"), ("Văn", "I-PER")], [("Nguyễn - Văn", "PER")]),
    ],
    ids=["no name starts with punctuation", "punctuation inside a name"],
)
def test_ner_spans(tags, expected):
    tokens, position = [], 0
    for text, ner in tags:
        tokens.append(Token(text, "Np", "", ner, position, position + len(text)))
        position += len(text) + 1
    sentence = " ".join(text for text, _ in tags)
    assert [(sentence[start:end], tag) for start, end, tag in _ner_spans(tokens)] == expected


@pytest.mark.parametrize("alias, derived", [
    ("Bộ quốc phòng Nga", True),
    ("Bộ quốc phòng Liên bang Nga", True),  # the state's longest name is kept as written
    ("Bộ quốc phòng liên bang Nga", False),
    ("Bộ ngoại giao", False),  # no state's name at its end: a bare ministry stays unlinked
    ("Bộ ngoại giao Việt Nam", False),  # Vietnam's ministries are named by their titles, not by these aliases
], ids=["a ministry and its state", "its state's long name", "no part of the state's name lowered",
        "no state", "not Vietnam's"])
def test_ministry_names_written_in_lower_case(reference, alias, derived):
    assert (alias in {row["alias"] for row in _lower_case_ministry_names(reference)}) is derived


def unlinked(text, reference):
    return [(m.name, m.country, m.link_method) for m in find_mentions(text, reference)
            if m.kind == "person" and m.entity_id is None]


@pytest.mark.parametrize(
    "text, expected",
    [
        # title, country, name: the country word says whose official it is (fictional names)
        ("Đại sứ Mỹ Daniel Kritenbrook đến chào.", [("Daniel Kritenbrook", "USA", "unlinked_title")]),
        ("Bộ trưởng Ngoại thương Nhật Bản Kenji Tanakawa phát biểu.", [("Kenji Tanakawa", "JPN", "unlinked_title")]),
        # a country named inside an organisation of the title
        ("Người phát ngôn Bộ Ngoại giao Trung Quốc Lục Văn Khảng cho biết.", [("Lục Văn Khảng", "CHN", "unlinked_title")]),
        # particles inside foreign names
        ("Thủ tướng Kenji Tanakawa gặp Bộ trưởng Fayez al-Serrajy.",
         [("Kenji Tanakawa", None, "unlinked_title"), ("Fayez al-Serrajy", None, "unlinked_title")]),
        # ... Spanish and Portuguese ones too ("trung tướng Raul del Rosario", blind50's 22256583), fictional names
        ("Trung tướng Raulo del Rosarito cho biết.", [("Raulo del Rosarito", None, "unlinked_title")]),
        ("Bộ trưởng Joaquim dos Santosa cho biết.", [("Joaquim dos Santosa", None, "unlinked_title")]),
        # an honorific alone names a person, not an official
        ("Ông Kenji Tanakawa cho biết.", [("Kenji Tanakawa", None, "unlinked_name")]),
        # a name right after the state of a long title that opens with an office's head word, even
        # without a Vietnamese family name (Sino-Vietnamese readings of Chinese names)
        ("Chủ tịch Hội nghị Hiệp thương (Chính hiệp) Trung Quốc Du Văn Thắng phát biểu.",
         [("Du Văn Thắng", "CHN", "unlinked_title")]),
        # "Quốc Vương" inside "Trung Quốc Vương …" is no title
        ("Phó Chủ tịch Chính hiệp Trung Quốc Vương Văn Thụy phát biểu.", [("Vương Văn Thụy", "CHN", "unlinked_title")]),
        # a title in apposition names the state through its party
        ("Chủ tịch nước tiếp ông Lưu Văn Sâm, Ủy viên Bộ Chính trị Đảng Cộng sản Trung Quốc.",
         [("Lưu Văn Sâm", "CHN", "unlinked_title")]),
        # the state after "tại" is the ambassador's post, not his country
        ("Đại sứ Việt Nam tại Hoa Kỳ Phạm Văn Vinh phát biểu.", [("Phạm Văn Vinh", "VNM", "unlinked_title")]),
        # an office's head word the reference data does not list as a title (a military rank)
        ("Thượng tướng Chaiyaphruek Somsak đến chào.", [("Chaiyaphruek Somsak", None, "unlinked_title")]),
        # a legislator's title, whose head word is not capitalised ("Thượng nghị sỹ", "Hạ nghị sĩ"), after another
        ("Thủ tướng điện đàm với Chủ tịch Ủy ban Tài chính Thượng viện, Thượng nghị sỹ Orrin Hatchery.",
         [("Orrin Hatchery", None, "unlinked_title")]),
        ("Thủ tướng điện đàm với Chủ tịch Tiểu ban châu Á Hạ viện Mỹ, Hạ nghị sĩ Ted Yohoe.",
         [("Ted Yohoe", None, "unlinked_title")]),
        # a capitalised run after a locative is a place
        ("Thủ tướng hội kiến Nhà vua tại Hoàng Cung.", []),
        # a name right after a title is no organisation's ("Hạ viện" ends like "viện", an institute)
        ("Thủ tướng hội kiến với Chủ tịch Hạ viện Tadakoru Oshimura.", [("Tadakoru Oshimura", None, "unlinked_title")]),
        # a rank, then a title in apposition that names the state
        ("Thượng tướng Phạm Văn Long, Phó Chủ tịch Quân ủy Trung ương Trung Quốc, đến thăm.",
         [("Phạm Văn Long", "CHN", "unlinked_title")]),
        # an acronym before the name names the party, it is not part of the name
        ("Phó Thủ tướng gặp Tổng thư ký đảng cầm quyền UMNO Tengku Adnan Tengku Mansur.",
         [("Tengku Adnan Tengku Mansur", None, "unlinked_title")]),
        # "ông" before a Sino-Vietnamese name whose family name is not Vietnamese
        ("Chủ tịch nước tiếp ông Khâu Kỳ Bảo, Bộ trưởng Bộ Văn hóa Trung Quốc.", [("Khâu Kỳ Bảo", "CHN", "unlinked_title")]),
        # an office in apposition makes an official, even when it names no state; a business title does not
        ("Thủ tướng tiếp ông Yuji Kuroiwo, Thống đốc tỉnh Kanagawa.", [("Yuji Kuroiwo", None, "unlinked_title")]),
        ("Thủ tướng tiếp ông Yuji Kuroiwo, Chủ tịch Tập đoàn Toyota.", [("Yuji Kuroiwo", None, "unlinked_name")]),
        # the office before a dash is the honoured person's
        ("Thủ tướng tiếp Chủ tịch Đảng Công Minh - Ngài Natsuo Yamaguchu.", [("Natsuo Yamaguchu", None, "unlinked_title")]),
        # ... so are a title and its state before a comma and an honorific (fictional names) ...
        ("Ngoại trưởng Qatar, ông Mohammed bin Abdulrahmam nói rằng Doha muốn đối thoại.",
         [("Mohammed bin Abdulrahmam", "QAT", "unlinked_title")]),
        ("Ngoại trưởng Các Tiểu vương quốc Arab thống nhất (UAE), ông Anwar Gargosh nói.",
         [("Anwar Gargosh", "ARE", "unlinked_title")]),
        # ... and a title and its state one comma before a foreign name (blind75's 22454968, fictional names) ...
        ("Thứ trưởng Bộ Quốc phòng Nga, Alexander Fomen kêu gọi đàm phán.", [("Alexander Fomen", "RUS", "unlinked_title")]),
        ("Đại sứ Afghanistan tại Pakistan, Omar Zakhilwol cho biết.", [("Omar Zakhilwol", "AFG", "unlinked_title")]),
        # ... but not a title that only qualifies another ("Người phát ngôn của …"), nor a Vietnamese name
        ("Người phát ngôn của Tổng thống Nga, Ivan Petrovsky cho biết.", []),
        ("Theo Bộ trưởng Quốc phòng, Nguyễn Văn Hùng cho biết.", []),
        # a foreign name with no title before it and an office in apposition that names a state (blind73's
        # 22536427, fictional names); not a source, nor a business title
        ("Joseph Yunn, đặc phái viên Bộ Ngoại giao Mỹ về Triều Tiên, tới Bình Nhưỡng.",
         [("Joseph Yunn", "USA", "unlinked_title")]),
        ("Theo Wall Street Journal, Bộ trưởng Quốc phòng Mỹ cho biết.", []),
        ("Tuần trước, theo Wall Street Journal, Bộ trưởng Quốc phòng Mỹ đã tới Seoul.", []),
        ("Jack Maa, Chủ tịch Tập đoàn Alibaba của Trung Quốc phát biểu.", []),
        # ... but not a title that is the object of a contact before the subject's name
        ("Sau khi gặp Thủ tướng Nhật Bản, ông Yuji Kuroiwo nói.", [("Yuji Kuroiwo", None, "unlinked_name")]),
        ("Sau khi gặp Thủ tướng Nhật Bản, Yuji Kuroiwo nói.", []),
        # ... nor a title whose own contact comes between: the name after it is the other side's
        ("Thủ tướng tiếp lãnh đạo Exxon Mobile.", []),
        ("Thủ tướng Nhật Bản đã có cuộc gặp Yuji Kuroiwo.", []),
        # an initial starts the name
        ("Phó Thủ tướng đã tiếp Thứ trưởng Bộ Ngoại giao Nga I. Morgulev.", [("I. Morgulev", "RUS", "unlinked_title")]),
        # … and a transliterated name written close up to it
        ("Phó Thủ tướng Trịnh Đình Dũng tiếp ông M.Dô-y-rốp, Phó Thủ tướng Cộng hòa U-dơ-bê-ki-xtan.",
         [("M.Dô-y-rốp", "UZB", "unlinked_title")]),
        # … or a Latin name written close up to it, after a place's name (fictional)
        ("Tại cuộc míttinh, Bộ trưởng giáo dục bang Telangana K.Srihara nhấn mạnh quan hệ hai nước.",
         [("K.Srihara", None, "unlinked_title")]),
        # two initials, and a counterpart of a state ("người đồng cấp Mỹ …") as the title
        ("Cố vấn an ninh quốc gia đã điện đàm với người đồng cấp Mỹ H.R. McMasters.", [("H.R. McMasters", "USA", "unlinked_title")]),
        # the ambassador's own state stands before "tại", even when the name has no Vietnamese family name
        ("Đại sứ Trung Quốc tại Việt Nam Hồng Tiểu Dũng phát biểu.", [("Hồng Tiểu Dũng", "CHN", "unlinked_title")]),
        # a body's generic name ("Quốc hội", Vietnam's by default) belongs to the state named after it
        ("Bí thư Thành ủy tiếp ông Mahn Win Khaing Tham, Chủ tịch Thượng viện kiêm Chủ tịch Quốc hội Cộng hòa Liên "
         "bang Myanmar.", [("Mahn Win Khaing Tham", "MMR", "unlinked_title")]),
        # … or to the state the apposition names later, but not to a post ("tại Việt Nam")
        ("Chủ tịch nước tiếp Ngài Mahn Win Khaing Tham, Chủ tịch Quốc hội kiêm Chủ tịch Thượng viện Myanmar, đang thăm "
         "Việt Nam.", [("Mahn Win Khaing Tham", "MMR", "unlinked_title")]),
        # … and stays Vietnam's when no state follows it
        ("Ông Nguyễn Văn Thà, Phó Chủ tịch Quốc hội, tiếp Đại sứ Myanmar.", [("Nguyễn Văn Thà", "VNM", "unlinked_title")]),
        # a title belongs to the nearest name after it, even when that name is not in the reference data
        # ("Chủ tịch nước Trần Đại Quang đã tiếp Đoàn Đại biểu …" gave "Đoàn Đại" the title too)
        ("Chủ tịch UBND TP Hà Nội Nguyễn Văn Chung tiếp Phạm Văn Hoàng.", [("Nguyễn Văn Chung", None, "unlinked_title")]),
        # a foreign name written the Vietnamese way, syllables joined by hyphens, after a rank; its
        # state from the apposition (fictional name)
        ("Thượng tướng Phan Văn Giang tiếp Đại tướng Phuông Xi-phăn, Bộ trưởng Quốc phòng Campuchia.",
         [("Phuông Xi-phăn", "KHM", "unlinked_title")]),
        # … and a state written the Vietnamese way is no part of the name after it
        ("Tổng thống gửi điện chúc mừng Quốc vương Ca-ta Sếch Ta-mun.", [("Sếch Ta-mun", "QAT", "unlinked_title")]),
        # a title that names its state is one mention: its office's state is the official's
        ("Tổng thống Ukraine Kovalenkov phát biểu.", [("Kovalenkov", "UKR", "unlinked_title")]),
        # a state after "về" is an envoy's brief, not his state
        ("Đặc phái viên của Mỹ về chính sách Triều Tiên Joseph Yung cho biết.", [("Joseph Yung", "USA", "unlinked_title")]),
        ("Đặc phái viên LHQ về Libya Martin Koblers cho biết.", [("Martin Koblers", None, "unlinked_title")]),
        # a chamber of a legislature at the end of a title is no institute named after someone
        ("Thủ tướng gặp Chủ tịch Ủy ban Quân lực Thượng viện Johnny McCaine.", [("Johnny McCaine", None, "unlinked_title")]),
        # one foreign word after a title and its state or city (fictional names)
        ("Phó Thủ tướng tiếp Hoàng hậu Hà Lan Maximova.", [("Maximova", "NLD", "unlinked_title")]),
        ("Chủ tịch nước gặp Thống đốc Saint Petersburg Poltavchenkov.", [("Poltavchenkov", None, "unlinked_title")]),
        # a name that starts with a particle joined to a capitalised word (fictional name)
        ("Ông al-Attiyahn cũng ca ngợi quan hệ hai nước.", [("al-Attiyahn", None, "unlinked_name")]),
        # a rank whose first word is also a given name ("Trung")
        ("Trung tướng Sergei Rudskoyev cho biết.", [("Sergei Rudskoyev", None, "unlinked_title")]),
        # the heads of a ministry's departments (fictional names)
        ("Vụ trưởng Vụ Thông tin Báo chí Lê Hải Bìnhh cho biết.", [("Lê Hải Bìnhh", None, "unlinked_title")]),
        ("Cục trưởng Nguyễn Như Tiệpp cho biết.", [("Nguyễn Như Tiệpp", None, "unlinked_title")]),
    ],
    ids=["ambassador", "minister", "spokesperson of a ministry", "name particle", "name particle del",
         "name particle dos", "honorific only",
         "name after a title's state", "no title inside a state's name", "title in apposition", "post of an ambassador",
         "military rank", "senator", "representative", "place after a locative", "name after a legislature's title",
         "rank and apposition", "acronym before a name", "honorific before a Chinese name", "office in apposition",
         "business title in apposition", "office before a dash", "office and state before a comma",
         "office, state and its short name before a comma", "office and state one comma before a foreign name",
         "ambassador and his post one comma before a foreign name", "a title that only qualifies another",
         "a Vietnamese name after a title's comma", "a foreign name before an office in apposition",
         "a source opening a sentence before an office", "a source after its word before an office",
         "a business title in apposition", "office as an object before a comma",
         "office as an object one comma before a foreign name",
         "a contact between a title and a business", "a contact between a title and a guest", "initial",
         "initial close up to a transliterated name", "initial close up to a Latin name after a place",
         "two initials after a counterpart",
         "ambassador's state before his post",
         "a body of the state named after it", "a body of the state named later in the apposition",
         "a body with no state after it", "a title and the next name", "transliterated name after a rank",
         "transliterated state before a transliterated name", "title that names its state",
         "envoy's brief after his state", "envoy's brief with no state of his own", "committee of a legislature",
         "one word after a title and its state", "one word after a title and its city",
         "a name that starts with a particle", "a rank that starts with a given name", "a department's director",
         "a general department's director"],
)
def test_officials_missing_from_the_reference_keep_title_and_country(text, expected, reference):
    assert unlinked(text, reference) == expected


@pytest.mark.parametrize("state", ["Trung Quốc", "TQ"])
@pytest.mark.parametrize("between", [", ", " - ", " – "], ids=["comma", "hyphen", "dash"])
def test_a_bare_title_before_another_title_of_the_same_person_is_dropped(reference, state, between):
    # "Tổng Bí thư, Chủ tịch Trung Quốc Tập Cận Bình": not Viet Nam's General Secretary beside him
    mentions = find_mentions(f"Chủ tịch nước hội đàm với Tổng Bí thư{between}Chủ tịch {state} Tập Cận Bình.", reference)
    assert [m.surface for m in mentions if m.kind == "title" and m.surface == "Tổng Bí thư"] == []
    assert any(m.entity_id == "person:xi-jinping" for m in mentions)
    assert any(m.entity_id == "country:CHN" for m in mentions) == (state == "TQ")


@pytest.mark.parametrize("text, expected", [
    # underthesea ends a sentence at a non-ASCII initial: the split is undone
    ("Trong cuộc điện đàm với Tổng thống Mỹ Đ.Trăm, Thủ tướng nói. Ông nói thêm.",
     ["Trong cuộc điện đàm với Tổng thống Mỹ Đ.Trăm, Thủ tướng nói.", "Ông nói thêm."]),
    # a word of one letter ends a sentence ("Ý", Italy): with a space the split stays
    ("Con đường duy nhất là tới Ý. Ngày 2.2, Thủ tướng ký.", ["Con đường duy nhất là tới Ý.", "Ngày 2.2, Thủ tướng ký."]),
    # ASCII initials were never split; real sentence ends stay
    ("Ngoại trưởng X.La-vrốp nói. Ông nói thêm.", ["Ngoại trưởng X.La-vrốp nói.", "Ông nói thêm."]),
    ("Hội nghị bế mạc. Đoàn về nước.", ["Hội nghị bế mạc.", "Đoàn về nước."]),
    # a bullet starts another item of a line that lost its breaks
    ("Thủ tướng cảm ơn và vui vẻ nhận lời * Ngày 27-6, Chủ tịch nước hội kiến Chủ tịch Quốc hội.",
     ["Thủ tướng cảm ơn và vui vẻ nhận lời", "Ngày 27-6, Chủ tịch nước hội kiến Chủ tịch Quốc hội."]),
    # a caption run into the sentence after it, which opens with an adverbial no sentence holds capitalised
    ("Ngoại trưởng cho rằng hai nước sẽ mất mát nếu xung đột với nhau Trong cuộc họp báo sau khi gặp Ngoại trưởng "
     "Úc, ông nói rõ.", ["Ngoại trưởng cho rằng hai nước sẽ mất mát nếu xung đột với nhau",
                         "Trong cuộc họp báo sau khi gặp Ngoại trưởng Úc, ông nói rõ."]),
    ("Hai bên ký biên bản. (Ảnh: TTXVN) Theo phóng viên, đoàn đã về nước.",
     ["Hai bên ký biên bản.", "(Ảnh: TTXVN)", "Theo phóng viên, đoàn đã về nước."]),
    # ... in an item before a bullet too
    ("Hai bên ký với nhau Trong cuộc họp báo, ông nói * Ngày 27-6, Chủ tịch nước hội kiến.",
     ["Hai bên ký với nhau", "Trong cuộc họp báo, ông nói", "Ngày 27-6, Chủ tịch nước hội kiến."]),
    # ... but a capitalised word after "ông" is a name
    ("Bà nói với ông Sáng rằng đoàn đã về nước.", ["Bà nói với ông Sáng rằng đoàn đã về nước."]),
], ids=["glued non-ASCII initial", "one-letter word ends a sentence", "ASCII initial", "two sentences", "a bullet",
        "a caption before an opening adverbial", "a caption in brackets", "a caption before a bullet",
        "a name after an honorific"])
def test_sentences_end_at_stops_bullets_and_run_on_captions_not_at_initials(text, expected):
    from flows.nlp import UndertheseaAnalyser

    assert [text[start:end] for start, end in UndertheseaAnalyser().sentences(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a quotation over two sentences is read as one, with the speaker after it
    ("“Câu một. Câu hai”, ông nói. Hết.", ["“Câu một. Câu hai”, ông nói.", "Hết."]),
    ('"Câu một. Câu hai", ông nói. Hết.', ['"Câu một. Câu hai", ông nói.', "Hết."]),
    # a straight mark closed by a curly one closes the quotation: the next sentences stay apart
    ('Bà nói: "Khủng bố thô bạo nhất.” Thủ tướng May cho biết thêm. Ông Putin điện đàm với bà.',
     ['Bà nói: "Khủng bố thô bạo nhất.” Thủ tướng May cho biết thêm.', "Ông Putin điện đàm với bà."]),
    ("Hội nghị bế mạc. Đoàn về nước.", ["Hội nghị bế mạc.", "Đoàn về nước."]),
    # a mark that nothing later in the block closes joins nothing
    ("Ông Trump nói có một thỏa thuận mới “với điều khoản công bằng. Ông phàn nàn thêm. Thủ tướng Đức ra tuyên bố.",
     ["Ông Trump nói có một thỏa thuận mới “với điều khoản công bằng.", "Ông phàn nàn thêm.",
      "Thủ tướng Đức ra tuyên bố."]),
    # ... even when later quotations of the block open and close: the later one still joins its own
    ("Ông nói “với điều khoản. Bà nói: “Câu một. Câu hai”. Hết.",
     ["Ông nói “với điều khoản.", "Bà nói: “Câu một. Câu hai”.", "Hết."]),
    # a quotation inside a quotation does not close it
    ("“Sáng kiến “Vành đai. Con đường” rất tốt. Chúng tôi ủng hộ”, ông nói. Hết.",
     ["“Sáng kiến “Vành đai. Con đường” rất tốt. Chúng tôi ủng hộ”, ông nói.", "Hết."]),
], ids=["curly quotation", "straight quotation", "mixed marks", "no quotation", "a mark never closed",
        "a mark never closed before quotations that close", "a quotation inside a quotation"])
def test_a_quotation_split_into_sentences_is_joined(text, expected):
    from flows.nlp import UndertheseaAnalyser
    from flows.stages.annotate import quoted_sentences

    assert [text[start:end] for start, end in quoted_sentences(text, UndertheseaAnalyser().sentences(text))] == expected


@pytest.mark.parametrize("text, name, role", [
    # a bare "Bộ trưởng" is read as the foreign minister, with nothing or a state's name before the name
    ("Thủ tướng gặp Bộ trưởng Fayez al-Serrajy.", "Fayez al-Serrajy", "foreign_minister"),
    ("Bộ trưởng Nhật Bản Kenji Tanakawa phát biểu.", "Kenji Tanakawa", "foreign_minister"),
    # not when a portfolio follows it (fictional names)
    ("Bộ trưởng Tài chính Nhật Bản Kenji Tanakawa phát biểu.", "Kenji Tanakawa", None),
    ("Bộ trưởng Bộ Kế hoạch và Đầu tư Việt Nam Trần Văn Tuấn phát biểu.", "Trần Văn Tuấn", None),
], ids=["name right after the title", "a state between", "a portfolio between", "a ministry between"])
def test_a_bare_ministers_title_makes_a_foreign_minister_only_without_a_portfolio(text, name, role, reference):
    [person] = [m for m in find_mentions(text, reference) if m.kind == "person" and m.name == name]
    assert person.role == role


@pytest.mark.parametrize("text, people, countries", [
    # a state's one-word name between a Vietnamese family name and a capitalised word is a middle name
    ("Chủ tịch UBND Hà Nội Nguyễn Đức Chung tiếp Đại sứ Đức.", ["Nguyễn Đức Chung"], ["Đức"]),
    # (a family name that starts with an accented capital)
    ("Thứ trưởng Đặng Đức Hùng tiếp Đại sứ Đức.", ["Thứ trưởng Đặng Đức Hùng"], ["Đức"]),
    # after a title or a lowercase word it is the state
    ("Bộ trưởng Ngoại giao Đức Sigmar Gabriel thăm Việt Nam và Anh.", ["Bộ trưởng Ngoại giao Đức Sigmar Gabriel"],
     ["Việt Nam", "Anh"]),
    # it can end the name too (the ministry's full name, Vietnam's in the reference, holds "Việt Nam")
    ("Thứ trưởng Bộ Kế hoạch và Đầu tư Việt Nam Trần Minh Anh gặp Bộ trưởng Veronika Nikishina.",
     ["Trần Minh Anh", "Bộ trưởng Veronika Nikishina"], []),
    ("Bà Nguyễn Thị Nga cho biết Nga sẽ tham gia.", ["Bà Nguyễn Thị Nga"], ["Nga"]),
    # after a state's name, whose first word is also a family name, it is a state again
    ("Đại diện Thái Lan Anh và Pháp đã có mặt.", [], ["Thái Lan", "Anh", "Pháp"]),
], ids=["middle name", "middle name after an accented capital", "the state", "last word of the name",
        "last word after an honorific", "after a state's name"])
def test_a_state_name_inside_a_vietnamese_name_is_no_state(text, people, countries, reference):
    mentions = find_mentions(text, reference)
    assert [m.surface for m in mentions if m.kind == "person"] == people
    assert [m.surface for m in mentions if m.kind == "country"] == countries


@pytest.mark.parametrize(
    "text, name, country",
    [
        # an office in apposition names the state of the person before it
        ("Chủ tịch nước Trần Đại Quang đã tiếp ông Lưu Vân Sơn, Ủy viên Thường vụ Bộ Chính trị, Bí thư Ban Bí thư "
         "Trung ương Đảng Cộng sản Trung Quốc.", "ông Lưu Vân Sơn", "CHN"),
        # the name after "của" is whom the office serves, and the office still the envoy's
        ("Chủ tịch nước Trần Đại Quang đã tiếp ngài Park Won-soon, Đặc phái viên của Tổng thống Hàn Quốc Moon Jae-in.",
         "ngài Park Won-soon", "KOR"),
        # an office followed by another person's name opens the next clause: no apposition, no state
        ("Tiếp Thống đốc tỉnh Aichi - ông Hideaki Omura, Thủ tướng Chính phủ Nguyễn Xuân Phúc bày tỏ hài lòng về "
         "quan hệ giữa TPHCM và các địa phương khác của Việt Nam với tỉnh Aichi.", "ông Hideaki Omura", None),
        # "Công sứ" (minister-counsellor) heads an office: the embassy's state, not the state of its post
        ("Thứ trưởng Lê Đình Thọ đã làm việc với ông Katsuro Nagai, Công sứ Đại sứ quán Nhật Bản tại Việt Nam.",
         "ông Katsuro Nagai", "JPN"),
    ],
    ids=["apposition", "envoy of a named president", "the next clause's subject", "an embassy's minister-counsellor"],
)
def test_the_state_of_an_office_in_apposition(text, name, country, reference):
    [person] = [m for m in find_mentions(text, reference) if m.kind == "person" and m.surface == name]
    assert person.country == country


@pytest.mark.parametrize(
    "text, names",
    [
        # a province's one-word foreign name runs on into its governor's name
        ("Thủ tướng Nguyễn Xuân Phúc đã tiếp Thống đốc tỉnh Aichi Hideaki Omura và Thống đốc tỉnh Kanagawa Kuroiwa "
         "Yuji.", ["Hideaki Omura", "Kuroiwa Yuji"]),
        # a place the gazetteer knows ends before the name anyway
        ("Thống đốc bang New York Andrew Cuomo phát biểu.", ["Andrew Cuomo"]),
        # two capitalised words after a place noun are the place's name, nobody's
        ("Đoàn đã đến thăm tỉnh Gyeonggi Do của Hàn Quốc.", []),
        # also a Vietnamese place's name that starts with a family name, whatever title stands before
        ("Chủ tịch UBND huyện gặp người dân xã Đồng Tâm.", []),
        ("Phó Thủ tướng làm việc với lãnh đạo tỉnh Hà Tĩnh.", []),
        # a Vietnamese place's name right before a Latin one is not the person's ("Thái" is a family name)
        ("Trung Quốc yêu cầu Mỹ sa thải Tư lệnh Thái Bình Dương Harry Harris.", ["Harry Harris"]),
        ("Người phát ngôn Bộ Tư lệnh Thái Bình Dương Robert Shuford nói.", ["Robert Shuford"]),
        # a Vietnamese name, or a Chinese one read in Vietnamese, stays whole
        ("Thứ trưởng Ngoại giao gặp ông Lạc Thụ Cương.", ["Lạc Thụ Cương"]),
    ],
    ids=["province then governor", "known place", "a two-word place", "a commune named like a person",
         "a province named like a person", "a region then an admiral", "a region then a spokesman",
         "Vietnamese syllables only"],
)
def test_a_place_name_before_a_person_name_is_not_part_of_it(text, names, reference):
    assert [m.name for m in find_mentions(text, reference) if m.kind == "person" and m.name] == names


@pytest.mark.parametrize(
    "text, countries",
    [
        ("Trao đổi với Pháp luật TP.HCM, ông Dương Văn Quốc cho biết.", []),
        ("Đức Giáo hoàng Francis đã tiếp ông Trump.", []),
        ("Ý kiến của Bộ trưởng được ghi nhận.", []),
        ("Ông Putin trả lời phỏng vấn bằng tiếng Đức.", []),
        ("Đoàn công tác đến tỉnh Lào Cai.", []),
        # the states themselves
        ("Bộ trưởng Quốc phòng Pháp thăm Đức và Ý.", ["Pháp", "Đức", "Ý"]),
    ],
    ids=["a newspaper", "the Pope", "an opinion", "a language", "a province", "the states"],
)
def test_a_word_that_starts_with_a_states_name_names_no_state(text, countries, reference):
    """`country_word_phrases.tsv`: "Pháp luật", "Đức Giáo hoàng", "Ý kiến", "tiếng Đức", "Lào Cai"."""
    assert [m.surface for m in find_mentions(text, reference) if m.kind == "country"] == countries
