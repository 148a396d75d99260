// SPDX-License-Identifier: Apache-2.0
// The ASCII string helpers every module shares: case folding and case-insensitive comparison,
// trimming by an explicit character set, digit tests, membership in a small set. ASCII only and
// locale-independent (input bytes >= 0x80 are left as they are): the formats drydock reads
// (Dockerfile keywords, YAML keys, capability and package names) are ASCII where case matters.
// Pure functions; returned views point into the argument.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::core {

// Blanks: space and tab. Spaces: what C's isspace accepts in the "C" locale.
inline constexpr std::string_view kBlanks = " \t";
inline constexpr std::string_view kSpaces = " \t\n\v\f\r";

// ASCII character classes (locale-independent, unlike <cctype>).
constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsAsciiAlpha(char c) { return IsAsciiLower(c) || IsAsciiUpper(c); }
constexpr bool IsAsciiAlnum(char c) { return IsDigit(c) || IsAsciiAlpha(c); }
// A shell / environment variable name is [A-Za-z_][A-Za-z0-9_]*.
constexpr bool IsNameStart(char c) { return IsAsciiAlpha(c) || c == '_'; }
constexpr bool IsNameChar(char c) { return IsNameStart(c) || IsDigit(c); }

constexpr char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
constexpr char AsciiUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }

// Copies of `s` with ASCII letters folded.
std::string Lower(std::string_view s);
std::string Upper(std::string_view s);

// ASCII case-insensitive equality and prefix test.
bool IEquals(std::string_view a, std::string_view b);
bool IStartsWith(std::string_view s, std::string_view prefix);

inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.starts_with(prefix);
}
inline bool EndsWith(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }
inline bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// The pieces joined into one string, allocated once ("a" + b + "c" without the temporaries).
std::string Concat(std::initializer_list<std::string_view> pieces);

// True when `s` is one of `set`.
inline bool In(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// `s` without the leading / trailing / both bytes that are in `chars`.
std::string_view TrimLeft(std::string_view s, std::string_view chars = kSpaces);
std::string_view TrimRight(std::string_view s, std::string_view chars = kSpaces);
inline std::string_view Trim(std::string_view s, std::string_view chars = kSpaces) {
  return TrimRight(TrimLeft(s, chars), chars);
}

// A line as read from a file that may end lines in CRLF: blanks off the left, blanks and line
// ends (CR, LF) off the right.
inline std::string_view TrimLine(std::string_view s) {
  return TrimRight(TrimLeft(s, kBlanks), " \t\r\n");
}

// True when `s` is non-empty and every byte is 0-9.
bool AllDigits(std::string_view s);

// Splits `text` into words at blanks (space, tab) outside quotes, the way a Dockerfile splits an
// instruction's arguments: quotes and escapes (`escape`: `\` or a `# escape=` character) stay in
// the words, nothing is expanded. Views point into `text`.
std::vector<std::string_view> SplitWords(std::string_view text, char escape);

}  // namespace drydock::core
