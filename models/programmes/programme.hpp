// A programme (funding stream mechanism) as the simulation sees it. Each programme kind is one
// class in its own file, created by make_programme from its validated spec.
#pragma once

#include <memory>

#include "models/scenario/scenario.hpp"
#include "models/simulation/state.hpp"

namespace fupin::models {

class Programme {
 public:
  virtual ~Programme() = default;
  // Runs in the global year-start event, after identification. May fan out over logical
  // processes, post to the global journal and schedule events.
  virtual void start_year(SimulationState& s, int year) = 0;
};

// Registers the programme's ledger accounts and streams and returns it.
std::unique_ptr<Programme> make_programme(const ProgrammeSpec& spec, SimulationState& s);

// Stream id of `name`, registered on first use; its source account is "source/<name>".
struct StreamAccounts {
  sim::StreamId stream;
  sim::AccountId source;
};
StreamAccounts stream_accounts(SimulationState& s, const std::string& name);

}  // namespace fupin::models
