// The registry of programme kinds (scenario-level parts): the built-in kinds of
// programme_kinds.def, and kinds added at run time.
#include "models/scenario/programme_kind.hpp"

#include <stdexcept>

namespace fupin::models {

namespace {

std::deque<ProgrammeKindInfo>& registry() {
  static std::deque<ProgrammeKindInfo> kinds = [] {
    std::deque<ProgrammeKindInfo> out;
#define FUPIN_PROGRAMME_KIND(name, file) out.push_back(name##_kind());
#include "models/scenario/programme_kinds.def"
#undef FUPIN_PROGRAMME_KIND
    for (ProgrammeKindInfo& k : out) {
      for (MappingSchema& m : k.schema) m.kind = k.name;
    }
    return out;
  }();
  return kinds;
}

}  // namespace

const std::deque<ProgrammeKindInfo>& programme_kind_infos() { return registry(); }

std::vector<std::string> missing_parts(const ProgrammeKindInfo& info) {
  std::vector<std::string> out;
  if (info.name.empty()) out.emplace_back("name");
  if (info.params_type == typeid(void)) out.emplace_back("params_type");
  bool programme_keys = false;
  for (const MappingSchema& m : info.schema)
    programme_keys = programme_keys || m.path == "programmes[]";
  if (!programme_keys) out.emplace_back("schema of programmes[]");
  if (info.parse == nullptr) out.emplace_back("parse");
  if (info.levels_holding_money == nullptr) out.emplace_back("levels_holding_money");
  if (info.why_not_at_county == nullptr) out.emplace_back("why_not_at_county");
  if (info.pools == nullptr) out.emplace_back("pools");
  if (info.check == nullptr) out.emplace_back("check");
  if (info.allocation == nullptr) out.emplace_back("allocation");
  if (info.project == nullptr) out.emplace_back("project");
  return out;
}

void add_programme_kind(ProgrammeKindInfo info) {
  const std::vector<std::string> missing = missing_parts(info);
  if (!missing.empty()) {
    throw std::logic_error("programme kind '" + info.name + "' lacks its part '" + missing.front() +
                           "'");
  }
  for (const ProgrammeKindInfo& k : registry()) {
    if (k.name == info.name)
      throw std::logic_error("programme kind '" + info.name + "' is registered twice");
    if (k.params_type == info.params_type) {
      throw std::logic_error("programme kinds '" + k.name + "' and '" + info.name +
                             "' have the same spec type");
    }
  }
  for (MappingSchema& m : info.schema) m.kind = info.name;
  registry().push_back(std::move(info));
}

const ProgrammeKindInfo* find_programme_kind(std::string_view name) {
  for (const ProgrammeKindInfo& k : registry()) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

const ProgrammeKindInfo& kind_info(const ProgrammeSpec& p) {
  for (const ProgrammeKindInfo& k : registry()) {
    if (k.params_type == p.params.type()) return k;
  }
  throw std::logic_error("programme '" + p.name + "' has parameters of no registered kind");
}

const std::string& ProgrammeSpec::kind() const { return kind_info(*this).name; }

namespace kind_parts {

void add_levels(std::vector<Level>& out, const std::vector<AllocationStage>& stages) {
  for (const AllocationStage& s : stages) {
    if (s.level != Level::household) out.push_back(s.level);
  }
}

}  // namespace kind_parts

}  // namespace fupin::models
