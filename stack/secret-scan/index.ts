/*
 * The secret scan of a run's logs and durable histories (the end-to-end test and `npm run demo` run it): no
 * configured secret may appear in anything a run writes, as is or encoded.
 */
export { configuredSecrets, minSecretLength, stackSecrets, type ConfiguredSecrets, type NamedSecret } from './configured-secrets.js';
export { encodedForms, type EncodedForm } from './encodings.js';
export { describeScan, runFiles, scanFiles, scanRunFiles, type ScanReport, type ScanRoots, type SecretHit } from './scan-files.js';
export { fileLines, teeProcessOutput } from './process-output.js';
