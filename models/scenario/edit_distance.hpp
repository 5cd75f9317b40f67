// Edit distance for "did you mean ...?" suggestions on misspelt keys and names.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace fupin::models {

// Damerau-Levenshtein distance (optimal string alignment): insertions, deletions, substitutions
// and transpositions of adjacent characters each cost 1.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, if it is close enough to be a plausible misspelling:
// distance <= max(2, word.size() / 3), and not every character replaced. Ties go to the earlier
// candidate.
std::optional<std::string> nearest_name(std::string_view word,
                                        std::span<const std::string> candidates);

// "a, b, c" for listing valid names in a message.
std::string join_names(std::span<const std::string> names);

}  // namespace fupin::models
