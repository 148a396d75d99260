// SPDX-License-Identifier: Apache-2.0
#include "model/run_spec.h"

#include <gtest/gtest.h>

namespace drydock::model {
namespace {

TEST(RunSpecFacts, CapabilityNamesAreNormalisedOnce) {
  EXPECT_EQ(NormaliseCapability("cap_sys_admin"), "SYS_ADMIN");
  EXPECT_EQ(NormaliseCapability("CAP_NET_RAW"), "NET_RAW");
  EXPECT_EQ(NormaliseCapability("all"), "ALL");
  EXPECT_EQ(NormaliseCapability("Net_Raw"), "NET_RAW");
  EXPECT_EQ(NormaliseCapability("cap_"), "");
  EXPECT_EQ(NormaliseCapability("xcap_chown"), "XCAP_CHOWN");  // only a leading prefix goes
}

TEST(RunSpecFacts, BaselineCapabilitiesAreDockersDefaultsWithoutNetRaw) {
  EXPECT_EQ(kBaselineCapabilities.size(), 13u);
  EXPECT_TRUE(IsBaselineCapability("CHOWN"));
  EXPECT_TRUE(IsBaselineCapability("NET_BIND_SERVICE"));
  EXPECT_FALSE(IsBaselineCapability("NET_RAW"));
  EXPECT_FALSE(IsBaselineCapability("SYS_ADMIN"));
  EXPECT_FALSE(IsBaselineCapability("chown"));  // callers normalise first
}

TEST(RunSpecFacts, OnlyKubernetesPodsAreWindowsPods) {
  RunSpec spec;
  spec.kind = RunKind::kKubernetes;
  EXPECT_FALSE(spec.IsWindowsPod());
  spec.windows_pod.Set(true, {});
  EXPECT_TRUE(spec.IsWindowsPod());
  spec.kind = RunKind::kCompose;
  EXPECT_FALSE(spec.IsWindowsPod());
}

}  // namespace
}  // namespace drydock::model
