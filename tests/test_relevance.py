"""Relevance stage: one case per rule and per reason (sentences written for these tests)."""

from __future__ import annotations

import polars as pl
import pytest

from flows.stages import relevance

CASES = [
    # (id, title, lead, body, expected relevance, expected start of the reason)
    ("strong trigger in title", "Thủ tướng Nguyễn Xuân Phúc hội đàm với Thủ tướng Nhật Bản Shinzo Abe",
     "Các nhà lãnh đạo trao đổi về hợp tác kinh tế.", "", "diplomatic_contact", "title: contact 'hội đàm'"),
    ("strong trigger only in body", "Kinh tế quý I tăng trưởng khá", "Nhiều chỉ số tích cực.",
     "Sản xuất công nghiệp tăng. Chiều 5/6, Chủ tịch nước Trần Đại Quang đã điện đàm với Tổng thống Nga Vladimir Putin.",
     "diplomatic_contact", "body: contact 'điện đàm'"),
    ("weak trigger with one party is not a contact", "Sắc lệnh mới về nhập cư", "Nhiều tranh cãi.",
     "Tổng thống Mỹ Donald Trump đã ký một văn bản về nhập cư.", "not_relevant", "no sentence with"),
    ("weak trigger in body needs named sides", "Hội thảo về nông nghiệp", "Hội thảo diễn ra sáng nay.",
     "Lãnh đạo tỉnh đã tiếp đoàn khách quốc tế.", "not_relevant", "no sentence with"),
    # a handover to another state's body is a contact (blind13's 22344361); a domestic one, or technology
    # transferred, is not
    ("a handover to another state", "Hợp tác hàng hải", "Nhiều hoạt động.",
     "Ngày 22/5, Đại sứ Mỹ Ted Osius đã bàn giao 6 tàu tuần tra cho Cảnh sát biển Việt Nam.",
     "diplomatic_contact", "body: contact 'bàn giao'"),
    ("a domestic handover", "Nhà tình nghĩa", "Nhiều hoạt động.",
     "Ngày 22/5, UBND tỉnh đã bàn giao 6 căn nhà cho các hộ nghèo.", "not_relevant", "no official cue or foreign cue"),
    ("a technology transfer", "Hợp tác công nghệ", "Nhiều hoạt động.",
     "Ngày 22/5, Đại sứ Mỹ Ted Osius cho biết Mỹ sẽ chuyển giao công nghệ cho Việt Nam.", "not_relevant", "no contact cue"),
    ("ambiguous country after a context word", "Thủ tướng thăm nước Đức", "Chuyến đi kéo dài ba ngày.", "",
     "diplomatic_contact", "title: contact 'thăm'"),
    # ... or after the kind of a trip ("thăm chính thức Hà Lan")
    ("ambiguous country after a trip's kind", "Một tuần làm việc", "Nhiều hoạt động.",
     "Thủ tướng Nguyễn Xuân Phúc thăm chính thức Hà Lan từ ngày 8 đến 11/7.", "diplomatic_contact",
     "body: contact 'thăm chính thức'"),
    ("a visit to Viet Nam names two parties", "Tổng thống Trump thăm Việt Nam", "Chuyến thăm kéo dài hai ngày.", "",
     "diplomatic_contact", "title: contact 'thăm'"),
    ("a port visit: navy and host city", "Tàu Hải quân Trung Quốc thăm Đà Nẵng", "Hai tàu cập cảng sáng nay.", "",
     "diplomatic_contact", "title: contact 'thăm'"),
    # a ship's prefix names its state (blind84's 22329448); a ship with no prefix names none
    ("a port visit: a ship named with its prefix", "Tàu sân bay trực thăng lớn nhất", "Uy lực của con tàu.",
     "Tàu JS Izumo cập cảng Cam Ranh ngày 20/5.", "diplomatic_contact", "body: contact 'cập cảng', official 'JS', "
     "foreign 'JS'"),
    ("a port call of a ship with no prefix", "Tàu sân bay trực thăng lớn nhất", "Uy lực của con tàu.",
     "Tàu Izumo cập cảng Cam Ranh ngày 20/5.", "not_relevant", "no foreign cue"),
    # a coast guard makes a short name a state (blind86's 22386163, "Tuần duyên Mỹ")
    ("a state's coast guard", "Tàu tuần duyên lớn nhất", "Nhiều hoạt động.",
     "Lực lượng Tuần duyên Mỹ đã bàn giao tàu tuần duyên cho Cảnh sát biển Việt Nam.", "diplomatic_contact",
     "body: contact 'bàn giao'"),
    ("given name is neither an official nor a country", "Anh Sơn gặp chị Mai ở Đức", "Câu chuyện cảm động.", "",
     "not_relevant", "no official cue"),
    ("guarded trigger, then an official position", "Bộ trưởng Ngoại giao Nga tiếp tục chỉ trích Mỹ",
     "Ông cho rằng các lệnh trừng phạt là sai lầm.", "", "official_statement", "title: position 'chỉ trích'"),
    ("domestic reception has no foreign side", "Thủ tướng tiếp Bộ trưởng Bộ Tài chính",
     "Hai bên bàn về ngân sách.", "", "not_relevant", "no foreign cue"),
    # A foreign city places the contact abroad: its host is the foreign side.
    ("reception in a foreign city", "Một ngày làm việc bận rộn", "Nhiều hoạt động.",
     "Ngay sau khi tới Tokyo, Thủ tướng tiếp Thống đốc tỉnh Ibaraki.", "diplomatic_contact", "body: contact 'tiếp'"),
    ("the same reception at home", "Một ngày làm việc bận rộn", "Nhiều hoạt động.",
     "Ngay sau khi tới Hải Phòng, Thủ tướng tiếp Thống đốc tỉnh Ibaraki.", "not_relevant", "no foreign cue"),
    ("excluded topic in the title", "Cầu thủ Công Phượng ghi bàn đẹp mắt", "Trận đấu hấp dẫn.",
     "Huấn luyện viên hài lòng.", "not_relevant", "excluded_topic:sport"),
    # a title in lower case, as running text writes it, with its state right after (blind52's 22525544)
    ("an ambassador in lower case", "Ông Sessions điều trần trước Thượng viện", "Nhiều câu hỏi được đặt ra.",
     "Ông Sessions đã 2 lần gặp đại sứ Nga tại Mỹ Sergey Kislyak.", "diplomatic_contact", "body: contact 'gặp'"),
    ("no cue at all", "Mưa lớn ở miền Bắc", "Nhiệt độ giảm mạnh.", "Người dân cần chú ý.",
     "not_relevant", "no contact cue or official cue or foreign cue"),
    # An agreement reached (`sides` listed_states of event_triggers.tsv): the states listed as its subject act.
    ("states listed before an agreement reached", "Tình hình Syria", "Giao tranh giảm.",
     "Reuters đưa tin, Nga, Mỹ và Jordan đã đạt được một thỏa thuận ngừng bắn ở Tây Nam Syria.",
     "diplomatic_contact", "body: contact 'đạt được một thỏa thuận', official 'Nga, Mỹ và Jordan'"),
    ("a verb that ends with a counterpart word qualifies no state", "Tình hình Syria", "Giao tranh giảm.",
     "Giới chức Nga thông báo Mỹ, Nga và Jordan đã đạt thỏa thuận ngừng bắn ở Tây Nam Syria.",
     "diplomatic_contact", "body: contact 'đạt thỏa thuận', official 'Mỹ, Nga và Jordan'"),
    ("one state is no list", "Tình hình Syria", "Giao tranh giảm.",
     "Reuters đưa tin, phe đối lập và Jordan đã đạt được một thỏa thuận ngừng bắn.", "not_relevant", "no official cue"),
    ("people of two states are no list", "Tình hình Trung Đông", "Nhiều ý kiến.",
     "Người dân Israel và Palestine đã đạt được một thỏa thuận.", "not_relevant", "no official cue"),
    # Talks (`sides` states_too): a state before the trigger and the state after "với" are two actors.
    ("a state and its partner negotiate", "Tình hình Triều Tiên", "Nhiều biện pháp mới.",
     "Giới quan sát cho biết Mỹ đã đàm phán với Trung Quốc trong 5 tuần về nghị quyết mới.",
     "diplomatic_contact", "body: contact 'đàm phán', official 'Mỹ đã đàm phán với Trung Quốc'"),
    ("peace talks are talks", "Hòa đàm Syria tại Geneva kết thúc", "Các bên chưa có đột phá.",
     "Ngày 14/7, Đặc phái viên Liên hợp quốc về Syria cho biết tiến triển đã đạt được tại vòng hòa đàm thứ 7.",
     "diplomatic_contact", "body: contact 'hòa đàm', official 'Đặc phái viên'"),
    ("a state negotiating alone is no list", "Tình hình Triều Tiên", "Nhiều biện pháp mới.",
     "Giới quan sát cho biết Mỹ đã đàm phán trong 5 tuần về nghị quyết mới.", "not_relevant", "no official cue"),
    # A counterpart word at the end of a word that is none ("thông báo": no newspaper) leaves the contact official.
    ("a verb that ends with a counterpart word follows a trigger", "Tình hình Syria", "Giao tranh giảm.",
     "Ngoại trưởng Nga cho biết, Ngoại trưởng Hoa Kỳ Rex Tillerson đã gọi điện để thông báo cho Moscow về kế hoạch.",
     "diplomatic_contact", "body: contact 'gọi điện'"),
    # "thảo luận với" is a weak trigger: people discuss with anyone; with an official and a foreign side
    # named in the same body sentence it is a contact (blind64's 22669573).
    ("a discussion with family is no contact", "Dạy trẻ an toàn khi ở nhà", "Nhiều lời khuyên hữu ích.",
     "Các bậc cha mẹ cần thảo luận với con cái về những quy tắc này.", "not_relevant", "no official cue"),
    ("a discussion in the body needs a named official", "Đầu tư vào công nghiệp", "Nhiều dự án mới.",
     "Bộ trưởng đã thảo luận với các đối tác Nhật Bản về đầu tư.", "not_relevant", "no sentence with"),
    ("a discussion between officials of two states", "Tình hình Syria", "Giao tranh giảm.",
     "Tổng thống Thổ Nhĩ Kỳ Tayyip Erdogan đã thảo luận với Bộ trưởng Quốc phòng Nga Sergei Shoigu về Syria.",
     "diplomatic_contact", "body: contact 'thảo luận với'"),
    # A trigger after a guard word of event_triggers.tsv ("trực tiếp") or inside an everyday compound.
    ("trigger after a guard word", "Tổng thống Nga trực tiếp chỉ huy chiến dịch tại Syria", "Chiến dịch kéo dài.", "",
     "not_relevant", "no contact cue"),
    ("contact noun before a non-official counterpart", "Tổng Bí thư tại cuộc tiếp xúc cử tri nói về quan hệ với Trung Quốc",
     "Cử tri kiến nghị.", "", "not_relevant", "no contact cue"),
    ("trigger inside a compound", "Tổng thư ký Liên Hợp Quốc phát biểu về Syria", "Ông nhắc tới nhân đạo.", "",
     "not_relevant", "no contact cue"),
    # An arrival verb ("đã tới", sides state_after) is no contact cue of its own: "đến", "tới", "sang" are
    # everywhere (an official arriving abroad is one, below).
    ("an arrival verb is no contact cue", "Hàng viện trợ của Mỹ đã tới Ả Rập Saudi", "Ông phát biểu về Iran.", "",
     "not_relevant", "no contact cue"),
    ("signing a decree is no contact", "Tổng thống Mỹ ký sắc lệnh về thuế của Canada", "Văn bản có hiệu lực ngay.", "",
     "not_relevant", "no contact cue"),
    # The counterpart right after a trigger: a business or a site makes the contact domestic,
    # unless a named foreign side comes first.
    ("diaspora counterpart", "Thủ tướng tiếp đại diện cộng đồng người Việt tại Hoa Kỳ", "Bà con kiến nghị nhiều vấn đề.",
     "", "not_relevant", "no contact cue"),
    ("site visit", "Thủ tướng thăm trường đại học ở Nhật Bản", "Sinh viên chào đón.", "",
     "not_relevant", "no sentence with"),
    ("foreign official before the business counterpart", "Thủ tướng tiếp Đại sứ Nhật Bản và các doanh nghiệp",
     "Hai bên trao đổi về đầu tư.", "", "diplomatic_contact", "title: contact 'tiếp"),
    # A country that qualifies a non-official noun is no side.
    ("press of a country is no side", "Báo Hoa Kỳ viết về chuyến thăm của Thủ tướng", "Bài báo dài hai trang.", "",
     "not_relevant", "no foreign cue"),
    # An ambiguous short name used once in a country context is that country in the whole document.
    ("ambiguous country known from elsewhere in the document", "Tổng thống Syria thăm căn cứ không quân của Nga",
     "Bộ Quốc phòng Nga cho biết chuyến đi kéo dài một ngày.", "", "diplomatic_contact", "title: contact 'thăm'"),
    # A generic title followed by a country names an office: enough for a weak trigger in the body.
    ("title and country make a named official", "Căn cứ không quân ở Latakia", "Nhiều hình ảnh được công bố.",
     "Tổng tham mưu trưởng quân đội Nga đã đón Tổng thống Syria tại căn cứ.", "diplomatic_contact", "body: contact 'đón'"),
    # A title on an excluded topic leaves no official position and no weak trigger.
    ("excluded title blocks a position", "Đội tuyển Malaysia tuyên bố sẽ thắng Thái Lan", "Trận đấu diễn ra tối nay.", "",
     "not_relevant", "excluded_topic:sport"),
    # An official position needs two states, or one and a word of foreign relations.
    ("position on home affairs", "Tổng thống Mỹ chỉ trích bang California", "Ông dọa cắt ngân sách của bang.", "",
     "not_relevant", "no contact cue"),
    ("position of one state on another", "Nga phản đối lệnh trừng phạt của Mỹ", "Moskva sẽ đáp trả.", "",
     "official_statement", "title: position 'phản đối'"),
    # ... however the position is worded ("cho rằng", "nhấn mạnh", "bày tỏ", "bình luận"; blind63's 22452467)
    ("a position given as a view", "Putin giải thích lý do Triều Tiên theo đuổi hạt nhân",
     "Tổng thống Nga Vladimir Putin cho rằng việc lạm dụng quyền lực đã dẫn tới những vấn đề như ở Triều Tiên.", "",
     "official_statement", "lead: position 'cho rằng'"),
    ("a company of a country is not the state", "Các công ty Mỹ phản đối chính sách của Tổng thống Trump",
     "Nhiều công ty lên tiếng.", "", "not_relevant", "no contact cue"),
    ("a capital speaks for its state on foreign relations", "Căn cứ quân sự mới ở châu Phi",
     "Bắc Kinh khẳng định không tìm cách bành trướng ở nước ngoài.", "", "official_statement", "lead: position 'khẳng định'"),
    ("attribution to an official", "Binh sĩ Thổ Nhĩ Kỳ tới Qatar",
     "Theo Bộ trưởng Ngoại giao Qatar, binh sĩ Thổ Nhĩ Kỳ sẽ bảo vệ an ninh khu vực.", "", "official_statement",
     "lead: position 'Theo'"),
    # A contact that is only planned makes the document an official statement (still relevant).
    ("planned contact in the title sets the label", "Chủ tịch nước sẽ thăm chính thức Liên bang Nga",
     "Chuyến thăm của Chủ tịch nước tới Liên bang Nga nhằm thúc đẩy hợp tác.", "", "official_statement",
     "title: planned contact ('sẽ')"),
    ("business title leaves only strong triggers", "Công ty Việt Nam niêm yết cổ phiếu tại Mỹ",
     "Thủ tướng chứng kiến sự kiện trong chuyến thăm Hoa Kỳ.", "", "not_relevant", "excluded_topic:business"),
    # ... unless the title names an official and a foreign side: the topic word is the contact's setting
    ("business title naming an official and a foreign side", "Thủ tướng đối thoại với doanh nghiệp Đức ở Berlin",
     "Nhiều hợp đồng được ký.", "Hôm qua, Thủ tướng Nguyễn Xuân Phúc đã gặp Thủ tướng Đức Angela Merkel.",
     "diplomatic_contact", "body: contact 'gặp'"),
    ("planned contact marked after the trigger", "Chủ tịch nước thăm Liên bang Nga tuần tới", "Nhiều văn kiện được chuẩn bị.",
     "", "official_statement", "title: planned contact ('tuần tới')"),
    # a generic title before a name in plain Latin letters is a named (foreign) official; a Vietnamese
    # name after it is not one
    ("a title before a foreign name the reference does not know", "Bầu cử sớm bị bác bỏ", "Tin từ Rome.",
     "Phát biểu khi đang trong chuyến thăm Canada, Tổng thống Mattarella cho rằng nhiệm kỳ sẽ kéo dài.",
     "diplomatic_contact", "body: contact 'chuyến thăm', official 'Tổng thống Mattarella'"),
    ("a title before a Vietnamese name", "Hội thảo về nông nghiệp", "Hội thảo diễn ra sáng nay.",
     "Phát biểu khi đang trong chuyến thăm Canada, Chủ tịch Phan Thanh cho rằng hợp tác sẽ tăng.",
     "not_relevant", "no sentence with"),
    # a counterpart ("người đồng cấp", "nhà đồng cấp") or an envoy written in lower case is an official
    ("counterparts are officials", "Căng thẳng ở Syria", "Nhiều diễn biến mới.",
     "Hai nhà đồng cấp Liên bang Nga và Hoa Kỳ đã có cuộc điện đàm kéo dài gần 1 giờ.", "diplomatic_contact",
     "body: contact 'cuộc điện đàm', official 'nhà đồng cấp'"),
    # a counterpart word written capitalised inside a name ("Phạm Trường Long": no school) is none
    ("a counterpart word inside a name", "Hợp tác quốc phòng", "Nhiều hoạt động.",
     "Đại tướng Ngô Xuân Lịch đã hội đàm với Thượng tướng Phạm Trường Long, Phó Chủ tịch Quân ủy Trung ương Trung Quốc.",
     "diplomatic_contact", "body: contact 'hội đàm'"),
    ("envoys are officials", "Căng thẳng ở Syria", "Nhiều diễn biến mới.",
     "Các đặc phái viên của Nga và Mỹ đã có cuộc hội đàm tại Amman.", "diplomatic_contact",
     "body: contact 'cuộc hội đàm', official 'đặc phái viên'"),
    # a meeting an organisation of meeting_hosts.tsv holds is a contact with it, the summit of another group none
    ("a summit of a meeting host", "Căng thẳng xuyên Đại Tây Dương", "Nhiều tranh cãi.",
     "Ngày 25/5, Tổng thống Mỹ Donald Trump đã tham dự hội nghị thượng đỉnh NATO tại Brussels.", "diplomatic_contact",
     "body: contact 'hội nghị thượng đỉnh'"),
    ("a summit of no meeting host", "Căng thẳng xuyên Đại Tây Dương", "Nhiều tranh cãi.",
     "Ngày 7/7, Tổng thống Mỹ Donald Trump đã tham dự hội nghị thượng đỉnh G20 tại Hamburg.", "not_relevant",
     "no contact cue"),
    # a sentence that opens with where an official is places him there: the place is the contact's cue
    ("an official where the sentence opens", "Chiến lược mới cho châu Á", "Nhiều phản ứng.",
     "Phát biểu tại Đối thoại Shangri-La lần thứ 16 ở Singapore, Bộ trưởng Quốc phòng Mỹ James Mattis đã trình bày "
     "một chiến lược.", "diplomatic_contact", "body: contact 'Singapore', official"),
    ("an official where the sentence opens, the place's state after it", "Bàn về Brexit", "Nhiều phản ứng.",
     "Phát biểu tại cuộc họp báo ở London (Anh), Ngoại trưởng Qatar Sheikh Mohammed cho biết Qatar muốn đối thoại.",
     "diplomatic_contact", "body: contact 'London'"),
    ("an official where the sentence opens with his speech", "Chống cực đoan", "Nhiều phản ứng.",
     "Ngày 21/5, trong bài phát biểu tại Ả Rập Xê Út, Tổng thống Mỹ Donald Trump kêu gọi các nước Hồi giáo đoàn kết.",
     "diplomatic_contact", "body: contact 'Ả Rập Xê Út'"),
    ("an official where the sentence opens, the day after the place", "Chiến lược mới cho châu Á", "Nhiều phản ứng.",
     "Phát biểu tại một cuộc họp báo ở Singapore ngày 8/5, Bộ trưởng Quốc phòng Mỹ James Mattis cho biết Mỹ lo ngại.",
     "diplomatic_contact", "body: contact 'Singapore'"),
    # ... after an interview given or a meeting's margin there, and before officials named together (blind69's
    # 22443869, blind52's 22452133)
    ("an official interviewed at a foreign place", "An ninh khu vực", "Nhiều phản ứng.",
     "Trong khi đó, trả lời phỏng vấn báo giới bên lề Đối thoại Shangri-La lần thứ 16 đang diễn ra tại Singapore, Bộ "
     "trưởng Quốc phòng Indonesia Ryamizard Ryacudu cũng lên án vụ tấn công.", "diplomatic_contact",
     "body: contact 'Singapore'"),
    ("officials named together at a foreign place", "An ninh khu vực", "Nhiều phản ứng.",
     "Sáng 3/6, trong khuôn khổ Đối thoại Shangri-La 16 đang diễn ra tại Singapore, các Bộ trưởng quốc phòng Mỹ, Nhật "
     "Bản và Australia đã có các bài phát biểu.", "diplomatic_contact", "body: contact 'Singapore'"),
    # ... in a city the reference does not know, then its state, before a clause that names the meeting held there
    # (blind70's 22707960)
    ("an official where the sentence opens, in a city named with its state", "Quan hệ Nga - Mỹ", "Nhiều phản ứng.",
     "Phát biểu trước báo giới tại thành phố Hamburg, Đức, nơi đang diễn ra Hội nghị thượng đỉnh Nhóm các nền kinh tế "
     "phát triển và mới nổi hàng đầu thế giới (G20), Bộ trưởng Truyền thông Nga Nikolay Nikiforov nhấn mạnh quan hệ "
     "với Mỹ.", "diplomatic_contact", "body: contact 'Đức'"),
    ("an adverbial of place before an official", "Bàn về khí hậu", "Nhiều phản ứng.",
     "Tại Berlin, Thủ tướng Anh Theresa May kêu gọi Mỹ ở lại.", "diplomatic_contact", "body: contact 'Berlin'"),
    ("no official right after the place", "Bàn về khí hậu", "Nhiều phản ứng.",
     "Tại Berlin, hàng nghìn người đã xuống đường phản đối Tổng thống Mỹ Donald Trump.", "not_relevant",
     "no contact cue"),
    ("a place not at the sentence's opening", "Bàn về khí hậu", "Nhiều phản ứng.",
     "Thủ tướng Anh Theresa May nhận định rằng tại Berlin, Thủ tướng Đức sẽ nêu vấn đề.", "not_relevant",
     "no contact cue"),
    # ... or with the official it opens with, said to speak, be or attend something at a foreign place (blind41's
    # 22244777); not at a place of his own state
    ("an official said to attend something abroad", "Phụ nữ và phát triển", "Nhiều đại biểu.",
     "Tối 11/5, Phó Chủ tịch nước Đặng Thị Ngọc Thịnh dẫn đầu đoàn đại biểu Việt Nam tham dự Lễ khai mạc Hội nghị "
     "Thượng đỉnh Phụ nữ Toàn cầu, tại thủ đô Tokyo của Nhật Bản.", "diplomatic_contact", "body: contact 'Tokyo'"),
    # ... or at a meeting the sentence says is held there, whatever the verb (blind54's 22447029)
    ("an official at a meeting held abroad", "An ninh khu vực", "Nhiều phản ứng.",
     "Bộ trưởng Quốc phòng Malaysia Hishammuddin Hussein đưa ra thông báo trên tại Diễn đàn Shangri-La 16 đang diễn "
     "ra tại Singapore.", "diplomatic_contact", "body: contact 'Singapore'"),
    ("an official said to speak at home", "Phụ nữ và phát triển", "Nhiều đại biểu.",
     "Phó Chủ tịch nước Đặng Thị Ngọc Thịnh phát biểu tại hội nghị ở Hà Nội về quan hệ với Nhật Bản.",
     "not_relevant", "no contact cue"),
    ("a foreign official said to attend something in his own state", "Tân tổng thống", "Nhiều sự kiện.",
     "Ông Moon Jae-in và phu nhân đến dự lễ nhậm chức tổng thống tại Seoul, Hàn Quốc, ngày 10/5.",
     "not_relevant", "no contact cue"),
    # ... or arriving in a place of another state than the one his title or apposition names first (blind73's
    # 22536427); not at a place of his own state, and "đến" after no official is no arrival
    ("an official arriving abroad, named with an apposition", "Sinh viên Mỹ được thả", "Nhiều phản ứng.",
     "Warmbier được thả sau khi Joseph Yun, đặc phái viên Bộ Ngoại giao Mỹ về Triều Tiên, tới Bình Nhưỡng và yêu "
     "cầu thả người.", "diplomatic_contact", "body: contact 'Bình Nhưỡng', official 'đặc phái viên'"),
    ("an official arriving abroad, named with his title", "Khủng hoảng vùng Vịnh", "Nhiều phản ứng.",
     "Ngoại trưởng Qatar Mohammed bin Abdulrahman Al-Thani đã đến Moskva.", "diplomatic_contact",
     "body: contact 'Moskva'"),
    ("an official arriving in his own state", "Trở về", "Nhiều phản ứng.",
     "Tổng thống Mỹ Donald Trump đã tới New York.", "not_relevant", "no contact cue"),
    ("an official arriving abroad whose state is not named", "Trở về", "Nhiều phản ứng.",
     "Tổng thống Mahamadou Issoufou đã tới Moskva.", "not_relevant", "no contact cue"),
    ("arriving at no official", "Giá dầu", "Nhiều phản ứng.",
     "Các lệnh trừng phạt của Mỹ liên quan đến Moskva vẫn được giữ nguyên.", "not_relevant", "no contact cue"),
    # a ship of a state named with its prefix arriving in another state (blind84's 22723596) or at a port of
    # Vietnam (blind79's 22441028): a port visit (a ship a state sends is none: `test_naval_port_visits`)
    ("a foreign ship arriving abroad", "Tập trận", "Nhiều phản ứng.",
     "Nhóm tàu sân bay tấn công USS Nimitz của Mỹ đã tới Ấn Độ để tham gia cuộc diễn tập Malabar.",
     "diplomatic_contact", "body: contact 'Ấn Độ'"),
    ("a foreign ship arriving at a port of Vietnam", "Tàu chiến", "Nhiều phản ứng.",
     "Tàu khu trục USS Stethem (DDG 63) tới cảng quốc tế Cam Ranh sáng nay.", "diplomatic_contact",
     "body: contact 'Cam Ranh'"),

    # a state's message to an organisation of message_receivers.tsv: what it sends it (blind75's 22714072), its
    # request that it meet, before the organisation (blind60's 22283281) or after it (blind75's 22680011); not
    # a request for anything but a meeting, nor something sent to an organisation not in the list
    ("something sent to the UN", "Tên lửa", "Nhiều phản ứng.",
     "Nga đã gửi các bằng chứng tới LHQ cho thấy đó là tên lửa tầm trung.", "diplomatic_contact",
     "body: contact 'gửi', official 'LHQ'"),
    ("a request that the Security Council meet", "Tên lửa", "Nhiều phản ứng.",
     "Mỹ, Nhật Bản và Hàn Quốc đã yêu cầu Hội đồng Bảo an Liên hợp quốc mở cuộc họp khẩn cấp.", "diplomatic_contact",
     "body: contact 'yêu cầu'"),
    ("a meeting at states' request", "Tên lửa", "Nhiều phản ứng.",
     "Hội đồng Bảo an LHQ đã họp khẩn theo yêu cầu của Mỹ, Hàn Quốc và Nhật Bản.", "diplomatic_contact",
     "body: contact 'yêu cầu'"),
    ("a request for something else", "Tên lửa", "Nhiều phản ứng.",
     "Nga yêu cầu Liên Hợp Quốc điều tra vụ việc.", "not_relevant", "no contact cue"),
    ("something sent to another organisation", "Tên lửa", "Nhiều phản ứng.",
     "Nga đã gửi các bằng chứng tới NATO.", "not_relevant", "no contact cue"),
    # "cuộc họp với" mostly tells domestic meetings: a weak cue, which in the body wants named sides
    ("a meeting with an official in the body", "Ấn Độ và Mỹ", "Nhiều phản ứng.",
     "Tổng thống Mỹ Donald Trump phát biểu sau cuộc họp với Thủ tướng Ấn Độ Narendra Modi.", "diplomatic_contact",
     "body: contact 'cuộc họp với'"),
    ("a meeting with departments in the body", "Dự án mới", "Nhiều phản ứng.",
     "Chủ tịch UBND tỉnh đã có cuộc họp với Sở Kế hoạch về dự án của Nhật Bản.", "not_relevant",
     "no sentence with a contact"),
    # the older spelling "kí" is the reference data's "ký", everyday compounds included
    ("older spelling of a signing", "Qatar mua máy bay chiến đấu", "Thương vụ lớn.",
     "Bộ trưởng Quốc phòng Qatar Khalid Al-Attiyah và Bộ trưởng Quốc phòng Mỹ James Mattis đã kí thỏa thuận tại "
     "Washington.", "diplomatic_contact", "body: contact 'ký'"),
    ("older spelling of an everyday compound", "Ký túc xá mới", "Sinh viên vui mừng.",
     "Đại sứ Mỹ Daniel Kritenbrink và Bộ trưởng Nguyễn Kim Sơn đã có mặt tại kí túc xá.", "not_relevant",
     "no contact cue"),
]


def _frames(title: str, lead: str, body: str):
    documents = pl.DataFrame({"doc_id": ["doc_1"], "duplicate_of": [None]}, schema={"doc_id": pl.String, "duplicate_of": pl.String})
    texts = [("title", title), ("lead", lead)] + ([("body", body)] if body else [])
    blocks = pl.DataFrame({
        "doc_id": ["doc_1"] * len(texts), "block_index": list(range(len(texts))),
        "kind": [k for k, _ in texts], "kept": [True] * len(texts), "clean_text": [t for _, t in texts],
    }, schema_overrides={"block_index": pl.Int32})
    return documents, blocks


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_relevance_rules(case, reference):
    _, title, lead, body, expected, reason = case
    documents, blocks = _frames(title, lead, body)
    out = relevance.classify_documents(documents, blocks, reference)
    row = out.row(0, named=True)
    assert (row["relevance"], row["relevance_reason"][: len(reason)]) == (expected, reason), row["relevance_reason"]


POSITION = "Nga phản đối lệnh trừng phạt mới của Mỹ."


@pytest.mark.parametrize(("body", "expected"), [
    (POSITION + " Moskva sẽ đáp trả.", "official_statement"),  # the first body sentence stands for the lead
    ("Moskva sẽ đáp trả. " + POSITION, "not_relevant"),  # a later body sentence does not
])
def test_body_opens_as_lead_when_no_lead_is_kept(body, expected, reference):
    documents, blocks = _frames("Căng thẳng leo thang", "", body)
    blocks = blocks.filter(pl.col("kind") != "lead")
    out = relevance.classify_documents(documents, blocks, reference)
    assert out["relevance"].item() == expected, out["relevance_reason"].item()


def test_every_document_is_kept_and_only_relevant_canonical_ones_go_on(reference):
    documents = pl.DataFrame({"doc_id": ["doc_a", "doc_b", "doc_c"], "duplicate_of": [None, None, "doc_a"]})
    blocks = pl.DataFrame({
        "doc_id": ["doc_a", "doc_b", "doc_c"], "block_index": [0, 0, 0], "kind": ["title"] * 3,
        "kept": [True, True, True],
        "clean_text": ["Chủ tịch nước hội kiến Tổng thống Nga Vladimir Putin", "Mưa lớn ở miền Bắc",
                       "Chủ tịch nước hội kiến Tổng thống Nga Vladimir Putin"],
    })
    out = relevance.classify_documents(documents, blocks, reference)
    assert out.height == 3 and out["relevance_reason"].null_count() == 0
    assert relevance.relevant_doc_ids(out) == ["doc_a"]


def test_dropped_blocks_are_not_evidence(reference):
    documents, blocks = _frames("Mưa lớn ở miền Bắc", "Nhiệt độ giảm.", "")
    sidebar = pl.DataFrame({"doc_id": ["doc_1"], "block_index": [9], "kind": ["sidebar"], "kept": [False],
                            "clean_text": ["Chủ tịch nước hội kiến Tổng thống Nga Vladimir Putin"]},
                           schema_overrides={"block_index": pl.Int32})
    out = relevance.classify_documents(documents, pl.concat([blocks, sidebar]), reference)
    assert out["relevance"].item() == "not_relevant"


def test_seeds_are_relevant(reference):
    from conftest import SEEDS

    from flows.stages import clean, dedup, ingest

    raw = ingest.parse_sources(ingest.read_sources(SEEDS), reference)
    documents, blocks = dedup.deduplicate(raw.documents, clean.clean_blocks(raw.blocks, reference), reference)
    out = relevance.classify_documents(documents, blocks, reference)
    canonical = out.filter(pl.col("duplicate_of").is_null())
    assert canonical.height == 5
    assert canonical["relevance"].to_list() == ["diplomatic_contact"] * 5, canonical["relevance_reason"].to_list()
