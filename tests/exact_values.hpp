// Exact expected values for the piecewise activations: each input's forward and derivative,
// compared bit for bit (the sign of a zero included, NaN as any NaN) on the scalar call and on
// the kernels, over whole batches and a tail.
#ifndef XACT_TESTS_EXACT_VALUES_HPP
#define XACT_TESTS_EXACT_VALUES_HPP

#include <xact/kernels.hpp>

#include <cmath>
#include <vector>

#include "catch.hpp"
#include "elementwise_check.hpp"

namespace xact_test {

struct exact_point {
    double x, fx, dfx;
};

/// f.forward and f.derivative at every point equal fx and dfx (each converted to T) bit for bit,
/// scalar and kernel; the points are repeated so that the kernel sees them in whole batches and in
/// a tail, at every lane position.
template <class F>
void check_exact(F const& f, std::vector<exact_point> const& points)
{
    using T = typename F::value_type;
    std::vector<T> x, want_f, want_d;
    constexpr std::size_t w = xact::detail::lane_count<xact::detail::default_batch<T>>;
    for (std::size_t rep = 0; rep < w + 1; ++rep) {
        for (auto const& p : points) {
            x.push_back(T(p.x));
            want_f.push_back(T(p.fx));
            want_d.push_back(T(p.dfx));
        }
    }
    std::vector<T> y(x.size()), d(x.size());
    xact::forward(f, x, y);
    xact::derivative(f, x, d);
    for (std::size_t i = 0; i < x.size(); ++i) {
        INFO(F::name << (sizeof(T) == 4 ? " float" : " double") << " at x = " << x[i] << " (index " << i << "): want "
                     << want_f[i] << ", " << want_d[i] << "; scalar " << f.forward(x[i]) << ", " << f.derivative(x[i])
                     << "; kernel " << y[i] << ", " << d[i]);
        CHECK(same_value(f.forward(x[i]), want_f[i]));
        CHECK(same_value(f.derivative(x[i]), want_d[i]));
        CHECK(same_value(y[i], want_f[i]));
        CHECK(same_value(d[i], want_d[i]));
    }
}

}  // namespace xact_test

#endif
