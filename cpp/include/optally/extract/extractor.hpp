#pragma once
// Articles in, facts out: every figure a report states about an operation against online
// child sexual abuse material, with its qualifier, scope, operation, agency and evidence
// (../shared/spec/facts.md).

#include <cstddef>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "optally/extract/lexicon.hpp"
#include "optally/facts/fact.hpp"
#include "optally/facts/fact_table.hpp"

namespace optally::extract {

struct ExtractOptions {
    // Person names in evidence are masked as "[name]" unless this is set.
    bool keep_names = false;
};

// The facts of one document, plain text or HTML (detected), in the order they are stated.
// `start`/`end` are byte offsets of the evidence sentence in `text` as given; `evidence`
// is that sentence (for HTML, its text without markup).
std::vector<Fact> extract_text(std::string_view text, std::string_view doc, const Lexicon& lexicon = Lexicon::standard(),
                               const ExtractOptions& options = {});

struct SkippedFile {
    std::filesystem::path path;
    std::string reason;
};

struct ExtractResult {
    FactTable table;
    std::vector<SkippedFile> skipped;
};

// Called after each file with (files done, files in all), from the calling thread or a
// worker, one call at a time.
using ExtractProgress = std::function<void(std::size_t done, std::size_t total)>;

// The facts of many files (.txt, .html, .htm; the document id is the file name without
// extension), read by `threads` workers (0: one per core). The table is the same as a
// serial run's, in the order of `files`; files that cannot be read are listed as skipped.
ExtractResult extract_files(std::span<const std::filesystem::path> files, unsigned threads = 0,
                            const Lexicon& lexicon = Lexicon::standard(), const ExtractOptions& options = {},
                            const ExtractProgress& progress = {});

}  // namespace optally::extract
