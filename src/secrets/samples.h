// SPDX-License-Identifier: Apache-2.0
// What is not a finding although a detector rule matched it: vendors' published documentation and
// sample credentials (one table, each row with the document that publishes it), values that say
// they are fixtures (`fake`, `dummy`, `example`, …) and hex digests named as such
// (`"hashed_secret": "<sha1>"`, `sha256sum = <64 hex>`). Scan drops a match when
// IsKnownNonSecret holds, next to IsPlaceholder. Pure functions, thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace drydock::secrets {

struct KnownSample {
  // The value exactly as a rule captures it; "||" inside it is removed before comparing (as in
  // ExampleText) so that this source does not carry scanner-triggering literals.
  std::string_view value;
  std::string_view what;    // "AWS access key ID of the IAM documentation"
  std::string_view source;  // the URL (or RFC section) that publishes it as a sample
};

// Published samples. Only values that a vendor or a standard publishes as a placeholder for
// documentation, tutorials or local emulators (they grant nothing, or only on a local emulator).
inline constexpr auto kKnownSamples = std::to_array<KnownSample>({
    {"AK||IAIOSFODNN7EXAMPLE", "AWS access key ID of the IAM documentation",
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html; "
     "https://aws.amazon.com/developers/access-keys/"},
    {"wJalrXUtnFEMI/K7MDENG/bPxRfiCY||EXAMPLEKEY", "AWS secret access key of the IAM documentation",
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html; "
     "https://aws.amazon.com/developers/access-keys/"},
    {"AK||IAI44QH8DHBEXAMPLE", "AWS access key ID of the CLI guide's second profile",
     "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html"},
    {"je7MtGbClwBF/2Zp9Utk/h3yCo8nvb||EXAMPLEKEY",
     "AWS secret access key of the CLI guide's second profile",
     "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html"},
    {"wJalrXUtnFEMI/K7MDENG+bPxRfiCY||EXAMPLEKEY",
     "AWS secret access key of the Signature Version 4 examples (key id AKIDEXAMPLE)",
     "https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html"},
    {"ey||JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwi"
     "aWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
     "jwt.io's sample token (HS256, secret `your-256-bit-secret`, John Doe)",
     "https://jwt.io/introduction (the debugger's default token until 2024)"},
    {"ey||JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwi"
     "YWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30",
     "jwt.io's sample token (HS256, secret `a-string-secret-at-least-256-bits-long`, John Doe, "
     "admin)",
     "https://jwt.io (the debugger's default token)"},
    {"ey||J0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQog"
     "Imh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
     "the example JWT of RFC 7519 (HMAC key of RFC 7515 appendix A.1)",
     "https://www.rfc-editor.org/rfc/rfc7519#section-3.1"},
    {"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/"
     "K1SZFPTOtr/KBHBeksoGMGw||==",
     "Azurite / Azure Storage Emulator account key (account devstoreaccount1)",
     "https://learn.microsoft.com/azure/storage/common/"
     "storage-use-azurite#well-known-storage-account-and-key"},
    {"C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/"
     "Jw||==",
     "Azure Cosmos DB emulator key",
     "https://learn.microsoft.com/azure/cosmos-db/emulator (well-known key); "
     "https://learn.microsoft.com/azure/data-api-builder/quickstart-nosql"},
    {"sk||_test_BQokikJOvBiI2HlWgH4olfQ2", "Stripe's sample test-mode secret key",
     "https://docs.stripe.com/api/authentication (\"a sample test API key is included in all the "
     "examples\")"},
    {"sk||_test_4eC39HqLyjWDarjtT1zdp7dc",
     "Stripe's earlier sample test-mode secret key of the API reference",
     "https://stripe.com/docs/api (sample key of the code examples before the 2024 docs)"},
});

// True when `value` is one of kKnownSamples.
bool IsKnownSample(std::string_view value);

// True when the value says it is a fixture: it contains `fake`, `dummy`, `example`, `sample`,
// `placeholder` or `redacted` (ASCII case-insensitive). For a PEM block only its first line (the
// BEGIN header) is looked at: a base64 body hides such words by chance (~1 key in 700).
bool SaysItIsFake(std::string_view value);

// True when `value` is a hex digest (32, 40, 56, 64, 96 or 128 hex digits: md5 … sha512) and the
// name it is assigned to (the identifier that ends `before`, past quotes, blanks, `:`, `=`, `>`)
// names a hash: a token sha1…sha512 / sha3 (also `sha256sum`), md5, hash, hashed, checksum,
// digest or integrity (`hashed_secret`, `sha256`, `fileChecksum`, `integrity_sha1`).
bool IsNamedHash(std::string_view value, std::string_view before);

// The post-filter of Scan: a known sample, a value that says it is fake, or a named hash.
// `before` is the text on the value's line before it (LineBefore).
bool IsKnownNonSecret(std::string_view value, std::string_view before);

// The bytes of `text` on the line of `offset` before it (at most 256 of them).
std::string_view LineBefore(std::string_view text, std::size_t offset);

}  // namespace drydock::secrets
