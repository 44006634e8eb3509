"""`optally report PATH... --html report.html`: one self-contained page with tables and inline
SVG plots, every figure linked to its evidence sentences and documents, that a browser opens
without the network. Checked statically and in headless Chromium."""

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "notebooks" / "data" / "articles"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
OUTWARD_ATTRIBUTES = {"href", "src", "xlink:href", "srcset", "action", "formaction", "data", "poster", "background"}
FETCHING_TAGS = {"script", "link", "img", "iframe", "object", "embed", "base", "video", "audio", "source", "track"}


class Page(HTMLParser):
    """Tags, ids, links and figure cells of one HTML page."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.styles: list[str] = []
        self._in_style = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
            if name == "id":
                self.ids.add(value)
            if name == "href":
                self.links.append(value or "")
            if name == "style":
                self.styles.append(value or "")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)

    def count(self, tag: str) -> int:
        return self.tags.count(tag)


def run_report(*arguments: str, html: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "optally.cli", "report", *arguments, "--html", str(html),
                           "-o", str(html.with_suffix(".txt"))], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "MPLBACKEND": "Agg"})
    assert done.returncode == 0, done.stderr
    assert html.is_file()


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "sample.html"
    run_report(html=path)
    return path


@pytest.fixture(scope="module")
def articles_page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "articles.html"
    run_report(str(ARTICLES), html=path)
    return path


# ---- the page as written ------------------------------------------------------------------
def test_sample_page_has_its_tables_and_plots(sample_page):
    text = sample_page.read_text(encoding="utf-8")
    page = Page(text)
    assert page.count("h1") == 1 and "optally report" in text
    assert page.count("table") >= 8  # side by side, 3 operations, ratios, proportions, sentences, documents
    assert page.count("svg") >= 6  # figures, 2 ratios, forest, 2 breakdowns, sentences
    assert page.count("figcaption") == page.count("svg")
    for heading in ("Operations side by side", "Operation Tharsley", "Operation Notarise", "Operation Lexus",
                    "Ratios", "Proportions", "Regional breakdowns", "Custodial sentences", "Evidence for every figure",
                    "Documents"):
        assert heading in text, heading
    assert "more than 141" in text and "share of arrestees already registered" in text


@pytest.mark.parametrize("which", ["sample_page", "articles_page"])
def test_page_refers_to_no_outside_resource(which, request):
    text = request.getfixturevalue(which).read_text(encoding="utf-8")
    page = Page(text)
    assert not FETCHING_TAGS & set(page.tags), f"tags that fetch: {FETCHING_TAGS & set(page.tags)}"
    outward = [(tag, name, value) for tag, name, value in page.attributes
               if name in OUTWARD_ATTRIBUTES and not value.startswith("#")]
    assert not outward, f"attributes that point outside the page: {outward[:5]}"
    for style in page.styles:
        assert "url(" not in style and "@import" not in style
    assert "http://" not in text and "https://" not in text  # not even an SVG namespace or a generator's address


@pytest.mark.parametrize("which", ["sample_page", "articles_page"])
def test_every_link_lands_on_the_page(which, request):
    page = Page(request.getfixturevalue(which).read_text(encoding="utf-8"))
    targets = [link[1:] for link in page.links]
    assert targets, "the page has no links"
    missing = sorted({t for t in targets if t not in page.ids})
    assert not missing, f"links to nothing: {missing[:10]}"


def test_every_figure_links_to_evidence_and_documents(sample_page):
    text = sample_page.read_text(encoding="utf-8")
    evidence = text[text.index("<h2 id=evidence>"):text.index("<h2 id=documents>")]
    blocks = evidence.split("<div id='src-")[1:]
    assert len(blocks) >= 20  # one per figure of the sample's three operations
    for block in blocks:
        anchor = block[:block.index("'")]
        assert f"href='#src-{anchor}'" in text, f"no figure links to the evidence src-{anchor}"
        assert "<li>" in block and "“" in block, f"src-{anchor} lists no evidence sentence"
        assert "href='#doc-" in block, f"src-{anchor} links to no document"
    documents = text[text.index("<h2 id=documents>"):]
    for doc in ("000_e6cb0e20496b3dfc", "001_2e60a849c7ce69bc", "002_c86c2c98dea43fb0", "003_8bef1c9d51e8d246",
                "004_2df2bebcc56f638d"):
        assert f"id='doc-{doc}'" in documents


def test_articles_page_shows_conflicts_and_masks_names(articles_page):
    text = articles_page.read_text(encoding="utf-8")
    assert "Conflicts between reports" in text and "larkspur-launch" in text
    assert "Operation Larkspur" in text and "Operation Quillon" in text
    assert "[name]" in text and "Jonathan Example" not in text and "Peter Specimen" not in text


# ---- the page in a browser ----------------------------------------------------------------------
def chromium() -> str:
    """Headless Chromium: $OPTALLY_CHROMIUM, else the first browser on PATH; the test fails
    (not skips) without one, since the report is meant to be seen in a browser."""
    candidates = [os.environ.get("OPTALLY_CHROMIUM", "")] + [shutil.which(name) or "" for name in BROWSERS]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail("headless Chromium is needed to check the HTML report and was not found on PATH "
                f"(looked for {', '.join(BROWSERS)}). Install Debian's package: `sudo apt-get install chromium` "
                "(`make test` installs it with the other system packages), or set OPTALLY_CHROMIUM to a "
                "Chromium or Chrome binary.")


def browse(page: Path, workdir: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Open a page in headless Chromium with no route to the network, logging every request."""
    command = [chromium(), "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={workdir / 'profile'}",
               "--host-resolver-rules=MAP * ~NOTFOUND", f"--log-net-log={workdir / 'netlog.json'}",
               *arguments, page.resolve().as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"chromium failed ({done.returncode}):\n{done.stderr[-2000:]}"
    return done


def requests_made_by_the_page(netlog: Path) -> list[str]:
    """URLs the page itself asked for (the browser's own background requests are not the page's)."""
    raw = netlog.read_text(encoding="utf-8")
    try:
        log = json.loads(raw)
    except json.JSONDecodeError:  # a log cut short when the browser exits
        log = json.loads(raw.rstrip().rstrip(",") + "]}")
    names = {code: name for name, code in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log["events"]:
        params = event.get("params", {})
        if names.get(event["type"]) == "URL_REQUEST_START_JOB" and "file://" in str(params.get("site_for_cookies")):
            if not params.get("url", "").startswith("file:"):
                urls.append(params["url"])
    return urls


def test_browser_renders_tables_and_plots(sample_page, tmp_path):
    done = browse(sample_page, tmp_path, "--dump-dom")
    dom = Page(done.stdout)
    assert dom.count("table") >= 8 and dom.count("svg") >= 6 and dom.count("h1") == 1
    assert "Operation Notarise" in done.stdout
    assert requests_made_by_the_page(tmp_path / "netlog.json") == []


def test_network_check_sees_a_page_that_fetches(tmp_path):
    """The request log above would catch a page that fetches something."""
    page = tmp_path / "fetches.html"
    page.write_text("<!doctype html><p>x</p><img src='http://example.invalid/figure.png'>", encoding="utf-8")
    browse(page, tmp_path, "--dump-dom")
    assert requests_made_by_the_page(tmp_path / "netlog.json") == ["http://example.invalid/figure.png"]


def test_browser_screenshot_is_not_blank(articles_page, tmp_path):
    import matplotlib.image

    shot = tmp_path / "report.png"
    browse(articles_page, tmp_path, f"--screenshot={shot}", "--window-size=1200,1600")
    assert shot.is_file() and shot.stat().st_size > 20_000
    pixels = matplotlib.image.imread(str(shot))
    assert pixels.std() > 0.05, "the screenshot is blank"
    assert requests_made_by_the_page(tmp_path / "netlog.json") == []
