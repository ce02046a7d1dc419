"""The evaluation report must notice what is missing or wrong (otherwise the acceptance tests prove nothing)."""

import polars as pl
import pytest

from conftest import SEED_GOLD
from flows.stages.evaluate import evaluate_tables, format_report


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
