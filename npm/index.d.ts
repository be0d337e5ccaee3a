// The types of the package's main entry (`import … from 'yibao-family'`): the engine's API as
// wasm-bindgen declares it (pkg/yibao_family.d.ts, written by wasm-pack with the build) and the
// contract, generated from schema/scenario.schema.json and schema/report.schema.json
// (types/scenario.d.ts, types/report.d.ts; scripts/package-npm.mjs).

export * from './pkg/yibao_family.js';
export { default } from './pkg/yibao_family.js';

/** The engine's input: one household (schema/scenario.schema.json). */
export type { Scenario } from './types/scenario.js';
/** The engine's answer (schema/report.schema.json). */
export type { Report } from './types/report.js';
/** Every named part of the input (`ScenarioTypes.Person`, `ScenarioTypes.Costs`, …). */
export * as ScenarioTypes from './types/scenario.js';
/** Every named part of the answer (`ReportTypes.Person`, `ReportTypes.Reason`, …). */
export * as ReportTypes from './types/report.js';

/** Why an input was refused: the JSON path of the first problem, a stable code and a message in
 *  the scenario's locale (README, "The contract"). */
export interface InputError {
  path: string;
  code: string;
  message: string;
}

/** What the engine returns instead of a report for input it refuses: a value, never a throw. */
export interface ErrorReply {
  error: InputError;
}
