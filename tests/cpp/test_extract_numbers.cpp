// The number parser against fixed cases and against a slow, obvious reference parser on
// generated figures (number words, digit strings, fractions, multipliers).

#include <catch2/catch.hpp>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "optally/extract/numbers.hpp"

using optally::extract::parse_number;

namespace {

// ---- the slow reference: split on words, recurse on the largest scale -----------------

const std::map<std::string, double>& small_words() {
    static const std::map<std::string, double> words = {
        {"zero", 0},     {"one", 1},       {"two", 2},       {"three", 3},      {"four", 4},      {"five", 5},
        {"six", 6},      {"seven", 7},     {"eight", 8},     {"nine", 9},       {"ten", 10},      {"eleven", 11},
        {"twelve", 12},  {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15},   {"sixteen", 16},  {"seventeen", 17},
        {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},  {"thirty", 30},    {"forty", 40},    {"fifty", 50},
        {"sixty", 60},   {"seventy", 70},  {"eighty", 80},   {"ninety", 90}};
    return words;
}

std::optional<double> slow_words(std::vector<std::string> w) {
    while (!w.empty() && w.front() == "and") w.erase(w.begin());
    if (w.empty()) return std::nullopt;
    for (auto [scale, factor] : {std::pair{"billion", 1e9}, {"million", 1e6}, {"thousand", 1e3}, {"hundred", 1e2}, {"dozen", 12.0}}) {
        for (std::size_t i = 0; i < w.size(); ++i) {
            if (w[i] != scale) continue;
            std::vector<std::string> left(w.begin(), w.begin() + static_cast<long>(i));
            std::vector<std::string> right(w.begin() + static_cast<long>(i) + 1, w.end());
            double l = 1;
            if (!left.empty()) {
                auto v = slow_words(left);
                if (!v) return std::nullopt;
                l = *v;
            }
            double r = 0;
            if (!right.empty()) {
                auto v = slow_words(right);
                if (!v) return std::nullopt;
                r = *v;
            }
            return l * factor + r;
        }
    }
    double total = 0;
    for (const auto& word : w) {
        auto found = small_words().find(word);
        if (found == small_words().end()) return std::nullopt;
        total += found->second;
    }
    return total;
}

// Reads "2,500", "2.5 million", "1.2m", "3½", "2 and ½", "three and a half", "a dozen", "Ninety-nine".
std::optional<double> slow_parse(std::string text) {
    std::string s;
    for (char c : text) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    double fraction = 0;
    for (auto [mark, value] : {std::pair{" and a half", 0.5}, {" and ½", 0.5}, {"½", 0.5}, {" and a quarter", 0.25}}) {
        std::size_t at = s.find(mark);
        if (at != std::string::npos) {
            fraction = value;
            s.erase(at, std::string(mark).size());
            break;
        }
    }
    for (char& c : s)
        if (c == '-') c = ' ';
    std::istringstream in(s);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    if (words.empty()) return fraction ? std::optional<double>(fraction) : std::nullopt;
    if (std::isdigit(static_cast<unsigned char>(words[0][0]))) {
        std::string digits;
        std::string suffix;
        for (char c : words[0]) {
            if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') digits += c;
            else if (c != ',') suffix += c;
        }
        double v = std::stod(digits) + fraction;
        std::map<std::string, double> mult = {{"m", 1e6}, {"bn", 1e9}, {"k", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"thousand", 1e3}};
        if (!suffix.empty()) return mult.count(suffix) ? std::optional<double>(v * mult[suffix]) : std::nullopt;
        if (words.size() == 2) return mult.count(words[1]) ? std::optional<double>(v * mult[words[1]]) : std::nullopt;
        return words.size() == 1 ? std::optional<double>(v) : std::nullopt;
    }
    if (words[0] == "a") words[0] = "one";
    // "two and a half million": the fraction goes before the scale.
    if (fraction && words.size() >= 2 && (words.back() == "million" || words.back() == "billion" || words.back() == "thousand")) {
        std::string scale = words.back();
        words.pop_back();
        auto v = slow_words(words);
        if (!v) return std::nullopt;
        return (*v + fraction) * (scale == "million" ? 1e6 : scale == "billion" ? 1e9 : 1e3);
    }
    auto v = slow_words(words);
    if (!v) return std::nullopt;
    return *v + fraction;
}

// ---- generators -------------------------------------------------------------------------

std::string words_below_thousand(int n, bool british_and, bool hyphen) {
    static const char* units[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                  "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                                  "seventeen", "eighteen", "nineteen"};
    static const char* tens[] = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    std::string out;
    if (n >= 100) {
        out = std::string(units[n / 100]) + " hundred";
        n %= 100;
        if (n == 0) return out;
        out += british_and ? " and " : " ";
    }
    if (n < 20) return out + units[n];
    out += tens[n / 10];
    if (n % 10) out += std::string(hyphen ? "-" : " ") + units[n % 10];
    return out;
}

std::string to_words(long n, bool british_and, bool hyphen) {
    if (n == 0) return "zero";
    std::string out;
    for (auto [scale, name] : {std::pair{1000000000L, "billion"}, {1000000L, "million"}, {1000L, "thousand"}}) {
        if (n >= scale) {
            out += words_below_thousand(static_cast<int>(n / scale), british_and, hyphen) + " " + name;
            n %= scale;
            if (n) out += (n < 100 && british_and) ? " and " : " ";
        }
    }
    if (n) out += words_below_thousand(static_cast<int>(n), british_and, hyphen);
    return out;
}

std::string with_commas(long n) {
    std::string digits = std::to_string(n), out;
    int count = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (count && count % 3 == 0) out.insert(out.begin(), ',');
        out.insert(out.begin(), *it);
        ++count;
    }
    return out;
}

}  // namespace

TEST_CASE("digits with separators, decimals and multipliers", "[extract][numbers]") {
    CHECK(parse_number("2,500") == 2500);
    CHECK(parse_number("1,234,567") == 1234567);
    CHECK(parse_number("2.5 million") == 2500000);
    CHECK(parse_number("1.2m") == 1200000);
    CHECK(parse_number("1.2bn") == 1200000000);
    CHECK(parse_number("3k") == 3000);
    CHECK(parse_number("0.75") == 0.75);
    CHECK_FALSE(parse_number("2,50"));  // not a thousands group
    // Thousands set apart by a space, a no-break space or a narrow no-break space.
    CHECK(parse_number("12 000") == 12000);
    CHECK(parse_number("1 250 000") == 1250000);
    CHECK(parse_number("12\u00A0000") == 12000);
    CHECK(parse_number("12\u202F000") == 12000);
    CHECK_FALSE(parse_number("2023 100"));  // four digits first: two figures, as in "In 2023 100 people ..."
    CHECK_FALSE(parse_number("12 0000"));   // no group of three: two figures
}

TEST_CASE("number words up to millions", "[extract][numbers]") {
    CHECK(parse_number("six hundred and sixty") == 660);
    CHECK(parse_number("Six hundred and sixty") == 660);
    CHECK(parse_number("Ninety-nine") == 99);
    CHECK(parse_number("eighteen") == 18);
    CHECK(parse_number("a dozen") == 12);
    CHECK(parse_number("two dozen") == 24);
    CHECK(parse_number("half a dozen") == 6);
    CHECK(parse_number("a hundred") == 100);
    CHECK(parse_number("a hundred and fifty") == 150);
    CHECK(parse_number("one million two hundred thousand") == 1200000);
    CHECK(parse_number("three thousand and one") == 3001);
    CHECK_FALSE(parse_number("ten and twelve"));  // two figures, not one
}

TEST_CASE("fractions", "[extract][numbers]") {
    CHECK(parse_number("3½") == 3.5);
    CHECK(parse_number("2 and ½") == 2.5);
    CHECK(parse_number("three and a half") == 3.5);
    CHECK(parse_number("a half") == 0.5);
    CHECK(parse_number("two and a half million") == 2500000);
    CHECK(parse_number("½") == 0.5);
    CHECK(parse_number("six-and-a-half") == 6.5);
    CHECK(parse_number("two-and-a-half") == 2.5);
}

TEST_CASE("vague quantities are no figures", "[extract][numbers]") {
    CHECK_FALSE(parse_number("dozens"));
    CHECK_FALSE(parse_number("hundreds"));
    CHECK_FALSE(parse_number("millions"));
    CHECK_FALSE(parse_number("tens of millions"));
    CHECK_FALSE(parse_number("several"));
}

TEST_CASE("fast and slow parsers agree on generated figures", "[extract][numbers]") {
    std::mt19937 rng(20240611);
    std::uniform_int_distribution<long> small(0, 999), medium(0, 999999), large(0, 1999999999);
    std::bernoulli_distribution coin(0.5);
    int checked = 0;
    for (int i = 0; i < 3000; ++i) {
        long n = i % 3 == 0 ? small(rng) : i % 3 == 1 ? medium(rng) : large(rng);
        std::string text = to_words(n, coin(rng), coin(rng));
        if (coin(rng)) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
        INFO(text);
        auto fast = parse_number(text);
        auto slow = slow_parse(text);
        REQUIRE(fast);
        REQUIRE(slow);
        CHECK(*fast == *slow);
        CHECK(*fast == static_cast<double>(n));
        ++checked;
    }
    for (int i = 0; i < 2000; ++i) {
        long n = i % 2 ? small(rng) : large(rng);
        std::string text = coin(rng) ? with_commas(n) : std::to_string(n);
        INFO(text);
        CHECK(parse_number(text) == slow_parse(text));
        CHECK(parse_number(text) == static_cast<double>(n));
        ++checked;
    }
    // Fractions and multipliers, built from parts.
    const char* scales[] = {"", " million", "m", " thousand", "bn"};
    const char* halves[] = {"", "½", " and ½", " and a half"};
    for (int i = 0; i < 1000; ++i) {
        long n = small(rng) % 100;
        std::string whole = coin(rng) ? std::to_string(n) : to_words(n, true, true);
        std::string half = halves[i % 4];
        bool digits = std::isdigit(static_cast<unsigned char>(whole[0]));
        if (!digits && half == "½") half = " and a half";
        std::string scale = scales[(i / 4) % 5];
        if (!digits && (scale == "m" || scale == "bn")) scale = " million";
        if (digits && !half.empty() && !scale.empty() && scale[0] != ' ') scale = " million";
        std::string text = whole + half + scale;
        INFO(text);
        auto fast = parse_number(text);
        auto slow = slow_parse(text);
        REQUIRE(fast);
        REQUIRE(slow);
        CHECK(std::abs(*fast - *slow) < 1e-6);
        ++checked;
    }
    CHECK(checked == 6000);
}
