// The registry of programme kinds' run-level parts (programme_kind.hpp).
#include "models/programmes/programme_kind.hpp"

#include <stdexcept>

namespace fupin::models {

namespace {

std::deque<ProgrammeKindRun>& registry() {
  static std::deque<ProgrammeKindRun> runs = [] {
    std::deque<ProgrammeKindRun> out;
#define FUPIN_PROGRAMME_KIND(name, file) out.push_back(name##_run());
#include "models/scenario/programme_kinds.def"
#undef FUPIN_PROGRAMME_KIND
    return out;
  }();
  return runs;
}

}  // namespace

const std::deque<ProgrammeKindRun>& programme_kind_runs() { return registry(); }

std::vector<std::string> missing_parts(const ProgrammeKindRun& run) {
  std::vector<std::string> out;
  if (run.name.empty()) out.emplace_back("name");
  if (run.create == nullptr) out.emplace_back("create");
  if (run.plan_money == nullptr) out.emplace_back("plan_money");
  if (run.first_scope == nullptr) out.emplace_back("first_scope");
  if (run.reach == nullptr) out.emplace_back("reach");
  return out;
}

void add_programme_kind_run(ProgrammeKindRun run) {
  const std::vector<std::string> missing = missing_parts(run);
  if (!missing.empty()) {
    throw std::logic_error("programme kind '" + run.name + "' lacks its run-level part '" +
                           missing.front() + "'");
  }
  for (const ProgrammeKindRun& r : registry()) {
    if (r.name == run.name)
      throw std::logic_error("programme kind '" + run.name + "' has two run-level parts");
  }
  registry().push_back(std::move(run));
}

const ProgrammeKindRun& kind_run(const ProgrammeSpec& p) {
  const std::string& name = p.kind();
  for (const ProgrammeKindRun& r : registry()) {
    if (r.name == name) return r;
  }
  throw std::logic_error("programme kind '" + name +
                         "' has no run-level part (models/programmes/programme_kind.hpp)");
}

std::vector<std::string> incomplete_kinds() {
  std::vector<std::string> out;
  for (const ProgrammeKindInfo& k : programme_kind_infos()) {
    for (const std::string& part : missing_parts(k)) out.push_back(k.name + ": no " + part);
    bool run = false;
    for (const ProgrammeKindRun& r : registry()) run = run || r.name == k.name;
    if (!run) out.push_back(k.name + ": no run-level part");
  }
  for (const ProgrammeKindRun& r : registry()) {
    for (const std::string& part : missing_parts(r)) out.push_back(r.name + ": no " + part);
    if (find_programme_kind(r.name) == nullptr) out.push_back(r.name + ": no scenario-level part");
  }
  return out;
}

}  // namespace fupin::models
