// SPDX-License-Identifier: Apache-2.0
// Image sketches: a few lines of text that describe an image (its config and its layers' files),
// written into a real docker-archive tar in memory. Rule examples of kind "image" are sketches;
// the example runner writes the tar and reads it back with the real reader (reader.h), so image
// rules are tested through the same code path as a `docker save` archive.
//
// Grammar (one directive per line; blank lines and lines starting with '#' are ignored):
//   config {JSON}            merged into the config's "config" object (User, Env, Cmd, Labels,
//                            Healthcheck, ExposedPorts, …); may appear once, anywhere
//   history {JSON}           one config history item ({"created_by": "RUN …"}); in order
//   os ID VERSION_ID         shorthand for a file etc/os-release with ID= and VERSION_ID=
//   layer                    starts a new layer (the first file directive starts one implicitly)
//   file PATH [MODE] [uid=N] [gid=N] [size=N] [= TEXT]
//                            a regular file; MODE octal (default 0644); content TEXT, with \n
//                            and \t escapes, or size=N zero bytes (default empty)
//   dir PATH [MODE]          a directory (default 0755)
//   symlink PATH -> TARGET   a symbolic link
//   hardlink PATH -> TARGET  a hard link to an earlier member
//   delete PATH              a whiteout (PATH's directory gets `.wh.<name>`)
//   opaque DIR               an opaque whiteout (DIR/.wh..wh..opq)
// Paths are written as absolute ("/etc/passwd"); they are stored without the leading '/'.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace drydock::sources::image {

// Writes the docker-archive tar (manifest.json with RepoTags ["sketch:latest"], the config blob
// with rootfs.diff_ids filled in, one uncompressed `<sha256>.tar` layer per layer) for `sketch`.
// Fails with the line number on a malformed directive.
core::Result<std::string> WriteSketchArchive(std::string_view sketch);

}  // namespace drydock::sources::image
