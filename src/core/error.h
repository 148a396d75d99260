// SPDX-License-Identifier: Apache-2.0
// Error and Result<T>: how failures cross module boundaries. Findings are not errors.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include <tl/expected.hpp>

#include "core/origin.h"

namespace drydock::core {

enum class ErrorCode {
  kUsage,     // bad flags or arguments (exit 2)
  kInput,     // unreadable or malformed input (exit 2)
  kInternal,  // a bug or an environment failure (exit 3)
};

struct Error {
  ErrorCode code = ErrorCode::kInput;
  std::string message;
  Origin where;
  std::shared_ptr<const Error> cause;

  // "file:line: message: cause…"
  std::string ToString() const;
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string message, Origin where = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(where), nullptr});
}

}  // namespace drydock::core

// Evaluates a Result expression; on error returns it from the enclosing function, otherwise yields
// the value. Usage: auto spec = DD_TRY(Parse(text));
#define DD_TRY(expr)                                                    \
  ({                                                                    \
    auto dd_try_result_ = (expr);                                       \
    if (!dd_try_result_) return tl::unexpected(dd_try_result_.error()); \
    std::move(*dd_try_result_);                                         \
  })
