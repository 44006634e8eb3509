"""Extraction speed and memory (issue: extraction engine), and quantulum3 for comparison.

    python bench_extract.py generate DIR MEGABYTES   write a synthetic corpus of articles
    python bench_extract.py generate-news DIR MEGABYTES   the same figures inside ordinary news prose
    python bench_extract.py throughput DIR THREADS    time optally.extract_files on it
    python bench_extract.py memory DIR                peak RSS of `optally extract DIR` (streaming)
    python bench_extract.py quantulum DIR MEGABYTES   time quantulum3 on a slice of the same texts

Each mode prints one JSON line. The texts come from templates written for this benchmark
(press releases and news reports in UK, US, European and Australian styles), filled with
random figures, places and operation names; several articles make one file, as an archive
page would. That corpus is dense (about 14,000 facts per MB, every paragraph a figure);
`generate-news` writes the way news sites do: each report is a headline, a lead with figures
and several paragraphs of quotes, background, advice and boilerplate without any, about
2,000 facts per MB as in the seed articles.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

ARTICLES_PER_FILE = 16

FORCES = ["Kent Police", "Essex Police", "Greater Manchester Police", "Thames Valley Police", "Avon and Somerset Police",
          "Police Scotland", "the Metropolitan Police", "Merseyside Police", "Devon and Cornwall Police"]
PLACES = ["Kent", "Essex", "Lancashire", "Norfolk", "Cumbria", "Dorset", "Gwent", "Surrey", "Durham", "Hampshire"]
STATES = ["Ohio", "Texas", "Florida", "Oregon", "Georgia", "Arizona"]
NAMES = ["Halyard", "Cobalt", "Marram", "Wicket", "Lantern", "Basalt", "Fenwick", "Orchard", "Tundra", "Quill"]
WORDS = ["twelve", "fifteen", "twenty", "thirty-one", "forty", "a dozen", "sixty", "ninety-nine", "two hundred"]

TEMPLATES = [
    "Published {day} {month} {year}\nOperation {op}: {n1} arrests in week of action\n"
    "Officers from {force} executed {n2} search warrants during Operation {op}, a {d1}-day crackdown on people "
    "sharing indecent images of children online. A total of {n1} people were arrested and {n3} children were "
    "safeguarded. Detectives seized more than {n4} devices, including phones, laptops and hard drives.\n"
    "Det. Supt. Alex Rowe said the force would keep targeting offenders. \"No one is anonymous online,\" he said.\n",

    "{month} {day}, {year} - A {d2}-month investigation led by Homeland Security Investigations (HSI) and the "
    "{state} Internet Crimes Against Children (ICAC) Task Force resulted in the arrest of {n1} suspects. "
    "Agents from {n5} agencies took part and identified {n3} child victims. One man, 41, was sentenced to "
    "{n6} months in federal prison; he faces up to 20 years on a further count.\n",

    "Europol supported an action day in which {n5} countries took part. Around {n1} suspects were arrested, "
    "about {n2} house searches were carried out and {n3} children were rescued. Investigators seized an "
    "estimated {m1} million images and videos. The operation ran for {d1} days and involved some {n7} officers.\n",

    "More than {n1} people have been charged after {force} led a {d3}-week operation. In {place}, {n8} people "
    "were arrested; {n9} of those arrested were already on the Sex Offenders Register. A spokesperson said "
    "{w1} referrals had been received since the start of the year, and that {n4} investigations remain open. "
    "Call 0800 555 0111 with information.\n",

    "Australian Federal Police (AFP) officers charged {n8} men with {n10} offences as part of Operation {op}. "
    "Between {n9} and {n11} children were removed from harm, police said. A 35-year-old man received a "
    "sentence of {y1} years and {n12} months' imprisonment; another was given a suspended sentence.\n",
]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def article(rng: random.Random) -> str:
    template = rng.choice(TEMPLATES)
    r = rng.randint
    return template.format(
        day=r(1, 28), month=rng.choice(MONTHS), year=r(2009, 2025), op=rng.choice(NAMES), force=rng.choice(FORCES),
        place=rng.choice(PLACES), state=rng.choice(STATES), n1=r(5, 900), n2=r(5, 500), n3=r(2, 300),
        n4=r(10, 900), n5=r(3, 60), n6=r(60, 360), n7=r(50, 4000), n8=r(2, 60), n9=r(1, 20), n10=r(20, 400),
        n11=r(21, 40), n12=r(1, 11), d1=r(2, 9), d2=r(2, 18), d3=r(2, 8), m1=rng.choice(["1.2", "2.5", "3", "4.8"]),
        w1=rng.choice(WORDS), y1=r(2, 15))


def write_corpus(directory: Path, megabytes: float, seed: int, prefix: str, text_of) -> dict:
    """Files of text_of(rng), 1,000 to a folder, until `megabytes` are written."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    target = int(megabytes * 1e6)
    written = files = 0
    while written < target:
        text = text_of(rng)
        path = directory / f"{files // 1000:04d}" / f"{prefix}{files:07d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
        files += 1
    return {"files": files, "bytes": written}


def generate(directory: Path, megabytes: float) -> dict:
    return write_corpus(directory, megabytes, 20261123, "a",
                        lambda rng: "\n".join(article(rng) for _ in range(ARTICLES_PER_FILE)))


HEADLINES = [
    "Police target online child abuse offenders in {place}",
    "Operation {op}: officers make arrests across {place}",
    "Child abuse investigation: {force} urges parents to talk to children about online safety",
    "Court hears how offender shared images on encrypted apps",
    "National Crime Agency warns of rising threat from online predators",
]

# Sentences without figures, as the body of a report has them: quotes, background, advice,
# procedure and the closing boilerplate of a press office.
PROSE = [
    "\"Protecting children is our absolute priority and we will not rest until those responsible are brought to "
    "justice,\" said Detective Chief Inspector Morgan Hale.",
    "\"These offences are not victimless. Every image represents a real child who has suffered real abuse,\" she added.",
    "Officers worked closely with partner agencies, including children's services and specialist charities, "
    "throughout the investigation.",
    "The force said it could not comment further on individual cases while legal proceedings were ongoing.",
    "Parents and carers are encouraged to speak to their children about who they talk to online and what they share.",
    "Specialist officers examined phones, computers and storage media recovered from addresses across the region.",
    "A spokesperson for the Crown Prosecution Service said that charging decisions would be made in due course.",
    "Investigators believe some of the suspects used encrypted messaging services and anonymising software to hide "
    "their activity.",
    "\"We know that offenders often think they can hide behind a screen. They cannot,\" the senior investigating "
    "officer said.",
    "The operation forms part of a wider national effort to tackle the sexual exploitation of children online.",
    "Support is available for anyone affected by the issues raised, and victims are urged to come forward in confidence.",
    "Community leaders welcomed the arrests and praised the work of the officers involved.",
    "Campaigners have long called for technology companies to do more to detect and remove abusive material.",
    "The court heard that the defendant had expressed remorse and had since sought help from a specialist charity.",
    "Passing sentence, the judge told the defendant that his offending had caused lasting harm.",
    "Neighbours described the man as quiet and said they had been shocked by the news.",
    "Anyone with concerns about a child's safety should contact the police or speak to a trusted professional.",
    "Information can also be passed anonymously to the independent charity Crimestoppers.",
    "The force has invested in additional digital forensic capacity to reduce the time taken to examine devices.",
    "Officers said the investigation remains active and further arrests have not been ruled out.",
    "Schools in the area have been given guidance on how to support pupils who may have been affected.",
    "The police and crime commissioner said tackling online abuse remained a priority in the policing plan.",
]


def news_article(rng: random.Random) -> str:
    """A report the way news sites write one: a headline, a lead with figures, then prose."""
    r = rng.randint
    headline = rng.choice(HEADLINES).format(place=rng.choice(PLACES), op=rng.choice(NAMES), force=rng.choice(FORCES))
    lead = article(rng).split("\n", 2)
    # The dense templates open with a dateline and a headline of their own in some styles;
    # keep the body paragraph only.
    body = max(lead, key=len)
    paragraphs = [headline, f"Published {r(1, 28)} {rng.choice(MONTHS)} {r(2009, 2025)}", body]
    for _ in range(r(7, 11)):
        paragraphs.append(" ".join(rng.sample(PROSE, r(2, 3))))
    return "\n".join(paragraphs) + "\n"


def generate_news(directory: Path, megabytes: float) -> dict:
    return write_corpus(directory, megabytes, 20261124, "n", news_article)


def corpus_files(directory: Path) -> list[str]:
    return sorted(str(p) for p in directory.rglob("*.txt"))


def throughput(directory: Path, threads: int) -> dict:
    import optally

    files = corpus_files(directory)
    size = sum(os.path.getsize(f) for f in files)
    best = float("inf")
    facts = 0
    for _ in range(2):
        started = time.perf_counter()
        table = optally.extract_files(files, threads=threads)
        best = min(best, time.perf_counter() - started)
        facts = len(table)
        del table
    return {"threads": threads, "bytes": size, "seconds": best, "mb_per_s": size / best / 1e6, "facts": facts}


def peak_rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return -1


def memory(directory: Path) -> dict:
    from optally import cli

    files = corpus_files(directory)
    size = sum(os.path.getsize(f) for f in files)
    started = time.perf_counter()
    with open(os.devnull, "w") as sink:
        saved, sys.stdout = sys.stdout, sink
        try:
            code = cli.main(["extract", str(directory)])
        finally:
            sys.stdout = saved
    return {"bytes": size, "seconds": time.perf_counter() - started, "peak_rss": peak_rss_bytes(), "exit": code}


def quantulum(directory: Path, megabytes: float) -> dict:
    from quantulum3 import parser

    budget = int(megabytes * 1e6)
    texts, size = [], 0
    for f in corpus_files(directory):
        text = Path(f).read_text(encoding="utf-8")
        texts.append(text)
        size += len(text.encode("utf-8"))
        if size >= budget:
            break
    started = time.perf_counter()
    quantities = 0
    for text in texts:
        for paragraph in text.split("\n"):
            quantities += len(parser.parse(paragraph))
    seconds = time.perf_counter() - started
    return {"bytes": size, "seconds": seconds, "mb_per_s": size / seconds / 1e6, "quantities": quantities}


def main() -> None:
    mode, directory, *rest = sys.argv[1:]
    directory = Path(directory)
    if mode == "generate":
        result = generate(directory, float(rest[0]))
    elif mode == "generate-news":
        result = generate_news(directory, float(rest[0]))
    elif mode == "throughput":
        result = throughput(directory, int(rest[0]))
    elif mode == "memory":
        result = memory(directory)
    elif mode == "quantulum":
        result = quantulum(directory, float(rest[0]))
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
