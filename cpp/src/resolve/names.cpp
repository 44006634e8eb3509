#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

#include "optally/resolve/similarity.hpp"

namespace optally::resolve {

namespace {
bool is_word_char(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Words of the text in lower case; bytes beyond ASCII are kept as letters so that accented
// names still compare byte for byte.
std::vector<std::string> lower_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (unsigned char c : text) {
        if (is_word_char(c)) {
            word.push_back(static_cast<char>(c < 0x80 ? std::tolower(c) : c));
        } else if (c == '\'' || c == 0x60) {
            continue;  // "O'Brien" and "OBrien" are one name
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

std::string_view trim(std::string_view text) {
    auto is_space = [](unsigned char c) { return std::isspace(c) || c == '"' || c == '\''; };
    while (!text.empty() && is_space(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && is_space(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

bool parse_int(std::string_view text, int& out) {
    if (text.empty()) return false;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size();
}

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
}  // namespace

std::string normalise_name(std::string_view name) {
    auto words = lower_words(name);
    // "Operation" is the only prefix reports put before a name; when it is the whole name
    // there is nothing else to keep.
    if (words.size() > 1 && (words.front() == "operation" || words.front() == "op")) words.erase(words.begin());
    std::string key;
    for (const auto& word : words) key += word;
    return key;
}

std::string display_name(std::string_view name) {
    name = trim(name);
    for (std::string_view prefix : {"Operation ", "operation ", "OPERATION ", "Op. ", "Op "}) {
        if (name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix) {
            name.remove_prefix(prefix.size());
            break;
        }
    }
    return std::string(trim(name));
}

std::string normalise_key(std::string_view text) {
    auto words = lower_words(text);
    if (words.size() > 1 && words.front() == "the") words.erase(words.begin());
    std::string key;
    for (const auto& word : words) {
        if (!key.empty()) key += ' ';
        key += word;
    }
    return key;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rows suffice for the optimal string alignment recurrence.
    const std::size_t n = b.size();
    std::vector<std::size_t> before(n + 1), previous(n + 1), current(n + 1);
    for (std::size_t j = 0; j <= n; ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= n; ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[n];
}

double name_similarity(std::string_view a, std::string_view b) {
    std::string left = normalise_name(a), right = normalise_name(b);
    std::size_t longer = std::max(left.size(), right.size());
    if (longer == 0) return 1.0;
    return 1.0 - static_cast<double>(edit_distance(left, right)) / static_cast<double>(longer);
}

std::optional<long> day_number(std::string_view iso_date) {
    iso_date = trim(iso_date);
    if (iso_date.size() > 10) iso_date = iso_date.substr(0, 10);  // "2014-07-16T09:00" keeps the day
    int year = 0, month = 7, day = 1;
    if (iso_date.size() < 4 || !parse_int(iso_date.substr(0, 4), year)) return std::nullopt;
    if (iso_date.size() > 4) {
        if (iso_date[4] != '-' || iso_date.size() < 7 || !parse_int(iso_date.substr(5, 2), month)) return std::nullopt;
        day = 15;
    }
    if (iso_date.size() > 7) {
        if (iso_date[7] != '-' || iso_date.size() != 10 || !parse_int(iso_date.substr(8, 2), day)) return std::nullopt;
    } else if (iso_date.size() != 4 && iso_date.size() != 7) {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    return days_from_civil(year, month, day);
}

}  // namespace optally::resolve
