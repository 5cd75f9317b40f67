// libFuzzer target for the scenario loader: any text is either a scenario or a ScenarioError.
// Anything else — another exception, a crash, a sanitizer report, a hang (-timeout), memory
// without bound (-rss_limit_mb) — is a finding. Built by the `fuzz` preset; run by
// scripts/fuzz.sh (docs/reliability.md).
#include <cstddef>
#include <cstdint>
#include <string>

#include "models/scenario/scenario_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)fupin::models::load_scenario_text(text, "fuzz.yaml");
  } catch (const fupin::models::ScenarioError&) {
    // The loader's one way of refusing input.
  }
  return 0;
}
