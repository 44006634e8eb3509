#pragma once
// Errors the core raises for bad input. They derive from std::invalid_argument so that a
// caller that does not care about the detail still catches them; the bindings map
// InputError to Python's optally.InputError (a ValueError).

#include <cstddef>
#include <stdexcept>
#include <string>

namespace optally {

class InputError : public std::invalid_argument {
public:
    // file may be "<string>" or "<stdin>"; line 0 means the whole file; field may be empty.
    InputError(std::string file, std::size_t line, std::string field, const std::string& what);

    const std::string& file() const noexcept { return file_; }
    std::size_t line() const noexcept { return line_; }
    const std::string& field() const noexcept { return field_; }
    const std::string& reason() const noexcept { return reason_; }

private:
    std::string file_;
    std::size_t line_;
    std::string field_;
    std::string reason_;
};

}  // namespace optally
