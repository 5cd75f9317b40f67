// The shipped scenarios (scenarios/*.yaml) as the suite runs them: a scenario too large to run
// here (the national one) has a scaled copy at scenarios/scaled/<file> — the same regions and
// programmes with fewer households per village and budgets scaled alike — which is run instead.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace fupin::models::shipped {

inline std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> files;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(FUPIN_SOURCE_DIR) + "/scenarios")) {
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The file the suite runs for the shipped scenario `path`: its scaled copy if it has one.
inline std::string runnable_scenario(const std::string& path) {
  const std::filesystem::path p(path);
  const std::filesystem::path scaled = p.parent_path() / "scaled" / p.filename();
  return std::filesystem::exists(scaled) ? scaled.string() : path;
}

}  // namespace fupin::models::shipped
