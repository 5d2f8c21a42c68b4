import type { ContractViolation } from '../../src/plugins/response-contract.js';

/** Takes (and clears) the violations recorded so far, for tests that provoke them on purpose. */
export function takeContractViolations(): ContractViolation[] {
  const seen = (globalThis as { __responseContractViolations?: ContractViolation[] }).__responseContractViolations;
  return seen ? seen.splice(0) : [];
}
