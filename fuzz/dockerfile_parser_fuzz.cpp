// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the Dockerfile parser: any byte string must parse without crashing,
// hanging or leaking, and the result must be internally consistent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sources/dockerfile/expand.h"
#include "sources/dockerfile/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  drydock::sources::dockerfile::ParseOptions options;
  options.build_args["VERSION"] = "1.0";
  drydock::model::BuildSpec spec = drydock::sources::dockerfile::Parse(text, options);
  for (std::size_t i = 0; i < spec.stages.size(); ++i) {
    const auto& st = spec.stages[i];
    if (st.index != static_cast<int>(i) || st.base_stage >= st.index) std::abort();
    for (const auto& ins : st.instructions) {
      if (ins.origin.line <= 0 || ins.origin.end_line < ins.origin.line) std::abort();
    }
  }
  for (const auto& e : spec.errors) {
    if (e.message.empty()) std::abort();
  }
  // The expander on its own, with the input as one word.
  drydock::sources::dockerfile::NoVars none;
  drydock::sources::dockerfile::ExpandOptions eo;
  eo.keep_unknown = size % 2 == 0;
  (void)drydock::sources::dockerfile::Expand(text.substr(0, 4096), none, eo);
  return 0;
}
