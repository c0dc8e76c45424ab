// Reading the reference vectors in tests/data: comma-separated rows, '#' comments, and the
// specials spelled nan, inf and -inf.
#ifndef XACT_TESTS_REFERENCE_DATA_HPP
#define XACT_TESTS_REFERENCE_DATA_HPP

#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"

namespace xact_test {

inline double parse_double(std::string const& s)
{
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (s == "inf") return std::numeric_limits<double>::infinity();
    if (s == "-inf") return -std::numeric_limits<double>::infinity();
    // strtod, not stod: stod throws on a subnormal value
    const char* begin = s.c_str();
    char* end = nullptr;
    const double v = std::strtod(begin, &end);
    REQUIRE(end != begin);
    return v;
}

/// The data rows of tests/data/<file>, each split into its cells (a trailing empty cell kept).
inline std::vector<std::vector<std::string>> csv_rows(std::string const& file)
{
    std::ifstream in(std::string(XACT_TEST_DATA_DIR "/") + file);
    REQUIRE(in.good());
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cells;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ',')) cells.push_back(cell);
        if (line.back() == ',') cells.emplace_back();
        rows.push_back(std::move(cells));
    }
    REQUIRE(!rows.empty());
    return rows;
}

}  // namespace xact_test

#endif
