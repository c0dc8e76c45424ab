// The Catch2 include for xact's tests: the same sources build with Catch2 v3 and v2.
#ifndef XACT_TESTS_CATCH_HPP
#define XACT_TESTS_CATCH_HPP

#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_approx.hpp>
#include <catch2/catch_template_test_macros.hpp>
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>
using Catch::Approx;
#else
#include <catch2/catch.hpp>
#endif

#include <stdexcept>
#include <string>

namespace xact_test {

/// The message of the std::invalid_argument that f throws, or "" if it throws none.
template <class F>
std::string invalid_argument_message(F&& f)
{
    try {
        f();
    } catch (std::invalid_argument const& e) {
        return e.what();
    }
    return "";
}

}  // namespace xact_test

#endif
