// planFlow: check a flow against its resolved operations and turn every link into a concrete
// "read here, write there" instruction. Tolerates the field-path dialects seen in the corpus.
import { childPath, isObject, type JsonObject, type Problem } from './json';
import { checkLinks, isFlowEnd, splitFieldPath } from './links';
import type { ParameterLocation, ResolvedOperation } from './openapi';
import type { Flow } from './types';
import { Checker } from './validate';

/** actionId → its resolved operation, for one flow. */
export type ResolvedActions = Map<string, ResolvedOperation>;

export type InputTarget =
  | { kind: 'all-parameters' }
  | { kind: 'parameter'; name: string; in?: ParameterLocation }
  | { kind: 'body'; path: string[] }
  | { kind: 'output'; path: string[] }
  | { kind: 'ignored' };

export interface PlannedLink {
  /** Index in `flow.links`, or -1 for an implicit link. */
  index: number;
  /** null: the flow's inputs. */
  fromActionId: string | null;
  /** Path into `{ parameters, requestBody }` (flow) or `{ parameters, requestBody, responses: { success } }` (action). */
  fromPath: string[];
  target: InputTarget;
}

export interface PlanStep {
  actionId: string;
  sourceId: string;
  operation: ResolvedOperation;
  links: PlannedLink[];
  /** What the step will do, for an approval screen: `GET https://api.giphy.com/v1/gifs/search`. */
  summary: string;
}

export interface FlowPlan {
  flow: Flow;
  steps: PlanStep[];
  outputLinks: PlannedLink[];
  /** True when the flow declares no links and its inputs are passed by name to its only action. */
  implicitInputs: boolean;
}

export type PlanResult = { ok: true; plan: FlowPlan; problems: Problem[] } | { ok: false; problems: Problem[] };

const LOCATION_ROOTS = new Set<string>(['query', 'path', 'header', 'cookie']);

/** Top-level property names a body schema declares, or null when it does not say. */
export function bodyProperties(schema: JsonObject | null): Set<string> | null {
  if (!schema) return null;
  const names = new Set<string>();
  let declared = false;
  let open = false;
  const visit = (s: JsonObject, depth: number) => {
    if (isObject(s.properties)) {
      declared = true;
      for (const k of Object.keys(s.properties)) names.add(k);
    }
    if (s.additionalProperties === true || isObject(s.additionalProperties)) open = true;
    if (depth > 3) return;
    for (const key of ['allOf', 'oneOf', 'anyOf']) {
      const list = s[key];
      if (Array.isArray(list)) for (const m of list) if (isObject(m)) visit(m, depth + 1);
    }
  };
  visit(schema, 0);
  return declared && !open ? names : null;
}

function classifyTarget(c: Checker, fieldPath: string, op: ResolvedOperation, at: string): InputTarget {
  const [root, ...rest] = splitFieldPath(fieldPath);
  const name = rest.join('.');
  const where = `operation '${op.operationId}'`;
  const props = bodyProperties(op.requestBody?.schema ?? null);
  if (root === 'parameters') {
    if (rest.length === 0) return { kind: 'all-parameters' };
    const indexed = /^(\d+)(\.value)?$/.exec(name);
    if (indexed) {
      const param = op.parameters[Number(indexed[1])];
      if (param) return { kind: 'parameter', name: param.name, in: param.in };
      c.warn(at, `'${fieldPath}' indexes parameter ${indexed[1]}, but ${where} has ${op.parameters.length}; the link is ignored`);
      return { kind: 'ignored' };
    }
    const param = op.parameters.find((p) => p.name === name);
    if (param) return { kind: 'parameter', name, in: param.in };
    if (op.requestBody && props?.has(rest[0])) {
      c.warn(at, `'${fieldPath}' names no parameter of ${where} but a property of its request body; the value goes in the body`);
      return { kind: 'body', path: rest };
    }
    c.warn(at, `'${fieldPath}' names no parameter of ${where}; the value is not sent`);
    return { kind: 'parameter', name };
  }
  if (LOCATION_ROOTS.has(root) && rest.length > 0) {
    const param = op.parameters.find((p) => p.name === name);
    if (!param) {
      c.warn(at, `'${fieldPath}' names no ${root} parameter of ${where}; the value is not sent`);
      return { kind: 'parameter', name, in: root as ParameterLocation };
    }
    if (param.in !== root) c.warn(at, `'${fieldPath}': '${name}' is a ${param.in} parameter of ${where}, not a ${root} parameter; sent as ${param.in}`);
    return { kind: 'parameter', name, in: param.in };
  }
  if (root === 'requestBody') {
    if (!op.requestBody) c.warn(at, `'${fieldPath}': ${where} declares no request body; the value is sent as a JSON body anyway`);
    else if (props && rest.length > 0 && !props.has(rest[0])) c.warn(at, `'${fieldPath}': '${rest[0]}' is not a property of the request body of ${where}`);
    return { kind: 'body', path: rest };
  }
  return { kind: 'ignored' };
}

/** Classifies every link of `flow` against the operations; reports tolerated oddities as warnings. */
export function planLinks(c: Checker, flow: Flow, actions: ResolvedActions): { perAction: Map<string, PlannedLink[]>; outputs: PlannedLink[]; implicit: boolean } {
  const perAction = new Map<string, PlannedLink[]>(flow.actions.map((a) => [a.id, []]));
  const outputs: PlannedLink[] = [];
  flow.links.forEach((link, index) => {
    const fromActionId = isFlowEnd(link.origin, flow) ? null : link.origin.actionId;
    const fromPath = splitFieldPath(link.origin.fieldPath);
    const at = childPath(childPath(childPath(childPath(flow.at, 'links'), index), 'target'), 'fieldPath');
    if (isFlowEnd(link.target, flow)) {
      const [root, ...rest] = splitFieldPath(link.target.fieldPath);
      if (root === 'responses') outputs.push({ index, fromActionId, fromPath, target: { kind: 'output', path: rest[0] === 'success' ? rest.slice(1) : rest } });
      return;
    }
    const op = actions.get(link.target.actionId as string);
    const list = perAction.get(link.target.actionId as string);
    if (!op || !list) return;
    list.push({ index, fromActionId, fromPath, target: classifyTarget(c, link.target.fieldPath, op, at) });
  });
  const hasInputs = flow.fields.parameters.length > 0 || flow.fields.requestBody !== undefined;
  let implicit = false;
  if (flow.links.length === 0 && hasInputs) {
    const first = flow.actions[0];
    if (flow.actions.length === 1 && first && actions.has(first.id)) {
      implicit = true;
      const op = actions.get(first.id) as ResolvedOperation;
      c.warn(childPath(flow.at, 'links'), `is missing: the flow's inputs are passed by name to its only action '${first.id}'`);
      perAction.set(first.id, [
        { index: -1, fromActionId: null, fromPath: ['parameters'], target: { kind: 'all-parameters' } },
        { index: -1, fromActionId: null, fromPath: ['requestBody'], target: op.requestBody ? { kind: 'body', path: [] } : { kind: 'all-parameters' } },
      ]);
    } else if (flow.actions.length > 1) {
      c.warn(childPath(flow.at, 'links'), "is missing: the flow's inputs reach none of its actions");
    }
  }
  return { perAction, outputs, implicit };
}

/** Builds the executable plan of one flow, or explains why it cannot run. */
export function planFlow(flow: Flow, actions: ResolvedActions): PlanResult {
  const c = new Checker('agents.json');
  checkLinks(c, flow, flow.at);
  flow.actions.forEach((a, i) => {
    if (!actions.has(a.id)) c.error(childPath(childPath(flow.at, 'actions'), i), `'${a.id}' has no resolved operation ('${a.operationId}' in source '${a.sourceId}'), so the flow cannot run`);
  });
  if (flow.actions.length === 0) c.error(childPath(flow.at, 'actions'), 'is empty, so the flow does nothing');
  const { perAction, outputs, implicit } = planLinks(c, flow, actions);
  if (c.errorCount > 0) return { ok: false, problems: c.problems };
  const steps = flow.actions.map((a): PlanStep => {
    const operation = actions.get(a.id) as ResolvedOperation;
    return {
      actionId: a.id, sourceId: a.sourceId, operation, links: perAction.get(a.id) ?? [],
      summary: `${operation.method} ${operation.serverUrl ?? '(no server)'}${operation.path}`,
    };
  });
  return { ok: true, plan: { flow, steps, outputLinks: outputs, implicitInputs: implicit }, problems: c.problems };
}
