"""The evaluation report must notice what is missing or wrong (otherwise the acceptance tests prove nothing)."""

import datetime as dt

import polars as pl
import pytest

from conftest import SEED_GOLD
from flows.stages.evaluate import evaluate_tables, format_documents_report, format_report, pool_reports


@pytest.fixture(scope="module")
def tables(seed_run, reference):
    return seed_run.tables(reference)


def test_the_seed_release_scores_fully_on_events(tables):
    report = evaluate_tables(tables, SEED_GOLD)
    assert (report.fields["event found"].correct, report.fields["event found"].gold) == (5, 5)


def test_a_missing_event_is_a_miss(tables):
    events = tables["events"].filter(pl.col("event_type") != "phone_call")
    report = evaluate_tables(dict(tables, events=events), SEED_GOLD)
    assert (report.fields["event found"].correct, report.fields["event found"].gold) == (3, 5)
    assert sum("phone_call" in m for m in report.misses) == 2


def test_a_wrong_date_counts_against_date_and_event_found(tables):
    events = tables["events"].with_columns(date=pl.col("date").dt.offset_by("1d"))
    report = evaluate_tables(dict(tables, events=events), SEED_GOLD)
    assert report.fields["event found"].correct == 0
    assert report.fields["date"].correct == 0
    assert report.fields["type"].correct == 5


def test_a_wrong_speaker_is_a_missed_statement(tables):
    statements = tables["statements"].with_columns(
        speaker_name=pl.when(pl.col("speaker_name") == "Tô Lâm").then(pl.lit("Lương Cường"))
        .otherwise(pl.col("speaker_name")))
    report = evaluate_tables(dict(tables, statements=statements), SEED_GOLD)
    gold_to_lam = 8  # gold statements of Tô Lâm in 000 and 003
    assert report.fields["statement found"].correct == report.fields["statement found"].gold - gold_to_lam


def test_sidebar_names_are_reported_as_leaks(tables):
    statements = tables["statements"].with_columns(
        sentence=pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("Chủ tịch Quốc hội Trần Thanh Mẫn nhấn mạnh."))
        .otherwise(pl.col("sentence")))
    report = evaluate_tables(dict(tables, statements=statements), SEED_GOLD)
    assert len(report.leaks) == 1
    assert "sidebar leaks: 1" in format_report(report)


# ---------------------------------------------------------------- gold sets with a documents: list


from flows.stages.evaluate import date_agrees, event_matches, names_match  # noqa: E402


@pytest.mark.parametrize("gold, extracted, expected", [
    ("Tô Lâm", "Tô Lâm", True),
    ("to lam", "Tô Lâm", True),
    ("Putin", "Vladimir Putin", True),
    ("Shinzo Abe", "Abe Shinzo", True),
    ("Rex Tilerson", "Rex Tillerson", True),  # foreign name transcribed differently
    ("Emmanuel Marcon", "Emmanuel Macron", True),  # two neighbouring letters swapped, as a text misspelt it
    ("Emmanuel Nacrom", "Emmanuel Macron", False),  # ... but not two letters apart
    ("Edoard Philippe", "Édouard Philippe", True),  # a foreign name's own accents are no Vietnamese diacritics
    ("Trần Văn Phúx", "Trần Văn Phúc", False),  # ... and a Vietnamese name never matches one letter off
    ("Daniel Kritenbrink", "Dan Kritenbrink", True),
    ("Nguyễn Xuân Phúc", "Trần Văn Phúc", False),  # Vietnamese: never on the given name alone
    ("Nguyễn Xuân Phúc", "Nguyễn Xuân Phúc", True),
    ("Donald Trump", "Donald Tusk", False),
    ("Moon Jae-in", "Moon Jae In", True),
    ("Xi Jinping", "", False),
    ("A.Gu-tê-rét", "António Guterres", True),  # two aliases of one person in the reference data
    ("Sếch Ta-min bin Ha-mát an Tha-ni", "Tamim bin Hamad Al Thani", True),  # ... a news agency's rendering
    ("Đ.Trăm", "Donald Tusk", False),
    ("EU", "Liên minh châu Âu", True),  # two aliases of one organisation
    ("NATO", "Liên minh châu Âu", False),
])
def test_names_match(gold, extracted, expected):
    assert names_match(gold, extracted) is expected


def _event(doc_id="d1", event_type="meeting", names=("Nguyễn Xuân Phúc", "Shinzo Abe"), date=None,
           historical=False):
    return {"event_id": f"evt_{event_type}_{len(names)}_{date}", "event_type": event_type, "date": date,
            "historical": historical, "source_doc_ids": [doc_id],
            "participants": [{"entity_id": None, "name": n, "office_id": None, "role": None, "country": None}
                             for n in names]}


@pytest.mark.parametrize("gold, event, expected", [
    ({"types": ["meeting", "talks"], "participants": ["Nguyễn Xuân Phúc", "Abe"]}, _event(), True),
    ({"types": ["phone_call"], "participants": ["Nguyễn Xuân Phúc", "Abe"]}, _event(), False),
    ({"types": ["meeting"], "participants": ["Nguyễn Xuân Phúc", "Abe", "Trump"]}, _event(), False),
    # two gold people cannot both be matched by one extracted participant
    ({"types": ["meeting"], "participants": ["Abe", "Shinzo Abe"]}, _event(names=("Shinzo Abe",)), False),
])
def test_event_matches(gold, event, expected):
    assert event_matches(gold, event) is expected


@pytest.mark.parametrize("gold, extracted, expected", [
    ({"date": "2017-05-06", "date_precision": "day"}, dt.date(2017, 5, 6), True),
    ({"date": "2017-05-06", "date_precision": "day"}, dt.date(2016, 5, 6), False),
    ({"date": "2017-05-01", "date_precision": "month"}, dt.date(2017, 5, 20), True),
    ({"date": "2017-01-01", "date_precision": "year"}, dt.date(2017, 9, 2), True),
    ({"date": "2017-05-06", "date_precision": "day"}, None, False),
    ({"date": None, "date_precision": "none"}, dt.date(2017, 9, 2), None),
])
def test_date_agreement(gold, extracted, expected):
    assert date_agrees(gold, extracted) is expected


GOLD_YAML = """
documents:
  - {doc: a.txt, relevance: diplomatic_contact, topic: politics}
  - {doc: b.txt, relevance: not_relevant, topic: sport}
  - {doc: c.txt, relevance: not_relevant, topic: crime}
  - {doc: d.txt, relevance: diplomatic_contact, topic: politics}
events:
  - {doc: a.txt, date: 2017-05-06, date_precision: day, types: [talks, meeting],
     participants: [Nguyễn Xuân Phúc, Shinzo Abe]}
  - {doc: a.txt, date: 2017-05-05, date_precision: day, types: [visit], participants: [Nguyễn Xuân Phúc],
     optional: true}
  - {doc: d.txt, date: 2017-03-01, date_precision: day, types: [phone_call], participants: [Trump, Putin]}
statements:
  - {doc: a.txt, speaker: Nguyễn Xuân Phúc, act: affirm, cue: hợp tác toàn diện}
  - {doc: a.txt, speaker: Shinzo Abe, act: thank, cue: cảm ơn sự đón tiếp}
"""


def _documents_tables(events, statements):
    documents = pl.DataFrame({"doc_id": ["d1", "d2", "d3", "d4"],
                              "source_file": ["a.txt", "b.txt", "c.txt", "d.txt"]})

    def statement(sid, speaker, sentence):
        return {"statement_id": sid, "doc_id": "d1", "speaker_name": speaker, "joint": False,
                "sentence": sentence, "content": sentence, "act": "affirm"}

    return {"documents": documents,
            "events": pl.DataFrame(events, schema={"event_id": pl.String, "event_type": pl.String, "date": pl.Date,
                                                   "historical": pl.Boolean, "source_doc_ids": pl.List(pl.String),
                                                   "participants": pl.List(pl.Struct({
                                                       "entity_id": pl.String, "name": pl.String,
                                                       "office_id": pl.String, "role": pl.String,
                                                       "country": pl.String}))}),
            "statements": pl.DataFrame([statement(*s) for s in statements])}


def test_documents_gold_figures(tmp_path):
    (tmp_path / "dev.yaml").write_text(GOLD_YAML, encoding="utf-8")
    events = [
        _event("d1", "talks", date=dt.date(2017, 5, 6)),                   # matches the required talks
        _event("d1", "meeting", date=dt.date(2017, 5, 6)),                 # a second event for it: false
        _event("d1", "visit", names=("Nguyễn Xuân Phúc",), date=None),     # optional: not counted
        _event("d2", "reception", names=("Park Hang-seo", "Lê Duẩn")),     # sport: false, irrelevant doc
        _event("d4", "phone_call", names=("Donald Trump", "Vladimir Putin"), date=dt.date(2017, 3, 2)),
    ]
    statements = [("s1", "Nguyễn Xuân Phúc", "Ông khẳng định hợp tác toàn diện."),
                  ("s2", "Nguyễn Xuân Phúc", "Ông cảm ơn sự đón tiếp."),  # gold: Abe
                  ("s3", "Nguyễn Xuân Phúc", "Nói về thời tiết.")]         # no cue: not counted
    report = evaluate_tables(_documents_tables(events, statements), tmp_path).documents
    assert (report.events_matched, report.events_extracted, report.events_matched_optional) == (2, 5, 1)
    assert report.event_precision == pytest.approx(2 / 4)
    assert (report.gold_required_found, report.gold_required) == (2, 2)
    assert report.false_events_per_1000_irrelevant == pytest.approx(1000 * 1 / 2)
    assert (report.dates_agree, report.dates_known) == (1, 2)  # the phone call is a day off
    assert (report.statements_speaker_right, report.statements_with_cue) == (1, 2)
    assert (report.gold_statements_found, report.gold_statements) == (1, 2)
    text = format_report(evaluate_tables(_documents_tables(events, statements), tmp_path))
    assert "event precision: 0.500" in text and "false events per 1,000 irrelevant documents: 500.0" in text


def test_a_document_listed_again_without_its_relevance_keeps_it(tmp_path):
    # blind34's statements file lists its documents as "{doc: x.txt}": they stay relevant
    (tmp_path / "a_events.yaml").write_text(GOLD_YAML, encoding="utf-8")
    (tmp_path / "b_statements.yaml").write_text("documents:\n  - {doc: a.txt}\n  - {doc: d.txt}\nstatements: []\n",
                                               encoding="utf-8")
    report = evaluate_tables(_documents_tables([_event("d4", "phone_call", names=("Donald Trump", "Vladimir Putin"))],
                                               []), tmp_path).documents
    assert (report.n_documents, report.n_not_relevant, report.false_events_irrelevant) == (4, 2, 0)


def test_a_document_listed_twice_with_two_relevances_is_an_error(tmp_path):
    (tmp_path / "a_events.yaml").write_text(GOLD_YAML, encoding="utf-8")
    (tmp_path / "b_statements.yaml").write_text("documents:\n  - {doc: a.txt, relevance: not_relevant}\n",
                                               encoding="utf-8")
    with pytest.raises(ValueError, match="a.txt is listed with relevance"):
        evaluate_tables(_documents_tables([], []), tmp_path)


def test_pooled_gold_sets_sum_their_counts(tmp_path):
    (tmp_path / "dev.yaml").write_text(GOLD_YAML, encoding="utf-8")
    full = evaluate_tables(_documents_tables([_event("d1", "talks"), _event("d1", "meeting")], []), tmp_path).documents
    missed = evaluate_tables(_documents_tables([_event("d1", "talks")], []), tmp_path).documents
    pooled = pool_reports([full, missed])
    assert (pooled.events_matched, pooled.events_extracted) == (2, 3)
    assert pooled.event_precision == pytest.approx(2 / 3)  # not the mean of 1/2 and 1/1
    assert (pooled.gold_required_found, pooled.gold_required, pooled.n_documents) == (2, 4, 8)
    assert pooled.missed_events == full.missed_events + missed.missed_events
    text = format_documents_report(pooled, details=False)
    assert "event precision: 0.667 (2 matched of 3 extracted" in text and "missed event" not in text


def test_a_missed_required_event_lowers_recall(tmp_path):
    (tmp_path / "dev.yaml").write_text(GOLD_YAML, encoding="utf-8")
    report = evaluate_tables(_documents_tables([_event("d1", "talks")], []), tmp_path).documents
    assert (report.gold_required_found, report.gold_required) == (1, 2)
    assert any("d.txt" in miss for miss in report.missed_events)


def test_a_gold_document_missing_from_the_tables_is_an_error(tmp_path):
    (tmp_path / "dev.yaml").write_text(GOLD_YAML.replace("d.txt, relevance", "zz.txt, relevance"), encoding="utf-8")
    with pytest.raises(ValueError, match="zz.txt"):
        evaluate_tables(_documents_tables([], []), tmp_path)


@pytest.mark.parametrize("gold, expected", [
    ({"types": ["meeting"], "participants": ["Bộ trưởng Quốc phòng Nhật Bản", "Nguyễn Xuân Phúc"],
      "participant_countries": ["JPN", "VNM"]}, True),
    ({"types": ["meeting"], "participants": ["Nhật Bản", "Nguyễn Xuân Phúc"],
      "participant_countries": ["JPN", "VNM"]}, True),
    # a capital that stands for its state, as the text writes it ("Washington và La Habana cũng đã ký …")
    ({"types": ["meeting"], "participants": ["Tokyo", "Nguyễn Xuân Phúc"],
      "participant_countries": ["JPN", "VNM"]}, True),
    ({"types": ["meeting"], "participants": ["La Habana", "Nguyễn Xuân Phúc"],
      "participant_countries": ["JPN", "VNM"]}, True),
    # a person's name is matched by name only, never by country
    ({"types": ["meeting"], "participants": ["Taro Kono", "Nguyễn Xuân Phúc"],
      "participant_countries": ["JPN", "VNM"]}, False),
    # ... the lower-case particles of a foreign name too ("bin", "al-")
    ({"types": ["meeting"], "participants": ["Mohammed bin Taro", "Nguyễn Xuân Phúc"],
      "participant_countries": ["JPN", "VNM"]}, False),
    ({"types": ["meeting"], "participants": ["Taro al-Kono", "Nguyễn Xuân Phúc"],
      "participant_countries": ["JPN", "VNM"]}, False),
    ({"types": ["state_visit"], "participants": ["Nguyễn Xuân Phúc"]}, False),
])
def test_descriptive_gold_participants_match_by_country(gold, expected):
    event = _event(names=("Nguyễn Xuân Phúc", "Shinzo Abe"))
    event["participants"][0]["country"], event["participants"][1]["country"] = "VNM", "JPN"
    assert event_matches(gold, event) is expected


def test_state_visit_gold_type_matches_a_visit():
    assert event_matches({"types": ["state_visit"], "participants": ["Nguyễn Xuân Phúc"]},
                         _event(event_type="visit", names=("Nguyễn Xuân Phúc",)))


@pytest.mark.parametrize("gold_types, event_type, expected", [
    (["reception"], "banquet", True),  # the gold vocabulary has no banquet: annotators typed it a reception
    (["ceremony", "meeting"], "banquet", True),
    (["banquet"], "banquet", True),
    (["talks"], "banquet", False),
    (["banquet"], "reception", False),  # a banquet in the gold is not any reception
])
def test_an_extracted_banquet_matches_a_gold_reception_or_ceremony(gold_types, event_type, expected):
    assert event_matches({"types": gold_types, "participants": ["Nguyễn Xuân Phúc"]},
                         _event(event_type=event_type, names=("Nguyễn Xuân Phúc",))) is expected


@pytest.mark.parametrize("gold, name, speaker_id, joint, expected", [
    ("Nga", "Liên bang Nga", "country:RUS", False, True),
    ("Mỹ", "Hoa Kỳ", "country:USA", False, True),
    ("Sergei Lavrov", "Sergey Lavrov", "person:sergey-lavrov", False, True),
    ("both", "Sergey Lavrov", "person:sergey-lavrov", True, True),
    ("both", "Sergey Lavrov", "person:sergey-lavrov", False, False),
    ("hai bên", "Sergey Lavrov", "person:sergey-lavrov", True, True),  # "both" written in Vietnamese
    ("Hai bên", "Sergey Lavrov", "person:sergey-lavrov", False, False),
    ("Mỹ", "Liên bang Nga", "country:RUS", False, False),
    ("EU", "Liên minh châu Âu", "org:eu", False, True),
    ("EU", "Liên Hợp Quốc", "org:un", False, False),
    ("Trần Đại Quang", "Du Chính Thanh", None, False, False),
    ("phía Mỹ", "Hoa Kỳ", "country:USA", False, True),  # a state's side is the state
    ("Phía Nga", "Liên bang Nga", "country:RUS", False, True),
    ("phía Mỹ", "Liên bang Nga", "country:RUS", False, False),
])
def test_speaker_matches(gold, name, speaker_id, joint, expected):
    from flows.stages.evaluate import speaker_matches

    assert speaker_matches(gold, {"speaker_name": name, "speaker_id": speaker_id, "joint": joint}) is expected


def test_the_confidence_curve_trades_recall_for_precision(tmp_path):
    from flows.stages.evaluate import confidence_curve, format_confidence_curve, load_documents_gold

    (tmp_path / "dev.yaml").write_text(GOLD_YAML, encoding="utf-8")
    events = [
        _event("d1", "talks", date=dt.date(2017, 5, 6)),                   # right, confident
        _event("d2", "reception", names=("Park Hang-seo", "Lê Duẩn")),     # false, unsure
        _event("d4", "phone_call", names=("Donald Trump", "Vladimir Putin"), date=dt.date(2017, 3, 2)),  # right, unsure
    ]
    tables = _documents_tables(events, [])
    tables["events"] = tables["events"].with_columns(confidence=pl.Series([0.9, 0.55, 0.65]))
    documents, gold_events, _ = load_documents_gold(tmp_path)
    curve = confidence_curve(tables, documents, gold_events, thresholds=(0.0, 0.6, 0.8))
    assert [(t, n) for t, n, *_ in curve] == [(0.0, 3), (0.6, 2), (0.8, 1)]
    assert [round(p, 3) for _, _, p, _, _ in curve] == [0.667, 1.0, 1.0]
    assert [r for _, _, _, r, _ in curve] == [1.0, 1.0, 0.5]
    assert [f for *_, f in curve] == [500.0, 0.0, 0.0]
    assert "| 0.6 | 2 | 1.000 | 1.000 | 0.0 |" in format_confidence_curve(curve)
