#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "optally/extract/text.hpp"

namespace optally::extract {

namespace {

char lower_ascii(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool starts_with_ci(std::string_view s, std::size_t at, std::string_view prefix) noexcept {
    if (at + prefix.size() > s.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (lower_ascii(s[at + i]) != prefix[i]) return false;
    return true;
}

std::size_t find_ci(std::string_view s, std::size_t from, std::string_view needle) noexcept {
    for (std::size_t i = from; i + needle.size() <= s.size(); ++i)
        if (starts_with_ci(s, i, needle)) return i;
    return std::string_view::npos;
}

// Tags whose content is no part of the article.
constexpr std::array<std::string_view, 8> skipped_tags = {"script", "style", "noscript", "template", "svg", "iframe", "object", "canvas"};

// Tags that end a paragraph; their text never runs into the next block's.
constexpr std::array<std::string_view, 38> block_tags = {
    "p",      "div",    "br",     "h1",      "h2",     "h3",     "h4",    "h5",         "h6",     "li",
    "ul",     "ol",     "tr",     "table",   "section", "article", "header", "footer",   "blockquote", "title",
    "hr",     "dd",     "dt",     "dl",      "figcaption", "pre",  "nav",    "aside",    "main",   "form",
    "td",     "th",     "caption", "address", "figure", "time",   "body",   "summary"};

struct Entity {
    std::string_view name;
    std::string_view text;
};
constexpr std::array<Entity, 36> entities = {{
    {"amp", "&"},       {"lt", "<"},        {"gt", ">"},        {"quot", "\""},      {"apos", "'"},
    {"nbsp", " "},      {"rsquo", "\u2019"}, {"lsquo", "\u2018"}, {"ldquo", "\u201C"}, {"rdquo", "\u201D"},
    {"ndash", "\u2013"}, {"mdash", "\u2014"}, {"hellip", "\u2026"}, {"frac12", "\u00BD"}, {"frac14", "\u00BC"},
    {"frac34", "\u00BE"}, {"pound", "\u00A3"}, {"euro", "\u20AC"}, {"copy", "\u00A9"},  {"reg", "\u00AE"},
    {"trade", "\u2122"}, {"bull", "\u2022"}, {"middot", "\u00B7"}, {"eacute", "\u00E9"}, {"egrave", "\u00E8"},
    {"aacute", "\u00E1"}, {"iacute", "\u00ED"}, {"oacute", "\u00F3"}, {"uacute", "\u00FA"}, {"uuml", "\u00FC"},
    {"ouml", "\u00F6"},  {"auml", "\u00E4"},  {"ccedil", "\u00E7"}, {"shy", ""},         {"thinsp", " "},
    {"ensp", " "},
}};

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp == 0xA0 || cp == 0x2009 || cp == 0x2002) cp = ' ';
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x110000) {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// The value of attribute `name` inside the tag text (between '<' and '>'), or "".
std::string_view attribute(std::string_view tag, std::string_view name) {
    std::size_t at = 0;
    while ((at = find_ci(tag, at, name)) != std::string_view::npos) {
        bool word_start = at == 0 || tag[at - 1] == ' ' || tag[at - 1] == '\t' || tag[at - 1] == '\n';
        std::size_t p = at + name.size();
        while (p < tag.size() && tag[p] == ' ') ++p;
        if (word_start && p < tag.size() && tag[p] == '=') {
            ++p;
            while (p < tag.size() && tag[p] == ' ') ++p;
            if (p < tag.size() && (tag[p] == '"' || tag[p] == '\'')) {
                char q = tag[p];
                std::size_t e = tag.find(q, p + 1);
                if (e == std::string_view::npos) return {};
                return tag.substr(p + 1, e - p - 1);
            }
            std::size_t e = p;
            while (e < tag.size() && tag[e] != ' ' && tag[e] != '>' && tag[e] != '/') ++e;
            return tag.substr(p, e - p);
        }
        at = p;
    }
    return {};
}

// "2012-06-16T09:00:00Z" -> "2012-06-16"
std::string iso_date_prefix(std::string_view v) {
    if (v.size() < 10) return {};
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (v[i] < '0' || v[i] > '9') return {};
    if (v[4] != '-' || v[7] != '-') return {};
    return std::string(v.substr(0, 10));
}

void look_for_date(std::string_view name, std::string_view tag, std::string& date) {
    if (!date.empty()) return;
    if (name == "time") {
        date = iso_date_prefix(attribute(tag, "datetime"));
    } else if (name == "meta") {
        std::string_view key = attribute(tag, "property");
        if (key.empty()) key = attribute(tag, "name");
        if (key.empty()) key = attribute(tag, "itemprop");
        std::string k;
        for (char c : key) k += lower_ascii(c);
        static constexpr std::array<std::string_view, 7> keys = {
            "article:published_time", "datepublished", "date", "pubdate", "publish-date", "dc.date", "og:published_time"};
        if (std::find(keys.begin(), keys.end(), k) != keys.end()) date = iso_date_prefix(attribute(tag, "content"));
    }
}

// Page furniture, whose figures are other stories' ("Knox County schools add 3 resource
// officers" in a list of related links): these elements are skipped with all they hold.
constexpr std::array<std::string_view, 3> furniture_tags = {"nav", "aside", "footer"};
constexpr std::array<std::string_view, 14> furniture_classes = {
    "related", "sidebar", "trending", "promo", "recommend", "most-read", "mostread", "popular",
    "newsletter", "advert", "cookie", "breadcrumb", "share", "comments"};

bool is_furniture(std::string_view name, std::string_view tag) {
    if (std::find(furniture_tags.begin(), furniture_tags.end(), name) != furniture_tags.end()) return true;
    for (std::string_view attribute_name : {"class", "id"}) {
        std::string_view value = attribute(tag, attribute_name);
        for (std::string_view word : furniture_classes)
            if (find_ci(value, 0, word) != std::string_view::npos) return true;
    }
    return false;
}

// Where the element opened by tag `name` before `from` ends: past its closing tag, counting
// the same tags nested inside it; the end of the input when it is never closed.
std::size_t element_end(std::string_view html, std::size_t from, std::string_view name) {
    // Appended piece by piece: GCC 12 warns falsely about "<" + std::string(...) here.
    std::string open(1, '<'), close("</");
    open.append(name);
    close.append(name);
    int depth = 1;
    for (std::size_t at = html.find('<', from); at != std::string_view::npos; at = html.find('<', at + 1)) {
        bool closing = starts_with_ci(html, at, close);
        bool opening = !closing && starts_with_ci(html, at, open);
        std::size_t after = at + (closing ? close.size() : open.size());
        // "<nav" must not match "<navigation": the name ends at a space, '>' or '/'.
        if ((opening || closing) && after < html.size() && std::isalnum(static_cast<unsigned char>(html[after]))) continue;
        if (opening) ++depth;
        if (closing && --depth == 0) {
            std::size_t gt = html.find('>', at);
            return gt == std::string_view::npos ? html.size() : gt + 1;
        }
    }
    return html.size();
}

}  // namespace

bool looks_like_html(std::string_view bytes) noexcept {
    std::string_view head = bytes.substr(0, 65536);
    std::size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string_view::npos && head[first] == '<') return true;
    for (std::size_t at = head.find('<'); at != std::string_view::npos; at = head.find('<', at + 1))
        for (std::string_view marker : {"<html", "<body", "<p>", "<p ", "<div", "<br", "</p>", "<span", "<a href"})
            if (starts_with_ci(head, at, marker)) return true;
    return false;
}

CleanText clean_html(std::string_view html) {
    CleanText out;
    out.text.reserve(html.size());
    out.offsets.reserve(html.size() + 1);
    auto emit = [&](std::string_view s, std::size_t from) {
        for (char c : s) {
            out.text += c;
            out.offsets.push_back(static_cast<std::uint32_t>(from));
        }
    };
    // White space in HTML source is one space; paragraph breaks come from block tags.
    auto emit_space = [&](std::size_t from) {
        if (!out.text.empty() && out.text.back() != ' ' && out.text.back() != '\n') emit(" ", from);
    };
    auto emit_break = [&](std::size_t from) {
        while (!out.text.empty() && out.text.back() == ' ') {
            out.text.pop_back();
            out.offsets.pop_back();
        }
        if (out.text.empty()) return;
        if (out.text.size() >= 2 && out.text.back() == '\n' && out.text[out.text.size() - 2] == '\n') return;
        emit(out.text.back() == '\n' ? "\n" : "\n\n", from);
    };

    std::size_t p = 0;
    const std::size_t n = html.size();
    int cells_in_row = 0;
    while (p < n) {
        char c = html[p];
        if (c == '<') {
            if (html.compare(p, 4, "<!--") == 0) {
                std::size_t e = html.find("-->", p + 4);
                p = e == std::string_view::npos ? n : e + 3;
                continue;
            }
            std::size_t q = p + 1;
            bool closing = q < n && html[q] == '/';
            if (closing) ++q;
            std::size_t name_begin = q;
            while (q < n && (std::isalnum(static_cast<unsigned char>(html[q])) || html[q] == '!' || html[q] == '?')) ++q;
            if (q == name_begin) {  // a lone '<' in text
                emit("<", p);
                ++p;
                continue;
            }
            std::string name;
            for (std::size_t i = name_begin; i < q; ++i) name += lower_ascii(html[i]);
            // The end of the tag, stepping over quoted attribute values that may hold '>'.
            char quote = 0;
            std::size_t e = q;
            for (; e < n; ++e) {
                if (quote) {
                    if (html[e] == quote) quote = 0;
                } else if (html[e] == '"' || html[e] == '\'') {
                    quote = html[e];
                } else if (html[e] == '>') {
                    break;
                }
            }
            std::string_view tag = html.substr(p + 1, (e < n ? e : n) - p - 1);
            std::size_t after = e < n ? e + 1 : n;
            if (!closing) look_for_date(name, tag, out.meta_date);
            if (!closing && std::find(skipped_tags.begin(), skipped_tags.end(), name) != skipped_tags.end() &&
                (tag.empty() || tag.back() != '/')) {
                std::string close = "</" + name;
                std::size_t end_tag = find_ci(html, after, close);
                if (end_tag == std::string_view::npos) {
                    p = n;
                } else {
                    std::size_t gt = html.find('>', end_tag);
                    p = gt == std::string_view::npos ? n : gt + 1;
                }
                continue;
            }
            if (!closing && (tag.empty() || tag.back() != '/') && is_furniture(name, tag)) {
                emit_break(p);
                p = element_end(html, after, name);
                continue;
            }
            if (name == "tr") cells_in_row = 0;
            if (std::find(block_tags.begin(), block_tags.end(), name) != block_tags.end()) {
                // A table's cells stay one line, set apart by " | ", so that a row reads as
                // "Lambeth | 7 | 6" under "Borough | Warrants executed | Arrests".
                if ((name == "td" || name == "th") && !closing && cells_in_row++ > 0) {
                    emit_space(p);
                    emit("| ", p);
                } else if (name == "td" || name == "th")
                    emit_space(p);
                else if (name == "br" || name == "li")
                    emit_break(p);  // a line of its own: list items and line breaks end a sentence too
                else
                    emit_break(p);
            }
            p = after;
            continue;
        }
        if (c == '&') {
            std::size_t semi = html.find(';', p + 1);
            if (semi != std::string_view::npos && semi - p <= 10) {
                std::string_view ref = html.substr(p + 1, semi - p - 1);
                std::string decoded;
                bool ok = false;
                if (!ref.empty() && ref[0] == '#') {
                    std::uint32_t cp = 0;
                    bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
                    std::size_t digits = 0;
                    for (std::size_t i = hex ? 2 : 1; i < ref.size(); ++i, ++digits) {
                        char d = lower_ascii(ref[i]);
                        int v = (d >= '0' && d <= '9') ? d - '0' : (hex && d >= 'a' && d <= 'f') ? d - 'a' + 10 : -1;
                        if (v < 0) {
                            digits = 0;
                            break;
                        }
                        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
                    }
                    if (digits) {
                        append_utf8(decoded, cp);
                        ok = true;
                    }
                } else {
                    for (const Entity& entity : entities)
                        if (entity.name == ref) {
                            decoded = entity.text;
                            ok = true;
                        }
                }
                if (ok) {
                    if (decoded == " ")
                        emit_space(p);
                    else
                        emit(decoded, p);
                    p = semi + 1;
                    continue;
                }
            }
        }
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
            emit_space(p);
            ++p;
            continue;
        }
        emit(std::string_view(&html[p], 1), p);
        ++p;
    }
    while (!out.text.empty() && (out.text.back() == ' ' || out.text.back() == '\n')) {
        out.text.pop_back();
        out.offsets.pop_back();
    }
    out.offsets.push_back(static_cast<std::uint32_t>(n));
    return out;
}

}  // namespace optally::extract
