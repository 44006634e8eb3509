#pragma once
// The cue words, qualifier phrases, number words, agencies, person titles and places the
// extractor reads figures with. They are data (data/lexicon.json, data/gazetteer.json,
// data/names.json): adding a synonym or a police force area needs no recompile, and a
// user can add a file of the same format of their own.

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace optally::extract {

namespace detail {
struct LexiconData;
}

// What a place is; decides whether a figure "in X" is the whole operation or a part.
enum class PlaceKind : std::uint8_t { country, nation, state, force, county, city };

struct Place {
    std::string name;   // as the scope is written out ("Jersey" for "States of Jersey")
    PlaceKind kind = PlaceKind::city;
    std::string force;  // the police force area it lies in, when known
};

class Lexicon {
public:
    // Files read from a data folder, in this order; each may hold any of the sections.
    static constexpr const char* standard_files[] = {"lexicon.json", "gazetteer.json", "names.json"};

    // Reads the standard files from `dir`, then each extra file (same format, any subset
    // of the sections; lists are appended, maps extended). A file that cannot be read or
    // holds a section of the wrong shape raises optally::InputError naming file and section.
    static Lexicon load(const std::filesystem::path& dir);
    static Lexicon load(const std::filesystem::path& dir, std::span<const std::filesystem::path> extra_files);
    // The lexicon of data_dir(), read once (thread-safe).
    static const Lexicon& standard();

    // This lexicon extended with everything `other` was read from.
    void merge(const Lexicon& other);
    // The files this lexicon was read from, in order.
    std::vector<std::string> sources() const;

    // Small look-ups, for users who want to check what the data says.
    std::optional<Place> place(std::string_view name) const;         // "Lincolnshire", "the UK"
    std::optional<std::string> agency(std::string_view name) const;  // "Ceop" -> "CEOP"
    std::optional<double> number_word(std::string_view word) const;  // "sixty" -> 60

    const detail::LexiconData& data() const noexcept { return *data_; }

private:
    std::shared_ptr<const detail::LexiconData> data_;
};

}  // namespace optally::extract
