// The registry of programme kinds' scenario-level parts: the built-in kinds in programme_kinds.def
// order, each complete, and registration refusing incomplete or clashing kinds.
#include "models/scenario/programme_kind.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "models/scenario/scenario_names.hpp"

namespace fupin::models {
namespace {

TEST(ProgrammeKindRegistry, ListsTheBuiltInKindsInDefinitionOrder) {
  std::vector<std::string> def;
#define FUPIN_PROGRAMME_KIND(name, file) def.emplace_back(#name);
#include "models/scenario/programme_kinds.def"
#undef FUPIN_PROGRAMME_KIND
  ASSERT_GE(programme_kind_infos().size(), def.size());
  for (std::size_t i = 0; i < def.size(); ++i) {
    EXPECT_EQ(programme_kind_infos()[i].name, def[i]);
    EXPECT_EQ(programme_kinds()[i], def[i]);
  }
}

TEST(ProgrammeKindRegistry, EveryKindHasEveryScenarioPart) {
  for (const ProgrammeKindInfo& k : programme_kind_infos()) {
    EXPECT_TRUE(missing_parts(k).empty()) << k.name << " lacks " << missing_parts(k).front();
    for (const MappingSchema& m : k.schema) EXPECT_EQ(m.kind, k.name) << m.path;
    EXPECT_EQ(&mapping_schema("programmes[]", k.name), &k.schema.front()) << k.name;
    EXPECT_EQ(find_programme_kind(k.name), &k);
  }
}

TEST(ProgrammeKindRegistry, EveryKindHasItsOwnSpecType) {
  const auto& kinds = programme_kind_infos();
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    for (std::size_t j = i + 1; j < kinds.size(); ++j) {
      EXPECT_NE(kinds[i].params_type, kinds[j].params_type)
          << kinds[i].name << " " << kinds[j].name;
    }
  }
}

struct Unregistered {};

TEST(ProgrammeKindRegistry, RefusesAKindWithoutEveryPart) {
  ProgrammeKindInfo k;
  k.name = "incomplete";
  k.params_type = typeid(Unregistered);
  EXPECT_FALSE(missing_parts(k).empty());
  EXPECT_THROW(add_programme_kind(k), std::logic_error);
  EXPECT_EQ(find_programme_kind("incomplete"), nullptr);
}

TEST(ProgrammeKindRegistry, RefusesATakenNameOrSpecType) {
  ProgrammeKindInfo same_name = programme_kind_infos().front();
  same_name.params_type = typeid(Unregistered);
  EXPECT_THROW(add_programme_kind(same_name), std::logic_error);
  ProgrammeKindInfo same_type = programme_kind_infos().front();
  same_type.name = "township_package_again";
  EXPECT_THROW(add_programme_kind(same_type), std::logic_error);
}

TEST(ProgrammeKindRegistry, AParameterTypeOfNoKindIsALogicError) {
  ProgrammeSpec p;
  p.name = "stray";
  p.params = Unregistered{};
  EXPECT_THROW((void)p.kind(), std::logic_error);
}

}  // namespace
}  // namespace fupin::models
