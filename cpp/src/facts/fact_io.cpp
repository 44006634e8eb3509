// Reading and writing fact files. A file is read whole into a fresh table and only then
// handed over, so a bad line leaves nothing half-loaded.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "jsonl_fast.hpp"
#include "optally/facts/errors.hpp"
#include "optally/facts/fact_table.hpp"

namespace optally {

namespace {

using json = nlohmann::json;

std::string type_name(const json& value) { return value.is_null() ? "null" : value.type_name(); }

bool valid_utf8(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = detail::utf8_sequence(text, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

// Input echoed in an error message: the message must itself be valid UTF-8 (Python turns it
// into a str) and short, however broken or long the input was.
std::string printable(std::string_view text, std::size_t most = 60) {
    std::string out;
    std::size_t shown = 0;
    for (std::size_t i = 0; i < text.size(); ++shown) {
        if (shown == most) return out + "\u2026";
        std::size_t n = detail::utf8_sequence(text, i);
        auto c = static_cast<unsigned char>(text[i]);
        if (n == 0 || c < 0x20 || c == 0x7F) {
            static const char hex[] = "0123456789abcdef";
            out.append("\\x").push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
            i += 1;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

// nlohmann's message without its exception id, and with "line 1" dropped: the line
// that matters is the file's, which the caller adds.
std::string json_message(const json::exception& e) {
    std::string what = e.what();
    if (what.rfind("[json.exception.", 0) == 0) {
        std::size_t close = what.find("] ");
        if (close != std::string::npos) what.erase(0, close + 2);
    }
    if (std::size_t at = what.find("at line 1, "); at != std::string::npos) what.erase(at + 3, 8);
    return printable(what, 200);
}

// Text fields may be absent or null (JSON null is how the contract writes "no operation").
std::string text_field(const json& object, const char* field, std::string fallback) {
    auto found = object.find(field);
    if (found == object.end() || found->is_null()) return fallback;
    if (!found->is_string()) throw InputError("", 0, field, "expected a string, found " + type_name(*found));
    return found->get<std::string>();
}

std::uint32_t offset_field(const json& object, const char* field) {
    auto found = object.find(field);
    if (found == object.end() || found->is_null()) return 0;
    if (!found->is_number_integer() && !(found->is_number_float() && std::floor(found->get<double>()) == found->get<double>()))
        throw InputError("", 0, field, "expected a whole byte offset, found " + type_name(*found));
    double offset = found->get<double>();
    if (offset < 0 || offset > 4294967295.0) throw InputError("", 0, field, "byte offset out of range");
    return static_cast<std::uint32_t>(offset);
}

// The one conversion from a parsed record to a Fact; CSV rows are turned into the same
// JSON objects first so both formats obey the same rules.
Fact fact_from_json(const json& object) {
    if (!object.is_object()) throw InputError("", 0, "", "expected a JSON object, found " + type_name(object));
    for (const char* required : {"doc", "metric", "value"})
        if (!object.contains(required) || object.at(required).is_null())
            throw InputError("", 0, required, "missing required field");
    Fact fact;
    fact.doc = text_field(object, "doc", "");
    fact.metric = text_field(object, "metric", "");
    const json& value = object.at("value");
    if (!value.is_number()) throw InputError("", 0, "value", "expected a number, found " + type_name(value));
    fact.value = value.get<double>();
    std::string unit = text_field(object, "unit", "");
    auto parsed_unit = parse_unit(unit);
    if (!parsed_unit)
        throw InputError("", 0, "unit", "unknown unit '" + printable(unit) + "'; expected hours, days, weeks, months or years");
    fact.unit = *parsed_unit;
    std::string qualifier = text_field(object, "qualifier", "exact");
    auto parsed_qualifier = parse_qualifier(qualifier);
    if (!parsed_qualifier)
        throw InputError("", 0, "qualifier",
                         "unknown qualifier '" + printable(qualifier) +
                             "'; expected exact, more_than, at_least, about, up_to or fewer_than");
    fact.qualifier = *parsed_qualifier;
    auto scope = object.find("scope");
    if (scope != object.end() && scope->is_array()) {
        // Gold files list several acceptable scopes; the first is the one written.
        if (scope->empty() || !scope->front().is_string())
            throw InputError("", 0, "scope", "a list of scopes must hold strings");
        fact.scope = scope->front().get<std::string>();
    } else {
        fact.scope = text_field(object, "scope", "total");
    }
    fact.operation = text_field(object, "operation", "");
    fact.start = offset_field(object, "start");
    fact.end = offset_field(object, "end");
    fact.evidence = text_field(object, "evidence", "");
    fact.agency = text_field(object, "agency", "");
    fact.date = text_field(object, "date", "");
    return fact;
}

[[noreturn]] void rethrow_at(const InputError& error, const std::string& file, std::size_t line) {
    throw InputError(file, line, error.field(), error.reason());
}

void strip_line_end(std::string& line, bool first) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (first && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
}

bool blank(std::string_view line) { return line.find_first_not_of(" \t") == std::string_view::npos; }

std::ifstream open_for_reading(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) throw InputError(file.string(), 0, "", "no such file");
    if (std::filesystem::is_directory(file, ec)) throw InputError(file.string(), 0, "", "is a directory, not a fact file");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file.string(), 0, "", "cannot open for reading");
    return in;
}

}  // namespace

FactTable FactTable::read_jsonl(std::istream& in, const std::string& name) {
    FactTable table;
    table.reserve(detail::count_lines_ahead(in));  // columns sized once, without doubling's slack
    std::string line;
    Fact fact;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        strip_line_end(line, number == 1);
        if (blank(line)) continue;
        try {
            // The fast reader takes the common flat lines; nlohmann reads (or rejects) the rest.
            if (!detail::parse_flat_fact(line, fact)) fact = fact_from_json(json::parse(line));
            table.append(fact);
        } catch (const InputError& e) {
            rethrow_at(e, name, number);
        } catch (const json::parse_error& e) {
            // getline stops at the end of input rather than at a line end only when the
            // last line is cut short.
            bool unterminated = in.eof();
            std::string what = std::string("not valid JSON") + (unterminated ? " (is the file truncated?)" : "") + ": " +
                               json_message(e);
            throw InputError(name, number, "", what);
        } catch (const json::exception& e) {
            throw InputError(name, number, "", json_message(e));
        }
    }
    if (in.bad()) throw InputError(name, number, "", "read error");
    return table;
}

FactTable FactTable::read_jsonl(const std::filesystem::path& file) {
    auto in = open_for_reading(file);
    return read_jsonl(in, file.string());
}

namespace {

// RFC 4180 fields: quotes around a field allow commas, quotes ("") and line breaks.
// Returns false at end of input. `line` counts every line read; `first` is the line the
// record starts on, which errors name (a quoted field may run over several lines).
bool read_csv_record(std::istream& in, std::vector<std::string>& fields, std::size_t& line, std::size_t& first) {
    fields.clear();
    if (in.peek() == std::char_traits<char>::eof()) return false;
    std::string field;
    bool quoted = false, in_quotes = false;
    first = ++line;
    for (int c; (c = in.get()) != std::char_traits<char>::eof();) {
        char ch = static_cast<char>(c);
        if (in_quotes) {
            if (ch == '"') {
                if (in.peek() == '"') {
                    field += '"';
                    in.get();
                } else {
                    in_quotes = false;
                }
            } else {
                if (ch == '\n') ++line;
                field += ch;
            }
        } else if (ch == '"' && field.empty() && !quoted) {
            in_quotes = quoted = true;
        } else if (ch == ',') {
            fields.push_back(std::move(field));
            field.clear();
            quoted = false;
        } else if (ch == '\n') {
            break;
        } else if (ch != '\r') {
            field += ch;
        }
    }
    if (in_quotes) throw InputError("", first, "", "unterminated quoted field (is the file truncated?)");
    fields.push_back(std::move(field));
    return true;
}

json csv_cell(const std::string& column, const std::string& text) {
    if (column == "value" || column == "start" || column == "end") {
        if (text.empty()) return nullptr;
        // Plain decimal only: strtod would also read " 12", "0x1A" and "infinity".
        double number = 0;
        const char* first = text.data();
        const char* last = first + text.size();
        auto [end, ec] = std::from_chars(first, last, number, std::chars_format::general);
        if (ec == std::errc::result_out_of_range)
            throw InputError("", 0, column, "number out of range: '" + printable(text) + "'");
        if (ec != std::errc() || end != last || !std::isfinite(number))
            throw InputError("", 0, column, "expected a number, found '" + printable(text) + "'");
        return number;
    }
    if (text.empty() && (column == "unit" || column == "operation" || column == "agency" || column == "date"))
        return nullptr;
    return text;
}

}  // namespace

FactTable FactTable::read_csv(std::istream& in, const std::string& name) {
    FactTable table;
    std::vector<std::string> header, fields;
    std::size_t line = 0, first = 0;
    try {
        if (!read_csv_record(in, header, line, first)) throw InputError("", 0, "", "empty file: expected a header row");
        if (!header.empty() && header.front().rfind("\xEF\xBB\xBF", 0) == 0) header.front().erase(0, 3);
        for (const std::string& column : header)
            if (!valid_utf8(column)) throw InputError("", 1, "", "header row is not valid UTF-8 (save the file as UTF-8)");
        for (const char* required : {"doc", "metric", "value"})
            if (std::find(header.begin(), header.end(), required) == header.end())
                throw InputError("", 1, required, "the header row lacks this column");
        while (read_csv_record(in, fields, line, first)) {
            if (fields.size() == 1 && blank(fields.front())) continue;
            if (fields.size() != header.size())
                throw InputError("", first, "",
                                 "expected " + std::to_string(header.size()) + " fields, found " + std::to_string(fields.size()));
            json object = json::object();
            for (std::size_t i = 0; i < header.size(); ++i) {
                if (!valid_utf8(fields[i]))
                    throw InputError("", first, header[i],
                                     "not valid UTF-8 (save the file as UTF-8): '" + printable(fields[i]) + "'");
                try {
                    object[header[i]] = csv_cell(header[i], fields[i]);
                } catch (const InputError& e) {
                    throw InputError("", first, e.field(), e.reason());
                }
            }
            try {
                table.append(fact_from_json(object));
            } catch (const InputError& e) {
                throw InputError("", first, e.field(), e.reason());
            }
        }
    } catch (const InputError& e) {
        rethrow_at(e, name, e.line() ? e.line() : first);
    }
    return table;
}

FactTable FactTable::read_csv(const std::filesystem::path& file) {
    auto in = open_for_reading(file);
    return read_csv(in, file.string());
}

namespace {
std::string csv_quote(std::string_view text) {
    if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

std::string number_text(double value) {
    std::ostringstream out;
    out.precision(17);
    out << value;
    return out.str();
}
}  // namespace

void FactTable::write_csv(std::ostream& out) const {
    out << "doc,metric,value,unit,qualifier,scope,operation,start,end,evidence,agency,date\n";
    for (std::size_t i = 0; i < size(); ++i) {
        Fact f = row(i);
        out << csv_quote(f.doc) << ',' << f.metric << ',' << number_text(f.value) << ',' << to_string(f.unit) << ','
            << to_string(f.qualifier) << ',' << csv_quote(f.scope) << ',' << csv_quote(f.operation) << ',' << f.start
            << ',' << f.end << ',' << csv_quote(f.evidence) << ',' << csv_quote(f.agency) << ',' << csv_quote(f.date)
            << '\n';
    }
}

}  // namespace optally
