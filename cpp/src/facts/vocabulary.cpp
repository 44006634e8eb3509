#include "optally/facts/vocabulary.hpp"

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "optally/facts/data_dir.hpp"
#include "optally/facts/errors.hpp"

namespace optally {

namespace {
std::mutex data_dir_mutex;
std::filesystem::path chosen_data_dir;
}  // namespace

std::filesystem::path data_dir() {
    std::lock_guard lock(data_dir_mutex);
    if (!chosen_data_dir.empty()) return chosen_data_dir;
    if (const char* env = std::getenv("OPTALLY_DATA_DIR"); env && *env) return env;
#ifdef OPTALLY_DEFAULT_DATA_DIR
    return OPTALLY_DEFAULT_DATA_DIR;
#else
    return "data";
#endif
}

void set_data_dir(const std::filesystem::path& dir) {
    std::lock_guard lock(data_dir_mutex);
    chosen_data_dir = dir;
}

namespace {
std::vector<NamedPair> read_pairs(const nlohmann::json& doc, const char* key, const Vocabulary& vocabulary,
                                  const std::string& file) {
    std::vector<NamedPair> pairs;
    if (!doc.contains(key)) return pairs;
    for (const auto& item : doc.at(key)) {
        NamedPair pair{item.at("numerator").get<std::string>(), item.at("denominator").get<std::string>(),
                       item.value("name", std::string())};
        for (const auto& metric : {pair.numerator, pair.denominator})
            if (!vocabulary.contains(metric))
                throw InputError(file, 0, key, "unknown metric '" + metric + "'");
        if (pair.name.empty()) pair.name = pair.numerator + " per " + pair.denominator;
        pairs.push_back(std::move(pair));
    }
    return pairs;
}
}  // namespace

Vocabulary Vocabulary::load(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw InputError(file.string(), 0, "", "cannot open the metric vocabulary");
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(file.string(), 0, "", std::string("not valid JSON: ") + e.what());
    }
    Vocabulary vocabulary;
    try {
        for (const auto& item : doc.at("metrics")) {
            MetricInfo info;
            info.name = item.at("name").get<std::string>();
            info.description = item.value("description", std::string());
            for (const auto& unit : item.value("units", nlohmann::json::array())) {
                auto parsed = parse_unit(unit.get<std::string>());
                if (!parsed || *parsed == Unit::none)
                    throw InputError(file.string(), 0, "units", "unknown unit '" + unit.get<std::string>() + "'");
                info.units.push_back(*parsed);
            }
            info.nests_in = item.value("nests_in", std::vector<std::string>{});
            vocabulary.metrics_.push_back(std::move(info));
        }
        if (vocabulary.metrics_.size() > 255)
            throw InputError(file.string(), 0, "metrics", "more than 255 metrics");
        for (const auto& info : vocabulary.metrics_)
            for (const auto& whole : info.nests_in)
                if (!vocabulary.contains(whole))
                    throw InputError(file.string(), 0, "nests_in", "unknown metric '" + whole + "'");
        vocabulary.ratios_ = read_pairs(doc, "standard_ratios", vocabulary, file.string());
        vocabulary.proportions_ = read_pairs(doc, "standard_proportions", vocabulary, file.string());
    } catch (const nlohmann::json::exception& e) {
        throw InputError(file.string(), 0, "", std::string("malformed vocabulary: ") + e.what());
    }
    return vocabulary;
}

const Vocabulary& Vocabulary::standard() {
    static const Vocabulary vocabulary = load(data_dir() / "metrics.json");
    return vocabulary;
}

std::optional<std::uint8_t> Vocabulary::index_of(std::string_view name) const noexcept {
    // Asked for every fact a table takes in: the size and the first byte tell most names
    // apart before a call to memcmp.
    for (std::size_t i = 0; i < metrics_.size(); ++i) {
        const std::string& candidate = metrics_[i].name;
        if (candidate.size() == name.size() && (name.empty() || candidate[0] == name[0]) && candidate == name)
            return static_cast<std::uint8_t>(i);
    }
    return std::nullopt;
}

const MetricInfo* Vocabulary::find(std::string_view name) const noexcept {
    auto index = index_of(name);
    return index ? &metrics_[*index] : nullptr;
}

std::string Vocabulary::list() const {
    std::string out;
    for (const auto& info : metrics_) {
        if (!out.empty()) out += ", ";
        out += info.name;
    }
    return out;
}

bool Vocabulary::nests(std::string_view part, std::string_view whole) const noexcept {
    const MetricInfo* info = find(part);
    if (!info) return false;
    for (const auto& candidate : info->nests_in)
        if (candidate == whole) return true;
    return false;
}

}  // namespace optally
