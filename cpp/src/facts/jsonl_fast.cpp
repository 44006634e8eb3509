#include "jsonl_fast.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace optally::detail {

namespace {

// The fields the contract reads; every other key is skipped (when its value is flat).
enum Field : int { f_doc, f_metric, f_value, f_unit, f_qualifier, f_scope, f_operation, f_start, f_end,
                   f_evidence, f_agency, f_date, f_other };

Field field_of(std::string_view key) noexcept {
    static constexpr std::array<std::string_view, f_other> names{
        "doc", "metric", "value", "unit", "qualifier", "scope", "operation", "start", "end", "evidence", "agency", "date"};
    for (int i = 0; i < f_other; ++i)
        if (names[static_cast<std::size_t>(i)] == key) return static_cast<Field>(i);
    return f_other;
}

class Cursor {
public:
    explicit Cursor(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

    // JSON's whitespace; '\n' never occurs inside a line.
    void skip_space() noexcept {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\r' || *p_ == '\n')) ++p_;
    }
    bool at_end() const noexcept { return p_ == end_; }
    char peek() const noexcept { return p_ == end_ ? '\0' : *p_; }
    bool eat(char c) noexcept {
        if (p_ == end_ || *p_ != c) return false;
        ++p_;
        return true;
    }
    bool eat_word(std::string_view word) noexcept {
        if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return false;
        p_ += word.size();
        return true;
    }

    // A key without escapes, as a view into the line.
    bool plain_key(std::string_view& key) noexcept {
        if (!eat('"')) return false;
        const char* start = p_;
        while (p_ != end_ && *p_ != '"') {
            const auto c = static_cast<unsigned char>(*p_);
            if (c == '\\' || c < 0x20 || c >= 0x80) return false;  // rare: leave to nlohmann
            ++p_;
        }
        if (p_ == end_) return false;
        key = std::string_view(start, static_cast<std::size_t>(p_ - start));
        ++p_;
        return true;
    }

    // A string value, unescaped into out. Declines on what nlohmann would reject (raw
    // control characters, invalid UTF-8, bad escapes, unpaired surrogates).
    bool string(std::string& out) {
        out.clear();
        if (!eat('"')) return false;
        for (;;) {
            const char* run = p_;
            while (p_ != end_ && static_cast<unsigned char>(*p_) >= 0x20 && *p_ != '"' && *p_ != '\\' &&
                   static_cast<unsigned char>(*p_) < 0x80)
                ++p_;
            out.append(run, static_cast<std::size_t>(p_ - run));
            if (p_ == end_) return false;
            const auto c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                ++p_;
                return true;
            }
            if (c < 0x20) return false;
            if (c >= 0x80) {
                const std::size_t length = utf8_sequence({p_, static_cast<std::size_t>(end_ - p_)}, 0);
                if (length == 0) return false;
                out.append(p_, length);
                p_ += length;
                continue;
            }
            ++p_;  // the backslash
            if (!escape(out)) return false;
        }
    }

    // A JSON number. Integers (no fraction or exponent) convert as nlohmann stores them -
    // as a 64-bit integer, so "-0" is 0 - and others by correctly rounded parsing, as strtod
    // does; out-of-range numbers are declined.
    bool number(double& out, bool& is_integer) noexcept {
        const char* start = p_;
        eat('-');
        if (p_ == end_) return false;
        if (*p_ == '0') {
            ++p_;
        } else if (*p_ >= '1' && *p_ <= '9') {
            while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        } else {
            return false;
        }
        is_integer = true;
        if (p_ != end_ && *p_ == '.') {
            is_integer = false;
            ++p_;
            if (!digits()) return false;
        }
        if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
            is_integer = false;
            ++p_;
            if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
            if (!digits()) return false;
        }
        if (is_integer) {
            if (*start == '-') {
                std::int64_t i = 0;
                if (std::from_chars(start, p_, i).ec == std::errc()) {
                    out = static_cast<double>(i);
                    return true;
                }
            } else {
                std::uint64_t u = 0;
                if (std::from_chars(start, p_, u).ec == std::errc()) {
                    out = static_cast<double>(u);
                    return true;
                }
            }
            // Beyond 64 bits nlohmann falls back to a floating-point parse, as below.
        }
        const auto result = std::from_chars(start, p_, out);
        return result.ec == std::errc() && result.ptr == p_ && std::isfinite(out);
    }

private:
    bool digits() noexcept {
        const char* start = p_;
        while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        return p_ != start;
    }

    bool hex4(std::uint32_t& out) noexcept {
        if (end_ - p_ < 4) return false;
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = *p_++;
            out <<= 4;
            if (c >= '0' && c <= '9') out |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') out |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') out |= static_cast<std::uint32_t>(c - 'A' + 10);
            else return false;
        }
        return true;
    }

    bool escape(std::string& out) {
        if (p_ == end_) return false;
        switch (*p_++) {
            case '"': out += '"'; return true;
            case '\\': out += '\\'; return true;
            case '/': out += '/'; return true;
            case 'b': out += '\b'; return true;
            case 'f': out += '\f'; return true;
            case 'n': out += '\n'; return true;
            case 'r': out += '\r'; return true;
            case 't': out += '\t'; return true;
            case 'u': break;
            default: return false;
        }
        std::uint32_t code = 0;
        if (!hex4(code)) return false;
        if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a low surrogate alone
        if (code >= 0xD800 && code <= 0xDBFF) {
            std::uint32_t low = 0;
            if (!eat('\\') || !eat('u') || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
        return true;
    }

    const char* p_;
    const char* end_;
};

// Text fields: a string, or null meaning the field's default. Anything else is an error
// nlohmann's path reports.
bool text_value(Cursor& in, std::string& out, std::string_view if_null, bool& was_null) {
    was_null = false;
    if (in.peek() == 'n') {
        if (!in.eat_word("null")) return false;
        out.assign(if_null);
        was_null = true;
        return true;
    }
    return in.string(out);
}

// The value of a key the contract does not read: skipped when flat, declined when nested.
bool skip_value(Cursor& in, std::string& scratch) {
    switch (in.peek()) {
        case '"': return in.string(scratch);
        case 'n': return in.eat_word("null");
        case 't': return in.eat_word("true");
        case 'f': return in.eat_word("false");
        default: {
            double ignored = 0;
            bool is_integer = false;
            return in.number(ignored, is_integer);
        }
    }
}

bool offset_value(Cursor& in, std::uint32_t& out) {
    if (in.peek() == 'n') {
        out = 0;
        return in.eat_word("null");
    }
    if (in.peek() == '-') return false;  // leave signs and their errors to nlohmann
    double value = 0;
    bool is_integer = false;
    if (!in.number(value, is_integer) || !is_integer || value > 4294967295.0) return false;
    out = static_cast<std::uint32_t>(value);
    return true;
}

}  // namespace

bool parse_flat_fact(std::string_view line, Fact& fact) {
    Cursor in(line);
    in.skip_space();
    if (!in.eat('{')) return false;
    // Reused across lines, so a long file allocates these once.
    thread_local std::string unit, qualifier, scratch;
    unit.clear();
    qualifier = "exact";
    fact.doc.clear();
    fact.metric.clear();
    fact.value = 0.0;
    fact.scope = "total";
    fact.operation.clear();
    fact.start = fact.end = 0;
    fact.evidence.clear();
    fact.agency.clear();
    fact.date.clear();
    unsigned seen = 0;
    bool was_null = false;
    in.skip_space();
    if (in.eat('}')) return false;  // {} lacks the required fields
    for (;;) {
        in.skip_space();
        std::string_view key;
        if (!in.plain_key(key)) return false;
        in.skip_space();
        if (!in.eat(':')) return false;
        in.skip_space();
        const Field field = field_of(key);
        if (field != f_other) {
            const unsigned bit = 1U << field;
            if (seen & bit) return false;  // a repeated key: nlohmann keeps the last one
            seen |= bit;
        }
        bool ok = false;
        switch (field) {
            case f_doc: ok = in.string(fact.doc); break;
            case f_metric: ok = in.string(fact.metric); break;
            case f_value: {
                bool is_integer = false;
                ok = in.peek() != 'n' && in.number(fact.value, is_integer);
                break;
            }
            case f_unit: ok = text_value(in, unit, "", was_null); break;
            case f_qualifier: ok = text_value(in, qualifier, "exact", was_null); break;
            case f_scope: ok = text_value(in, fact.scope, "total", was_null); break;
            case f_operation: ok = text_value(in, fact.operation, "", was_null); break;
            case f_evidence: ok = text_value(in, fact.evidence, "", was_null); break;
            case f_agency: ok = text_value(in, fact.agency, "", was_null); break;
            case f_date: ok = text_value(in, fact.date, "", was_null); break;
            case f_start: ok = offset_value(in, fact.start); break;
            case f_end: ok = offset_value(in, fact.end); break;
            case f_other: ok = skip_value(in, scratch); break;
        }
        if (!ok) return false;
        in.skip_space();
        if (in.eat('}')) break;
        if (!in.eat(',')) return false;
    }
    in.skip_space();
    if (!in.at_end()) return false;
    constexpr unsigned required = (1U << f_doc) | (1U << f_metric) | (1U << f_value);
    if ((seen & required) != required) return false;
    const auto parsed_unit = parse_unit(unit);
    const auto parsed_qualifier = parse_qualifier(qualifier);
    if (!parsed_unit || !parsed_qualifier) return false;
    fact.unit = *parsed_unit;
    fact.qualifier = *parsed_qualifier;
    return true;
}

std::size_t count_lines_ahead(std::istream& in) {
    const auto start = in.tellg();
    if (start == std::istream::pos_type(-1)) return 0;
    std::size_t lines = 0;
    std::vector<char> buffer(1 << 20);
    auto* source = in.rdbuf();
    for (std::streamsize got; (got = source->sgetn(buffer.data(), static_cast<std::streamsize>(buffer.size()))) > 0;) {
        const char* p = buffer.data();
        const char* end = p + got;
        while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr) {
            ++lines;
            ++p;
        }
    }
    in.clear();
    in.seekg(start);
    return in ? lines + 1 : 0;  // the last line may lack its line end
}

}  // namespace optally::detail
