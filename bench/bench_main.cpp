// xact_bench: Google Benchmark binary timing xact's kernels next to a naive std:: loop, memcpy,
// oneDNN, XNNPACK, Eigen, SLEEF and PyTorch's ATen. Everything runs on one thread.
#include "bench_common.hpp"
#include "peers.hpp"

#include <xact/kernels.hpp>

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

namespace xact_bench {

void register_elementwise();
void register_vector();
void register_runtime();
void register_machine();
void register_gated();
void register_half();

void note_skipped(const char* peer, const char* why)
{
    static std::set<std::string> told;
    if (told.insert(peer).second) {
        std::fprintf(stderr, "xact_bench: %s %s, its benchmarks are skipped\n", peer, why);
        benchmark::AddCustomContext(std::string("peer ") + peer, "skipped");
    }
}

}  // namespace xact_bench

int main(int argc, char** argv)
{
    // One OpenMP thread unless the caller chose otherwise, for runtimes that read it on first use.
    // libgomp reads it when loaded, so the oneDNN adapter also calls omp_set_num_threads(1).
    setenv("OMP_NUM_THREADS", "1", 0);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::AddCustomContext("xact_isa", xsimd::default_arch::name());
    benchmark::AddCustomContext("omp_num_threads", std::getenv("OMP_NUM_THREADS"));
#if defined(__VERSION__)
    benchmark::AddCustomContext("compiler", __VERSION__);
#endif
    if (xact_bench::torch_available())
        benchmark::AddCustomContext("torch_capability", xact_bench::torch_capability());
    if (xact_bench::sleef_available()) benchmark::AddCustomContext("sleef_isa", xact_bench::sleef_isa());
    xact_bench::register_elementwise();
    xact_bench::register_vector();
    xact_bench::register_runtime();
    xact_bench::register_machine();
    xact_bench::register_gated();
    xact_bench::register_half();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
