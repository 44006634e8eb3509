"""The `optally` command: extract facts from articles, resolve them into operations, report."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path

POLICIES = ("latest", "max", "min", "most_reported")
METHODS = ("wilson", "clopper-pearson", "jeffreys")

DESCRIPTION = """\
optally reads news articles and police press releases about operations against online
child sexual abuse material, extracts every figure with its evidence, reconciles the
reports into operations, and computes the ratios analysts ask for.

  optally report                      the embedded sample: figures and ratios
  optally report articles/            extract, resolve and report a folder of articles
  optally extract articles/ -o f.jsonl   facts as JSON Lines, one per figure
  optally resolve f.jsonl -o ops.json    operations with reconciled figures and conflicts
"""


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _level(text: str) -> float:
    value = float(text)
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError("must lie strictly between 0 and 1, e.g. 0.95")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="optally", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version="optally " + _version())
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add_input_options(sub, *, with_policy: bool):
        sub.add_argument("--threads", type=_positive_int, default=None, metavar="N",
                         help="threads for extraction (default: all cores)")
        names = sub.add_mutually_exclusive_group()
        names.add_argument("--keep-names", action="store_true",
                           help="keep personal names in evidence (by default they are masked as [name])")
        names.add_argument("--redact-all", action="store_true",
                           help="mask every person's name in evidence, officers' and officials' as well as "
                                "offenders' (today's default, made explicit so that a script keeps it)")
        sub.add_argument("--strict", action="store_true",
                         help="fail, writing nothing, if any input file is skipped or unreadable")
        sub.add_argument("-o", "--output", metavar="FILE",
                         help="write here (atomically) instead of to standard output")
        sub.add_argument("--lexicon", metavar="FILE", action="append", default=[],
                         help="a data file extending the standard lexicon and gazetteer (same format as "
                              "optally/data/*.json: e.g. your country's police regions or more cue words); "
                              "may be given more than once")
        if with_policy:
            sub.add_argument("--policy", choices=POLICIES, default="latest",
                             help="which figure to choose when reports conflict: the latest report (by its "
                                  "date, where known), the largest, the smallest, or the one most reports give "
                                  "(default: latest)")

    extract = commands.add_parser(
        "extract", help="articles -> facts (JSON Lines)",
        description="Extract facts from articles: files (.txt, .html, .htm), folders (searched recursively) "
                    "or - for standard input. Writes one JSON object per fact (see the fact contract) and a "
                    "summary line on standard error.")
    extract.add_argument("paths", nargs="+", metavar="PATH")
    add_input_options(extract, with_policy=False)

    resolve = commands.add_parser(
        "resolve", help="facts or articles -> operations (JSON)",
        description="Group facts from many reports into operations, reconcile their figures and list every "
                    "conflict with its sources. PATH may be fact files (.jsonl, .csv) or articles and folders.")
    resolve.add_argument("paths", nargs="+", metavar="PATH")
    add_input_options(resolve, with_policy=True)

    report = commands.add_parser(
        "report", help="figures and ratios per operation",
        description="Per operation: its reconciled figures, the standard ratios (with the bound each is: "
                    "exact, lower or upper) and proportions with confidence intervals. With no PATH, the "
                    "embedded sample is used.")
    report.add_argument("paths", nargs="*", metavar="PATH")
    add_input_options(report, with_policy=True)
    report.add_argument("--format", choices=("table", "json", "csv"), default="table",
                        help="table for reading, json or csv for other programs (default: table)")
    report.add_argument("--level", type=_level, default=0.95, help="confidence level of intervals (default 0.95)")
    report.add_argument("--method", choices=METHODS, default="wilson",
                        help="interval for proportions (default: wilson)")
    report.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report here")
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def _load_facts(args, paths):
    """Facts from fact files and articles named on the command line."""
    from . import FactTable, extract_files, extract
    from ._inputs import collect
    from ._progress import Progress

    inputs = collect(paths)
    if args.strict and inputs.skipped:
        _refuse_skipped(inputs.skipped)  # before hours of extraction, not after
    tables = [FactTable.read(p) for p in inputs.fact_files]
    skipped = list(inputs.skipped)
    documents = 0
    if inputs.articles:
        progress = Progress(len(inputs.articles), "extracting")
        extracted = extract_files(inputs.articles, threads=args.threads, keep_names=args.keep_names,
                                  progress=progress, lexicon=_lexicon(args))
        skipped += extracted.skipped
        documents += len(inputs.articles) - len(extracted.skipped)
        tables.append(extracted)
    if inputs.stdin:
        tables.append(extract(sys.stdin.buffer.read().decode("utf-8", errors="replace"), doc="stdin",
                              keep_names=args.keep_names, lexicon=_lexicon(args)))
        documents += 1
    if skipped and args.strict:
        _refuse_skipped(skipped)
    return FactTable.concat(tables), documents, skipped


def _lexicon(args):
    """The standard lexicon extended by the --lexicon files, or None for the standard one.
    Read once per run (the Lexicon caches it on args)."""
    if not getattr(args, "lexicon", None):
        return None
    cached = getattr(args, "_lexicon_loaded", None)
    if cached is None:
        from ._extract import load_lexicon

        for path in args.lexicon:
            if not os.path.isfile(path):
                raise _Failure(f"{path}: lexicon file not found")
        cached = load_lexicon(*args.lexicon)
        args._lexicon_loaded = cached
    return cached


def _refuse_skipped(skipped) -> None:
    lines = "\n".join(f"  {path}: {why}" for path, why in skipped)
    raise _Failure(f"{len(skipped)} input(s) skipped and --strict given; nothing written:\n{lines}")


class _Failure(Exception):
    """An error to print as one clear message, without a traceback."""


def _emit(args, text: str) -> None:
    if args.output:
        from ._io import atomic_write_text

        atomic_write_text(args.output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _summary(documents: int, facts: int, skipped) -> None:
    reasons: dict[str, int] = {}
    for _, why in skipped:
        reasons[why] = reasons.get(why, 0) + 1
    detail = "; ".join(f"{n} {why}" for why, n in sorted(reasons.items()))
    print(f"optally: {documents} documents, {facts} facts, {len(skipped)} skipped" + (f" ({detail})" if detail else ""),
          file=sys.stderr)


# Files extracted per batch: the facts of one batch are written out before the next is read,
# so memory stays bounded however large the corpus (threads still share each batch).
EXTRACT_BATCH_FILES = 256


def run_extract(args) -> int:
    from . import extract, extract_files
    from ._inputs import collect
    from ._io import AtomicOutput
    from ._progress import Progress

    inputs = collect(args.paths, facts_allowed=False)
    if inputs.skipped and args.strict:
        lines = "\n".join(f"  {path}: {why}" for path, why in inputs.skipped)
        raise _Failure(f"{len(inputs.skipped)} input(s) skipped and --strict given; nothing written:\n{lines}")
    skipped = list(inputs.skipped)
    documents = facts = 0
    lexicon = _lexicon(args)  # read before any output is opened: a bad file fails at once
    progress = Progress(len(inputs.articles), "extracting")
    with AtomicOutput(args.output) as out:
        for first in range(0, len(inputs.articles), EXTRACT_BATCH_FILES):
            batch = inputs.articles[first:first + EXTRACT_BATCH_FILES]
            table = extract_files(batch, threads=args.threads, keep_names=args.keep_names, lexicon=lexicon,
                                  progress=lambda done, first=first: progress(first + done))
            if table.skipped and args.strict:
                lines = "\n".join(f"  {path}: {why}" for path, why in table.skipped)
                raise _Failure(f"{len(table.skipped)} input(s) unreadable and --strict given; nothing written:\n{lines}")
            skipped += table.skipped
            documents += len(batch) - len(table.skipped)
            facts += len(table)
            out.write(table.to_jsonl())
        if inputs.stdin:
            table = extract(sys.stdin.buffer.read().decode("utf-8", errors="replace"), doc="stdin",
                            keep_names=args.keep_names, lexicon=lexicon)
            documents += 1
            facts += len(table)
            out.write(table.to_jsonl())
    _summary(documents, facts, skipped)
    return 0


def run_resolve(args) -> int:
    from . import Corpus

    table, documents, skipped = _load_facts(args, args.paths)
    corpus = Corpus.from_facts(table, policy=args.policy)
    _emit(args, json.dumps(corpus.to_json(), indent=1, ensure_ascii=False) + "\n")
    if documents or skipped:
        _summary(documents, len(table), skipped)
    return 0


def run_report(args) -> int:
    from . import Corpus, sample

    if args.paths:
        table, documents, skipped = _load_facts(args, args.paths)
    else:
        table, documents, skipped = sample(), 0, []
    corpus = Corpus.from_facts(table, policy=args.policy)
    report = corpus.report(level=args.level, method=args.method)
    rendered = {"table": report.to_text, "json": report.to_json_text, "csv": report.to_csv}[args.format]()
    html = report.to_html() if args.html else None  # rendered before either file is written
    _emit(args, rendered)
    if html is not None:
        from ._io import atomic_write_text

        atomic_write_text(args.html, html)
    if documents or skipped:
        _summary(documents, len(table), skipped)
    return 0


class _Terminated(BaseException):
    """SIGTERM, raised so that temporary output files are removed as for Ctrl-C."""


def _on_terminate(signum, frame):
    raise _Terminated()


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    from ._core import InputError

    runner = {"extract": run_extract, "resolve": run_resolve, "report": run_report}[args.command]
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_terminate)
    try:
        return runner(args)
    except (InputError, _Failure) as error:
        print(f"optally {args.command}: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `optally extract dir | head` closes the pipe early; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"optally {args.command}: error: {where}{error.strerror or error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("optally: interrupted; no output file was changed", file=sys.stderr)
        return 130
    except _Terminated:
        print("optally: terminated; no output file was changed", file=sys.stderr)
        return 128 + signal.SIGTERM
    except MemoryError:
        print(f"optally {args.command}: error: out of memory; no output file was changed", file=sys.stderr)
        return 2
    except Exception as error:  # a bug in optally: one line for the user, the trace on request
        if os.environ.get("OPTALLY_DEBUG"):
            raise
        print(f"optally {args.command}: internal error: {type(error).__name__}: {error}\n"
              "no output file was changed; run again with OPTALLY_DEBUG=1 for the traceback, and please report it",
              file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
