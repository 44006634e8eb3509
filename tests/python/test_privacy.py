"""Nobody is named in optally's output unless the user asks for names.

By default the extractor masks every person's name it finds in evidence as ``[name]``:
offenders and, because it cannot reliably tell them apart, officers and officials too.
``--redact-all`` asks for exactly that explicitly; ``--keep-names`` keeps every name.

The articles below are invented, in the styles of UK force press releases, court reports,
US Attorney's Office releases, Australian police statements and a sheriff's web page; every
person in them is fictional. Each document lists the names in it, and no part of any of those
names may appear in any output format: extract JSON Lines, resolve JSON, report table, JSON,
CSV and HTML.

Every name pattern found to leak so far (a rare given name beside an age, double-barrelled
surnames, surnames that are towns, headlines in capitals and in title case) has a document
here; a new one gets a document too, once the extractor masks it.

The rules that find names must not find them in places, forces, agencies or operation names,
even in a headline written in capitals: ``NOT_NAMES`` holds such texts, whose evidence must be
the same with names masked or kept.
"""

import json
import re
import subprocess
import sys

import pytest

import optally

DOCUMENTS = {
    "wessex_week.txt": ("""\
Published: 9 May 2023
Operation Marlcombe: 41 arrested in county-wide crackdown

Wessex Constabulary officers executed 52 search warrants over five days, arresting 41 people and safeguarding 23 children.

Detective Chief Inspector Rosalind Featherstonehaugh, who led the operation, said: "More than 300 devices were seized and we will not stop."

Among the 14 people charged is Daniel Penhallow, a former scout leader from Bridport. Penhallow's 2 laptops held 6,000 images.

DC Olwen Tregarthen said 9 of those arrested had already been charged.
""", ["Rosalind", "Featherstonehaugh", "Daniel", "Penhallow", "Olwen", "Tregarthen"]),

    "dorset_court.txt": ("""\
Teacher jailed after officers find 18,000 images

A Dorchester teacher has been jailed for four years and six months following an investigation by Wessex Constabulary.

Mr Ambrose Kittlewell received 4½ years at Bournemouth Crown Court after police found 18,000 indecent images on his laptop. Kittlewell, 47, had denied the charges.

Investigating officer DS Callum Rennerdale said 3 children had been identified. "Kittlewell shared 250 videos," said Callum Rennerdale.
""", ["Ambrose", "Kittlewell", "Callum", "Rennerdale"]),

    "usao_release.txt": ("""\
FOR IMMEDIATE RELEASE
Thursday, October 12, 2023

Operation Copper Heron: 96 Arrested in Statewide Sweep

SACRAMENTO - U.S. Attorney Philippa Marchetti-Osei announced that a two-week operation involving 31 law enforcement agencies led to the arrest of 96 individuals and the rescue of 17 children.

Special Agent in Charge Desmond Achterberg of Homeland Security Investigations said agents executed approximately 140 search warrants.

Among those sentenced was Michael Fairweather, 36, of Fresno, who received 15 years in federal prison. Fairweather's devices held more than 9,000 images.
""", ["Philippa", "Marchetti", "Osei", "Desmond", "Achterberg", "Michael", "Fairweather"]),

    "sheriff_page.html": ("""\
<html><head><title>Sheriff: 12 arrested</title></head><body>
<h1>Sheriff's office arrests 12 in online predator sting</h1>
<p>Sheriff Marcus Delacroix-Whitlow said deputies arrested 12 men during a three-day undercover operation.</p>
<p>Steven Obermeyer, 29, was found with 300 images and Wesley Haverford, 52, with 40 videos. Obermeyer and Haverford were charged with 6 others.</p>
<p>Sgt. Lucinda Ravensworth said 20 officers took part.</p>
</body></html>
""", ["Marcus", "Delacroix", "Whitlow", "Steven", "Obermeyer", "Wesley", "Haverford", "Lucinda", "Ravensworth"]),

    # An offender named in apposition with an age, with a given name outside data/names.json;
    # the surname is learned from it.
    "dorchester_court.txt": ("""\
Barnaby Quillfeather, 47, of Dorchester, was jailed for four years after police found 18,000 images.

Quillfeather's laptop also held 300 videos, Bournemouth Crown Court heard.
""", ["Barnaby", "Quillfeather"]),

    # A double-barrelled surname used alone after the full name.
    "hyphenated_surname.txt": ("""\
Michael Fairweather-Quist was jailed for 15 years. Fairweather-Quist's devices held 9,000 images.
""", ["Fairweather", "Quist"]),

    # A name in a headline written in capitals.
    "leeds_headline.txt": ("""\
LEEDS MAN AMBROSE KITTLEWELL JAILED AFTER POLICE FIND 12,000 IMAGES

He was jailed for 3 years.
""", ["Ambrose", "Kittlewell"]),

    # All three patterns in the style of a US Attorney's Office release: a capitals headline,
    # an age apposition and a double-barrelled surname repeated alone.
    "usao_hyphen.txt": ("""\
HAMILTON MAN EVANDER BLACKSTONE-HUXLEY SENTENCED TO 188 MONTHS IN FEDERAL PRISON

TRENTON, N.J. - A Mercer County man was sentenced today for distributing child sexual abuse material.

Evander Blackstone-Huxley, 39, of Hamilton, pleaded guilty in March. Investigators found more than 4,500 images on devices seized from Blackstone-Huxley's home.

U.S. Attorney Rosalind Achebe-Winterbourne said HSI agents identified 2 victims.
""", ["Evander", "Blackstone", "Huxley", "Rosalind", "Achebe", "Winterbourne"]),

    # Australian style: a capitals headline, "aged 58", an officer with a double-barrelled name.
    "gold_coast.txt": ("""\
GOLD COAST MAN CORNELIUS VANTONGEREN CHARGED OVER 3,000 ABUSE FILES

Queensland Police and the AFP executed 6 search warrants across the Gold Coast last week.

Cornelius Vantongeren, aged 58, was among 11 men charged. Officers from the ACCCE said Vantongeren's phone held 3,000 files.

Detective Superintendent Imelda Gorringe-Hales said 4 children had been safeguarded. Gorringe-Hales thanked the public.
""", ["Cornelius", "Vantongeren", "Imelda", "Gorringe", "Hales"]),

    # UK local paper style: "Peregrine Ashcombe (63)" and his surname in the capitals headline.
    "truro_court.txt": ("""\
FORMER SCOUT LEADER ASHCOMBE JAILED FOR SIX YEARS

A former scout leader from Truro has been jailed after detectives found 2,400 indecent images.

Peregrine Ashcombe (63) admitted 9 offences at Truro Crown Court and was jailed for six years.
""", ["Peregrine", "Ashcombe"]),

    # Given names that are also places in the gazetteer ("Jordan", "Georgia", "Victoria"); the
    # force keeps its name, so "Victoria" is not among the names that must not appear.
    "victoria_release.txt": ("""\
Victoria Police charged 9 men after a six-month investigation into online abuse.

Mr Jordan Okonkwo-Reyes, 41, of Geelong, was jailed for 5 years. Okonkwo-Reyes's phone held 2,000 images.

Victoria Lanyon, 36, was jailed for 2 years after police seized 5 phones.

Detective Sergeant Georgia Pemberton-Lyle said 3 children had been safeguarded.
""", ["Jordan", "Okonkwo", "Reyes", "Lanyon", "Georgia", "Pemberton", "Lyle"]),

    # A title-case headline; the second man's surname is also a town in the gazetteer.
    "leeds_headline.txt": ("""\
Leeds Man Ambrose Kittlewell Jailed After Police Find 12,000 Images

A man from Leeds has been jailed after West Yorkshire Police found 12,000 indecent images on his computer.

Michael Buxton, 51, of Headingley, was jailed for 3 years. Buxton had been arrested during a week of action in which 14 people were arrested.
""", ["Ambrose", "Kittlewell", "Michael", "Buxton"]),
}

OFFICERS = ["Featherstonehaugh", "Tregarthen", "Rennerdale", "Marchetti", "Achterberg", "Delacroix", "Ravensworth",
            "Achebe", "Gorringe", "Pemberton"]


# Headlines in capitals whose capitalised words are all places, forces, agencies or operation
# names: the name rules must leave them as written.
NOT_NAMES = [
    "GREATER MANCHESTER POLICE ARREST 40 IN OPERATION KITTIWAKE\n\nMore to come.",
    "WEST YORKSHIRE POLICE AND THE NCA ARREST 12 MEN IN OPERATION FALCONRIDGE\n\nMore to come.",
    "OPERATION COPPER HERON: 96 ARRESTED IN STATEWIDE SWEEP\n\nMore to come.",
    "HOMELAND SECURITY INVESTIGATIONS AGENTS ARREST 96 IN CALIFORNIA STING\n\nMore to come.",
    "AFP AND QUEENSLAND POLICE ARREST 14 MEN IN OPERATION BAKIS\n\nMore to come.",
    "EUROPOL: 39 ARRESTED AS POLICE IN 19 COUNTRIES TARGET DARK WEB PLATFORM\n\nMore to come.",
    "Officers from Greater Manchester (12) and West Yorkshire (9) arrested 21 people.",
    "In Operation Kittiwake, 41 people were arrested across Thames Valley, 14 of them in Reading.",
]

ALL_NAMES = sorted({name for _, names in DOCUMENTS.values() for name in names})


def leaked(text, names=ALL_NAMES):
    return sorted(n for n in names if re.search(rf"\b{re.escape(n)}\b", text, flags=re.IGNORECASE))


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    folder = tmp_path_factory.mktemp("privacy")
    for name, (text, _) in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(*args):
    result = subprocess.run([sys.executable, "-m", "optally.cli", *map(str, args)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_documents_name_people_in_the_sentences_that_become_evidence(articles):
    """Guards the test itself: with --keep-names every name reaches the output."""
    kept = run("extract", articles, "--keep-names")
    assert leaked(kept) == ALL_NAMES
    assert "[name]" not in kept


@pytest.mark.parametrize("output", ["extract", "resolve", "report table", "report json", "report csv", "report html"])
@pytest.mark.parametrize("option", ["default", "--redact-all"])
def test_no_name_reaches_any_output_format(articles, tmp_path, output, option):
    command, _, style = output.partition(" ")
    args = [command, articles] + ([option] if option != "default" else [])
    if style == "html":
        html = tmp_path / "report.html"
        run(*args, "--html", html)
        text = html.read_text(encoding="utf-8")
    else:
        text = run(*args, *(["--format", style] if style else []))
    assert text.strip()
    assert leaked(text) == []
    if command == "extract":
        assert text.count("[name]") >= 10


def test_officers_are_masked_by_default_too(articles):
    evidence = " ".join(f["evidence"] for f in map(json.loads, run("extract", articles).splitlines()))
    assert leaked(evidence, OFFICERS) == []
    for title in ("Detective Chief Inspector [name]", "DC [name]", "U.S. Attorney [name]", "Sgt. [name]"):
        assert title in evidence


def test_resolving_fact_files_written_with_masked_names_stays_masked(articles, tmp_path):
    facts = tmp_path / "facts.jsonl"
    run("extract", articles, "-o", facts)
    assert leaked(run("resolve", facts)) == []
    assert leaked(run("report", facts, "--format", "json")) == []


def test_the_python_api_masks_by_default():
    for name, (text, names) in DOCUMENTS.items():
        table = optally.extract(text, doc=name.split(".")[0])
        assert len(table) > 0
        assert leaked(" ".join(table.column("evidence")), names) == []
        kept = optally.extract(text, keep_names=True)
        assert leaked(" ".join(kept.column("evidence")), names) != []


def test_the_python_api_report_masks_by_default(articles):
    table = optally.extract_files([articles])
    report = optally.Corpus.from_facts(table).report()
    for text in (report.to_text(), report.to_json_text(), report.to_csv(), report.to_html()):
        assert leaked(text) == []


@pytest.mark.parametrize("text", NOT_NAMES)
def test_places_forces_agencies_and_operations_are_not_masked(text):
    masked, kept = optally.extract(text), optally.extract(text, keep_names=True)
    assert len(masked) > 0, "the case must yield a fact, or it proves nothing"
    assert list(masked.column("evidence")) == list(kept.column("evidence"))


def test_keeping_names_changes_the_evidence_only():
    text = ("Andrew Hebblethwaite, of Leeds, was sentenced on Friday. Hebblethwaite received 3 years in prison. "
            "Craig Mossop was also jailed for 3 years.")
    masked, kept = optally.extract(text), optally.extract(text, keep_names=True)

    def figures(table):
        return [(table.row(i)["metric"], table.row(i)["value"], table.row(i)["start"]) for i in range(len(table))]

    assert figures(kept) == figures(masked)
