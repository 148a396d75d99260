// SPDX-License-Identifier: Apache-2.0
// API-level checks that the golden dumps do not cover well: build args, origins, comment
// targets for pragmas, ParseError locations.
#include "sources/dockerfile/parser.h"

#include <gtest/gtest.h>

namespace drydock::sources::dockerfile {
namespace {

TEST(DockerfileParser, BuildArgsOverrideDefaults) {
  ParseOptions opt;
  opt.build_args = {{"VERSION", "3.21"}, {"TAG", "x"}, {"UNDECLARED", "y"}};
  auto spec = Parse(
      "ARG VERSION=3.20\nFROM alpine:${VERSION}\nARG TAG=latest\nARG VERSION\n"
      "ENV T=$TAG V=$VERSION U=$UNDECLARED\n",
      opt);
  ASSERT_TRUE(spec.errors.empty());
  EXPECT_EQ(spec.stages[0].base.tag, "3.21");
  const auto& env = spec.stages[0].instructions[2];
  ASSERT_EQ(env.pairs.size(), 3u);
  EXPECT_EQ(env.pairs[0].second, "x");
  EXPECT_EQ(env.pairs[1].second, "3.21");
  EXPECT_EQ(env.pairs[2].second, "$UNDECLARED");  // not declared: build arg ignored, kept
}

TEST(DockerfileParser, PragmaCommentTargets) {
  auto spec = Parse(
      "FROM alpine\n# drydock:ignore=DD201 reason\n# hadolint ignore=DL3008\nRUN a \\\n"
      "  # inside\n  b\n\n# detached\n\nUSER root\n# trailing\n",
      ParseOptions{});
  ASSERT_EQ(spec.comments.size(), 5u);
  EXPECT_EQ(spec.comments[0].text, "drydock:ignore=DD201 reason");
  EXPECT_EQ(spec.comments[0].target_first, 4);
  EXPECT_EQ(spec.comments[0].target_last, 6);
  EXPECT_EQ(spec.comments[1].target_first, 4);
  EXPECT_EQ(spec.comments[2].line, 5);
  EXPECT_EQ(spec.comments[2].target_first, 4);
  EXPECT_EQ(spec.comments[2].target_last, 6);
  EXPECT_EQ(spec.comments[3].target_first, 0);  // a blank line detaches it
  EXPECT_EQ(spec.comments[4].target_first, 0);  // nothing follows
}

TEST(DockerfileParser, CommentAboveFromKnowsItsStage) {
  auto spec = Parse(
      "# hadolint stage ignore=DL3011\nFROM ubuntu AS a\nEXPOSE 80000\nRUN x \\\n  y\n"
      "# next\nFROM ubuntu\nEXPOSE 1\n",
      ParseOptions{});
  ASSERT_EQ(spec.comments.size(), 2u);
  EXPECT_EQ(spec.comments[0].target_first, 2);
  EXPECT_EQ(spec.comments[0].stage_last, 5);
  EXPECT_EQ(spec.comments[1].stage_last, 8);
}

TEST(DockerfileParser, OriginsAndWordLines) {
  ParseOptions opt;
  opt.file = "svc/Dockerfile";
  auto spec =
      Parse("FROM golang AS build\n  RUN go build \\\n      -o /app \\\n      ./cmd\n", opt);
  const auto& run = spec.stages.at(0).instructions.at(0);
  EXPECT_EQ(run.origin.file, "svc/Dockerfile");
  EXPECT_EQ(run.origin.line, 2);
  EXPECT_EQ(run.origin.column, 3);
  EXPECT_EQ(run.origin.end_line, 4);
  EXPECT_EQ(run.origin.path, "stage build (#0) RUN");
  const auto& words = run.script.commands.at(0).words;
  ASSERT_EQ(words.size(), 5u);
  EXPECT_EQ(words[0].line, 2);
  EXPECT_EQ(words[2].line, 3);
  EXPECT_EQ(words[4].line, 4);
}

TEST(DockerfileParser, ErrorsCarryFileLineAndParsingContinues) {
  ParseOptions opt;
  opt.file = "Dockerfile.dev";
  auto spec = Parse("FROM alpine\nFOO bar\nCOPY --from build . /\nUSER 1000\n", opt);
  ASSERT_EQ(spec.errors.size(), 2u);
  EXPECT_EQ(spec.errors[0].where.file, "Dockerfile.dev");
  EXPECT_EQ(spec.errors[0].where.line, 2);
  EXPECT_EQ(spec.errors[0].message, "unknown instruction: FOO");
  EXPECT_EQ(spec.errors[1].where.line, 3);
  EXPECT_EQ(spec.errors[1].message, "missing a value on flag: from");
  ASSERT_EQ(spec.stages[0].instructions.size(), 1u);
  EXPECT_EQ(spec.stages[0].instructions[0].keyword, "USER");
}

TEST(DockerfileParser, FinalStageAndCrLfAndBom) {
  auto spec = Parse(
      "\xEF\xBB\xBF"
      "FROM a AS one\r\nFROM one\r\nUSER 1\r\n",
      ParseOptions{});
  ASSERT_TRUE(spec.errors.empty());
  ASSERT_EQ(spec.stages.size(), 2u);
  EXPECT_EQ(spec.FinalStage()->base_stage, 0);
  EXPECT_EQ(spec.FinalStage()->instructions.at(0).args.at(0), "1");
}

// `--target` picks the stage the image is built from, by name (case-insensitive), as
// `docker build --target` does; an unknown target is an error at line 1.
TEST(DockerfileParser, TargetSelectsTheFinalStage) {
  const std::string text =
      "FROM golang:1.22 AS build\nRUN go build\nFROM node:20 AS Dev\n"
      "RUN npm install\nFROM scratch\nCOPY --from=build /app /app\n";
  ParseOptions options;
  EXPECT_EQ(Parse(text, options).FinalStage()->index, 2);
  options.target = "dev";
  model::BuildSpec spec = Parse(text, options);
  EXPECT_TRUE(spec.errors.empty());
  ASSERT_NE(spec.FinalStage(), nullptr);
  EXPECT_EQ(spec.FinalStage()->name, "dev");
  options.target = "BUILD";
  EXPECT_EQ(Parse(text, options).FinalStage()->index, 0);
  options.target = "prod";
  spec = Parse(text, options);
  ASSERT_EQ(spec.errors.size(), 1u);
  EXPECT_NE(spec.errors[0].message.find("prod"), std::string::npos);
  EXPECT_EQ(spec.FinalStage()->index, 2);
}

}  // namespace
}  // namespace drydock::sources::dockerfile
