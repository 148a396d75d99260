// SPDX-License-Identifier: Apache-2.0
// Language packages installed in an image: Python distributions (the core metadata of a
// `<name>-<version>.dist-info/METADATA`, an `<name>.egg-info/PKG-INFO` or an `<name>.egg-info`
// file, directly inside a `site-packages` or `dist-packages` directory) and npm packages (the
// `package.json` at the root of `node_modules/<name>/` or `node_modules/@scope/<name>/`, at any
// nesting depth; not deeper files of a package such as node_modules/x/lib/package.json).
//
// ClassifyLangFile says which index paths are such files; the image reader keeps them (bounded
// by ReadLimits) and ReadInventory (inventory.h) parses them into packages::Package with
// ecosystem kPypi / kNpm: `name` as written ("Django", "@angular/core"), `source_name` the name
// the vulnerability feeds key on (PEP 503-normalised for PyPI: "django"; npm as written),
// `version` = `source_version` as written, `origin.file` = the index path, `origin.line` = the
// line of the Name header (PyPI) or 0 (npm). Pure functions; never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "packages/package.h"

namespace drydock::packages {

enum class LangFile : std::uint8_t { kNone, kPythonMetadata, kNpmManifest };

// Which kind of language package file `path` is (a normalised index path without a leading
// '/', e.g. "usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA").
LangFile ClassifyLangFile(std::string_view path);

// True for the ecosystems of this header (kPypi, kNpm).
bool IsLanguageEcosystem(Ecosystem ecosystem);

// PEP 503 normalisation: lower case, every run of '-', '_' and '.' replaced by one '-'.
std::string Pep503Name(std::string_view name);

// Parses Python core metadata (RFC 822-style headers up to the first blank line; continuation
// lines start with a space or tab; a UTF-8 BOM and CRs are ignored). Fails, naming `path` and
// the line, when Name or Version is missing or empty.
core::Result<Package> ParsePythonMetadata(std::string_view text, std::string_view path);

// Parses an npm package.json: `name` and `version` strings. nullopt (no package) for a manifest
// without a version (a private or workspace root); fails, naming `path`, on invalid JSON, a
// document that is not an object, or a name/version that is not a string.
core::Result<std::optional<Package>> ParseNpmManifest(std::string_view text, std::string_view path);

}  // namespace drydock::packages
