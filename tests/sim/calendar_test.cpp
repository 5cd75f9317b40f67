#include "sim/calendar.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace fupin::sim {
namespace {

TEST(Calendar, PopsInTimePrioritySequenceOrder) {
  Calendar<int> cal;
  const Date d1 = Date::from_civil(2016, 1, 1);
  const Date d2 = Date::from_civil(2016, 6, 1);
  cal.schedule({d2, 0}, 1);
  cal.schedule({d1, 5}, 2);
  cal.schedule({d1, -1}, 3);
  cal.schedule({d2, 0}, 4);
  cal.schedule({d1, 5}, 5);
  EXPECT_EQ(cal.size(), 5u);
  EXPECT_EQ(cal.next_key(), (EventKey{d1, -1}));
  std::vector<int> order;
  std::vector<std::uint64_t> seqs;
  while (!cal.empty()) {
    auto e = cal.pop();
    order.push_back(e.action);
    seqs.push_back(e.seq);
  }
  EXPECT_EQ(order, (std::vector<int>{3, 2, 5, 1, 4}));
  EXPECT_EQ(seqs, (std::vector<std::uint64_t>{2, 1, 4, 0, 3}));
}

TEST(Calendar, EqualKeysKeepSchedulingOrder) {
  Calendar<int> cal;
  const EventKey key{Date::from_civil(2017, 3, 1), 2};
  for (int i = 0; i < 1000; ++i) cal.schedule(key, i);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(cal.pop().action, i);
  EXPECT_TRUE(cal.empty());
}

}  // namespace
}  // namespace fupin::sim
