// SPDX-License-Identifier: Apache-2.0
// Validates a CycloneDX JSON document against the official JSON schema of its specVersion with
// @cyclonedx/cyclonedx-library (strict variant where the library has one), which bundles the
// bom-1.x schemas and the spdx / jsf / cryptography-defs schemas they reference.
//
// Usage: node validate-cyclonedx.mjs MODULES_DIR FILE
//   MODULES_DIR: the node_modules holding the library and its ajv plug-ins
//                (scripts/install-sbom-validator puts them in build/npm/cyclonedx/node_modules).
// Exit: 0 valid, 1 invalid (the schema errors on stdout as JSON), 77 validator not installed,
// 2 usage or unreadable file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [modules, file] = process.argv.slice(2);
if (!modules || !file) {
  console.error('usage: node validate-cyclonedx.mjs MODULES_DIR FILE');
  process.exit(2);
}
let CDX;
try {
  CDX = createRequire(join(resolve(modules), 'noop.js'))('@cyclonedx/cyclonedx-library');
} catch (e) {
  console.error(`validator not installed: ${e.message}`);
  process.exit(77);
}
let text;
try {
  text = readFileSync(file, 'utf8');
} catch (e) {
  console.error(`cannot read ${file}: ${e.message}`);
  process.exit(2);
}
let version;
try {
  version = JSON.parse(text).specVersion;
} catch (e) {
  console.log(JSON.stringify([{ message: `not JSON: ${e.message}` }]));
  process.exit(1);
}
if (!Object.values(CDX.Spec.Version).includes(version)) {
  console.log(JSON.stringify([{ message: `unknown specVersion ${version}` }]));
  process.exit(1);
}
let validator = new CDX.Validation.JsonStrictValidator(version);
try {
  const errors = await validator.validate(text);
  if (errors === null) {
    console.log(`valid CycloneDX ${version} (strict schema)`);
    process.exit(0);
  }
  console.log(JSON.stringify(errors, null, 2));
  process.exit(1);
} catch (e) {
  if (e instanceof CDX.Validation.MissingOptionalDependencyError) {
    console.error(`validator not installed: ${e.message}`);
    process.exit(77);
  }
  if (e instanceof CDX.Validation.NotImplementedError) {
    validator = new CDX.Validation.JsonValidator(version);
    const errors = await validator.validate(text);
    if (errors === null) {
      console.log(`valid CycloneDX ${version}`);
      process.exit(0);
    }
    console.log(JSON.stringify(errors, null, 2));
    process.exit(1);
  }
  throw e;
}
