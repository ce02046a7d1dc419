"""Unit tables for the ingest stage (flows/stages/ingest.py).

Header styles seen in the wild, glued sentences split into blocks, content-derived doc ids,
reject rows for second copies (every other kind of bad input: tests/test_bad_input.py), and the
promise that every decoded file can be rebuilt from its blocks. Titles and outlets are read through `clean.document_fields`, which is where ingest's
header blocks become document fields.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from conftest import SEEDS
from flows.stages import clean
from flows.stages.ingest import IngestConfig, SourceFile, parse_sources

TITLE = "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Nga Mikhail Mishustin"
LEAD = ("Chiều 14/1, tại Trụ sở Chính phủ, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Liên bang "
        "Nga Mikhail Mishustin đang thăm chính thức Việt Nam.")
BODY = ("Hai Thủ tướng nhất trí thúc đẩy hợp tác trong các lĩnh vực năng lượng, dầu khí, giáo dục và đào "
        "tạo, khoa học - công nghệ.")
CAPTION = "Thủ tướng Phạm Minh Chính và Thủ tướng Mikhail Mishustin tại lễ đón. Ảnh: TTXVN"
ZING_URL = "https://zingnews.vn//thu-tuong-pham-minh-chinh-hoi-dam-thu-tuong-nga-mishustin-post1520136.html"


def ingest(reference, *files: tuple[str, str | bytes]):
    """parse_sources over (path, text-or-bytes) pairs."""
    return parse_sources(
        [SourceFile(path, body.encode("utf-8") if isinstance(body, str) else body) for path, body in files],
        reference,
    )


def rebuild(blocks: pl.DataFrame) -> str:
    ordered = blocks.sort("block_index")
    return "".join(p + t + s for p, t, s in zip(ordered["raw_prefix"], ordered["text"], ordered["raw_suffix"]))


# --- header styles ------------------------------------------------------------------------------

HEADER_CASES = [
    pytest.param(
        f" date 2026-01-24 {TITLE}\n\n{LEAD}\n\n{BODY}\n",
        dict(url=None, outlet=None, published_at=dt.datetime(2026, 1, 24), precision="day",
             source="date_line", headers=[("date_line", "date 2026-01-24")], title=TITLE,
             title_source="title_line"),
        id="leading_date_line_before_title",
    ),
    pytest.param(
        f"{TITLE} 25/02/2026 16:33\n\n(PLO)- {LEAD}\n\n{BODY}\n",
        dict(url=None, outlet="PLO", published_at=dt.datetime(2026, 2, 25, 16, 33), precision="minute",
             source="title_timestamp", headers=[("title_timestamp", "25/02/2026 16:33")], title=TITLE,
             title_source="title_line"),
        id="title_ending_in_timestamp",
    ),
    pytest.param(
        f"{ZING_URL}\n{TITLE}\n{LEAD}\n{BODY}\n",
        dict(url=ZING_URL, outlet="Zing", published_at=None, precision=None, source=None,
             headers=[("url", ZING_URL)], title=TITLE, title_source="title_line"),
        id="url_line_then_title",
    ),
    pytest.param(
        f"Thứ bảy, 24/1/2026, 21:30 (GMT+7)\n{TITLE}\n{LEAD}\n{BODY}\n",
        dict(url=None, outlet=None, published_at=dt.datetime(2026, 1, 24, 21, 30), precision="minute",
             source="dateline", headers=[("dateline", "Thứ bảy, 24/1/2026, 21:30 (GMT+7)")], title=TITLE,
             title_source="title_line"),
        id="vnexpress_dateline_before_title",
    ),
    pytest.param(
        f"{TITLE}\nChủ nhật, 25/1/2026, 08:05 (GMT+7)\n{LEAD}\n{BODY}\n",
        dict(url=None, outlet=None, published_at=dt.datetime(2026, 1, 25, 8, 5), precision="minute",
             source="dateline", headers=[("dateline", "Chủ nhật, 25/1/2026, 08:05 (GMT+7)")], title=TITLE,
             title_source="title_line"),
        id="vnexpress_dateline_after_title",
    ),
    pytest.param(
        # The lead ends in a date, but only a title line may carry the publication timestamp.
        f"{TITLE}\n\nHai bên ký Kế hoạch hợp tác giai đoạn 2026-2030 ngày 14/1/2026\n\n{BODY}\n",
        dict(url=None, outlet=None, published_at=None, precision=None, source=None, headers=[],
             title=TITLE, title_source="title_line"),
        id="bare_title_without_date",
    ),
    pytest.param(
        f"{CAPTION}\n\n{LEAD}\n\n{BODY}\n",
        dict(url=None, outlet=None, published_at=None, precision=None, source=None, headers=[],
             title="Thủ tướng Phạm Minh Chính và Thủ tướng Mikhail Mishustin tại lễ đón",
             title_source="caption"),
        id="opening_photo_caption",
    ),
    pytest.param(
        f"Kỷ niệm 80 năm Quốc khánh nước Việt Nam Dân chủ Cộng hòa 2/9/1945\n\n{LEAD}\n\n{BODY}\n",
        dict(url=None, outlet=None, published_at=None, precision=None, source=None, headers=[],
             title="Kỷ niệm 80 năm Quốc khánh nước Việt Nam Dân chủ Cộng hòa 2/9/1945", title_source="title_line"),
        id="title_ending_in_a_historical_date",
    ),
    pytest.param(
        f"\ufeff{ZING_URL}\n{TITLE}\n{LEAD}\n{BODY}\n",
        dict(url=ZING_URL, outlet="Zing", published_at=None, precision=None, source=None,
             headers=[("url", ZING_URL)], title=TITLE, title_source="title_line"),
        id="utf8_bom_before_url_line",
    ),
]


@pytest.mark.parametrize(("raw", "expected"), HEADER_CASES)
def test_header_styles(reference, raw, expected):
    result = ingest(reference, ("thu_tuong_hoi_dam.txt", raw))
    assert result.rejects.height == 0
    document = result.documents.row(0, named=True)
    assert document["url"] == expected["url"]
    assert document["published_at"] == expected["published_at"]
    assert document["published_at_precision"] == expected["precision"]
    assert document["published_at_source"] == expected["source"]
    headers = result.blocks.filter(pl.col("header_role").is_not_null()).sort("block_index")
    assert list(zip(headers["header_role"], headers["text"])) == expected["headers"]

    fields = clean.document_fields(result.documents, clean.clean_blocks(result.blocks, reference), reference)
    row = fields.row(0, named=True)
    assert row["title"] == expected["title"]
    assert row["title_source"] == expected["title_source"]
    assert row["outlet"] == expected["outlet"]


def test_header_fields_are_only_read_from_the_first_lines(reference):
    """A dateline-shaped line deep in the body is body text, not the publication date."""
    raw = f"{TITLE}\n{LEAD}\n{BODY}\n{BODY.replace('Hai Thủ tướng', 'Hai bên')}\n24/1/2026, 21:30 (GMT+7)\n"
    result = ingest(reference, ("bai.txt", raw))
    assert result.documents["published_at"].item() is None
    assert result.blocks["header_role"].null_count() == result.blocks.height


# --- glued sentences ----------------------------------------------------------------------------

GLUED_CASES = [
    pytest.param(
        "Hai bên nhất trí tăng cường phối hợp tại các diễn đàn khu vực và quốc tế.Ngày 5/4, hai nhà lãnh "
        "đạo đã điện đàm.",
        ["Hai bên nhất trí tăng cường phối hợp tại các diễn đàn khu vực và quốc tế.",
         "Ngày 5/4, hai nhà lãnh đạo đã điện đàm."],
        id="glued_sentence_is_split",
    ),
    pytest.param(
        "Tổng bí thư Nguyễn Phú Trọng điện đàm Tổng thống Nga Putin. Ảnh: TTXVN.Tổng Bí thư khẳng định Đảng "
        "và Nhà nước Việt Nam coi trọng quan hệ hữu nghị truyền thống.Hai nhà lãnh đạo vui mừng trước "
        "những thành tựu đạt được!Tổng thống Putin nhận lời mời thăm Việt Nam.",
        ["Tổng bí thư Nguyễn Phú Trọng điện đàm Tổng thống Nga Putin. Ảnh: TTXVN.",
         "Tổng Bí thư khẳng định Đảng và Nhà nước Việt Nam coi trọng quan hệ hữu nghị truyền thống.",
         "Hai nhà lãnh đạo vui mừng trước những thành tựu đạt được!",
         "Tổng thống Putin nhận lời mời thăm Việt Nam."],
        id="caption_hidden_in_a_glued_run_gets_its_own_block",
    ),
    pytest.param(
        "Hai bên nhất trí mở rộng hợp tác trong các lĩnh vực năng lượng, khoa học - công nghệ...Ông Putin "
        "cũng nhắc lại lời mời.",
        ["Hai bên nhất trí mở rộng hợp tác trong các lĩnh vực năng lượng, khoa học - công nghệ...",
         "Ông Putin cũng nhắc lại lời mời."],
        id="glued_after_ellipsis",
    ),
    pytest.param(
        "Tổng thống Nga V.Putin tiếp Bộ trưởng Ngoại giao Lê Hoài Trung tại Điện Kremlin.",
        ["Tổng thống Nga V.Putin tiếp Bộ trưởng Ngoại giao Lê Hoài Trung tại Điện Kremlin."],
        id="initial_V.Putin_not_split",
    ),
    pytest.param(
        "Đoàn đại biểu Liên bang Nga đã đến thăm TP.Hồ Chí Minh và làm việc với lãnh đạo Thành ủy.",
        ["Đoàn đại biểu Liên bang Nga đã đến thăm TP.Hồ Chí Minh và làm việc với lãnh đạo Thành ủy."],
        id="abbreviation_TP.Ho_Chi_Minh_not_split",
    ),
    pytest.param(
        "Toàn văn Tuyên bố chung được đăng tại https://baochinhphu.vn/tuyen-bo-chung-viet-nam-lien-bang-nga"
        "-102240620.htm và trên Cổng thông tin điện tử Bộ Ngoại giao.",
        [("Toàn văn Tuyên bố chung được đăng tại https://baochinhphu.vn/tuyen-bo-chung-viet-nam-lien-bang-nga"
          "-102240620.htm và trên Cổng thông tin điện tử Bộ Ngoại giao.")],
        id="url_not_split",
    ),
    pytest.param(
        "Bạn đọc có thể theo dõi buổi lễ tại https://www.Facebook.com/BaoNhanDan và trên các nền tảng số "
        "của báo.",
        [("Bạn đọc có thể theo dõi buổi lễ tại https://www.Facebook.com/BaoNhanDan và trên các nền tảng số "
          "của báo.")],
        id="url_with_capitalised_host_not_split",
    ),
]


@pytest.mark.parametrize(("line", "expected"), GLUED_CASES)
def test_glued_sentences(reference, line, expected):
    raw = f"{TITLE}\n\n{line}\n"
    result = ingest(reference, ("bai.txt", raw))
    texts = result.blocks.sort("block_index")["text"].to_list()
    assert texts == [TITLE, *expected]
    assert rebuild(result.blocks) == raw


# --- photo credits glued into one-line bodies ------------------------------------------------------
# Real bodies arrive as one line with each photo's caption and credit inside it ("… lễ đón. Ảnh:
# TTXVN Chiều cùng ngày, …"). Each case is one rule of `credit_spans` / `credit_end`; the sentences
# are made up for these tests. Expected: the blocks of the body line, in order.

CREDIT_CASES = [
    pytest.param(
        "Hai đoàn đã trao đổi nhiều nội dung hợp tác. Hai Bộ trưởng chứng kiến lễ ký. Ảnh: TTXVN Năm nay, "
        "hai nước kỷ niệm 75 năm thiết lập quan hệ.",
        ["Hai đoàn đã trao đổi nhiều nội dung hợp tác.", "Hai Bộ trưởng chứng kiến lễ ký. Ảnh: TTXVN",
         "Năm nay, hai nước kỷ niệm 75 năm thiết lập quan hệ."],
        id="known_agency_ends_the_credit_and_the_sentence_before_is_its_caption",
    ),
    pytest.param(
        "Đoàn tham quan khu công nghệ cao. Ảnh: Minh Quân. Theo kế hoạch, đoàn sẽ làm việc tại Đà Nẵng.",
        ["Đoàn tham quan khu công nghệ cao. Ảnh: Minh Quân.", "Theo kế hoạch, đoàn sẽ làm việc tại Đà Nẵng."],
        id="full_stop_ends_the_credit",
    ),
    pytest.param(
        "Quang cảnh buổi tiếp. (Ảnh: Ngọc Lan/TTXVN) Sáng 3/5, hai bên ký biên bản ghi nhớ.",
        ["Quang cảnh buổi tiếp. (Ảnh: Ngọc Lan/TTXVN)", "Sáng 3/5, hai bên ký biên bản ghi nhớ."],
        id="bracket_ends_the_credit",
    ),
    pytest.param(
        "Chủ tịch nước tiếp Đại sứ Nga. Ảnh: Hồng Điệp/TTXVN Tổng Bí thư cũng tiếp đoàn trong ngày.",
        ["Chủ tịch nước tiếp Đại sứ Nga. Ảnh: Hồng Điệp/TTXVN", "Tổng Bí thư cũng tiếp đoàn trong ngày."],
        id="name_slash_agency_ends_the_credit",
    ),
    pytest.param(
        "Lễ đón tại sân bay Nội Bài. Ảnh: Minh Quân Theo kế hoạch, đoàn ở lại ba ngày.",
        ["Lễ đón tại sân bay Nội Bài. Ảnh: Minh Quân", "Theo kế hoạch, đoàn ở lại ba ngày."],
        id="opener_word_starts_the_next_sentence",
    ),
    pytest.param(
        "Hai bên trao quà lưu niệm. Ảnh: Thu Hà Đoàn công tác sau đó thăm một trường học.",
        ["Hai bên trao quà lưu niệm. Ảnh: Thu Hà", "Đoàn công tác sau đó thăm một trường học."],
        id="capitalised_word_before_a_lower_case_word_starts_the_sentence",
    ),
    pytest.param(
        "Đại sứ trình thư ủy nhiệm. Ảnh: QUANG MINH Vladimir Putin đánh giá cao vai trò của Đại sứ.",
        ["Đại sứ trình thư ủy nhiệm. Ảnh: QUANG MINH", "Vladimir Putin đánh giá cao vai trò của Đại sứ."],
        id="switch_from_capitals_to_title_case",
    ),
    pytest.param(
        "Đoàn thăm khu di tích. Ảnh: Quang Minh UBND tỉnh đã chuẩn bị chu đáo cho chuyến thăm.",
        ["Đoàn thăm khu di tích. Ảnh: Quang Minh", "UBND tỉnh đã chuẩn bị chu đáo cho chuyến thăm."],
        id="switch_from_title_case_to_capitals",
    ),
    pytest.param(
        "Hai đoàn chụp ảnh chung. Ảnh: Thống Nhất - TTXVN Hai bên nhất trí tăng cường trao đổi đoàn.",
        ["Hai đoàn chụp ảnh chung. Ảnh: Thống Nhất - TTXVN", "Hai bên nhất trí tăng cường trao đổi đoàn."],
        id="dash_joins_a_name_and_an_agency",
    ),
    pytest.param(
        "Khách mời tại buổi lễ. Ảnh: Hoàng Minh Sergei Ivanov Dmitry Petrov Anna Smirnova Nikolai Orlov "
        "đều có mặt.",
        ["Khách mời tại buổi lễ. Ảnh: Hoàng",
         "Minh Sergei Ivanov Dmitry Petrov Anna Smirnova Nikolai Orlov đều có mặt."],
        id="no_sentence_start_within_max_words_keeps_only_the_first_word",
    ),
    pytest.param(
        "Giá thép tăng mạnh trong tháng qua. Ảnh minh họa Nhiều doanh nghiệp đã tăng giá bán.",
        ["Giá thép tăng mạnh trong tháng qua.", "Ảnh minh họa", "Nhiều doanh nghiệp đã tăng giá bán."],
        id="illustration_marker_is_a_caption_by_itself",
    ),
    pytest.param(
        "Diễn biến giá dầu trong tuần. Nguồn: Bloomberg Giá dầu Brent giảm nhẹ trong phiên cuối tuần.",
        ["Diễn biến giá dầu trong tuần. Nguồn: Bloomberg", "Giá dầu Brent giảm nhẹ trong phiên cuối tuần."],
        id="source_credit",
    ),
    pytest.param(
        "Đoàn đến sân bay lúc 9 giờ. Video: Lễ đón đoàn tại sân bay. Chiều cùng ngày, đoàn thăm Văn Miếu.",
        ["Đoàn đến sân bay lúc 9 giờ.", "Video: Lễ đón đoàn tại sân bay.", "Chiều cùng ngày, đoàn thăm Văn Miếu."],
        id="video_title_runs_to_the_end_of_its_sentence",
    ),
    pytest.param(
        "Đoàn đến sân bay lúc 9 giờ. Video: Lễ đón đoàn tại sân bay chiều cùng ngày đoàn thăm Văn Miếu",
        ["Đoàn đến sân bay lúc 9 giờ. Video: Lễ đón đoàn tại sân bay chiều cùng ngày đoàn thăm Văn Miếu"],
        id="video_title_without_a_sentence_end_stays_in_the_body",
    ),
    pytest.param(
        "Tổng thống V. Putin phát biểu tại lễ đón. Ảnh: Sputnik Theo điện Kremlin, cuộc gặp kéo dài hai giờ.",
        ["Tổng thống V. Putin phát biểu tại lễ đón. Ảnh: Sputnik", "Theo điện Kremlin, cuộc gặp kéo dài hai giờ."],
        id="initial_is_not_a_caption_start",
    ),
    pytest.param(
        "Đoàn đại biểu thăm nhà máy.Ảnh: Ngọc Lan Sau đó, đoàn làm việc với lãnh đạo tỉnh.",
        ["Đoàn đại biểu thăm nhà máy.Ảnh: Ngọc Lan", "Sau đó, đoàn làm việc với lãnh đạo tỉnh."],
        id="credit_glued_to_its_caption",
    ),
    pytest.param(
        "Hai bên hội đàm. Ảnh: TTXVN.Tổng Bí thư khẳng định quan hệ hữu nghị.",
        ["Hai bên hội đàm. Ảnh: TTXVN.", "Tổng Bí thư khẳng định quan hệ hữu nghị."],
        id="glued_sentence_after_the_credit",
    ),
    pytest.param(
        "Cô giáo và học sinh trong giờ học. Ảnh: Thanh Hà Cô giáo và học sinh trong giờ ra chơi. Ảnh: Thanh "
        "Hà Năm học mới bắt đầu từ tuần sau.",
        ["Cô giáo và học sinh trong giờ học. Ảnh: Thanh Hà",
         "Cô giáo và học sinh trong giờ ra chơi. Ảnh: Thanh Hà", "Năm học mới bắt đầu từ tuần sau."],
        id="caption_between_two_credits",
    ),
    pytest.param(
        "Giá vàng tăng mạnh trong tuần. Ảnh minh họa. Nguồn: Bloomberg Nhiều người đã bán vàng để chốt lời.",
        ["Giá vàng tăng mạnh trong tuần.", "Ảnh minh họa. Nguồn: Bloomberg", "Nhiều người đã bán vàng để chốt lời."],
        id="credit_right_after_a_marker_joins_it",
    ),
    pytest.param(
        "Ông nói: “Chúng tôi sẽ mở rộng hợp tác. Việc này có lợi cho cả hai nước”. Ảnh: Reuters Hai bên "
        "nhất trí tăng cường đối thoại.",
        ["Ông nói: “Chúng tôi sẽ mở rộng hợp tác. Việc này có lợi cho cả hai nước”.", "Ảnh: Reuters",
         "Hai bên nhất trí tăng cường đối thoại."],
        id="sentence_closing_a_quotation_is_not_a_caption",
    ),
    pytest.param(
        "Đoàn xem vở kịch. Cảnh trong vở \"Chiếc lá cuối cùng\". Ảnh: Minh Quân Sau buổi diễn, đoàn gặp các "
        "diễn viên.",
        ["Đoàn xem vở kịch.", "Cảnh trong vở \"Chiếc lá cuối cùng\". Ảnh: Minh Quân",
         "Sau buổi diễn, đoàn gặp các diễn viên."],
        id="caption_ending_with_a_quoted_title_is_a_caption",
    ),
    pytest.param(
        "Toàn cảnh phiên họp. Thủ tướng phát biểu khai mạc. Ảnh: VGP",
        ["Toàn cảnh phiên họp. Thủ tướng phát biểu khai mạc. Ảnh: VGP"],
        id="short_line_ending_with_a_credit_is_one_caption",
    ),
    pytest.param(
        "Cuộc họp bàn về kế hoạch năm học mới. " + "Các trường đã chuẩn bị đủ phòng học và giáo viên. " * 8
        + "Ảnh: Thanh Hà",
        ["Cuộc họp bàn về kế hoạch năm học mới. " + "Các trường đã chuẩn bị đủ phòng học và giáo viên. " * 6
         + "Các trường đã chuẩn bị đủ phòng học và giáo viên.",
         "Các trường đã chuẩn bị đủ phòng học và giáo viên. Ảnh: Thanh Hà"],
        id="long_line_ending_with_a_credit_keeps_its_body",
    ),
    pytest.param(
        "Hai bên trao đổi về hợp tác giáo dục và có ảnh: nhiều hình ảnh đẹp được trưng bày.",
        ["Hai bên trao đổi về hợp tác giáo dục và có ảnh: nhiều hình ảnh đẹp được trưng bày."],
        id="lower_case_anh_colon_is_a_word",
    ),
]


@pytest.mark.parametrize(("line", "expected"), CREDIT_CASES)
def test_photo_credits_in_a_one_line_body(reference, line, expected):
    raw = f"{TITLE}\n{LEAD}\n{line}\n"
    result = ingest(reference, ("bai.txt", raw))
    texts = result.blocks.sort("block_index")["text"].to_list()
    assert texts == [TITLE, LEAD, *expected]
    assert rebuild(result.blocks) == raw


def test_long_sentence_before_a_credit_is_not_a_caption(reference):
    """A "caption" longer than `max_caption_chars` is body: only the credit becomes a block."""
    line = "Đoàn đến thăm nhà máy điện gió ở tỉnh Ninh Thuận. Ảnh: TTXVN Chiều cùng ngày, đoàn về Hà Nội."
    raw = f"{TITLE}\n{LEAD}\n{line}\n"
    short = parse_sources([SourceFile("bai.txt", raw.encode())], reference, IngestConfig(max_caption_chars=20))
    assert short.blocks.sort("block_index")["text"].to_list()[2:] == [
        "Đoàn đến thăm nhà máy điện gió ở tỉnh Ninh Thuận.", "Ảnh: TTXVN", "Chiều cùng ngày, đoàn về Hà Nội."]


def test_a_clip_headline_is_not_split(reference):
    title = "Clip: Đoàn đại biểu thăm Văn Miếu. Ảnh: TTXVN Hai bên"
    raw = f"{title}\n{LEAD}\n{BODY}\n"
    assert ingest(reference, ("bai.txt", raw)).blocks.sort("block_index")["text"].to_list() == [title, LEAD, BODY]


# --- doc_id ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(("a.txt", ZING_URL), ("kho/2021/04/dien-dam.txt", ZING_URL), id="renamed_file"),
        pytest.param(("a.txt", ZING_URL), ("b.txt", ZING_URL.replace("https://", "https://www.") + "/"),
                     id="www_and_trailing_slash"),
        pytest.param(("a.txt", ZING_URL), ("b.txt", ZING_URL + "?utm_source=facebook#binh-luan"),
                     id="tracking_query_and_fragment"),
        pytest.param(("a.txt", ZING_URL), ("b.txt", ZING_URL.replace("zingnews.vn//", "ZingNews.vn/")),
                     id="host_case_and_double_slash"),
    ],
)
def test_same_url_gives_the_same_doc_id(reference, first, second):
    """The two files differ in name and body; only the article URL decides the id."""
    one = ingest(reference, (first[0], f"{first[1]}\n{TITLE}\n{LEAD}\n"))
    two = ingest(reference, (second[0], f"{second[1]}\nTổng bí thư điện đàm với Tổng thống Nga\n{BODY}\n"))
    assert one.documents["doc_id"].item() == two.documents["doc_id"].item()


def test_different_urls_give_different_doc_ids(reference):
    one = ingest(reference, ("a.txt", f"{ZING_URL}\n{TITLE}\n{LEAD}\n"))
    two = ingest(reference, ("a.txt", f"{ZING_URL.replace('post1520136', 'post1520137')}\n{TITLE}\n{LEAD}\n"))
    assert one.documents["doc_id"].item() != two.documents["doc_id"].item()


NO_URL = f" date 2026-01-14 {TITLE}\n\n{LEAD}\n\n{BODY}\n"


@pytest.mark.parametrize(
    ("variant", "same"),
    [
        pytest.param(NO_URL, True, id="identical"),
        pytest.param(NO_URL.replace("\n", "\r\n"), True, id="crlf_line_ends"),
        pytest.param(NO_URL.replace("\n\n", "\n\n\n\n"), True, id="extra_blank_lines"),
        pytest.param(NO_URL.replace(", ", ",  ").replace("\n", "  \n"), True, id="doubled_and_trailing_spaces"),
        pytest.param("\t" + NO_URL.strip() + "\n\n\n", True, id="leading_tab_no_final_newline"),
        pytest.param(NO_URL.replace("Mishustin đang", "Mishustin đã"), False, id="one_word_changed"),
    ],
)
def test_doc_id_without_url_comes_from_normalised_text(reference, variant, same):
    base = ingest(reference, ("a.txt", NO_URL)).documents["doc_id"].item()
    other = ingest(reference, ("thu_muc_khac/b.txt", variant)).documents["doc_id"].item()
    assert (base == other) is same


def test_doc_ids_do_not_depend_on_file_names_or_order(reference):
    originals = [SourceFile(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]
    renamed = [SourceFile(f"lo_{9 - i}/bai_{i}.txt", s.content) for i, s in enumerate(originals)]
    forward = parse_sources(originals, reference)
    backward = parse_sources(list(reversed(originals)), reference)
    moved = parse_sources(list(reversed(renamed)), reference)
    assert forward.documents.height == 5
    assert forward.documents.equals(backward.documents)
    assert forward.blocks.equals(backward.blocks)
    assert set(moved.documents["doc_id"]) == set(forward.documents["doc_id"])
    assert forward.documents["doc_id"].str.contains(r"^doc_[0-9a-f]{16}$").all()


def test_which_copy_is_rejected_does_not_depend_on_list_order(reference):
    files = [SourceFile("a_nhandan.txt", f"{ZING_URL}\n{TITLE}\n{LEAD}\n".encode()),
             SourceFile("b_baomoi.txt", f"{ZING_URL}\n{TITLE}\n{BODY}\n".encode())]
    for order in (files, list(reversed(files))):
        result = parse_sources(order, reference)
        assert result.documents["source_file"].to_list() == ["a_nhandan.txt"]
        assert result.rejects["source_file"].to_list() == ["b_baomoi.txt"]


# --- rejects --------------------------------------------------------------------------------------

GOOD_WITH_URL = ("a_zing.txt", f"{ZING_URL}\n{TITLE}\n{LEAD}\n{BODY}\n")
GOOD_WITHOUT_URL = ("b_nhandan.txt", f"Thủ tướng tiếp Đại sứ Liên bang Nga tại Việt Nam\n\n{LEAD}\n")


# Every other kind of unusable file has its case in tests/test_bad_input.py.
@pytest.mark.parametrize(
    ("bad_name", "bad_content", "reason"),
    [
        pytest.param("c_copy.txt", f"{ZING_URL}\nTổng bí thư điện đàm Tổng thống Nga\n{BODY}\n".encode(),
                     "duplicate: same article URL as a_zing.txt", id="second_file_same_url"),
        pytest.param("c_copy.txt", f"\ufeff{ZING_URL}?utm_source=zalo\n{TITLE}\n".encode(),
                     "duplicate: same article URL as a_zing.txt", id="second_file_same_url_behind_a_bom"),
        pytest.param("c_copy.txt", GOOD_WITHOUT_URL[1].replace("\n\n", "\n").encode(),
                     "duplicate: same text (after white-space normalisation) as b_nhandan.txt",
                     id="second_file_same_text_without_url"),
        pytest.param("c_copy.txt", ("\ufeff" + GOOD_WITHOUT_URL[1]).encode(),
                     "duplicate: same text (after white-space normalisation) as b_nhandan.txt",
                     id="second_file_same_text_behind_a_bom"),
        pytest.param("c_copy.txt", GOOD_WITHOUT_URL[1].encode(), "duplicate: same bytes as b_nhandan.txt",
                     id="second_file_same_bytes"),
    ],
)
def test_second_copy_gives_one_reject_and_the_others_are_ingested(reference, bad_name, bad_content, reason):
    from flows.textutil import sha256_hex

    result = parse_sources(
        [SourceFile(bad_name, bad_content),
         SourceFile(GOOD_WITHOUT_URL[0], GOOD_WITHOUT_URL[1].encode()),
         SourceFile(GOOD_WITH_URL[0], GOOD_WITH_URL[1].encode())],
        reference,
    )
    assert result.rejects.to_dicts() == [
        {"source_file": bad_name, "sha256": sha256_hex(bad_content), "size_bytes": len(bad_content),
         "stage": "ingest", "reason": reason}
    ]
    assert sorted(result.documents["source_file"]) == ["a_zing.txt", "b_nhandan.txt"]
    assert set(result.blocks["doc_id"]) == set(result.documents["doc_id"])


# --- raw recoverability ---------------------------------------------------------------------------

SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_file_is_rebuilt_exactly_from_its_blocks(seed_run, name):
    decoded = (SEEDS / name).read_bytes().decode("utf-8")
    doc_id = seed_run.documents.filter(pl.col("source_file") == name)["doc_id"].item()
    blocks = seed_run.blocks.filter(pl.col("doc_id") == doc_id).sort("block_index")
    assert blocks["block_index"].to_list() == list(range(blocks.height))
    assert rebuild(blocks) == decoded
    for start, end, text in zip(blocks["raw_start"], blocks["raw_end"], blocks["text"]):
        assert decoded[start:end] == text


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(NO_URL.replace("\n", "\r\n"), id="crlf"),
        pytest.param("   " + TITLE + " 25/02/2026 16:33   \n\n\n" + LEAD + "\t\n", id="padded_title_timestamp"),
        pytest.param(f"{ZING_URL}\n{TITLE}\n{LEAD}Ngày 5/4 hai bên điện đàm.Hai bên nhất trí.", id="glued_no_newline"),
        pytest.param(f"\n\n date 2026-01-24\n{TITLE}\n", id="date_line_alone"),
    ],
)
def test_hand_made_file_is_rebuilt_exactly_from_its_blocks(reference, raw):
    result = ingest(reference, ("bai.txt", raw))
    assert rebuild(result.blocks) == raw


# ---------------------------------------------------------------- references: digests without bytes


def test_references_keep_digests_and_reading_them_again_gives_the_same_files(tmp_path):
    from flows.stages.ingest import SOURCE_REF_SCHEMA, InputChanged, SourceRef, read_paths, read_refs, read_sources

    (tmp_path / "a.txt").write_text("Tiêu đề\n\nĐoạn một.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").symlink_to("/etc/hostname")
    sources = read_sources(tmp_path)
    refs = read_refs(tmp_path)
    assert refs.schema == SOURCE_REF_SCHEMA
    assert [SourceRef(*row) for row in refs.iter_rows()] == [source.ref() for source in sources]
    assert refs["reject_reason"].is_null().to_list() == [True, True, False]  # empty is rejected later, by parsing
    assert refs["digest"][0] == __import__("hashlib").sha256(sources[0].content).hexdigest()
    assert read_paths(tmp_path, refs) == sources
    assert read_paths(tmp_path, refs.slice(1, 1)) == sources[1:2]  # a batch's rows
    (tmp_path / "a.txt").write_text("Tiêu đề\n\nĐoạn hai.\n", encoding="utf-8")
    with pytest.raises(InputChanged, match=r"^input file a\.txt changed while the run was reading it; run again$"):
        read_paths(tmp_path, refs)
    (tmp_path / "b.txt").unlink()
    with pytest.raises(InputChanged, match="b.txt"):
        read_paths(tmp_path, refs[1:])


def test_files_in_sub_folders_are_named_by_their_path_from_the_input_folder(tmp_path):
    from flows.stages.ingest import read_refs

    article = "Tiêu đề\n\nĐoạn một.\n"
    for relative in ("b.txt", "2017/01/a.txt", "2017/a-b.txt", "2017-01/a.txt", "a.txt"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(article, encoding="utf-8")
    # pathlib's "**" does not enter a symlinked folder: its files are not input files.
    (tmp_path / "2017" / "ban sao").symlink_to(tmp_path / "2017" / "01", target_is_directory=True)

    refs = read_refs(tmp_path)

    # Path order (folder by folder), not string order, where "/" sorts after "-".
    assert refs["path"].to_list() == ["2017/01/a.txt", "2017/a-b.txt", "2017-01/a.txt", "a.txt", "b.txt"]
    assert refs["reject_reason"].is_null().all()
    assert read_refs(tmp_path / "2017").equals(refs.head(2).with_columns(pl.col("path").str.strip_prefix("2017/")))


def test_a_file_whose_folder_resolves_outside_the_input_folder_is_not_read(tmp_path):
    from flows.stages.ingest import IngestConfig, _read_each

    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "bai.txt").write_text("Tiêu đề\n\nĐoạn một.\n", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tin").symlink_to(tmp_path / "outside", target_is_directory=True)

    [source] = _read_each(tmp_path / "in", [tmp_path / "in" / "tin" / "bai.txt"], IngestConfig())

    assert (source.path, source.content) == ("tin/bai.txt", b"")
    assert source.reject_reason.startswith("symlink_outside: ")
