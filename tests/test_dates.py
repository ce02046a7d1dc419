"""Date expressions and their resolution: one case per rule of flows/stages/dates.py."""

import datetime as dt

import pytest

from flows.stages.dates import find_date_expressions, infer_year, resolve

PUBLISHED = dt.date(2026, 2, 25)


@pytest.mark.parametrize(
    "text, published, expected, precision, source, time_of_day",
    [
        ("Trong cuộc điện đàm tối nay, Tổng thống Putin…", dt.date(2026, 1, 24), dt.date(2026, 1, 24), "day",
         "relative_to_published", "tối"),
        ("Sáng nay, hai bên đã ký…", PUBLISHED, PUBLISHED, "day", "relative_to_published", "sáng"),
        ("Tối qua, Tổng thống Putin đã gửi điện…", dt.date(2024, 9, 10), dt.date(2024, 9, 9), "day",
         "relative_to_published", "tối"),
        ("Hôm qua, Bộ trưởng Lavrov…", dt.date(2024, 9, 3), dt.date(2024, 9, 2), "day", "relative_to_published", None),
        ("chiều 24-2, tại Điện Kremlin", PUBLISHED, dt.date(2026, 2, 24), "day", "published_year", "chiều"),
        ("Ngày 5/4, ông Nguyễn Phú Trọng…", dt.date(2021, 4, 6), dt.date(2021, 4, 5), "day", "published_year", None),
        ("Chiều 20/6, sau Lễ đón…", dt.date(2024, 6, 21), dt.date(2024, 6, 20), "day", "published_year", "chiều"),
        ("sáng 6/7, hai ngoại trưởng…", dt.date(2022, 7, 6), dt.date(2022, 7, 6), "day", "published_year", "sáng"),
        ("ngày 10/10 tại Thủ đô Bình Nhưỡng", dt.date(2025, 10, 10), dt.date(2025, 10, 10), "day", "published_year", None),
        ("Hôm 10-5, Tổng thống đã có cuộc gặp với Ngoại trưởng Nga", dt.date(2017, 6, 2), dt.date(2017, 5, 10), "day",
         "published_year", None),
        ("ngày 30/12, hai bên…", dt.date(2026, 1, 2), dt.date(2025, 12, 30), "day", "published_year", None),
        ("bắt tay trước cuộc hội đàm hẹp ngày 10/5/2025 tại Moskva", PUBLISHED, dt.date(2025, 5, 10), "day",
         "text", None),
        ("từ ngày 14 đến 15-1, Thủ tướng Mishustin thăm…", dt.date(2025, 1, 14), dt.date(2025, 1, 14), "day",
         "published_year", None),
        ("vào tháng 6/2024, Tổng thống Putin thăm Việt Nam", PUBLISHED, dt.date(2024, 6, 1), "month", "text", None),
    ],
    ids=["tối nay", "sáng nay", "tối qua", "hôm qua", "chiều 24-2", "Ngày 5/4", "Chiều 20/6", "sáng 6/7",
         "ngày 10/10", "hôm 10-5", "previous year", "full date", "range", "month"],
)
def test_first_expression_resolves(text, published, expected, precision, source, time_of_day):
    expression = find_date_expressions(text)[0]
    resolved = resolve(expression, published, None)
    assert (resolved.date, resolved.precision, resolved.source, resolved.time_of_day) == (
        expected, precision, source, time_of_day)


def test_range_has_an_end_date():
    resolved = resolve(find_date_expressions("từ ngày 14 đến 15-1")[0], dt.date(2025, 1, 14), None)
    assert (resolved.date, resolved.end_date) == (dt.date(2025, 1, 14), dt.date(2025, 1, 15))


@pytest.mark.parametrize(
    "text",
    ["giảm 1/3 lượng khí thải", "tỷ số 24-2", "(10/10/1945-10/10/2025)", "kỷ niệm 75 năm (1950-2025)",
     "hai nước đã ký 15 văn kiện"],
    ids=["fraction", "score", "anniversary span in parentheses", "year span", "plain number"],
)
def test_not_a_date(text):
    assert find_date_expressions(text) == []


def test_parenthesised_span_does_not_hide_the_real_date():
    text = "Lễ kỷ niệm 80 năm Ngày thành lập Đảng Lao động Triều Tiên (10/10/1945-10/10/2025), ngày 10/10 tại"
    assert [e.text for e in find_date_expressions(text)] == ["ngày 10/10"]


def test_day_month_without_publication_date_or_year_stays_unknown():
    resolved = resolve(find_date_expressions("Ngày 5/4, hai nhà lãnh đạo…")[0], None, None)
    assert (resolved.date, resolved.precision, resolved.text) == (None, "none", "Ngày 5/4")


def test_inferred_year_is_used_without_publication_date():
    resolved = resolve(find_date_expressions("Ngày 5/4, …")[0], None, (2021, "inferred_year_mention"))
    assert (resolved.date, resolved.source) == (dt.date(2021, 4, 5), "inferred_year_mention")


ANNIVERSARY = ("đúng vào dịp hai nước kỷ niệm 30 năm ký kết Hiệp ước về các nguyên tắc cơ bản (1994-2024) và "
               "hướng tới kỷ niệm 75 năm thiết lập quan hệ ngoại giao (1950-2025).")


@pytest.mark.parametrize(
    "texts, allowed, expected",
    [
        ([ANNIVERSARY], None, (2024, "inferred_anniversary")),
        (["mời Tổng thống thăm chính thức Việt Nam trong năm 2021; tham dự bế mạc"], None,
         (2021, "inferred_year_mention")),
        (["AMM-57 là hoạt động quan trọng nhất trong Năm Chủ tịch ASEAN 2024 của Lào."], None,
         (2024, "inferred_year_mention")),
        (["trong năm 2025 hai bên sẽ…", "trong năm 2024 hai bên đã…"], {2024}, (2024, "inferred_year_mention")),
        (["không có năm nào"], {2021}, (2021, "inferred_office")),
        (["không có năm nào"], {2020, 2021}, None),
        (["kỷ niệm 30 năm quan hệ (1990-2025)"], None, None),
        (["trong năm 2021 …", "trong năm 2022 …"], None, None),
        # figures of the year so far name the year of writing; a full year's figures (2016) do not
        (["Năm 2016, kim ngạch thương mại đạt 10 tỷ USD.", "Tính đến tháng 3/2017, có 500 dự án."], {2016, 2017, 2018},
         (2017, "inferred_year_mention")),
        (["Năm 2016, kim ngạch đạt 2 tỷ USD và 1,1 tỷ USD trong 5 tháng đầu năm 2017."], None, (2017, "inferred_year_mention")),
        (["Năm 2016 đón 400.000 lượt khách, quý 1-2017 đón 150.000 lượt."], None, (2017, "inferred_year_mention")),
        # an occasion named with its year
        (["Năm 2016, đầu tư đạt 1 tỷ USD.", "Thủ tướng đề nghị Nhật Bản ủng hộ Việt Nam tổ chức thành công APEC 2017."],
         None, (2017, "inferred_year_mention")),
        # … but not one named before online news began: a convention's year is no year of writing
        (["Năm 2016 đạt 3 tỷ USD, tăng 30% so với năm 2013.",
          "tuân thủ Công ước Liên Hợp quốc về Luật biển năm 1982 (UNCLOS 1982)."], None, None),
        # a quarter a clause plans for is not the year of writing
        (["Quý I/2017, kim ngạch đạt 1 tỷ USD.", "Dự kiến nhà máy sẽ đi vào hoạt động trong quý IV/2020."], None,
         (2017, "inferred_year_mention")),
        (["dự kiến công trình sẽ đi vào vận hành thử trong quý I/2020 và dự kiến sẽ được bàn giao vào quý IV/2020."],
         None, None),
        (["Năm 2016, đầu tư đạt 1 tỷ USD.", "Ông Abe cho biết sẽ hỗ trợ Việt Nam tổ chức thành công APEC 2017."], None,
         (2017, "inferred_year_mention")),
        # a deadline is no year of writing, even the only year a text names; a year named otherwise still is
        (["Ngày 16/5, ông Comey gặp Tổng thống.", "Đảng này muốn đạt được các mục tiêu trước năm 2018."], None, None),
        (["Ngày 16/5, ông Comey gặp Tổng thống.", "Diễn đàn kinh tế 2017 mở màn."], None, (2017, "inferred_year_mention")),
        # the end of a span is no deadline, nor is its start the one year named
        (["Ngày 27/6, bà Pelosi thăm Nhà Trắng.", "Từ năm 1949 đến năm 2017, hai nước có quan hệ."], None, None),
        # the start of a span ("since 2013") is no year of writing, even the only year a text names
        (["Ngày 31/5, Thủ tướng Đức đón Thủ tướng Trung Quốc.", "Đây là chuyến thăm Đức lần thứ 3 kể từ năm 2013."],
         None, None),
        # … written without "năm" too
        (["Ngày 4/6, tàu HMAS Ballarat cập cảng Tiên Sa.", "Quan hệ quốc phòng bắt đầu từ 1999 và đã phát triển."],
         None, None),
        # a year a plan aims at is no year of writing, even the only year a text names
        (["Chiều 24/5, Thủ tướng tiếp Đại sứ Iran.", "Hai bên đẩy mạnh thực hiện mục tiêu đạt 2 tỉ USD kim ngạch thương "
          "mại hai chiều vào năm 2020."], None, None),
        # ... but a year's plan named so is of the year of writing
        (["Ngày 8/2, hai Thủ tướng chứng kiến lễ ký.", "Các văn kiện gồm kế hoạch hợp tác năm 2017 giữa hai Bộ."], None,
         (2017, "inferred_year_mention")),
    ],
    ids=["anniversary; 'hướng tới' span ignored", "trong năm", "chairmanship year", "tenure filters years",
         "tenure alone", "tenure ambiguous", "span length disagrees", "tie", "year to date beats a full year",
         "first months of the year", "quarter", "occasion named with its year",
         "an occasion's year before online news",
         "planned quarter ignored", "only planned quarters",
         "a planned occasion still names its year", "a deadline year", "a bare year", "a span of years",
         "a span's start", "a span's start without 'năm'", "a year a plan aims at", "a year's plan"],
)
def test_infer_year(texts, allowed, expected):
    assert infer_year(texts, allowed) == expected


@pytest.mark.parametrize(
    "text, month, expected",
    [
        # "tháng 2/2017 vừa qua" is the recent past: an event in June follows it in the same year ...
        ("sau chuyến thăm Việt Nam tháng 2/2017 vừa qua của Chủ tịch Hội đồng Liên bang", 6, (2017, "inferred_year_mention")),
        # ... and an event in January follows a November in the year after
        ("sau chuyến thăm tháng 11/2016 vừa qua", 1, (2017, "inferred_year_mention")),
    ],
    ids=["same year", "next year"],
)
def test_a_month_just_past_dates_the_event_after_it(text, month, expected):
    assert infer_year([text], None, month=month) == expected


@pytest.mark.parametrize(
    "text, month, expected",
    [
        # the end of a year recalled in a June story is the end of the year before the contact
        ("Hiệp định đã chính thức có hiệu lực từ cuối năm 2016, xóa bỏ 90% thuế quan.", 6, (2017, "inferred_year_mention")),
        # ... but the end of the year a plan or a deadline aims at is the contact's own year
        ("Hai bên sẽ ký hiệp định vào cuối năm 2017.", 6, (2017, "inferred_year_mention")),
        ("Dự án phải hoàn thành trước cuối năm 2017.", 6, (2017, "inferred_year_mention")),
        # ... and in a November story "cuối năm" may be the weeks it is in
        ("Kim ngạch cuối năm 2017 dự báo đạt 2 tỷ USD.", 11, (2017, "inferred_year_mention")),
    ],
    ids=["recalled year end", "planned year end", "deadline", "a story at the year's end"],
)
def test_the_end_of_a_year_before_the_contacts_month_is_the_year_before(text, month, expected):
    assert infer_year([text], None, month=month) == expected


# ---------------------------------------------------------------- dates that respect office tenures


@pytest.mark.parametrize(
    "day, entity_id, office_id, kept",
    [
        (dt.date(2017, 6, 5), "person:nguyen-xuan-phuc", "vnm.prime_minister", True),
        (dt.date(1990, 4, 5), "person:nguyen-xuan-phuc", "vnm.prime_minister", False),  # before his tenure
        (dt.date(2025, 4, 5), "person:nguyen-xuan-phuc", "vnm.prime_minister", False),  # after it
        (dt.date(1990, 4, 5), "person:nguyen-xuan-phuc", None, True),  # no office named: nothing to check
    ],
    ids=["inside the tenure", "before it", "after it", "no office"],
)
def test_a_date_outside_the_tenure_of_a_named_office_is_dropped(reference, day, entity_id, office_id, kept):
    from flows.stages.dates import ResolvedDate
    from flows.stages.extract import Resolved, respect_tenures

    when = ResolvedDate(day, None, "day", "text", None, "ngày …")
    result = respect_tenures(when, [Resolved(entity_id, "x", "person", office_id, "alias_exact")], reference)
    assert (result.date is not None) is kept
    if not kept:
        assert (result.precision, result.source, result.text) == ("none", None, "ngày …")


@pytest.mark.parametrize(
    "texts, allowed, expected",
    [
        (["Chiều 12-5, Chủ tịch nước hội kiến.", "Tọa đàm Hợp tác kinh tế Việt Nam - Trung Quốc 2017 diễn ra."],
         None, (2017, "inferred_year_mention")),
        # two different years: nothing decides
        (["Chiều 12-5, Chủ tịch nước hội kiến.", "Kế hoạch 2016 và chương trình 2017."], None, None),
        # a year inside parentheses dates something else
        (["Chiều 12-5, hai bên hội đàm (1950-2017)."], None, None),
        # the one year must fit the tenures of the people named
        (["Chiều 12-5, hai bên hội đàm.", "Hội chợ 2030."], set(range(2016, 2022)), None),
    ],
    ids=["one year in the text", "two years", "parenthesised span", "outside the tenures"],
)
def test_the_one_year_a_text_names(texts, allowed, expected):
    assert infer_year(texts, allowed, month=5) == expected
