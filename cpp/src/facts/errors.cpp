#include "optally/facts/errors.hpp"

namespace optally {

namespace {
// "facts.jsonl:12: field 'value': expected a number" — the shape editors and humans parse.
std::string locate(const std::string& file, std::size_t line, const std::string& field, const std::string& what) {
    std::string message = file;
    if (line) message.append(":").append(std::to_string(line));
    if (!field.empty()) message.append(": field '").append(field).append("'");
    message.append(": ").append(what);
    return message;
}
}  // namespace

InputError::InputError(std::string file, std::size_t line, std::string field, const std::string& what)
    : std::invalid_argument(locate(file, line, field, what)),
      file_(std::move(file)),
      line_(line),
      field_(std::move(field)),
      reason_(what) {}

}  // namespace optally
