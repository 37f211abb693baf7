// Wildcard agents.json: parse and validate, resolve actions to OpenAPI operations, describe flow
// inputs as a form, plan and run flows with an injected fetch.
export type * from './types';
export { parseAgentsJson, resolveFetchableUrl, AGENTS_JSON_MAX_BYTES } from './parse';
export { detectForeignDialect, cappedText } from './dialects';
export { parseOpenApi, OPENAPI_MAX_BYTES } from './openapi';
export type { OpenApiDoc, ResolvedOperation, ResolvedParameter, ResolvedRequestBody, SecurityScheme, HttpMethod, ParameterLocation } from './openapi';
export { resolveOperations, applyOverride } from './resolve';
export type { Resolution, ResolvedSource } from './resolve';
export { flowForm } from './form';
export type { FlowForm, FormField, FormFieldType } from './form';
export { planFlow } from './plan';
export type { FlowPlan, PlanStep, PlannedLink, InputTarget, PlanResult, ResolvedActions } from './plan';
export { buildRequest } from './request';
export type { Credential, SourceAuth, BuiltRequest } from './request';
export { runFlow, RUN_DEFAULT_TIMEOUT_MS, RUN_DEFAULT_MAX_RESPONSE_BYTES } from './run';
export type { FetchLike, FetchInit, FlowInput, FlowProgress, FlowRunResult, RunFlowOptions, StepOutcome } from './run';
export { parseJsonText, parseYamlText, parseJsonOrYaml, YAML_MAX_ALIAS_COUNT } from './json';
