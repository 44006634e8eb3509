#pragma once
// Little-endian reading and writing for the summary formats. Private to cpp/src/stats.
// Reads are bounds-checked: a short buffer is a std::invalid_argument naming the offset,
// never a read past the end.

#include <bit>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace optally::stats::detail {

class ByteWriter {
public:
    void u8(std::uint8_t v) { bytes_.push_back(v); }
    void u64(std::uint64_t v) {
        for (int i = 0; i < 8; ++i) bytes_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    void f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }
    void raw(std::span<const std::uint8_t> data) { bytes_.insert(bytes_.end(), data.begin(), data.end()); }
    void reserve(std::size_t n) { bytes_.reserve(n); }
    std::vector<std::uint8_t> take() { return std::move(bytes_); }

private:
    std::vector<std::uint8_t> bytes_;
};

class ByteReader {
public:
    ByteReader(std::span<const std::uint8_t> bytes, const char* what) : bytes_(bytes), what_(what) {}

    std::uint8_t u8() {
        need(1);
        return bytes_[pos_++];
    }
    std::uint64_t u64() {
        need(8);
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v |= std::uint64_t{bytes_[pos_ + i]} << (8 * i);
        pos_ += 8;
        return v;
    }
    double f64() { return std::bit_cast<double>(u64()); }

    std::size_t offset() const noexcept { return pos_; }
    std::size_t remaining() const noexcept { return bytes_.size() - pos_; }
    [[noreturn]] void fail(const std::string& why) const {
        throw std::invalid_argument(std::string(what_) + ": " + why + " (at byte " + std::to_string(pos_) + ")");
    }
    void expect_end() const {
        if (remaining() != 0) fail(std::to_string(remaining()) + " unexpected trailing bytes");
    }

private:
    void need(std::size_t n) const {
        if (remaining() < n)
            fail("truncated input: " + std::to_string(n) + " more bytes needed, " + std::to_string(remaining()) +
                 " left");
    }

    std::span<const std::uint8_t> bytes_;
    const char* what_;
    std::size_t pos_ = 0;
};

}  // namespace optally::stats::detail
