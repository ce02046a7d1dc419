"""The gold-sample tools of benchmarks/ (writing the annotators' briefs, checking what they wrote)."""

import importlib.util
from pathlib import Path

import pytest
import yaml

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_gold_sample = load("check_gold_sample")
write_gold_briefs = load("write_gold_briefs")

ARTICLES = {
    "1001.txt": "Thủ tướng tiếp Đại sứ Nhật Bản\nSáng 5/6, Thủ tướng đã tiếp Đại sứ Nhật Bản.\nHai bên trao đổi.\n",
    "1002.txt": "Bóng đá\nĐội tuyển thắng.\nTrận đấu hay.\n",
}
EVENT = {"doc": "1001.txt", "date": None, "date_precision": "none", "date_hint": "Sang 5/6", "types": ["reception"],
         "cameo": "043", "participants": ["Thủ tướng", "Đại sứ Nhật Bản"], "participant_countries": ["VNM", "JPN"],
         "involves_vietnam": True, "cue": "thu tuong da tiep dai su nhat ban", "optional": False, "note": "test"}
DOCUMENTS = [{"doc": "1001.txt", "relevance": "diplomatic_contact", "topic": "diplomacy"},
             {"doc": "1002.txt", "relevance": "not_relevant", "topic": "sport"}]


@pytest.fixture
def sample(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    folder = tmp_path / "blind99"
    folder.mkdir()
    (folder / "random_sample.txt").write_text(
        "# drawn by benchmarks/draw_gold_sample.py --seed 20261299 --contacts 0 --random 2; pool 1234 names\n"
        "1001.txt\n1002.txt\n", encoding="utf-8")
    return folder, corpus


def write_quarter(folder: Path, documents: list[dict], events: list[dict]) -> None:
    (folder / "random_events_a.yaml").write_text(yaml.safe_dump({"documents": documents, "events": events},
                                                                allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("documents, events, expected", [
    (DOCUMENTS, [EVENT], None),
    (DOCUMENTS[:1], [EVENT], "documents are not the quarter's 2 names"),
    (DOCUMENTS[::-1], [EVENT], "documents are not the quarter's 2 names"),
    (DOCUMENTS, [EVENT, dict(EVENT, doc="1003.txt")], "an event of a document that is not listed"),
    (DOCUMENTS, [{k: EVENT[k] for k in reversed(list(EVENT))}], "keys"),
    (DOCUMENTS, [dict(EVENT, cue="sang 5/6, thu tuong da tiep dai su nhat")], "cue of more than 8 words"),
    (DOCUMENTS, [dict(EVENT, cue="thu tuong da hoi dam")], "cue not in the folded article"),
    (DOCUMENTS, [dict(EVENT, types=["summit"])], "types"),
    (DOCUMENTS, [dict(EVENT, participant_countries=["VNM"])], "of different lengths"),
    (DOCUMENTS, [dict(EVENT, date="2017-06-05")], "with precision 'none'"),
    (DOCUMENTS, [dict(EVENT, optional=True)], "relevance diplomatic_contact without a required event"),
    ([dict(DOCUMENTS[0], relevance="official_statement"), DOCUMENTS[1]], [EVENT],
     "relevance official_statement with a required event"),
], ids=["right", "a name missing", "out of order", "unlisted document", "keys out of order", "long cue",
        "cue not in the text", "unknown type", "countries missing", "date with no precision",
        "contact without a required event", "required event in a statement"])
def test_check_gold_sample_reports_each_problem(sample, documents, events, expected):
    folder, corpus = sample
    write_quarter(folder, documents, events)
    problems = check_gold_sample.check_sample(folder, corpus)
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1 and expected in problems[0], problems


def test_check_gold_sample_reports_a_missing_quarter_and_fails(sample, capsys):
    folder, corpus = sample
    assert check_gold_sample.main([str(folder), "--corpus", str(corpus)]) == 1
    assert "random_events_a.yaml: missing" in capsys.readouterr().out


def test_write_gold_briefs_gives_each_quarter_its_names_and_the_sample(sample, tmp_path):
    folder, corpus = sample
    briefs = write_gold_briefs.write_briefs(folder, "ninety-ninth", tmp_path / "briefs", corpus, "2026-12-06")
    assert [b.name for b in briefs] == ["brief_a.txt"]
    text = briefs[0].read_text(encoding="utf-8")
    assert (tmp_path / "briefs" / "names_a.txt").read_text(encoding="utf-8").split() == ["1001.txt", "1002.txt"]
    assert "gold annotation of blind99, quarter A" in text
    assert "1001.txt ... 1002.txt" in text and "--seed 20261299" in text and "pool 1,234 names" in text
    assert f"{folder.name}/random_events_a.yaml" in text and str(corpus) in text
    assert "{" not in text.replace("{doc: NAME", "")  # every placeholder filled
