// SPDX-License-Identifier: Apache-2.0
// Credential stores by name and shape, credential variables and vendored trees.
#include "secrets/credential_files.h"

#include <gtest/gtest.h>

#include <string>

namespace drydock::secrets {
namespace {

std::string KindOf(std::string_view path) {
  auto file = ClassifyCredentialFile(path);
  return file ? std::string(file->kind) : std::string();
}

TEST(CredentialFiles, ByName) {
  EXPECT_EQ(KindOf("/root/.aws/credentials"), "AWS credentials");
  EXPECT_EQ(KindOf("~/.aws/credentials"), "AWS credentials");
  EXPECT_EQ(KindOf("home/app/.docker/config.json"), "Docker credentials");
  EXPECT_EQ(KindOf("run/user/0/containers/auth.json"), "container registry credentials");
  EXPECT_EQ(KindOf(".git-credentials"), "git credentials");
  EXPECT_EQ(KindOf("root/.netrc"), "netrc credentials");
  EXPECT_EQ(KindOf("root/.pgpass"), "PostgreSQL password file");
  EXPECT_EQ(KindOf("root/.ssh/id_ed25519"), "SSH private key");
  EXPECT_EQ(KindOf("app/keystore.P12"), "PKCS#12 key store");
  EXPECT_EQ(KindOf("opt/app/server.jks"), "Java key store");
  EXPECT_EQ(KindOf("root/.kube/config"), "kubeconfig");
  EXPECT_EQ(KindOf("deploy/prod.kubeconfig"), "kubeconfig");
  EXPECT_EQ(KindOf("app/credentials.json"), "cloud credentials");
  EXPECT_EQ(KindOf("app/.env"), "dotenv file");
  EXPECT_EQ(KindOf("app/.env.production"), "dotenv file");
  EXPECT_EQ(KindOf(".aws/"), "AWS credentials directory");
  EXPECT_EQ(ClassifyCredentialFile("etc/ssl/private/server.key")->check,
            CredentialCheck::kDetector);
  for (const char* p :
       {"app/.env.example", "app/.env.sample", "root/.ssh/id_rsa.pub", "etc/nginx/ca-cert.pem",
        "etc/ssl/chain.pem", "nginx_signing.key", "app/config.json", "root/.kube/cache",
        "usr/lib/jvm/lib/security/cacerts", "credentials.json.bak", "aws/credentials-template"}) {
    EXPECT_EQ(KindOf(p), "") << p;
  }
}

TEST(CredentialFiles, ByContent) {
  EXPECT_TRUE(HoldsCredentials("//registry.npmjs.org/:_authToken=9f3c2b1a-77aa-4c1e-9d2f\n"));
  EXPECT_TRUE(HoldsCredentials("[default]\naws_secret_access_key = Zm9vYmFyYmF6cXV4\n"));
  EXPECT_TRUE(HoldsCredentials("{\"auths\":{\"r.example\":{\"auth\":\"Y2k6cHc=\"}}}"));
  EXPECT_TRUE(HoldsCredentials("users:\n- name: ci\n  user:\n    token: kq83nd8s7d6f5g\n"));
  EXPECT_TRUE(HoldsCredentials("users:\n- user:\n    client-key-data: LS0tLS1CRUdJTg==\n"));
  EXPECT_TRUE(HoldsCredentials("machine api.example.com login ci password hunter22\n"));
  EXPECT_TRUE(HoldsCredentials("machine h\n  login ci\n  password hunter22\n"));
  EXPECT_TRUE(HoldsCredentials("[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5v\n"));
  EXPECT_TRUE(HoldsCredentials("export API_KEY=c2f9a8e7d6\n"));
  // Not credentials: references, placeholders, helpers, structure, booleans, paths.
  EXPECT_FALSE(HoldsCredentials("//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n"));
  EXPECT_FALSE(HoldsCredentials("registry=https://npm.example/\nalways-auth=true\n"));
  EXPECT_FALSE(HoldsCredentials("{\"auths\":{},\"credsStore\":\"desktop\"}"));
  EXPECT_FALSE(HoldsCredentials("{\"credHelpers\":{\"gcr.io\":\"gcloud\"}}"));
  EXPECT_FALSE(HoldsCredentials("users:\n- user:\n    client-key: /etc/k8s/client.key\n"));
  EXPECT_FALSE(HoldsCredentials("PORT=3000\nNODE_ENV=production\n# SECRET_KEY=abcdef123\n"));
  EXPECT_FALSE(HoldsCredentials("DB_PASSWORD=changeme\nTOKEN=\n"));
  // A build step's text: a reference writes the variable's value into the file.
  EXPECT_TRUE(HoldsCredentials("//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n", true));
  EXPECT_FALSE(HoldsCredentials("registry=https://npm.example/\n", true));
}

TEST(CredentialFiles, VendoredTrees) {
  EXPECT_TRUE(IsVendoredPath("app/node_modules/pkg/.npmrc"));
  EXPECT_TRUE(IsVendoredPath("usr/lib/python3/dist-packages/x/tests/key.p12"));
  EXPECT_TRUE(IsVendoredPath("usr/local/lib/python3.12/site-packages/botocore/.env"));
  EXPECT_TRUE(IsVendoredPath("go/pkg/mod/github.com/x/y/testdata/id_rsa"));
  EXPECT_TRUE(IsVendoredPath("app/vendor/github.com/x/credentials.json"));
  EXPECT_FALSE(IsVendoredPath("app/credentials.json"));
  EXPECT_FALSE(IsVendoredPath("root/node_modules"));  // the file itself, not a directory
  EXPECT_FALSE(IsVendoredPath("app/vendors/.env"));
}

TEST(CredentialFiles, Variables) {
  for (const char* n : {"AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
                        "GOOGLE_APPLICATION_CREDENTIALS", "HF_TOKEN_PATH", "KUBECONFIG",
                        "DB_PASSWORD_FILE", "api_token_path", "POSTGRES_PASSWORD_FILE"}) {
    EXPECT_TRUE(IsCredentialFileVariable(n)) << n;
    EXPECT_FALSE(IsCredentialVariable(n)) << n;
  }
  for (const char* n : {"CONFIG_FILE", "LOG_PATH", "GPG_KEY_FILE_URL", "PATH"}) {
    EXPECT_FALSE(IsCredentialFileVariable(n)) << n;
  }
  for (const char* n : {"NPM_TOKEN", "AWS_ACCESS_KEY_ID", "REACT_APP_AWS_ACCESS_KEY_ID",
                        "ARTIFACTORY_PSW", "DB_PASSWORD", "apiKey", "GITHUB_AUTH"}) {
    EXPECT_TRUE(IsCredentialVariable(n)) << n;
  }
  for (const char* n :
       {"ARTIFACTORY_USR", "PUBLIC_KEY", "KEY_ID", "GPG_KEY", "APP_VERSION", "AZURE_CLIENT_ID"}) {
    EXPECT_FALSE(IsCredentialVariable(n)) << n;
  }
}

}  // namespace
}  // namespace drydock::secrets
