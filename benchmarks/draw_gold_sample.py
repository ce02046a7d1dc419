"""Draw the file names of a second, unseen gold sample from the baomoi-2017 corpus (names only).

    python benchmarks/draw_gold_sample.py --seed 20261202 --contacts 60 --random 250 --out tests/gold/baomoi/blind2

Every sample already drawn (every `*sample.txt` under `tests/gold/baomoi/`) is excluded, so the new
documents have never been read by the project. Two lists are written:

- `random_sample.txt`: `--random` names drawn uniformly from the rest of the corpus (what a
  scheduled run sees; most have no contact);
- `contacts_sample.txt`: `--contacts` names drawn uniformly from the TITLE candidates among the
  rest: line 1 has a contact cue (the words of the first sample's header, with its non-contact
  compounds excluded) and the name of a country in `flows/reference/countries.tsv` or one of a
  few foreign-leader and international-body words. Keyword hits that are not contacts stay in
  the gold as `not_relevant`. With `--candidates lead` the same test is made on line 2 (the
  lead) instead: the title candidates ran out after seven samples (blind8 is the first lead
  sample). With `--candidates body` a document is a candidate when line 3 (the body) holds one
  of a few strong contact phrases (`STRONG_CONTACT_CUE`: "hội đàm", "điện đàm", "hội kiến",
  "điện mừng", "thăm chính thức", ...) and a foreign name: the lead candidates ran out with
  blind18, and the body's weaker cues ("gặp", "tiếp", "thăm") hold in about 7,500 of the
  remaining 25,845 documents, most of them not about any contact. With `--candidates body-weak`
  (blind24 on, the strong body candidates having run out with blind23) the body holds one of those
  weaker cues (`CONTACT_CUE` outside `NOT_CONTACT`), a foreign name and an official's title
  (`OFFICIAL_TITLE`): 1,985 of the remaining 24,299 documents (1,966 outside blind24's random part).
  With `--candidates body-title` (blind54 on, the weak body candidates having run out with blind53)
  the body holds an official's title and a foreign name, whatever its verbs: 1,653 of the remaining
  15,133 documents (1,626 outside blind54's random part). Every document whose body also holds a contact cue was drawn before, so these
  are the documents on foreign officials that tell a contact, if at all, in other words ("điện
  thoại", "hội nghị", "thỏa thuận", "đón", ...) or in passing.

Only the line `--candidates` names (titles, leads or bodies) is read here, and only to select;
nothing is written but names.
"""

from __future__ import annotations

import argparse
import random
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "baomoi-2017" / "articles"
GOLD = ROOT / "tests" / "gold" / "baomoi"

CONTACT_CUE = re.compile(r"\b(hội đàm|điện đàm|hội kiến|tiếp|thăm|gặp|điện mừng|chia buồn|tuyên bố chung|ký)\b",
                         re.IGNORECASE)
NOT_CONTACT = re.compile(r"\b(tiếp (tục|nhận|theo|cận|xúc|thị|sức|diễn|đón)|trực tiếp|thăm (dò|khám|quan|hỏi|nuôi)"
                         r"|đăng ký|thư ký|ký (ức|giả|sự|túc))\b", re.IGNORECASE)
STRONG_CONTACT_CUE = re.compile(r"\b(hội đàm|điện đàm|hội kiến|điện mừng|thư mừng|điện chia buồn|thư chia buồn"
                                r"|tuyên bố chung|tiếp xã giao|chào xã giao|thăm chính thức|thăm cấp nhà nước"
                                r"|thăm làm việc)\b", re.IGNORECASE)
OFFICIAL_TITLE = re.compile(r"\b(Thủ tướng|Tổng thống|Chủ tịch|Bộ trưởng|Đại sứ|Ngoại trưởng|Tổng Bí thư|Quốc vương"
                            r"|Nhà vua|Tổng thư ký)\b")
FOREIGN_WORDS = ["Putin", "Medvedev", "Lavrov", "Tập Cận Bình", "Lý Khắc Cường", "Trump", "Obama", "Tillerson",
                 "Abe", "Tokyo", "Bắc Kinh", "Washington", "Moscow", "Liên hợp quốc", "LHQ", "ASEAN", "APEC",
                 "EU", "NATO", "WHO", "Đại sứ", "Tổng thống", "Ngoại trưởng", "Hoa Kỳ", "Mỹ", "Nhật", "Triều Tiên",
                 "Hàn Quốc", "Trung Quốc", "Nga", "Pháp", "Đức", "Anh", "Lào", "Campuchia"]


def foreign_pattern() -> re.Pattern[str]:
    rows = (ROOT / "flows" / "reference" / "countries.tsv").read_text(encoding="utf-8").splitlines()[1:]
    names = {row.split("\t")[1] for row in rows if row.strip()} | set(FOREIGN_WORDS)
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b({alternatives})\b")


def is_contact_candidate(title: str, foreign: re.Pattern[str]) -> bool:
    title = unicodedata.normalize("NFC", title)
    return bool(CONTACT_CUE.search(NOT_CONTACT.sub(" ", title))) and bool(foreign.search(title))


def is_body_candidate(body: str, foreign: re.Pattern[str]) -> bool:
    body = unicodedata.normalize("NFC", body)
    return bool(STRONG_CONTACT_CUE.search(body)) and bool(foreign.search(body))


def is_weak_body_candidate(body: str, foreign: re.Pattern[str]) -> bool:
    body = unicodedata.normalize("NFC", body)
    return is_contact_candidate(body, foreign) and bool(OFFICIAL_TITLE.search(body))


def is_title_body_candidate(body: str, foreign: re.Pattern[str]) -> bool:
    body = unicodedata.normalize("NFC", body)
    return bool(OFFICIAL_TITLE.search(body)) and bool(foreign.search(body))


CANDIDATE_TESTS = {"title": (0, is_contact_candidate), "lead": (1, is_contact_candidate),
                   "body": (2, is_body_candidate), "body-weak": (2, is_weak_body_candidate),
                   "body-title": (2, is_title_body_candidate)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--contacts", type=int, default=60)
    parser.add_argument("--random", type=int, default=250)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--candidates", choices=tuple(CANDIDATE_TESTS), default="title",
                        help="the line a contact candidate is recognised on (line 1, 2 or 3; the body by strong cues, "
                             "by weak cues with an official's title, or by an official's title alone)")
    args = parser.parse_args()

    seen = {line.strip() for path in sorted(GOLD.rglob("*sample.txt")) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}
    pool = sorted(path.name for path in args.corpus.glob("*.txt") if path.name not in seen)
    rng = random.Random(args.seed)
    if args.random > len(pool):
        raise SystemExit(f"only {len(pool)} files are left outside earlier samples: ask for --random {len(pool)} or fewer")
    random_names = sorted(rng.sample(pool, args.random))
    foreign = foreign_pattern()
    rest = [name for name in pool if name not in set(random_names)]
    line, test = CANDIDATE_TESTS[args.candidates]
    candidates = [name for name in rest if test(
        ((args.corpus / name).read_text(encoding="utf-8").split("\n", 2) + ["", ""])[line], foreign)]
    if args.contacts > len(candidates):
        raise SystemExit(f"only {len(candidates)} {args.candidates} candidates are left outside earlier samples: "
                         f"ask for --contacts {len(candidates)} or fewer")
    contact_names = sorted(rng.sample(candidates, args.contacts))

    args.out.mkdir(parents=True, exist_ok=True)
    header = (f"# drawn by benchmarks/draw_gold_sample.py --seed {args.seed} --contacts {args.contacts} "
              f"--random {args.random} --candidates {args.candidates}; pool {len(pool)} names (earlier samples "
              f"excluded)")
    (args.out / "random_sample.txt").write_text("\n".join([header, *random_names]) + "\n", encoding="utf-8")
    (args.out / "contacts_sample.txt").write_text(
        "\n".join([f"{header}; {len(candidates)} {args.candidates} candidates", *contact_names]) + "\n",
        encoding="utf-8")
    print(f"pool {len(pool)}, {args.candidates} candidates {len(candidates)}, wrote {args.out}")


if __name__ == "__main__":
    main()
