// The generated county names of a geography, with or without provinces.
#include <string>

#include "models/scenario/scenario.hpp"

namespace fupin::models {

namespace {

std::string numbered(const std::string& prefix, long long i) {
  std::string digits = std::to_string(i);
  if (digits.size() < 2) digits.insert(0, 1, '0');
  return prefix + digits;
}

// The number `digits` names ("NN", at least two digits, no leading zero beyond them), or 0.
long long parse_number(const std::string& prefix, const std::string& name, long long largest) {
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return 0;
  const std::string digits = name.substr(prefix.size());
  if (digits.size() > 10 || digits.find_first_not_of("0123456789") != std::string::npos) return 0;
  const long long n = std::stoll(digits);
  if (n < 1 || n > largest) return 0;
  return numbered(prefix, n) == name ? n : 0;
}

}  // namespace

std::string GeographySpec::county_name(int c) const {
  if (provinces.empty()) return numbered(county_prefix, c);
  int first = 1;  // number of the province's first county
  for (const ProvinceSpec& p : provinces) {
    if (c < first + p.counties) return numbered(p.prefix, c - first + 1);
    first += p.counties;
  }
  return numbered(provinces.back().prefix, c - first + 1 + provinces.back().counties);
}

// Parsed, not searched: the cost grows with the provinces, not with the counties.
long long GeographySpec::county_number(const std::string& name) const {
  if (provinces.empty()) return parse_number(county_prefix, name, counties);
  // A prefix never ends in a digit, so the name's prefix is the name without its trailing digits.
  const std::size_t digits = name.find_last_not_of("0123456789");
  if (digits == std::string::npos) return 0;
  const std::string prefix = name.substr(0, digits + 1);
  long long first = 1;
  for (const ProvinceSpec& p : provinces) {
    if (p.prefix == prefix) {
      const long long n = parse_number(p.prefix, name, p.counties);
      return n == 0 ? 0 : first + n - 1;
    }
    first += p.counties;
  }
  return 0;
}

int GeographySpec::province_of(int c) const {
  int first = 1;
  for (std::size_t p = 0; p < provinces.size(); ++p) {
    first += provinces[p].counties;
    if (c < first) return static_cast<int>(p);
  }
  return -1;
}

}  // namespace fupin::models
