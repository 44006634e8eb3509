// Tokens, sentences and HTML cleaning: the layers under the extractor.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "optally/extract/text.hpp"
#include "optally/extract/tokenizer.hpp"

using namespace optally::extract;

namespace {
std::vector<std::string> sentence_texts(std::string_view text) {
    TokenizedText t = tokenize(text);
    std::vector<std::string> out;
    for (const Sentence& s : split_sentences(t, Lexicon::standard()))
        out.emplace_back(text.substr(s.begin, s.end - s.begin));
    return out;
}
}  // namespace

TEST_CASE("tokens keep byte offsets and split glued units", "[extract][text]") {
    TokenizedText t = tokenize("received 5years, the Offender\u2019s Register; 2,500 images; 3\u00BD");
    std::vector<std::string> lows;
    for (const Token& tok : t.tokens) lows.emplace_back(t.low(tok));
    CHECK(lows == std::vector<std::string>{"received", "5", "years", ",", "the", "offender", "\u2019s", "register", ";",
                                           "2,500", "images", ";", "3", "\u00BD"});
    CHECK(t.tokens[1].kind == TokenKind::number);
    CHECK_FALSE(t.tokens[2].space_before);
    CHECK(t.tokens[6].kind == TokenKind::possessive);
    CHECK(t.tokens[13].kind == TokenKind::fraction);
    CHECK(t.original(t.tokens[5]) == "Offender");
}

TEST_CASE("sentences end at terminal punctuation, not at abbreviations", "[extract][text]") {
    auto s = sentence_texts("Det. Supt. Jane Hall said the U.S. team helped. Mr. Smith agreed. No. 10 was told.");
    REQUIRE(s.size() == 3);
    CHECK(s[0] == "Det. Supt. Jane Hall said the U.S. team helped.");
    CHECK(s[1] == "Mr. Smith agreed.");
}

TEST_CASE("quotes close with their sentence", "[extract][text]") {
    auto s = sentence_texts("He said: \"We arrested nine.\" Officers then left.");
    REQUIRE(s.size() == 2);
    CHECK(s[0] == "He said: \"We arrested nine.\"");
}

TEST_CASE("a line without closing punctuation is a sentence of its own", "[extract][text]") {
    auto s = sentence_texts("Raids lead to 40 arrests\nPolice arrested 40 people\n- one received 3 years\n- another 2 years\n");
    REQUIRE(s.size() == 4);
    CHECK(s[0] == "Raids lead to 40 arrests");
    TokenizedText t = tokenize("Raids lead to 40 arrests\nPolice arrested 40 people.");
    auto sentences = split_sentences(t, Lexicon::standard());
    REQUIRE(sentences.size() == 2);
    CHECK(sentences[0].headline);
    CHECK_FALSE(sentences[1].headline);
}

TEST_CASE("hard-wrapped prose keeps sentences across line breaks", "[extract][text]") {
    std::string text =
        "Officers from the county force executed more than forty search warrants\n"
        "across the region during the week, and arrested a total of thirty people\n"
        "who are suspected of sharing indecent images of children online. The\n"
        "force said that eleven of those arrested were already known to officers\n"
        "and that the investigation into the group would continue for some months\n"
        "yet, with further arrests expected before the end of the current year.\n"
        "Short last line.\n";
    auto s = sentence_texts(text);
    REQUIRE(s.size() == 3);
    CHECK(s[0].find("thirty people\nwho are") != std::string::npos);
}

TEST_CASE("HTML is reduced to text with offsets into the original bytes", "[extract][text]") {
    std::string html =
        "<html><head><title>Raids</title><script>var n = '500 arrests';</script>"
        "<meta property=\"article:published_time\" content=\"2016-10-04T08:00:00Z\"></head>"
        "<body><p>Police arrested <b>73</b> people &amp; seized 4&frac12; million images.</p><p>Second</p></body></html>";
    REQUIRE(looks_like_html(html));
    CleanText clean = clean_html(html);
    CHECK(clean.text == "Raids\n\nPolice arrested 73 people & seized 4\u00BD million images.\n\nSecond");
    CHECK(clean.meta_date == "2016-10-04");
    CHECK(clean.text.find("500") == std::string::npos);
    std::size_t at = clean.text.find("73");
    CHECK(html.substr(clean.original(at), 2) == "73");
    std::size_t amp = clean.text.find('&');
    CHECK(html.substr(clean.original(amp), 5) == "&amp;");
    CHECK(clean.offsets.size() == clean.text.size() + 1);
    CHECK_FALSE(looks_like_html("Plain text with a < sign and 3 > 2."));
}
