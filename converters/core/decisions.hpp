// Decisions a meeting records: "Decision: ...", "Beschluss: ...", "we agreed to ...", "decided that ...".
#pragma once

#include <string>
#include <vector>

#include <minutes/ir.hpp>

namespace minutes {

// One decision, with the line that records it.
struct Decision {
  std::string text;  // what was decided, without the marker ("use option a")
  int line = 0;
};

// The decisions of a meeting in document order: a line or list item that opens with a marker ("Decision:",
// "Decided:", "Agreed:", "Beschluss:", "Entscheidung:", "Decision to ...", "Decided to/that/on ...") or says that
// people agreed or decided ("we agreed that ...", "it was decided to ...", "wir haben beschlossen ..."). Not
// decisions: questions, "no decision yet", "decision is being prepared", "to be decided", decision records.
std::vector<Decision> find_decisions(const ir::Meeting& meeting);

}  // namespace minutes
