// SPDX-License-Identifier: Apache-2.0
// Error and Result<T>: how failures cross module boundaries. Findings are not errors.
#pragma once

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
  // "file:line: message" (just the message when there is no location).
  std::string ToString() const;
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string message, Origin where = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(where)});
}

}  // namespace drydock::core

namespace drydock::core::detail {

// DD_TRY's value step: the value of a successful Result<T>, nothing for Result<void>.
template <typename T>
T TryValue(Result<T>&& result) {
  return std::move(*result);
}
inline void TryValue(Result<void>&& /*result*/) {}

}  // namespace drydock::core::detail

// Evaluates a Result expression; on error returns the error from the enclosing function (whose
// Result may hold another type), otherwise yields the value (nothing for Result<void>).
// Usage: auto spec = DD_TRY(Parse(text));  DD_TRY(WriteAll(fd, bytes));
#define DD_TRY(expr)                                                               \
  ({                                                                               \
    auto dd_try_result_ = (expr);                                                  \
    if (!dd_try_result_) return tl::unexpected(std::move(dd_try_result_).error()); \
    ::drydock::core::detail::TryValue(std::move(dd_try_result_));                  \
  })
