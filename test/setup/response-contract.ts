/**
 * Every response a test receives, through `inject` or over HTTP, from any app built in this process
 * is checked against the OpenAPI document (src/plugins/response-contract.ts): a test during which an
 * answer broke the contract fails, whatever it asserted itself.
 */
import { subscribe } from 'node:diagnostics_channel';
import { afterAll, afterEach } from 'vitest';
import { RESPONSE_CONTRACT_CHANNEL, type ContractViolation } from '../../src/plugins/response-contract.js';

const seen: ContractViolation[] = [];
// On globalThis: a test of the hook itself takes the violations it provokes (see takeContractViolations).
(globalThis as { __responseContractViolations?: ContractViolation[] }).__responseContractViolations = seen;
subscribe(RESPONSE_CONTRACT_CHANNEL, (message) => seen.push(message as ContractViolation));

function failOnViolations(): void {
  if (!seen.length) return;
  const lines = seen.splice(0).map((v) => `${v.method} ${v.url} → ${v.status} (${v.operation}): ${v.problem}`);
  throw new Error(`responses broke the OpenAPI document:\n${[...new Set(lines)].join('\n')}`);
}

afterEach(failOnViolations);
afterAll(failOnViolations);
