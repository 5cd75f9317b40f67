// Shard assignment and the check that shard files make one whole sweep.
#include "app/sweep_shard.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <set>

namespace fupin::app {

namespace {

bool parse_count(std::string_view text, std::size_t& value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return !text.empty() && ec == std::errc() && ptr == end;
}

}  // namespace

std::optional<Shard> parse_shard(const std::string& text, std::string& error) {
  const std::size_t slash = text.find('/');
  Shard s;
  if (slash == std::string::npos ||
      !parse_count(std::string_view(text).substr(0, slash), s.index) ||
      !parse_count(std::string_view(text).substr(slash + 1), s.count)) {
    error = fmt::format("--shard {}: expected i/N, e.g. 2/8 (shard 2 of 8)", text);
    return std::nullopt;
  }
  if (s.count == 0 || s.index == 0 || s.index > s.count) {
    error = fmt::format(
        "--shard {}: shards are counted from 1: i must be from 1 to N, and N at least 1", text);
    return std::nullopt;
  }
  return s;
}

std::string shard_name(const Shard& s) { return fmt::format("{}/{}", s.index, s.count); }

std::vector<std::size_t> shard_runs(std::size_t total, const Shard& s) {
  std::vector<std::size_t> out;
  for (std::size_t r = s.index - 1; r < total; r += s.count) out.push_back(r);
  return out;
}

std::optional<std::string> check_shards(const std::vector<ShardHeader>& shards) {
  if (shards.empty()) return std::string("no shard files given");
  const ShardHeader& first = shards.front();
  std::map<std::size_t, const ShardHeader*> by_index;
  for (const ShardHeader& h : shards) {
    if (h.digest != first.digest || h.total != first.total) {
      return fmt::format(
          "'{}' is a shard of another sweep than '{}' (sweep digest {}, not {}): a different "
          "sweep file, scenario or fupin version",
          h.file, first.file, h.digest, first.digest);
    }
    if (h.shard.count != first.shard.count) {
      return fmt::format(
          "'{}' is shard {} but '{}' is shard {}: merge the shards of one split of the sweep",
          h.file, shard_name(h.shard), first.file, shard_name(first.shard));
    }
    const auto [at, added] = by_index.emplace(h.shard.index, &h);
    if (!added) {
      return fmt::format("'{}' and '{}' are both shard {}: give each shard once", at->second->file,
                         h.file, shard_name(h.shard));
    }
  }
  std::string missing;
  for (std::size_t i = 1; i <= first.shard.count; ++i) {
    if (by_index.count(i) == 0) {
      if (!missing.empty()) missing.append(", ");
      missing.append(shard_name(Shard{i, first.shard.count}));
    }
  }
  if (!missing.empty()) {
    const bool one = missing.find(',') == std::string::npos;
    return fmt::format("shard{} {} {} missing: every shard from 1/{} to {}/{} is needed",
                       one ? "" : "s", missing, one ? "is" : "are", first.shard.count,
                       first.shard.count, first.shard.count);
  }
  for (const ShardHeader& h : shards) {
    std::set<std::int64_t> seen;
    for (const std::int64_t run : h.runs) {
      if (run < 0 || static_cast<std::size_t>(run) >= h.total ||
          !in_shard(static_cast<std::size_t>(run), h.shard)) {
        return fmt::format("'{}': run {} does not belong to shard {} of a sweep of {} runs", h.file,
                           run, shard_name(h.shard), h.total);
      }
      if (!seen.insert(run).second)
        return fmt::format("'{}': run {} is in the shard twice", h.file, run);
    }
    for (const std::size_t run : shard_runs(h.total, h.shard)) {
      if (seen.count(static_cast<std::int64_t>(run)) == 0)
        return fmt::format("'{}': run {} of shard {} is missing", h.file, run, shard_name(h.shard));
    }
  }
  return std::nullopt;
}

}  // namespace fupin::app
