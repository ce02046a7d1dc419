"""The acceptance spec: the five seeds against the hand-checked gold in tests/gold/seeds/."""

import datetime as dt

import polars as pl
import pytest

from conftest import SEED_GOLD
from flows.stages.evaluate import evaluate_tables, load_gold
from flows.textutil import fold


@pytest.fixture(scope="module")
def report(seed_run, reference):
    return evaluate_tables(seed_run.tables(reference), SEED_GOLD)


def test_every_required_gold_event_is_found_with_date_type_and_participants(report):
    for field in ("event found", "date", "type", "participants"):
        assert report.fields[field].recall == 1.0, (field, report.misses)


def test_at_least_90_percent_of_gold_statements_have_the_exact_speaker(report):
    assert report.fields["statement found"].recall >= 0.9, report.misses
    assert report.fields["speaker"].recall >= 0.9


def test_nothing_from_the_sidebar_becomes_an_event_or_statement(report, seed_run):
    assert report.leaks == []
    _, _, forbidden = load_gold(SEED_GOLD)
    sidebar = seed_run.blocks.filter(pl.col("kind") == "sidebar")["clean_text"].to_list()
    for statement in seed_run.statements["sentence"]:
        assert statement not in " ".join(sidebar)
    for name in forbidden:
        for mention in seed_run.event_mentions["sentence"]:
            assert fold(name) not in fold(mention)


@pytest.mark.parametrize(
    "seed, event_type, day",
    [("002", "talks", dt.date(2024, 6, 20)), ("004", "phone_call", dt.date(2021, 4, 5)),
     ("001", "meeting", dt.date(2026, 2, 24)), ("000", "phone_call", dt.date(2026, 1, 24)),
     ("003", "meeting", dt.date(2025, 10, 10))],
    ids=["002 year from the anniversary, not the sidebar", "004 year from 'trong năm 2021'",
         "001 the meeting day, not the publication day", "000 'tối nay'", "003 third-country meeting"],
)
def test_main_event_dates(seed_run, seed, event_type, day):
    doc_id = seed_run.doc_id(seed)
    main = seed_run.events.filter(pl.col("source_doc_ids").list.contains(doc_id) & ~pl.col("historical")
                                  & (pl.col("event_type") == event_type))
    assert main["date"].to_list() == [day]


def test_003_is_a_meeting_in_a_third_country(seed_run):
    event = seed_run.events.filter(pl.col("event_type") == "meeting", pl.col("location") == "Bình Nhưỡng")
    assert event.select("cameo_code", "location_country").row(0) == ("044", "PRK")


def test_the_2025_moscow_talks_in_a_000_caption_stay_a_separate_historical_event(seed_run):
    doc_id = seed_run.doc_id("000")
    events = seed_run.events.filter(pl.col("source_doc_ids").list.contains(doc_id)).sort("date")
    assert events.select("event_type", "date", "historical").rows() == [
        ("talks", dt.date(2025, 5, 10), True), ("phone_call", dt.date(2026, 1, 24), False)]


def test_statements_have_a_speaker_unless_joint_or_an_organisation_or_document(seed_run):
    anonymous = seed_run.statements.filter(pl.col("speaker_id").is_null())
    assert set(anonymous["speaker_type"]) <= {"organisation", "document", "joint"}
    assert set(anonymous["speaker_name"]) <= {"Đại hội", "Thông điệp"}


def test_statements_link_to_their_contact(seed_run):
    assert seed_run.statements["event_id"].null_count() == 0
    assert set(seed_run.statements["event_id"]) <= set(seed_run.events["event_id"])
