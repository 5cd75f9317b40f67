// Range checks for scenario values.
#include "models/scenario/value_checks.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "models/scenario/edit_distance.hpp"

namespace fupin::models::checks {

double probability(const yaml::Located& v) {
  const double p = v.as_number();
  if (p < 0 || p > 1) v.fail("a probability must be between 0 and 1, got " + v.scalar());
  return p;
}

double fraction(const yaml::Located& v) {
  const double p = v.as_number();
  if (p < 0 || p > 1) v.fail("a share must be between 0 and 1, got " + v.scalar());
  return p;
}

double rate(const yaml::Located& v) {
  const double r = v.as_number();
  if (r < 0 || r >= 1) v.fail("a yearly rate must be at least 0 and below 1, got " + v.scalar());
  return r;
}

double yuan(const yaml::Located& v, bool positive) {
  const double x = v.as_number();
  if (positive && !(x > 0)) v.fail("must be greater than 0, got " + v.scalar());
  if (!positive && x < 0) v.fail("must not be negative, got " + v.scalar());
  if (x > kMaxYuan) v.fail("must be at most " + number_text(kMaxYuan) + " yuan, got " + v.scalar());
  return x;
}

double growth(const yaml::Located& v) {
  const double g = v.as_number();
  if (g <= -1 || g > kMaxGrowth) {
    v.fail("growth must be greater than -1 and at most " + number_text(kMaxGrowth) +
           " (at most doubling each year), got " + v.scalar());
  }
  return g;
}

double positive(const yaml::Located& v) {
  const double x = v.as_number();
  if (!(x > 0)) v.fail("must be greater than 0, got " + v.scalar());
  return x;
}

double non_negative(const yaml::Located& v) {
  const double x = v.as_number();
  if (x < 0) v.fail("must not be negative, got " + v.scalar());
  return x;
}

int at_least(const yaml::Located& v, int minimum) {
  const int x = v.as_int();
  if (x < minimum) v.fail("must be at least " + std::to_string(minimum) + ", got " + v.scalar());
  return x;
}

int in_range(const yaml::Located& v, int minimum, int maximum) {
  const int x = v.as_int();
  if (x < minimum || x > maximum) {
    v.fail("must be between " + std::to_string(minimum) + " and " + std::to_string(maximum) +
           ", got " + v.scalar());
  }
  return x;
}

double in_range_number(const yaml::Located& v, double minimum, double maximum) {
  const double x = v.as_number();
  if (x < minimum || x > maximum) {
    v.fail("must be between " + number_text(minimum) + " and " + number_text(maximum) + ", got " +
           v.scalar());
  }
  return x;
}

int calendar_year(const yaml::Located& v) {
  const int y = v.as_int();
  if (y < kFirstYear || y > kLastYear) {
    v.fail("year " + std::to_string(y) + " is not between " + std::to_string(kFirstYear) + " and " +
           std::to_string(kLastYear));
  }
  return y;
}

int year_count(const yaml::Located& v, int minimum) {
  const int x = v.as_int();
  if (x < minimum || x > kMaxYears) {
    v.fail("a number of years must be between " + std::to_string(minimum) + " and " +
           std::to_string(kMaxYears) + ", got " + v.scalar());
  }
  return x;
}

double at_least_number(const yaml::Located& v, double minimum) {
  const double x = v.as_number();
  if (x < minimum) v.fail("must be at least " + number_text(minimum) + ", got " + v.scalar());
  return x;
}

std::string period_text(const Scenario& s) {
  return std::to_string(s.start_year) + "\u2013" + std::to_string(s.end_year);
}

int year_in_period(const yaml::Located& v, const Scenario& s, const std::string& what) {
  const int year = v.as_int();
  if (year < s.start_year || year > s.end_year) {
    v.fail(what + " " + std::to_string(year) + " is outside the period " + period_text(s));
  }
  return year;
}

std::string identifier(const yaml::Located& v, const std::string& what) {
  std::string name = v.as_string();
  const bool ok = !std::isdigit(static_cast<unsigned char>(name.front())) &&
                  std::all_of(name.begin(), name.end(), [](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
                  });
  if (!ok) {
    v.fail(what + " '" + name +
           "' must use only letters, digits, '_' and '-' and not start with a digit");
  }
  return name;
}

namespace {

// "rule" -> "rules", "priority category" -> "priority categories".
std::string plural(const std::string& noun) {
  if (noun.size() > 1 && noun.back() == 'y' &&
      std::string("aeiou").find(noun[noun.size() - 2]) == std::string::npos) {
    return noun.substr(0, noun.size() - 1) + "ies";
  }
  return noun + "s";
}

}  // namespace

std::string one_of(const yaml::Located& v, std::span<const std::string> valid,
                   const std::string& what) {
  std::string name = v.as_string();
  if (std::find(valid.begin(), valid.end(), name) != valid.end()) return name;
  std::string message = "unknown " + what + " '" + name + "'";
  if (const auto near = nearest_name(name, valid)) message += " (did you mean '" + *near + "'?)";
  message += "; valid " + plural(what) + ": " + join_names(valid);
  v.fail(message);
}

std::string number_text(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.12g", x);
  return buf;
}

}  // namespace fupin::models::checks
