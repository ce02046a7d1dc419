"""Date expressions in Vietnamese news text, and how they resolve to calendar dates.

Resolution order for an event date (each result says where it came from in `date_source`):
1. an expression with its own year ("ngày 10/5/2025") -> `text`;
2. a relative expression ("tối nay", "hôm qua") against the publication date -> `relative_to_published`;
3. day and month ("chiều 24-2", "Ngày 5/4", "hôm 17/5") with the publication date's year, or the year before
   when that would put the event after publication -> `published_year`;
4. with no publication date, the year is inferred from evidence in the kept text only (never
   sidebars or captions of other stories): an anniversary span "(1994-2024)" whose length matches
   a nearby "kỷ niệm 30 năm" -> `inferred_anniversary`; "trong năm 2021", or a chairmanship year
   ("Năm Chủ tịch ASEAN 2024") -> `inferred_year_mention`; failing those, the one year the whole
   kept text names, when it names exactly one ("Tọa đàm … 2017") -> `inferred_year_mention`;
   figures of the year so far ("5 tháng đầu năm 2017", "quý I/2017", "Tính đến tháng 3/2017") count
   twice as much as a year mention, and an occasion named with its year ("APEC 2017") as much as
   one -> `inferred_year_mention`, except a quarter a clause plans for ("dự kiến … quý I/2020");
   "tháng 2/2017 vừa qua" recalls the recent past like "hồi tháng";
   candidate years must agree with the tenure of every titled person mentioned ("Tổng Bí thư
   Nguyễn Phú Trọng" rules out 2025), and tenure alone may fix the year -> `inferred_office`;
5. otherwise the date is null and `date_precision` is `none`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

TIME_WORDS = r"(?:rạng sáng|sáng|trưa|chiều|tối|đêm)"
RELATIVE_RE = re.compile(
    rf"(?<!\w)(?:(?P<tod>{TIME_WORDS})|hôm)\s+(?P<rel>nay|qua|mai)(?!\w)", re.IGNORECASE
)
RANGE_RE = re.compile(
    r"(?<!\w)(?:từ\s+)?ngày\s+(?P<d1>\d{1,2})(?:\s*[-–]\s*|\s+đến\s+(?:ngày\s+)?)(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})"
    r"(?:\s*[/.-]\s*(?P<y>\d{4}))?(?!\d)",
    re.IGNORECASE,
)
DAY_MONTH_RE = re.compile(
    rf"(?<![\w/.-])(?:(?P<tod>{TIME_WORDS})\s+(?:ngày\s+)?|(?P<ngay>ngày|hôm)\s+)?"
    r"(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})(?:\s*(?P=sep)\s*(?P<y>\d{4}))?(?![\d/-]|\.\d)",
    re.IGNORECASE,
)
MONTH_RE = re.compile(r"(?<!\w)tháng\s+(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>\d{4})(?!\d)", re.IGNORECASE)
ANNIVERSARY_SPAN_RE = re.compile(r"\((?:\d{1,2}/\d{1,2}/)?(?P<a>\d{4})\s*[-–]\s*(?:\d{1,2}/\d{1,2}/)?(?P<b>\d{4})\)")
ANNIVERSARY_WORDS_RE = re.compile(r"(?P<toward>hướng tới|tiến tới|chuẩn bị)?\s*(?:lễ\s+)?kỷ niệm\s+(?P<n>\d{1,3})\s+năm", re.IGNORECASE)
YEAR_MENTION_RE = re.compile(
    r"(?<!\w)(?:(?:trong|đầu|giữa|cuối)\s+năm|(?:năm\s+)?Chủ tịch\s+(?:ASEAN|APEC|BRICS|G20|G7|SCO|AIPA|ASEM))"
    r"\s+(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
RECALLED_MONTH_RE = re.compile(r"(?<!\w)(?:hồi\s+tháng\s+(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>\d{4})(?!\d)|"
                               r"tháng\s+(?P<m2>\d{1,2})\s*(?:/|năm)\s*(?P<y2>\d{4})\s+vừa qua)", re.IGNORECASE)
# "APEC 2017", "Triển lãm MVMS - 2017": an occasion named with its year, a weak sign of the current year;
# only from the first year of online news on ("UNCLOS 1982" names a convention, not the year of writing).
NAMED_OCCASION_YEAR_RE = re.compile(r"(?<![\w-])[A-Z]{3,}(?:\s+Việt Nam)?\s*(?:-\s*)?(?P<y>(?:19|20)\d\d)(?![\d/-])")
# "5 tháng đầu năm 2017", "quý I/2017", "Tính đến tháng 3/2017": figures of the year so far, which news
# of a contact quotes for the year it is written in.
YEAR_TO_DATE_RE = re.compile(
    r"(?<!\w)(?:(?:\d{1,2}|mấy)\s+tháng\s+đầu\s+năm|quý\s+(?:I{1,3}|IV|[1-4])\s*(?:/|-|năm)|"
    r"tính (?:đến|tới)\s+(?:(?:cuối|hết)\s+)?(?:ngày\s+\d{1,2}\s*/\s*)?tháng\s+\d{1,2}\s*(?:/|năm))\s*(?P<y>\d{4})(?!\d)",
    re.IGNORECASE)
# Year mentions, what each counts, and whether a plan voids it: figures of the year so far weigh twice
# a plain mention, but "dự kiến công trình sẽ đi vào vận hành thử trong quý I/2020" is a quarter the
# clause plans for, not the year the article is written in (a plan word at most 60 characters before,
# in the same clause). A plan of "APEC Việt Nam 2017" or "trong năm 2017" still names the year.
YEAR_EVIDENCE = ((YEAR_MENTION_RE, 1, False), (NAMED_OCCASION_YEAR_RE, 1, False), (YEAR_TO_DATE_RE, 2, True))
# Online Vietnamese news, whose pages carry a trailing date, starts in the late 1990s: no article was
# written before this year.
FIRST_ONLINE_NEWS_YEAR = 1995
# Words that aim at a time to come ("mục tiêu đạt … vào năm 2020"); "kế hoạch" also names a year's plan.
AIM_WORDS = "dự kiến|dự định|sẽ|phấn đấu|mục tiêu|lộ trình"
PLAN_BEFORE_RE = re.compile(rf"(?<!\w)(?:{AIM_WORDS}|kế hoạch)(?!\w)[^.;:!?]{{0,60}}$", re.IGNORECASE)
PLAN_WINDOW_CHARS = 80  # the plan word and its 60 characters fit in it
# The end of a year named in a story whose contact is in this month or earlier is the end of the year
# before: a contact of the same year would come before it. (November and December stay: "cuối năm" may
# mean the weeks the story is in.)
LAST_MONTH_BEFORE_YEAR_END = 10
DEADLINE_OR_PLAN_BEFORE_RE = re.compile(rf"(?<!\w)(?:{AIM_WORDS}|kế hoạch|trước|đến|tới)(?!\w)[^.;:!?]{{0,60}}$",
                                        re.IGNORECASE)
# The words of a plan that aims at a year ("mục tiêu đạt … vào năm 2020"), not those that name a year's plan.
AIM_BEFORE_RE = re.compile(rf"(?<!\w)(?:{AIM_WORDS})(?!\w)[^.;:!?]{{0,60}}$", re.IGNORECASE)
PARENTHESES_RE = re.compile(r"\([^()]*\)")
BARE_YEAR_RE = re.compile(r"(?<![\d/-])(?<!\d\.)((?:19|20)\d\d)(?![\d/-]|\.\d)")
# "trước năm 2018", "đến năm 2020": a deadline or the end of a span; "kể từ năm 2013", "bắt đầu từ 1999":
# the start of one (the third visit "since 2013"). Neither is the year of writing.
SPAN_BOUND_YEAR_RE = re.compile(r"(?<!\w)(?:trước|đến|tới|(?:kể\s+)?từ)\s+(?:hết\s+)?(?:năm\s+)?(?:19|20)\d\d(?!\d)",
                                re.IGNORECASE)


@dataclass(frozen=True)
class DateExpression:
    start: int
    end: int
    text: str
    day: int | None
    month: int | None
    year: int | None
    end_day: int | None = None
    end_month: int | None = None
    relative_days: int | None = None
    time_of_day: str | None = None


@dataclass(frozen=True)
class ResolvedDate:
    date: dt.date | None
    end_date: dt.date | None
    precision: str  # day, month, year, none
    source: str | None
    time_of_day: str | None
    text: str | None


NO_DATE = ResolvedDate(None, None, "none", None, None, None)


def _inside_parentheses(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in PARENTHESES_RE.finditer(text)]


def find_date_expressions(text: str) -> list[DateExpression]:
    """Date expressions in `text`, in order; those inside parentheses (anniversary spans such as
    "(10/10/1945-10/10/2025)") are left out because they date something else."""
    skip = _inside_parentheses(text)
    found: list[DateExpression] = []

    def free(start: int, end: int) -> bool:
        return not any(s <= start and end <= e for s, e in skip) and not any(
            f.start < end and start < f.end for f in found)

    for m in RELATIVE_RE.finditer(text):
        offset = {"nay": 0, "qua": -1, "mai": 1}[m.group("rel").lower()]
        tod = m.group("tod").lower() if m.group("tod") else None
        found.append(DateExpression(m.start(), m.end(), m.group(0), None, None, None,
                                    relative_days=offset, time_of_day=tod))
    for m in RANGE_RE.finditer(text):
        if free(m.start(), m.end()):
            year = int(m.group("y")) if m.group("y") else None
            found.append(DateExpression(m.start(), m.end(), m.group(0), int(m.group("d1")), int(m.group("m")),
                                        year, end_day=int(m.group("d2")), end_month=int(m.group("m"))))
    for m in DAY_MONTH_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        # "24-2", "1/3" or "7.000" alone could be a score, a fraction or a number: without a year,
        # a date needs "ngày" (or "hôm", the day) or a time word before it. Some outlets write "5.6" for 5 June.
        if not (m.group("tod") or m.group("ngay") or m.group("y")):
            continue
        day, month = int(m.group("d")), int(m.group("m"))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        tod = m.group("tod").lower() if m.group("tod") else None
        found.append(DateExpression(m.start(), m.end(), m.group(0), day, month,
                                    int(m.group("y")) if m.group("y") else None, time_of_day=tod))
    for m in MONTH_RE.finditer(text):
        if free(m.start(), m.end()) and 1 <= int(m.group("m")) <= 12:
            found.append(DateExpression(m.start(), m.end(), m.group(0), None, int(m.group("m")), int(m.group("y"))))
    return sorted(found, key=lambda e: e.start)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve(expression: DateExpression, published: dt.date | None, inferred_year: tuple[int, str] | None) -> ResolvedDate:
    """One expression -> a calendar date, using the publication date or an inferred year."""
    tod = expression.time_of_day
    if expression.relative_days is not None:
        if published is None:
            return ResolvedDate(None, None, "none", None, tod, expression.text)
        day = published + dt.timedelta(days=expression.relative_days)
        return ResolvedDate(day, None, "day", "relative_to_published", tod, expression.text)
    if expression.day is None:  # month and year
        first = _safe_date(expression.year, expression.month, 1)
        return ResolvedDate(first, None, "month", "text", tod, expression.text)
    if expression.year is not None:
        year, source = expression.year, "text"
    elif published is not None:
        year, source = published.year, "published_year"
        candidate = _safe_date(year, expression.month, expression.day)
        # A day-month after the publication date (beyond a week of announced plans) is last year's.
        if candidate and candidate > published + dt.timedelta(days=7):
            year -= 1
    elif inferred_year is not None:
        year, source = inferred_year
    else:
        return ResolvedDate(None, None, "none", None, tod, expression.text)
    start = _safe_date(year, expression.month, expression.day)
    if start is None:
        return ResolvedDate(None, None, "none", None, tod, expression.text)
    end = None
    if expression.end_day is not None:
        end = _safe_date(year, expression.end_month or expression.month, expression.end_day)
    return ResolvedDate(start, end, "day", source, tod, expression.text)


def infer_year(texts: list[str], allowed_years: set[int] | None, month: int | None = None) -> tuple[int, str] | None:
    """The event year from kept-text evidence, or None when nothing fixes it.

    `allowed_years` comes from office tenures of the people named with a title in the article
    (None: no constraint known); `month` is the event's month when known, so that "tháng 3/2024"
    or "ngày 20/3/2024" in an article about "Chiều 26/3" count as evidence for 2024."""
    scores: dict[int, int] = {}
    sources: dict[int, str] = {}
    for text in texts:
        if month is not None:
            for expression in find_date_expressions(text):
                if expression.year and expression.month == month and expression.relative_days is None:
                    scores[expression.year] = scores.get(expression.year, 0) + 2
                    sources.setdefault(expression.year, "inferred_year_mention")
            # "hồi tháng 5/2025" recalls the recent past: the event follows it within a year.
            for recalled in RECALLED_MONTH_RE.finditer(text):
                recalled_month = int(recalled.group("m") or recalled.group("m2"))
                year = int(recalled.group("y") or recalled.group("y2")) + (1 if recalled_month > month else 0)
                scores[year] = scores.get(year, 0) + 1
                sources.setdefault(year, "inferred_year_mention")
        for span in ANNIVERSARY_SPAN_RE.finditer(text):
            first, last = int(span.group("a")), int(span.group("b"))
            window = text[max(0, span.start() - 160) : span.start()]
            words = list(ANNIVERSARY_WORDS_RE.finditer(window))
            if words and int(words[-1].group("n")) == last - first and not words[-1].group("toward"):
                scores[last] = scores.get(last, 0) + 3
                sources.setdefault(last, "inferred_anniversary")
        for pattern, points, void_when_planned in YEAR_EVIDENCE:
            for mention in pattern.finditer(text):
                if void_when_planned and PLAN_BEFORE_RE.search(text, max(0, mention.start() - PLAN_WINDOW_CHARS),
                                                               mention.start()):
                    continue
                year = int(mention.group("y"))
                if pattern is NAMED_OCCASION_YEAR_RE and year < FIRST_ONLINE_NEWS_YEAR:
                    continue
                if (pattern is YEAR_MENTION_RE and month is not None and month <= LAST_MONTH_BEFORE_YEAR_END
                        and mention.group(0).casefold().startswith("cuối")
                        and not DEADLINE_OR_PLAN_BEFORE_RE.search(text, max(0, mention.start() - PLAN_WINDOW_CHARS),
                                                                  mention.start())):
                    # "có hiệu lực từ cuối năm 2016", "chuyến thăm Cuba cuối năm 2016" in a story of "Sáng 27/6":
                    # the end of a year before the contact's month recalls the year before it.
                    year += 1
                scores[year] = scores.get(year, 0) + points
                sources.setdefault(year, "inferred_year_mention")
    if not scores:
        # "Tọa đàm Hợp tác kinh tế Việt Nam - Trung Quốc 2017", "Ngày hội … 2017": when the whole
        # text names one year and no other, the contact is of that year (weakest evidence, so
        # any other kind wins; parenthesised spans such as "(1950-2017)" do not count, and a year named
        # only as a deadline or a span's start, "trước năm 2018", "kể từ năm 2013", is not the year of
        # writing).
        unbracketed = [PARENTHESES_RE.sub(" ", text) for text in texts]
        years = {int(y) for text in unbracketed for y in BARE_YEAR_RE.findall(text)}
        # (nor a year a plan aims at: "mục tiêu đạt 2 tỉ USD kim ngạch thương mại hai chiều vào năm 2020"; a
        # year's plan named so, "kế hoạch hợp tác năm 2017", is of the year of writing)
        unbounded = [SPAN_BOUND_YEAR_RE.sub(" ", text) for text in unbracketed]
        outside_span_bounds = {int(m.group(1)) for text in unbounded for m in BARE_YEAR_RE.finditer(text)
                               if not AIM_BEFORE_RE.search(text, max(0, m.start() - PLAN_WINDOW_CHARS), m.start())}
        if len(years) == 1 and outside_span_bounds:
            year = next(iter(years))
            scores[year] = 1
            sources[year] = "inferred_year_mention"
    if allowed_years is not None:
        scores = {y: s for y, s in scores.items() if y in allowed_years}
    if scores:
        best = max(scores.values())
        top = [y for y, s in scores.items() if s == best]
        if len(top) == 1:
            return top[0], sources[top[0]]
        return None
    if allowed_years is not None and len(allowed_years) == 1:
        return next(iter(allowed_years)), "inferred_office"
    return None
