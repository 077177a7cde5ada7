// Action items followed across meetings: one task once, however often later meetings of its series restate it.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <minutes/ir.hpp>

namespace minutes {

// An action item as a report counts it: raised once, open or done by the latest meeting that speaks of it.
struct FollowedAction {
  const ir::Meeting* meeting = nullptr;  // where it was raised first
  ir::ActionItem item;                   // as raised there (owner, text, due, line)
  bool done = false;                     // done where raised, or reported done by a later meeting of its series
  const ir::Meeting* done_in = nullptr;  // the meeting that reports it done (null: open, or done where raised)
  int done_line = 0;
  int restated = 0;  // how many later meetings restated it
};

// The series a meeting belongs to for following its actions: its series, else the folder of its source.
std::string action_series(const ir::Meeting& meeting);

// The action items of the meetings, each task once, in the order the meetings (by date) raised them. An item of a
// later meeting of the same series that restates an earlier open one (the same owner and much the same words, or
// the same words whoever owns it) is that item again: its status is the latest meeting's ("[x]", "done", "erledigt",
// "done differently", "has been dealt with" close it; "obsolete" does not).
std::vector<FollowedAction> follow_actions(std::span<const ir::Meeting> meetings);

}  // namespace minutes
