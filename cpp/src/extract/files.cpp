// Many files on many threads. Each worker takes the next file by an atomic counter; the
// facts of a file join the table as soon as every file before it has joined, so the result
// is the same whatever the number of threads and a file's facts are held apart only while
// an earlier file is still being read. A file whose facts the table refuses is skipped
// whole, with the reason, like a file that cannot be read.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>

#include "optally/extract/extractor.hpp"

namespace optally::extract {

namespace {

struct FileResult {
    // Checked when they join the table (FactTable::append_all: all or none). Straight into
    // the one table: a table per file cost a string pool and every string interned twice.
    std::vector<Fact> facts;
    std::string skipped;  // the reason, when the file was not read
};

// Enough of a file to tell text from a binary file that only carries a text ending; the
// Python side (optally._inputs) gives the same reasons for files it looks at itself.
constexpr std::size_t sniff_bytes = 8192;

// The whole file into the first `size` bytes of `buffer`, or why it is not an article (""
// when it is one). Read once, at its size, so the check for binary content costs no second
// open. The buffer only grows: bytes past `size` are left from an earlier file, and a buffer
// already large enough is neither reallocated nor zero-filled again.
std::string read_article(const std::filesystem::path& path, std::string& buffer, std::size_t& size) {
    size = 0;
    // Non-blocking, so that opening a FIFO returns at once and fstat() turns it away: one
    // open and one fstat per file instead of a stat() first.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return std::string("cannot read: ") + std::strerror(errno);
    struct ::stat info {};
    if (::fstat(fd, &info) != 0) {
        const int error = errno;
        ::close(fd);
        return std::string("cannot read: ") + std::strerror(error);
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(fd);
        return "not a regular file";
    }
    // The size is a hint: a file that grows while read is read to its end. Room for a byte
    // more than the size: a read of a regular file that stops short of what it asked for has
    // met the end, and when it stops at the size fstat() gave, the read that would return 0
    // is saved (a third of the system calls of a corpus of small files).
    const auto hint = info.st_size > 0 ? static_cast<std::size_t>(info.st_size) : 0;
    if (buffer.size() < hint + 1) buffer.resize(hint + 1);
    char more[4096];
    for (;;) {
        const bool room = size < buffer.size();
        const std::size_t asked = room ? buffer.size() - size : sizeof more;
        const ::ssize_t n = room ? ::read(fd, buffer.data() + size, asked) : ::read(fd, more, asked);
        if (n < 0) {
            if (errno == EINTR) continue;
            ::close(fd);
            return "read error";
        }
        if (n == 0) break;
        if (!room) buffer.append(more, static_cast<std::size_t>(n));
        size += static_cast<std::size_t>(n);
        if (static_cast<std::size_t>(n) < asked && size == hint) break;
    }
    ::close(fd);
    std::string_view head(buffer.data(), std::min(size, sniff_bytes));
    if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) return "UTF-16 text (save it as UTF-8)";
    if (head.find('\0') != std::string_view::npos) return "binary file, not text";
    if (size > 0xFFFFFFF0u) return "larger than 4 GB";
    if (size == 0) return "empty file";  // the reason optally._inputs gives
    return "";
}

FileResult extract_file(const std::filesystem::path& path, const Lexicon& lexicon, const ExtractOptions& options) {
    FileResult result;
    // The bytes of the thread's last file, reused: a string per file was allocated and
    // zero-filled at the file's size only for the read to overwrite it.
    thread_local std::string buffer;
    // ...but not the bytes of a very large file, which would stay with the thread.
    struct Release {
        std::string& buffer;
        ~Release() {
            if (buffer.size() > (std::size_t{4} << 20)) std::string().swap(buffer);
        }
    } release{buffer};
    std::size_t size = 0;
    if (std::string why = read_article(path, buffer, size); !why.empty()) {
        result.skipped = std::move(why);
        return result;
    }
    try {
        result.facts = extract_text(std::string_view(buffer.data(), size), path.stem().string(), lexicon, options);
    } catch (const std::exception& e) {
        result.skipped = std::string("extraction failed: ") + e.what();
        result.facts.clear();
    }
    return result;
}

}  // namespace

ExtractResult extract_files(std::span<const std::filesystem::path> files, unsigned threads, const Lexicon& lexicon,
                            const ExtractOptions& options, const ExtractProgress& progress) {
    std::vector<FileResult> results(files.size());
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(files.size(), 1)));

    ExtractResult out;
    // Files [0, joined) are in `out`; a file done out of turn waits in `results` for the
    // ones before it. One lock for joining and for the progress callback, which workers
    // called one at a time before too.
    std::size_t joined = 0;
    std::vector<std::uint8_t> ready(files.size(), 0);
    auto join = [&](std::size_t i) {
        FileResult& r = results[i];
        if (r.skipped.empty()) {
            try {
                out.table.append_all(r.facts);
            } catch (const std::exception& e) {
                r.skipped = std::string("extraction failed: ") + e.what();
            }
        }
        if (!r.skipped.empty()) out.skipped.push_back({files[i], std::move(r.skipped)});
        r = FileResult{};  // one copy of the facts at a time
    };

    std::atomic<std::size_t> next{0};
    std::size_t done = 0;
    std::mutex mutex;
    auto work = [&] {
        for (std::size_t i = next++; i < files.size(); i = next++) {
            FileResult r = extract_file(files[i], lexicon, options);
            std::lock_guard lock(mutex);
            results[i] = std::move(r);
            ready[i] = 1;
            for (; joined < files.size() && ready[joined]; ++joined) join(joined);
            if (progress) progress(++done, files.size());
        }
    };
    if (threads <= 1) {
        work();
    } else {
        std::vector<std::jthread> pool;
        pool.reserve(threads);
        for (unsigned i = 0; i < threads; ++i) pool.emplace_back(work);
    }
    return out;
}

}  // namespace optally::extract
